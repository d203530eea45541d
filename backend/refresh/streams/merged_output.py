"""MergedOutput: timestamped items of many sources → the merger → one client's event buffer.

Producers push as things arrive and call `release()` once per batch; a timer on the event loop
releases held items when their reorder window runs out, so nothing waits for the next push.
A source's status travels through the merger behind that source's own lines (stamped with its
last timestamp), so a client never reads `ended` before the lines that preceded it. Rate-limited
lines are counted per source and reported as `dropped` notices at most every
`RATE_NOTICE_INTERVAL_S`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Final

from backend.contract.streams import Dropped, SourceStatus, SourceStatusKind
from backend.refresh.streams.buffer import DROPPED_EVENT, EventBuffer
from backend.refresh.streams.limits import RATE_NOTICE_INTERVAL_S
from backend.refresh.streams.merge import SourceKey, TimestampMerger
from backend.refresh.streams.ratelimit import SourceRateLimiter

Frame = tuple[str, Mapping[str, object]]
"""An event name and its JSON-ready data."""

STATUS_EVENT: Final = "status"


class MergedOutput:
    """One stream's merge: register sources, push items, release them into the buffer."""

    def __init__(
        self,
        buffer: EventBuffer,
        window_s: float,
        limiter: SourceRateLimiter | None = None,
    ) -> None:
        self.buffer = buffer
        self.merger: TimestampMerger[Frame] = TimestampMerger(window_s)
        self._limiter = limiter
        self._loop = asyncio.get_running_loop()
        self._names: dict[SourceKey, str] = {}
        self._active: set[SourceKey] = set()
        self._last_ns: dict[SourceKey, int] = {}
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = 0.0
        self._notices_pending = False
        self._next_notice_at = 0.0
        self._closed = False

    # --- sources ---------------------------------------------------------------------------------

    def register(self, key: SourceKey, name: str) -> None:
        """Start (or restart) a source; `name` is how notices and statuses name it."""
        self._names[key] = name
        if key not in self._active:
            self.merger.register(key)
            self._active.add(key)

    def end(self, key: SourceKey) -> None:
        """The source pushes nothing more for now; its held items still leave in order."""
        if key in self._active:
            self._active.discard(key)
            self.merger.end_source(key)
            self.release()

    # --- items -----------------------------------------------------------------------------------

    def admit(self, key: SourceKey) -> bool:
        """Whether the rate limit lets one more item of `key` through (refusals are counted)."""
        limiter = self._limiter
        if limiter is None or limiter.admit(key, self._loop.time()):
            return True
        self._notices_pending = True
        return False

    def push(
        self, key: SourceKey, timestamp_ns: int, event: str, data: Mapping[str, object]
    ) -> None:
        """Hold an item of an active source; call `release()` after a batch of pushes.

        An item that can no longer be put in its place (the merger calls it late) and whose data
        has a `late` field leaves with `late: true`, so a client can place it by its time."""
        merger = self.merger
        if "late" in data and merger.is_late(key, timestamp_ns):
            data = {**data, "late": True}
        merger.push(key, timestamp_ns, (event, data), self._loop.time())
        self._last_ns[key] = timestamp_ns

    def status(
        self,
        key: SourceKey | None,
        cluster_id: str,
        source: str,
        status: SourceStatusKind,
        message: str | None,
    ) -> None:
        """A `status` of a source, placed after everything `key` pushed before it (at once if it
        pushed nothing, or it is a scope that is no source of the merge: `key` None)."""
        if self._closed:
            return
        data = SourceStatus(
            cluster_id=cluster_id, source=source, status=status, message=message
        ).wire()
        last = None if key is None else self._last_ns.get(key)
        if key is None or last is None:
            self.buffer.put(STATUS_EVENT, data)  # nothing of this source is held
            return
        was_active = key in self._active
        if not was_active:
            self.merger.register(key)
        self.merger.push(key, last, (STATUS_EVENT, data), self._loop.time())
        if not was_active:
            self.merger.end_source(key)
        self.release()

    def put(self, event: str, data: Mapping[str, object]) -> None:
        """An event that is not merged (a notice about the stream as a whole)."""
        if not self._closed:
            self.buffer.put(event, data)

    def release(self) -> None:
        """Move every item that may leave now into the buffer, and arm the timer for the next."""
        if self._closed:
            return
        now = self._loop.time()
        put = self.buffer.put
        for event, data in self.merger.release_ready(now):
            put(event, data)
        if self._notices_pending and now >= self._next_notice_at:
            self._send_notices(now)
        self._arm(now)

    def close(self) -> None:
        """Flush what is held into the buffer and stop the timer (the stream is ending)."""
        if self._closed:
            return
        put = self.buffer.put
        for event, data in self.merger.flush():
            put(event, data)
        if self._notices_pending:
            self._send_notices(self._loop.time())
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # --- internals -------------------------------------------------------------------------------

    def _send_notices(self, now: float) -> None:
        assert self._limiter is not None
        for notice in self._limiter.take_notices():
            dropped = Dropped(
                count=notice.count,
                reason=notice.reason,
                source=self._names.get(notice.source, "/".join(notice.source)),
            )
            self.buffer.put(DROPPED_EVENT, dropped.wire())
        self._notices_pending = False
        self._next_notice_at = now + RATE_NOTICE_INTERVAL_S

    def _arm(self, now: float) -> None:
        deadline = self.merger.next_deadline()
        if self._notices_pending:
            due = max(self._next_notice_at, now)
            deadline = due if deadline is None else min(deadline, due)
        timer = self._timer
        if deadline is None:
            if timer is not None:
                timer.cancel()
                self._timer = None
            return
        if timer is not None:
            if self._timer_at <= deadline:
                return  # the armed timer comes first; it re-arms when it fires
            timer.cancel()
        self._timer_at = deadline
        self._timer = self._loop.call_at(deadline, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self.release()
