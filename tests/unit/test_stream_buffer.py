"""EventBuffer: bounds, exact `dropped` counts, `Last-Event-ID` resume, and the asyncio side."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.sse import encode_event


def read(frame: bytes) -> tuple[str, int, dict[str, object]]:
    """(event, id, data) of one frame."""
    event_line, id_line, data_line, *_ = frame.decode().split("\n")
    return (
        event_line.removeprefix("event: "),
        int(id_line.removeprefix("id: ")),
        json.loads(data_line.removeprefix("data: ")),
    )


@dataclass
class Model:
    """What the buffer must hold: the longest suffix of all frames that fits both bounds."""

    max_events: int
    max_bytes: int
    sizes: list[int] = field(default_factory=list)  # frame length per id - 1

    def oldest_held(self) -> int:
        held, total = 0, 0
        for size in reversed(self.sizes):
            if held + 1 > self.max_events or total + size > self.max_bytes:
                break
            held, total = held + 1, total + size
        return len(self.sizes) - held + 1


operations = st.lists(
    st.one_of(
        st.tuples(st.just("put"), st.integers(0, 120)),
        st.tuples(st.just("get"), st.integers(1, 6)),
        st.tuples(st.just("resume"), st.integers(0, 40)),
    ),
    max_size=80,
)


@settings(max_examples=400)
@given(st.integers(1, 8), st.integers(200, 900), operations)
def test_the_client_gets_every_event_or_a_notice_with_the_exact_number_missed(
    max_events: int, max_bytes: int, steps: list[tuple[str, int]]
) -> None:
    buffer = EventBuffer(max_events=max_events, max_bytes=max_bytes)
    model = Model(max_events, max_bytes)
    cursor = 0  # the client's Last-Event-ID
    expected_reason = "slow_consumer"
    for kind, value in steps:
        if kind == "put":
            data = {"line": "x" * value, "n": len(model.sizes) + 1}
            event_id = buffer.put("log", data)
            model.sizes.append(len(encode_event("log", data, event_id)))
            assert event_id == len(model.sizes)
        elif kind == "get":
            for _ in range(value):
                frame = buffer.get_nowait()
                if cursor == len(model.sizes):
                    assert frame is None
                    break
                assert frame is not None
                event, event_id, data = read(frame)
                oldest = model.oldest_held()
                if cursor + 1 < oldest:
                    assert (event, event_id) == ("dropped", oldest - 1)
                    assert data == {
                        "count": oldest - 1 - cursor,
                        "reason": expected_reason,
                        "source": None,
                    }
                else:
                    assert (event, event_id, data["n"]) == ("log", cursor + 1, cursor + 1)
                cursor = event_id
                expected_reason = "slow_consumer"
        else:
            cursor = min(value, len(model.sizes))  # a reconnect from an id we issued
            buffer.resume(cursor)
            expected_reason = "resume_gap"
    # What it holds at the end, within both bounds: a client resuming from the start gets it all.
    buffer.resume(0)
    replay = drained(buffer)
    oldest = model.oldest_held()
    if oldest > 1:
        assert read(replay.pop(0))[2]["count"] == oldest - 1
    assert [len(frame) for frame in replay] == model.sizes[oldest - 1 :]


def drained(buffer: EventBuffer) -> list[bytes]:
    """Every frame the client gets now, until it has all the buffer holds."""
    frames = []
    while (frame := buffer.get_nowait()) is not None:
        frames.append(frame)
    return frames


def test_resume_from_a_held_id_replays_what_followed() -> None:
    buffer = EventBuffer(max_events=10)
    for n in range(1, 6):
        buffer.put("log", {"n": n})
    while buffer.get_nowait() is not None:
        pass
    buffer.resume(3)
    replayed = [read(frame) for frame in iter(buffer.get_nowait, None)]
    assert replayed == [("log", 4, {"n": 4}), ("log", 5, {"n": 5})]


def test_resume_from_an_id_no_longer_held_says_how_many_were_lost() -> None:
    buffer = EventBuffer(max_events=3)
    for n in range(1, 11):
        buffer.put("log", {"n": n})
    buffer.resume(2)
    frames = [read(frame) for frame in iter(buffer.get_nowait, None)]
    assert frames == [
        ("dropped", 7, {"count": 5, "reason": "resume_gap", "source": None}),
        ("log", 8, {"n": 8}),
        ("log", 9, {"n": 9}),
        ("log", 10, {"n": 10}),
    ]
    assert buffer.dropped == 5


def test_resume_from_an_id_this_stream_never_issued_replays_all_held_with_an_unknown_count() -> (
    None
):
    buffer = EventBuffer(max_events=2, first_id=1000)
    for n in range(3):
        buffer.put("log", {"n": n})
    for unknown in (5, 998, 1003):
        buffer.resume(unknown)
        frames = [read(frame) for frame in iter(buffer.get_nowait, None)]
        assert frames == [
            ("dropped", 1000, {"count": None, "reason": "unknown_event_id", "source": None}),
            ("log", 1001, {"n": 1}),
            ("log", 1002, {"n": 2}),
        ]


def test_resume_from_just_before_the_first_id_replays_everything() -> None:
    buffer = EventBuffer(first_id=1000)
    buffer.put("log", {"n": 0})
    buffer.get_nowait()
    buffer.resume(999)
    assert [read(frame)[1] for frame in iter(buffer.get_nowait, None)] == [1000]


def test_a_frame_larger_than_the_whole_buffer_is_refused() -> None:
    buffer = EventBuffer(max_bytes=100)
    with pytest.raises(ValueError, match="exceeds the buffer"):
        buffer.put("log", {"line": "x" * 200})
    assert buffer.last_id == 0


@pytest.mark.parametrize(("events", "size", "first"), [(0, 1, 1), (1, 0, 1), (1, 1, 0)])
def test_bounds_and_first_id_must_be_positive(events: int, size: int, first: int) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        EventBuffer(max_events=events, max_bytes=size, first_id=first)


@pytest.mark.asyncio
async def test_get_waits_for_the_next_put() -> None:
    buffer = EventBuffer()
    waiting = asyncio.create_task(buffer.get())
    await asyncio.sleep(0)  # one turn of the loop, no wall-clock wait
    assert not waiting.done()
    buffer.put("log", {"n": 1})
    frame = await waiting
    assert frame is not None
    assert read(frame) == ("log", 1, {"n": 1})


@pytest.mark.asyncio
async def test_close_lets_the_reader_drain_then_ends_it() -> None:
    buffer = EventBuffer()
    buffer.put("log", {"n": 1})
    buffer.close()
    assert await buffer.get() is not None
    assert await buffer.get() is None
    with pytest.raises(RuntimeError, match="closed"):
        buffer.put("log", {"n": 2})


@pytest.mark.asyncio
async def test_a_cancelled_get_loses_nothing() -> None:
    buffer = EventBuffer()
    waiting = asyncio.create_task(buffer.get())
    await asyncio.sleep(0)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    buffer.put("log", {"n": 1})
    frame = await buffer.get()
    assert frame is not None
    assert read(frame)[1] == 1


@pytest.mark.asyncio
async def test_a_reader_that_stopped_costs_at_most_the_bound() -> None:
    buffer = EventBuffer(max_events=100, max_bytes=10_000)
    for n in range(10_000):
        buffer.put("log", {"line": "y" * 200, "n": n})  # the byte bound binds first
    notice = buffer.get_nowait()
    assert notice is not None
    event, _, data = read(notice)
    assert (event, data["reason"]) == ("dropped", "slow_consumer")
    held = drained(buffer)
    assert len(held) <= 100
    assert sum(len(frame) for frame in held) <= 10_000
    assert data["count"] == 10_000 - len(held)
    assert [read(frame)[2]["n"] for frame in held] == list(range(10_000 - len(held), 10_000))


@pytest.mark.asyncio
async def test_after_draining_get_waits_again() -> None:
    buffer = EventBuffer()
    buffer.put("log", {"n": 1})
    assert await buffer.get() is not None
    waiting = asyncio.create_task(buffer.get())
    await asyncio.sleep(0)
    assert not waiting.done()
    buffer.put("log", {"n": 2})
    frame = await waiting
    assert frame is not None
    assert read(frame)[1] == 2
