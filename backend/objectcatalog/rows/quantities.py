"""Kubernetes resource quantities ("250m", "1.5", "64Mi", "1e9") as numbers.

CPU becomes millicores (a float: metrics-server reports nanocores), memory becomes bytes. A value
that is not a quantity reads as None, so one odd object cannot break a table.
"""

from __future__ import annotations

from functools import lru_cache

_SUFFIXES = {
    "n": 1e-9,
    "u": 1e-6,
    "m": 1e-3,
    "": 1.0,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "Ki": 1024.0,
    "Mi": 1024.0**2,
    "Gi": 1024.0**3,
    "Ti": 1024.0**4,
    "Pi": 1024.0**5,
    "Ei": 1024.0**6,
}


@lru_cache(maxsize=4096)
def quantity(text: str) -> float | None:
    """The quantity's value in base units (cores, bytes), or None."""
    text = text.strip()
    if not text:
        return None
    for size in (2, 1, 0):
        suffix = text[-size:] if size else ""
        factor = _SUFFIXES.get(suffix)
        if factor is None or (size and suffix.isdigit()):
            continue
        number = text[: len(text) - size] if size else text
        try:
            return float(number) * factor
        except ValueError:
            continue
    return None


def millicores(text: str | None) -> float | None:
    value = quantity(text) if text else None
    return None if value is None else round(value * 1000, 3)


def byte_count(text: str | None) -> int | None:
    value = quantity(text) if text else None
    return None if value is None else int(value)
