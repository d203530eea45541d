"""SSE framing, checked by reading frames back with the parsing rules of the HTML standard."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.refresh.streams.sse import KEEPALIVE, encode_event


def parse_frames(stream: bytes) -> list[dict[str, str]]:
    """Events of an SSE byte stream as the browser sees them (fields event, id, data)."""
    events: list[dict[str, str]] = []
    fields: dict[str, str] = {}
    data: list[str] = []
    for line in re.split(r"\r\n|\r|\n", stream.decode("utf-8")):
        if line == "":
            if data or fields:
                events.append({**fields, "data": "\n".join(data)})
            fields, data = {}, []
        elif line.startswith(":"):
            continue
        else:
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                data.append(value)
            else:
                fields[name] = value
    return events


def test_encodes_event_id_and_compact_json_data_then_a_blank_line() -> None:
    frame = encode_event("log", {"line": "hi", "seq": 3}, 42)
    assert frame == b'event: log\nid: 42\ndata: {"line":"hi","seq":3}\n\n'


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=10,
)


@given(
    st.dictionaries(st.text(), json_values, max_size=5),
    st.integers(0, 2**63),
    st.sampled_from(["log", "status", "dropped", "k8s-event", "change"]),
)
def test_any_data_reads_back_unchanged_from_exactly_one_data_line(
    data: dict[str, object], event_id: int, event: str
) -> None:
    frame = encode_event(event, data, event_id)
    assert frame.count(b"\ndata: ") == 1
    assert frame.endswith(b"\n\n")
    (parsed,) = parse_frames(frame + KEEPALIVE)
    assert parsed["event"] == event
    assert parsed["id"] == str(event_id)
    assert json.loads(parsed["data"]) == data


def test_line_breaks_and_separators_in_strings_stay_inside_the_json() -> None:
    data = {"line": "a\nb\rc\r\nd\u2028e\u0085f\x00"}
    frame = encode_event("log", data, 1)
    assert frame.count(b"\n") == 4
    assert b"\r" not in frame
    (parsed,) = parse_frames(frame)
    assert json.loads(parsed["data"]) == data


def test_keepalive_is_a_comment_that_yields_no_event() -> None:
    assert KEEPALIVE == b": keep-alive\n\n"
    assert parse_frames(KEEPALIVE) == []


@pytest.mark.parametrize("event", ["", "two\nlines", "carriage\rreturn"])
def test_rejects_event_names_that_would_break_the_frame(event: str) -> None:
    with pytest.raises(ValueError, match="not a valid SSE event name"):
        encode_event(event, {}, 1)


def test_rejects_a_negative_id() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        encode_event("log", {}, -1)
