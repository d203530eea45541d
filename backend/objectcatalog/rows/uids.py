"""Compact uids: a UUID kept as a 128-bit int takes 44 bytes instead of the 85 of its text.

Used for the kinds with the most rows (pods). Anything that is not a lowercase UUID stays text,
so unpacking always gives back exactly the uid the server sent.
"""

from __future__ import annotations

_DASHES = (8, 13, 18, 23)


def pack_uid(text: str) -> int | str:
    if (len(text) != 36 or not all(text[i] == "-" for i in _DASHES)
            or "_" in text or text.lower() != text):
        return text
    try:
        return int(text.replace("-", ""), 16)
    except ValueError:
        return text


def unpack_uid(value: int | str) -> str:
    if isinstance(value, str):
        return value
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
