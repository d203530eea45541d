"""MergedOutput: merge into the buffer on a loop timer, statuses behind their source's lines,
rate-limit notices; and the payloads it carries validate against the contract models."""

from __future__ import annotations

import asyncio
import json

import pytest

from backend.contract.streams import Dropped, SourceStatus
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.ratelimit import SourceRateLimiter

pytestmark = pytest.mark.asyncio

A = ("c1", "pod-a", "app", "ns")
B = ("c1", "pod-b", "app", "ns")


def decode(frame: bytes) -> tuple[str, int, dict[str, object]]:
    event_line, id_line, data_line, *_ = frame.decode().split("\n")
    return (
        event_line.removeprefix("event: "),
        int(id_line.removeprefix("id: ")),
        json.loads(data_line.removeprefix("data: ")),
    )


def drain(buffer: EventBuffer) -> list[tuple[str, dict[str, object]]]:
    out = []
    while (frame := buffer.get_nowait()) is not None:
        event, _, data = decode(frame)
        out.append((event, data))
    return out


async def next_event(buffer: EventBuffer) -> tuple[str, dict[str, object]]:
    frame = await asyncio.wait_for(buffer.get(), 5)
    assert frame is not None
    event, _, data = decode(frame)
    return event, data


def line(n: int) -> dict[str, object]:
    return {"n": n}


async def test_items_leave_as_soon_as_every_source_has_passed_them() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.register(B, "b")
    output.push(A, 20, "log", line(20))
    output.push(A, 30, "log", line(30))
    output.release()
    assert drain(buffer) == []  # b has said nothing yet
    output.push(B, 25, "log", line(25))
    output.release()
    assert drain(buffer) == [("log", line(20)), ("log", line(25))]
    output.end(B)
    assert drain(buffer) == [("log", line(30))]


async def test_a_silent_source_holds_items_back_only_for_the_window() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=0.05)
    output.register(A, "a")
    output.register(B, "b")  # never speaks
    output.push(A, 1, "log", line(1))
    output.release()
    assert drain(buffer) == []
    assert await next_event(buffer) == ("log", line(1))  # released by the loop timer


async def test_a_status_follows_the_lines_its_source_pushed_before_it() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.register(B, "b")
    output.push(A, 10, "log", line(10))
    output.release()
    ended = {"clusterId": "c1", "source": "a", "status": "ended", "message": None}
    output.status(A, "c1", "a", "ended", None)
    output.end(A)
    assert drain(buffer) == []  # b still holds everything back
    output.push(B, 5, "log", line(5))
    output.push(B, 50, "log", line(50))
    output.release()
    assert drain(buffer) == [
        ("log", line(5)),
        ("log", line(10)),
        ("status", ended),
        ("log", line(50)),
    ]


async def test_the_status_of_a_source_that_pushed_nothing_goes_out_at_once() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.register(B, "b")
    started = {"clusterId": "c1", "source": "a", "status": "started", "message": None}
    output.status(A, "c1", "a", "started", None)
    assert drain(buffer) == [("status", started)]
    SourceStatus.model_validate(started)


async def test_lines_over_the_rate_are_dropped_and_reported_per_source() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=0.0, limiter=SourceRateLimiter(rate_per_s=1, burst=2))
    output.register(A, "c1|pod:ns/pod-a/app")
    admitted = [n for n in range(5) if output.admit(A)]
    for n in admitted:
        output.push(A, n, "log", line(n))
    output.release()
    events = drain(buffer)
    assert events[:2] == [("log", line(0)), ("log", line(1))]
    notice = {"count": 3, "reason": "rate_limited", "source": "c1|pod:ns/pod-a/app"}
    assert events[2:] == [("dropped", notice)]
    Dropped.model_validate(notice)


async def test_close_flushes_everything_held() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.register(B, "b")
    output.push(B, 9, "log", line(9))
    output.push(A, 3, "log", line(3))
    output.close()
    assert drain(buffer) == [("log", line(3)), ("log", line(9))]
    output.push(A, 4, "log", line(4))  # a push after close is held but never released
    output.release()
    assert drain(buffer) == []


async def test_a_source_ended_and_registered_again_keeps_its_order() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.register(B, "b")
    output.push(A, 10, "log", line(10))
    output.end(A)  # a failing follow
    output.register(A, "a")  # reopened
    output.push(A, 11, "log", line(11))
    output.push(B, 12, "log", line(12))
    output.release()
    assert drain(buffer) == [("log", line(10)), ("log", line(11))]


async def test_an_item_that_can_no_longer_be_placed_leaves_marked_late() -> None:
    buffer = EventBuffer()
    output = MergedOutput(buffer, window_s=10.0)
    output.register(A, "a")
    output.push(A, 30, "log", {"n": 30, "late": False})
    output.release()
    assert drain(buffer) == [("log", {"n": 30, "late": False})]  # the only source has passed it
    output.register(B, "b")  # b comes back from an outage with older lines
    output.push(B, 20, "log", {"n": 20, "late": False})
    output.push(B, 40, "log", {"n": 40, "late": False})
    output.end(A)
    output.release()
    assert drain(buffer) == [("log", {"n": 20, "late": True}), ("log", {"n": 40, "late": False})]
