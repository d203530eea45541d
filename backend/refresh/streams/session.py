"""StreamSession: one client's stream — its buffer, its producers, and the loop that writes SSE.

A session outlives a connection by a little: when the client goes away its producers that hold
connections to clusters (log follows) stop at once, but the buffer and the producers' state
(where each log stopped) stay for `RESUME_RETENTION_S`, so the browser's reconnect with
`Last-Event-ID` continues where it left off. Producers that only listen in memory (events,
catalog changes) keep filling the bounded buffer meanwhile, so nothing in between is missed.

At most one connection reads a session; a second one with the session's id takes it over (the
first may not have noticed its client is gone yet).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Sequence
from typing import Final, Protocol

from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.limits import EVENT_ID_BITS, KEEPALIVE_INTERVAL_S, RETRY_HINT_MS
from backend.refresh.streams.sse import KEEPALIVE

log = logging.getLogger(__name__)

RETRY_FRAME: Final = b"retry: %d\n\n" % RETRY_HINT_MS
"""First bytes of every response: how long the browser waits before it reconnects."""

WRITE_BATCH_BYTES: Final = 64 * 1024
"""Frames already waiting are written together up to this size (fewer, larger writes)."""


class Producer(Protocol):
    """Something that fills a session's buffer until it is cancelled."""

    upstream: bool
    """Whether it holds connections to clusters (then it pauses while no client reads)."""

    async def run(self) -> None:
        """Produce until cancelled; may be run again after a pause, continuing its state."""

    async def cluster_removed(self, cluster_id: str) -> None:
        """End everything of a deselected cluster (with a status event), before its client closes."""

    def close(self) -> None:
        """The session ends: flush and release what the producer holds (after `run` stopped)."""


class StreamSession:
    """A client's stream: `first_id` encodes `number`, so an event id names its session."""

    def __init__(
        self,
        number: int,
        signature: str,
        buffer: EventBuffer,
        producers: Sequence[Producer],
    ) -> None:
        self.number = number
        self.signature = signature
        """The request this session answers (path and query); a resume must ask the same."""
        self.buffer = buffer
        self.producers = tuple(producers)
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._reader: asyncio.Event | None = None
        self._pausing: asyncio.Task[None] | None = None
        self.closed = False

    @staticmethod
    def first_id(number: int) -> int:
        return (number << EVENT_ID_BITS) + 1

    @staticmethod
    def number_of(event_id: int) -> int:
        return event_id >> EVENT_ID_BITS

    # --- producers -------------------------------------------------------------------------------

    def start(self) -> None:
        """Run every producer that is not running (the first time, and after a pause)."""
        if self.closed:
            return
        loop = asyncio.get_running_loop()
        for index, producer in enumerate(self.producers):
            if index not in self._tasks:
                name = f"stream {self.number} producer {index}"
                self._tasks[index] = loop.create_task(self._run(producer), name=name)

    def pause_soon(self) -> None:
        """Stop the producers that hold cluster connections, in the background (a response is
        ending); their state stays for `resume`, which waits for this."""
        upstream = [i for i, p in enumerate(self.producers) if p.upstream]
        self._pausing = asyncio.get_running_loop().create_task(
            self._stop(upstream), name=f"stream {self.number} pause"
        )

    async def resume(self) -> None:
        """Run the paused producers again, once their pause has finished."""
        pausing, self._pausing = self._pausing, None
        if pausing is not None:
            await asyncio.gather(pausing, return_exceptions=True)
        self.start()

    async def cluster_removed(self, cluster_id: str) -> None:
        for producer in self.producers:
            try:
                await producer.cluster_removed(cluster_id)
            except Exception:
                log.exception("stream %s: ending the sources of %s failed", self.number, cluster_id)

    async def close(self) -> None:
        """Stop everything; the reader (if any) drains what is held and ends."""
        if self.closed:
            return
        self.closed = True
        pausing, self._pausing = self._pausing, None
        if pausing is not None:
            await asyncio.gather(pausing, return_exceptions=True)
        await self._stop(list(self._tasks))
        for producer in self.producers:
            try:
                producer.close()
            except Exception:
                log.exception("stream %s: closing a producer failed", self.number)
        self.buffer.close()

    async def _stop(self, indexes: list[int]) -> None:
        tasks = [task for i in indexes if (task := self._tasks.pop(i, None)) is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _run(self, producer: Producer) -> None:
        try:
            await producer.run()
        except Exception:
            log.exception("stream %s: a producer failed", self.number)

    # --- the reading connection ------------------------------------------------------------------

    @property
    def attached(self) -> bool:
        return self._reader is not None

    def attach(self) -> asyncio.Event:
        """A connection starts reading; an earlier one is told to stop. Returns its stop signal."""
        if self._reader is not None:
            self._reader.set()
        self._reader = asyncio.Event()
        return self._reader

    def detach(self, reader: asyncio.Event) -> bool:
        """The connection holding `reader` ended; True if it was the current one."""
        if self._reader is not reader:
            return False
        self._reader = None
        return True

    async def frames(
        self,
        reader: asyncio.Event,
        shutting_down: asyncio.Event,
        keepalive_s: float = KEEPALIVE_INTERVAL_S,
    ) -> AsyncGenerator[bytes, None]:
        """The bytes of the response: retry hint, frames as they come, keep-alives when idle.

        Ends when `reader` is set (client gone, taken over), when the session was closed and
        everything held was written, or when the server shuts down.
        """
        yield RETRY_FRAME
        buffer = self.buffer
        stopped = asyncio.ensure_future(reader.wait())
        shutdown = asyncio.ensure_future(shutting_down.wait())
        getter: asyncio.Future[bytes | None] | None = None
        try:
            while not reader.is_set() and not shutting_down.is_set():
                batch = _take_batch(buffer)
                if batch:
                    yield batch
                    continue
                getter = asyncio.ensure_future(buffer.get())
                done, _ = await asyncio.wait(
                    (getter, stopped, shutdown),
                    timeout=keepalive_s,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if getter in done:
                    frame = getter.result()
                    getter = None
                    if frame is None:
                        return  # closed and drained
                    yield frame + _take_batch(buffer)
                    continue
                getter.cancel()
                getter = None
                if not done:
                    yield KEEPALIVE
        finally:
            for future in (stopped, shutdown, getter):
                if future is not None:
                    future.cancel()


def _take_batch(buffer: EventBuffer) -> bytes:
    """Frames already waiting, joined, up to `WRITE_BATCH_BYTES` (b"" if none)."""
    frame = buffer.get_nowait()
    if frame is None:
        return b""
    parts = [frame]
    size = len(frame)
    while size < WRITE_BATCH_BYTES:
        frame = buffer.get_nowait()
        if frame is None:
            break
        parts.append(frame)
        size += len(frame)
    return parts[0] if len(parts) == 1 else b"".join(parts)
