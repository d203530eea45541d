"""EventBuffer: one client's bounded queue of SSE frames, with ids for `Last-Event-ID` resume.

The producer (the merger's output) must never wait for a slow browser, and a slow browser must
never make the server hold unbounded memory. So the buffer keeps the newest frames only, at most
`max_events` of them and at most `max_bytes` of encoded data, delivered or not (delivered frames
stay so a reconnecting client can resume). When the oldest frame is evicted before the client read
it, the client later gets one `dropped` notice with the exact number it missed, before the next
frame it does get.

Event ids are consecutive integers from `first_id`, so a gap is counted by subtracting ids; the
notice carries the id of the last missed event, so resuming from it does not report the loss twice.
One buffer has one consumer.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Mapping
from typing import Final

from backend.contract.streams import Dropped
from backend.refresh.streams.limits import DEFAULT_BUFFER_MAX_BYTES, DEFAULT_BUFFER_MAX_EVENTS
from backend.refresh.streams.sse import encode_event

DROPPED_EVENT: Final = "dropped"
REASON_SLOW_CONSUMER: Final = "slow_consumer"
"""Frames were evicted while the client was connected but reading too slowly."""
REASON_RESUME_GAP: Final = "resume_gap"
"""The client resumed from an id whose successors are no longer held."""
REASON_UNKNOWN_EVENT_ID: Final = "unknown_event_id"
"""The client resumed from an id this stream never issued (e.g. before a restart); count is null."""


class EventBuffer:
    """Bounded frames for one client; `put` never blocks, `await get()` yields frames in id order."""

    def __init__(
        self,
        max_events: int = DEFAULT_BUFFER_MAX_EVENTS,
        max_bytes: int = DEFAULT_BUFFER_MAX_BYTES,
        first_id: int = 1,
    ) -> None:
        if max_events < 1 or max_bytes < 1 or first_id < 1:
            raise ValueError(
                "max_events, max_bytes and first_id must be positive, got "
                f"{max_events}, {max_bytes}, {first_id}"
            )
        self.max_events = max_events
        self.max_bytes = max_bytes
        self.dropped = 0
        """Events the client was told it missed (known counts only)."""
        self._first_id = first_id
        self._next_id = first_id
        self._delivered = first_id - 1  # id of the last event handed to the consumer
        self._frames: deque[tuple[int, bytes]] = deque()
        self._bytes = 0
        self._notice: bytes | None = None
        self._gap_reason = REASON_SLOW_CONSUMER
        self._ready = asyncio.Event()
        self._closed = False

    @property
    def last_id(self) -> int:
        """Id of the newest event put, or `first_id - 1` before the first."""
        return self._next_id - 1

    def put(self, event: str, data: Mapping[str, object]) -> int:
        """Encode and keep an event, evicting the oldest frames past the bounds; returns its id.

        A single frame larger than `max_bytes` is a ValueError: callers cut long lines first.
        """
        if self._closed:
            raise RuntimeError("event buffer is closed")
        event_id = self._next_id
        frame = encode_event(event, data, event_id)
        if len(frame) > self.max_bytes:
            raise ValueError(
                f"event of {len(frame)} bytes exceeds the buffer's {self.max_bytes} bytes"
            )
        self._next_id = event_id + 1
        frames = self._frames
        frames.append((event_id, frame))
        self._bytes += len(frame)
        while len(frames) > self.max_events or self._bytes > self.max_bytes:
            self._bytes -= len(frames.popleft()[1])
        self._ready.set()
        return event_id

    def get_nowait(self) -> bytes | None:
        """The next frame (or `dropped` notice) for the client, or None if it has everything."""
        notice = self._notice
        if notice is not None:
            self._notice = None
            return notice
        next_id = self._delivered + 1
        if next_id >= self._next_id:
            return None
        frames = self._frames
        oldest = frames[0][0]
        if next_id < oldest:
            missed = oldest - next_id
            self._delivered = oldest - 1
            self.dropped += missed
            reason, self._gap_reason = self._gap_reason, REASON_SLOW_CONSUMER
            return encode_event(
                DROPPED_EVENT, Dropped(count=missed, reason=reason).wire(), oldest - 1
            )
        self._delivered = next_id
        self._gap_reason = REASON_SLOW_CONSUMER
        return frames[next_id - oldest][1]

    async def get(self) -> bytes | None:
        """Wait for the next frame; None once the buffer is closed and everything was delivered."""
        while True:
            frame = self.get_nowait()
            if frame is not None:
                return frame
            if self._closed:
                return None
            self._ready.clear()
            await self._ready.wait()

    def resume(self, last_event_id: int) -> None:
        """Continue after `last_event_id` (a reconnecting client's `Last-Event-ID`).

        An id this buffer issued: the frames after it are replayed, preceded by a `dropped`
        notice counting those no longer held. Any other id: a `dropped` notice with a null count,
        then every frame still held.
        """
        if self._first_id - 1 <= last_event_id < self._next_id:
            self._delivered = last_event_id
            self._notice = None
            self._gap_reason = REASON_RESUME_GAP
        else:
            self._delivered = self._frames[0][0] - 1 if self._frames else self._next_id - 1
            self._notice = encode_event(
                DROPPED_EVENT,
                Dropped(count=None, reason=REASON_UNKNOWN_EVENT_ID).wire(),
                self._delivered,
            )
            self._gap_reason = REASON_SLOW_CONSUMER
        self._ready.set()

    def close(self) -> None:
        """No more events; `get` drains what is held, then returns None."""
        self._closed = True
        self._ready.set()
