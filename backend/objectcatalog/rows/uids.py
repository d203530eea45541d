"""Compact uids: a UUID kept as a 128-bit int takes 44 bytes instead of the 85 of its text.

Used for the kinds with the most rows (pods). Anything that is not a lowercase UUID stays text,
so unpacking always gives back exactly the uid the server sent.
"""

from __future__ import annotations


def pack_uid(text: str) -> int | str:
    # islower() is False for text with uppercase letters (which would not round-trip) and for
    # the rare uuid made of digits only, which then simply stays text.
    if (
        len(text) == 36
        and text[8] == text[13] == text[18] == text[23] == "-"
        and text.islower()
        and "_" not in text
    ):
        try:
            return int(text.replace("-", ""), 16)
        except ValueError:
            return text
    return text


def unpack_uid(value: int | str) -> str:
    if isinstance(value, str):
        return value
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
