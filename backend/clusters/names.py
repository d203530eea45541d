"""What a Kubernetes object name and namespace may be, checked before either goes into a URL path.

A name becomes one path segment of a request, so anything that would change the path's meaning
is refused: `.` and `..` (an HTTP client removes them, turning `/secrets/.` into the list of
every Secret), `/`, `%`, `?` and `#`, whitespace and control characters. Beyond that, names are
left as loose as the API server's own path-segment rule, because some kinds (RBAC's
`system:controller:…`) use characters a DNS name may not have. Namespaces are always DNS labels.
Group, version and kind must look like what discovery serves. Each check returns why a value is
refused (a phrase for a message), or None.
"""

from __future__ import annotations

import re

MAX_NAME_LENGTH = 253
MAX_NAMESPACE_LENGTH = 63

_NAMESPACE = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_GROUP = re.compile(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*")
_VERSION = re.compile(r"[a-z0-9]+")
_KIND = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_PATH_CHARACTERS = ("/", "%", "?", "#")


def name_problem(value: str) -> str | None:
    """Why `value` cannot be an object (or pod, or container) name; None when it can."""
    if not value:
        return "is empty"
    if value in (".", ".."):
        return f"may not be `{value}`"
    for char in _PATH_CHARACTERS:
        if char in value:
            return f"may not contain `{char}`"
    if any(char.isspace() or not char.isprintable() for char in value):
        return "may not contain whitespace or control characters"
    if len(value) > MAX_NAME_LENGTH:
        return f"is longer than {MAX_NAME_LENGTH} characters"
    return None


def namespace_problem(value: str) -> str | None:
    """Why `value` cannot be a namespace (a DNS label, as the API server requires); or None."""
    if not value:
        return "is empty"
    if len(value) > MAX_NAMESPACE_LENGTH or not _NAMESPACE.fullmatch(value):
        return (
            "is not a namespace name (lower-case letters, digits and `-`, at most"
            f" {MAX_NAMESPACE_LENGTH} characters)"
        )
    return None


def group_problem(value: str) -> str | None:
    """Why `value` cannot be an API group ("" is the core group); or None."""
    return None if not value or _GROUP.fullmatch(value) else "is not an API group"


def version_problem(value: str) -> str | None:
    return None if _VERSION.fullmatch(value) else "is not an API version"


def kind_problem(value: str) -> str | None:
    return None if _KIND.fullmatch(value) else "is not a kind"
