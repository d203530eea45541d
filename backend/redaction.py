"""Credentials in free text read `[redacted]`: for the log file and for messages quoting others.

The app log and an exec plugin's stderr (shown in diagnostics) are both text the app does not
control, and both end up in bug reports. `redact` replaces the values of credential-named keys in
every form they are written in — `k=v` (URL queries, kwargs reprs), `k: v` (YAML) and JSON or dict
reprs, quoted or not, escaped once — Bearer/Basic authorization values, JWTs (OIDC id tokens)
and PEM private keys wherever they stand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

REDACTED = "[redacted]"
MIN_CREDENTIAL_LENGTH = 8  # "Bearer token expired" is prose, not a credential

# Keys whose value is a credential. `token` also covers `id_token`, `refresh-token`,
# `access_token`; the key must end right there (`tokenFile`, `token_type` are not credentials).
_KEYS = r"(?:token|password|passwd|client[-_]?secret|client-key-data)"
_NOT_DONE = f"(?!{re.escape(REDACTED)})"  # so that redacting twice changes nothing more

# Each pattern starts with a literal (a key, a scheme, a marker), so a long line costs linear
# time. Groups are what stays before the `[redacted]`.
_PATTERNS = (
    # Authorization headers and their reprs: `Bearer eyJhbGciOi…`, `Basic dXNlcjpwYXNz`
    re.compile(rf"(?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{{{MIN_CREDENTIAL_LENGTH},}}"),
    # A JWT anywhere (its header always starts `{"` → `eyJ`)
    re.compile(r"()\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"),
    # A PEM private key, or the start of one cut off
    re.compile(
        rf"(-----BEGIN [A-Z ]*PRIVATE KEY-----){_NOT_DONE}"
        r"(?:[^-]|-(?!----END))*(?:-----END [A-Z ]*PRIVATE KEY-----)?"
    ),
    # `key=value`, `key: value`, `"key": "value"`, `'key'='value'`, `\"key\": \"value\"`:
    # group 1 is the key and separator, group 2 an opening quote; a quoted value runs to its
    # closing quote (spaces included), an unquoted one to the next space or delimiter.
    re.compile(
        rf"(?i)({_KEYS}(?:\\?[\"'])?[ \t]*[:=][ \t]*)(\\?[\"'])?{_NOT_DONE}"
        r"(?(2)[^\"'\\\r\n]+|(?![\s\"'\\])[^\s\"'\\&,;}\])]+)"
    ),
)


def redact(text: str, known: Iterable[str] = ()) -> str:
    """`text` with each `known` secret and every credential-shaped value replaced by REDACTED."""
    for secret in known:
        if secret:
            text = text.replace(secret, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(_keep_label, text)
    return text


def _keep_label(match: re.Match[str]) -> str:
    return "".join(part or "" for part in match.groups()) + REDACTED
