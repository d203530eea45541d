"""One stored Helm release: base64 → gzip → JSON, bounded in size.

Helm keeps each revision in a Secret (`data.release`, base64 once more by the API) or a
ConfigMap (`data.release`), as base64 of gzipped JSON. A payload too large or not decodable
becomes a `ReleaseDecodeError` with a sentence; the list shows it as a row with an error.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from typing import Any

from backend.objectcatalog.helm.limits import MAX_ENCODED_BYTES, MAX_JSON_BYTES

GZIP_MAGIC = b"\x1f\x8b"


class ReleaseDecodeError(Exception):
    """The stored payload is not a release this code can read; the message says why."""


def decode_release(stored: str, *, from_secret: bool) -> dict[str, Any]:
    """The release JSON of one storage object's `data.release` value."""
    if len(stored) > MAX_ENCODED_BYTES:
        raise ReleaseDecodeError(
            f"the stored release is {len(stored)} bytes, more than {MAX_ENCODED_BYTES} are read"
        )
    data = _b64(stored.encode("ascii", "replace"), "the stored value")
    if from_secret:
        data = _b64(data, "the Secret's release value")
    if data[:2] == GZIP_MAGIC:
        data = _gunzip(data)
    if len(data) > MAX_JSON_BYTES:
        raise ReleaseDecodeError(f"the release is larger than {MAX_JSON_BYTES} bytes")
    try:
        release = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ReleaseDecodeError(f"the release is not JSON ({exc.__class__.__name__})") from None
    if not isinstance(release, dict):
        raise ReleaseDecodeError("the release is not a JSON object")
    return release


def _b64(data: bytes, what: str) -> bytes:
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ReleaseDecodeError(f"{what} is not base64") from None


def _gunzip(data: bytes) -> bytes:
    """At most MAX_JSON_BYTES + 1 bytes out, whatever the compressed size promises."""
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = inflater.decompress(data, MAX_JSON_BYTES + 1)
    except zlib.error:
        raise ReleaseDecodeError("the release is not valid gzip") from None
    if len(out) > MAX_JSON_BYTES:
        raise ReleaseDecodeError(f"the release unpacks to more than {MAX_JSON_BYTES} bytes")
    return out


def chart_metadata(release: dict[str, Any]) -> dict[str, Any]:
    chart = release.get("chart")
    meta = chart.get("metadata") if isinstance(chart, dict) else None
    return meta if isinstance(meta, dict) else {}


def info(release: dict[str, Any]) -> dict[str, Any]:
    value = release.get("info")
    return value if isinstance(value, dict) else {}


def coalesce_values(defaults: Any, user: Any) -> dict[str, Any]:
    """The chart's defaults with the user's values over them, as Helm merges them: maps merge
    key by key, anything else the user sets wins, and a user `null` removes the default."""
    base = dict(defaults) if isinstance(defaults, dict) else {}
    for key, value in (user if isinstance(user, dict) else {}).items():
        if value is None:
            base.pop(key, None)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = coalesce_values(base[key], value)
        else:
            base[key] = value
    return base
