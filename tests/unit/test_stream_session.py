"""StreamSession: the SSE loop (retry hint, batches, keep-alives, stop signals), producers paused
while no client reads, takeover by a second connection, and ids that name their session."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any, cast

import pytest

from backend.errors import RegattaError
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.hub import StreamHub
from backend.refresh.streams.session import RETRY_FRAME, StreamSession
from backend.refresh.streams.sse import KEEPALIVE

pytestmark = pytest.mark.asyncio


class Recorder:
    """A producer that records what happened to it and puts one event per run."""

    def __init__(self, buffer: EventBuffer, upstream: bool) -> None:
        self.upstream = upstream
        self.buffer = buffer
        self.runs = 0
        self.running = asyncio.Event()
        self.stopped = asyncio.Event()
        self.removed: list[str] = []
        self.closed = False

    async def run(self) -> None:
        self.runs += 1
        self.stopped.clear()
        self.running.set()
        self.buffer.put("tick", {"run": self.runs, "upstream": self.upstream})
        try:
            await asyncio.Event().wait()
        finally:
            self.running.clear()
            self.stopped.set()

    async def cluster_removed(self, cluster_id: str) -> None:
        self.removed.append(cluster_id)

    def close(self) -> None:
        self.closed = True


def make_session(number: int = 7) -> tuple[StreamSession, Recorder, Recorder]:
    buffer = EventBuffer(first_id=StreamSession.first_id(number))
    upstream, listener = Recorder(buffer, True), Recorder(buffer, False)
    return StreamSession(number, "/s?", buffer, [upstream, listener]), upstream, listener


async def take(frames: AsyncGenerator[bytes, None]) -> bytes:
    return await asyncio.wait_for(anext(frames), 5)


async def test_ids_name_their_session() -> None:
    first = StreamSession.first_id(0xABCDE)
    assert StreamSession.number_of(first) == 0xABCDE
    assert StreamSession.number_of(first + 1_000_000) == 0xABCDE
    assert first < 2**53  # exact as a JavaScript number


async def test_the_loop_sends_the_retry_hint_then_waiting_frames_in_one_batch() -> None:
    session, upstream, listener = make_session()
    session.start()
    await upstream.running.wait()
    await listener.running.wait()
    reader = session.attach()
    frames = session.frames(reader, asyncio.Event())
    assert await take(frames) == RETRY_FRAME
    batch = await take(frames)
    assert batch.count(b"event: tick\n") == 2
    first = StreamSession.first_id(7)
    assert f"id: {first}\n".encode() in batch and f"id: {first + 1}\n".encode() in batch
    session.buffer.put("later", {})
    assert (await take(frames)).startswith(b"event: later\n")
    await frames.aclose()
    await session.close()


async def test_an_idle_stream_sends_keepalives() -> None:
    session, _, _ = make_session()
    reader = session.attach()
    frames = session.frames(reader, asyncio.Event(), keepalive_s=0.01)
    assert await take(frames) == RETRY_FRAME
    assert await take(frames) == KEEPALIVE
    await frames.aclose()


async def test_the_loop_ends_when_the_server_shuts_down_or_the_reader_is_told_to_stop() -> None:
    session, _, _ = make_session()
    shutting_down = asyncio.Event()
    frames = session.frames(session.attach(), shutting_down)
    assert await take(frames) == RETRY_FRAME
    waiting = asyncio.ensure_future(anext(frames))
    shutting_down.set()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(waiting, 5)

    reader = session.attach()
    frames = session.frames(reader, asyncio.Event())
    assert await take(frames) == RETRY_FRAME
    waiting = asyncio.ensure_future(anext(frames))
    reader.set()
    with pytest.raises(StopAsyncIteration):
        await asyncio.wait_for(waiting, 5)


async def test_a_closed_session_drains_what_it_holds_then_the_loop_ends() -> None:
    session, upstream, listener = make_session()
    session.start()
    await upstream.running.wait()
    await listener.running.wait()
    await session.close()
    assert upstream.closed and listener.closed
    frames = session.frames(session.attach(), asyncio.Event())
    chunks = [chunk async for chunk in frames]
    assert chunks[0] == RETRY_FRAME
    assert b"".join(chunks[1:]).count(b"event: tick\n") == 2


async def test_a_second_connection_takes_over_and_the_first_one_stops() -> None:
    session, _, _ = make_session()
    first = session.attach()
    second = session.attach()
    assert first.is_set() and not second.is_set()
    assert not session.detach(first)  # the old connection ending changes nothing
    assert session.attached
    assert session.detach(second)
    assert not session.attached


async def test_pausing_stops_only_upstream_producers_and_resuming_runs_them_again() -> None:
    session, upstream, listener = make_session()
    session.start()
    await upstream.running.wait()
    await listener.running.wait()
    session.pause_soon()
    await upstream.stopped.wait()
    assert listener.running.is_set()
    await session.resume()
    await upstream.running.wait()
    assert (upstream.runs, listener.runs) == (2, 1)
    await session.close()
    assert upstream.stopped.is_set() and listener.stopped.is_set()


async def test_a_deselected_cluster_is_passed_to_every_producer() -> None:
    session, upstream, listener = make_session()
    await session.cluster_removed("dev.yaml:alpha")
    assert upstream.removed == listener.removed == ["dev.yaml:alpha"]


# --- the hub's part: sessions by number, kept for a while after their client left ---------------


def make_hub(retention_s: float) -> tuple[StreamHub, ServerLifecycle]:
    lifecycle = ServerLifecycle()
    hub = StreamHub(cast(Any, None), cast(Any, None), lifecycle, retention_s=retention_s)
    return hub, lifecycle


async def test_a_session_is_found_by_any_of_its_ids_for_the_same_request_only() -> None:
    hub, _ = make_hub(retention_s=60)
    session = hub.new_session("/logs?scope=a", lambda buffer: [Recorder(buffer, True)])
    first = StreamSession.first_id(session.number)
    session.buffer.put("x", {})
    assert hub.find(first, "/logs?scope=a") is session
    assert hub.find(first + 500, "/logs?scope=a") is session  # resume decides what it means
    assert hub.find(first, "/logs?scope=b") is None
    assert hub.find(-1, "/logs?scope=a") is None
    await hub.close()
    assert session.closed
    assert hub.find(first, "/logs?scope=a") is None


async def test_a_left_session_pauses_and_closes_when_its_retention_ends() -> None:
    hub, _ = make_hub(retention_s=0.05)
    recorders: list[Recorder] = []

    def build(buffer: EventBuffer) -> list[Recorder]:
        recorders.append(Recorder(buffer, True))
        return recorders

    session = hub.new_session("/s?", build)
    reader = await hub.connect(session)
    await recorders[0].running.wait()
    hub.disconnect(session, reader)
    await recorders[0].stopped.wait()  # paused at once
    deadline = asyncio.get_running_loop().time() + 5
    # Then closed by the retention timer. `session.closed` turns true at the start of the close,
    # before its producers are stopped and closed, so wait for the producer's close: the end.
    while not recorders[0].closed:
        assert asyncio.get_running_loop().time() < deadline, "not closed after its retention"
        await asyncio.sleep(0.01)
    assert hub.sessions == 0 and session.closed


async def test_a_session_resumed_within_its_retention_runs_on() -> None:
    hub, _ = make_hub(retention_s=60)
    recorders: list[Recorder] = []

    def build(buffer: EventBuffer) -> list[Recorder]:
        recorders.append(Recorder(buffer, True))
        return recorders

    session = hub.new_session("/s?", build)
    reader = await hub.connect(session)
    await recorders[0].running.wait()
    hub.disconnect(session, reader)
    await hub.connect(session)
    await recorders[0].running.wait()
    assert recorders[0].runs == 2 and not session.closed
    await hub.close()


async def test_no_new_session_while_shutting_down() -> None:
    hub, lifecycle = make_hub(retention_s=60)
    lifecycle.begin_shutdown()
    with pytest.raises(RegattaError) as refused:
        hub.new_session("/s?", lambda buffer: [])
    assert (refused.value.status, refused.value.code) == (503, "shutting_down")
