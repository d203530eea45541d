"""Compact uids round-trip exactly; anything unusual stays text."""

from __future__ import annotations

import uuid

import pytest

from backend.objectcatalog.rows.uids import pack_uid, unpack_uid


def test_uuids_pack_to_ints_and_back() -> None:
    for seed in range(1, 51):
        text = str(uuid.UUID(int=seed * 0x9E3779B97F4A7C15F39CC0605CEDC834 % (1 << 128)))
        packed = pack_uid(text)
        assert isinstance(packed, int)
        assert unpack_uid(packed) == text


def test_a_uuid_of_digits_only_stays_text_and_still_round_trips() -> None:
    text = "12345678-1234-1234-1234-123456789012"
    assert pack_uid(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not-a-uuid",
        "0B1F3C7E-8A2D-4E5F-9A6B-7C8D9E0F1A2B",  # uppercase would not round-trip
        "0b1f3c7e_8a2d-4e5f-9a6b-7c8d9e0f1a2b",
        "0b1f3c7e-8a2d-4e5f-9a6b-7c8d9e0f1a2g",
        "0b1f3c7e-8a2d-4e5f-9a6b-7c8d9e0f1a_b",
    ],
)
def test_anything_else_stays_text(text: str) -> None:
    assert pack_uid(text) == text
    assert unpack_uid(pack_uid(text)) == text
