"""RFC 3339 timestamps as integer nanoseconds since the Unix epoch, fast enough for every log line.

Every log line carries a timestamp, so parsing is on the hot path. `datetime` cannot hold
nanoseconds and `strptime` costs microseconds; instead the `YYYY-MM-DDTHH:MM:SS` prefix, which
repeats for every line within one second, is validated once and cached, and the common suffix
(`.<digits>Z`, as the kubelet writes it) is read with string slicing.
"""

from __future__ import annotations

import datetime
import re
import time
from typing import Final

from backend.refresh.streams.limits import TIMESTAMP_CACHE_ENTRIES

_NS_PER_S: Final = 1_000_000_000
_EPOCH_ORDINAL: Final = datetime.date(1970, 1, 1).toordinal()
_PREFIX_LEN: Final = 19  # len("YYYY-MM-DDTHH:MM:SS")
_PREFIX = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)", re.ASCII)
_SUFFIX = re.compile(r"(?:\.(\d+))?(?:[Zz]|([+-])(\d\d):(\d\d))", re.ASCII)
# Scale of a fraction with n digits (n <= 9) to nanoseconds.
_FRACTION_SCALE: Final[tuple[int, ...]] = tuple(int(10 ** (9 - digits)) for digits in range(10))
_ERROR_TEXT_LIMIT: Final = 120

_seconds_by_prefix: dict[str, int] = {}
_prefix_by_second: dict[int, str] = {}


def parse_rfc3339_ns(text: str) -> int:
    """Nanoseconds since the epoch of an RFC 3339 timestamp; ValueError naming `text` if it is not one.

    Accepts `T`/`t`, `Z`/`z` or a `±HH:MM` offset, and 0 or more fraction digits (digits past the
    ninth are truncated). A leap second (`:60`) counts as the first second of the next minute.
    """
    seconds = _seconds_by_prefix.get(text[:_PREFIX_LEN])
    if seconds is None:
        seconds = _parse_prefix(text)
    # Fast path: ".<1..9 digits>Z", the kubelet's RFC3339Nano.
    if text[-1:] == "Z" and text[_PREFIX_LEN : _PREFIX_LEN + 1] == ".":
        fraction = text[_PREFIX_LEN + 1 : -1]
        if 0 < len(fraction) <= 9 and fraction.isascii() and fraction.isdigit():
            return seconds * _NS_PER_S + int(fraction) * _FRACTION_SCALE[len(fraction)]
    return _parse_suffix(text, seconds)


def split_log_line(line: str) -> tuple[int, str]:
    """Split a kubelet line `<timestamp> <text>` (without its line break) into (ns, text)."""
    stamp, _, text = line.partition(" ")
    try:
        return parse_rfc3339_ns(stamp), text
    except ValueError as error:
        raise ValueError(
            f"log line does not start with an RFC 3339 timestamp: {_shorten(line)!r}"
        ) from error


def format_rfc3339_ns(ns: int) -> str:
    """`YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ` (always nine fraction digits, UTC) for nanoseconds since the epoch."""
    seconds, fraction = divmod(ns, _NS_PER_S)
    prefix = _prefix_by_second.get(seconds)
    if prefix is None:
        prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        if len(_prefix_by_second) >= TIMESTAMP_CACHE_ENTRIES:
            _prefix_by_second.clear()
        _prefix_by_second[seconds] = prefix
    return f"{prefix}.{fraction:09d}Z"


def _parse_prefix(text: str) -> int:
    """Seconds since the epoch of the date and time before any fraction or offset; cached."""
    match = _PREFIX.match(text)
    if match is None:
        raise _not_a_timestamp(text)
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    try:
        ordinal = datetime.date(year, month, day).toordinal()
    except ValueError:
        raise _not_a_timestamp(text, "no such date") from None
    if hour > 23 or minute > 59 or second > 60:
        raise _not_a_timestamp(text, "time of day out of range")
    seconds = ((ordinal - _EPOCH_ORDINAL) * 24 + hour) * 3600 + minute * 60 + second
    if len(_seconds_by_prefix) >= TIMESTAMP_CACHE_ENTRIES:
        _seconds_by_prefix.clear()
    _seconds_by_prefix[text[:_PREFIX_LEN]] = seconds
    return seconds


def _parse_suffix(text: str, seconds: int) -> int:
    """Fraction and offset after the prefix, in full generality (the slow path)."""
    match = _SUFFIX.fullmatch(text, _PREFIX_LEN)
    if match is None:
        raise _not_a_timestamp(text)
    fraction, sign, offset_hours, offset_minutes = match.groups()
    ns = seconds * _NS_PER_S
    if fraction:
        digits = fraction[:9]
        ns += int(digits) * _FRACTION_SCALE[len(digits)]
    if sign:
        hours, minutes = int(offset_hours), int(offset_minutes)
        if hours > 23 or minutes > 59:
            raise _not_a_timestamp(text, "offset out of range")
        offset_ns = (hours * 3600 + minutes * 60) * _NS_PER_S
        ns = ns - offset_ns if sign == "+" else ns + offset_ns
    return ns


def _not_a_timestamp(text: str, why: str = "") -> ValueError:
    detail = f" ({why})" if why else ""
    return ValueError(f"not an RFC 3339 timestamp{detail}: {_shorten(text)!r}")


def _shorten(text: str) -> str:
    return text if len(text) <= _ERROR_TEXT_LIMIT else text[:_ERROR_TEXT_LIMIT] + "…"
