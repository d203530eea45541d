"""TimestampMerger: one stream out of many sources, ordered by the items' own timestamps.

Each source (one container's log, one cluster's events) pushes items in its own order. The
merger holds an item until it is safe to place it, but never longer than the reorder window:

- **Watermarks.** A source's watermark is the largest timestamp it has pushed. An item may leave
  as soon as every active source's watermark has reached it (ties: the source key decides), so
  once all sources have spoken nothing waits for the window. A registered source that has pushed
  nothing yet holds everything back (up to the window); an ended source holds nothing back.
- **Deadlines.** An item pushed at clock time `t` must leave by `t + window`. When one is due,
  items leave in merged order until it has left, so order is kept among everything still held.
- **Late items.** An item whose (timestamp, source key) sorts before an item already emitted
  cannot be put in its place any more. It is counted in `late` and emitted on the next
  `release_ready` call; it is never dropped.

Ordering key of an item: (timestamp, source key, arrival). Source keys are tuples of strings
compared element by element, so log keys `(clusterId, pod, container, …)` break ties by
clusterId, then pod, then container, then arrival.

Guarantee (tested in tests/unit/test_stream_merge_properties.py and test_stream_merge.py):

1. Items of one source leave in the order they were pushed, even if their timestamps go back.
2. Every pushed item leaves exactly once (by `release_ready`, or `flush`): nothing is dropped.
3. The output is a merge of the per-source sequences that always emits the smallest held head.
   Hence an item y leaves after an item x with a larger key only if y was pushed after x had
   left (y is counted `late`), or y's own source went back in time (counted in `backwards`)
   and y waited behind that source's earlier, larger item.
4. Without backwards sources: if every item y is pushed before the window of every item x that
   sorts after it has run out (`arrival(y) < arrival(x) + window`), and every source is registered
   before the first item leaves (and not registered again after it ended), the output is sorted
   and `late == 0`.
5. Held at most the window: after `release_ready(now)`, no item pushed at or before
   `now - window` is still held.

Driving it: call `push` and `end_source` as things happen, then `release_ready(now)`, then sleep
until `next_deadline()` or the next push, whichever comes first. The clock is the caller's
(seconds, monotonic); the merger never reads time itself.
"""

from __future__ import annotations

import heapq
from collections import deque
from typing import Final, Generic, TypeVar

from backend.refresh.streams.limits import DEFAULT_REORDER_WINDOW_S, MAX_REORDER_WINDOW_S

T = TypeVar("T")

SourceKey = tuple[str, ...]
"""Identity and tie-break order of a source, e.g. (clusterId, pod, container, namespace)."""

_NOTHING_YET: Final = -(1 << 96)
"""Watermark of a source that has pushed nothing: below every real timestamp."""

_WATERMARK_SLACK: Final = 64
"""Stale watermark entries tolerated beyond two per source before the heap is rebuilt."""


class _Source(Generic[T]):
    """One source's held items (in push order) and how far its timestamps have come."""

    __slots__ = ("active", "held", "key", "last_timestamp", "pushed", "released", "watermark")

    def __init__(self, key: SourceKey) -> None:
        self.key = key
        self.held: deque[tuple[int, int, T]] = deque()  # (timestamp_ns, arrival seq, payload)
        self.pushed = 0
        self.released = 0
        self.watermark = _NOTHING_YET
        self.last_timestamp = _NOTHING_YET
        self.active = True


class TimestampMerger(Generic[T]):
    """Merges items of many sources by timestamp with a bounded reorder window; see module doc."""

    def __init__(self, window_s: float = DEFAULT_REORDER_WINDOW_S) -> None:
        if not 0.0 <= window_s <= MAX_REORDER_WINDOW_S:
            raise ValueError(
                f"reorder window must be between 0 and {MAX_REORDER_WINDOW_S} s, got {window_s}"
            )
        self.window_s = window_s
        self.late = 0
        """Items pushed after an item that sorts after them had already left."""
        self.backwards = 0
        """Items whose timestamp is below an earlier item of the same source."""
        self._sources: dict[SourceKey, _Source[T]] = {}
        self._seq = 0
        # Heap of each source's oldest held item: (timestamp_ns, key, seq, source).
        self._heads: list[tuple[int, SourceKey, int, _Source[T]]] = []
        # Every held item in push order, for deadlines: (deadline, source, index in source).
        self._arrivals: deque[tuple[float, _Source[T], int]] = deque()
        # Late items, due at once: (arrival time, source, index in source).
        self._urgent: deque[tuple[float, _Source[T], int]] = deque()
        # Lazy min-heap of active sources' (watermark, key); stale entries are skipped on read.
        self._watermarks: list[tuple[int, SourceKey]] = []
        # Largest (timestamp, key) emitted so far; pushes below it are late.
        self._frontier: tuple[int, SourceKey] | None = None
        self.held = 0
        """Items pushed and not yet released."""

    def register(self, key: SourceKey) -> None:
        """Start a source; until it pushes, it holds back every item for up to the window.

        Registering an ended source again reactivates it (a reconnect); registering an active
        source twice is a ValueError, since two producers would then share one order.
        """
        source = self._sources.get(key)
        if source is None:
            source = self._sources[key] = _Source(key)
        elif source.active:
            raise ValueError(f"source already registered: {key!r}")
        source.active = True
        heapq.heappush(self._watermarks, (source.watermark, key))

    def end_source(self, key: SourceKey) -> None:
        """The source will push nothing more; its held items still leave in order."""
        source = self._active_source(key)
        source.active = False
        if not source.held:
            del self._sources[key]

    def is_late(self, key: SourceKey, timestamp_ns: int) -> bool:
        """Whether an item of `key` stamped `timestamp_ns` pushed now would be late."""
        frontier = self._frontier
        return frontier is not None and (timestamp_ns, key) < frontier

    def push(self, key: SourceKey, timestamp_ns: int, payload: T, now: float) -> None:
        """Hold `payload` of source `key` stamped `timestamp_ns`, pushed at clock time `now`."""
        source = self._active_source(key)
        seq = self._seq
        self._seq = seq + 1
        index = source.pushed
        source.pushed = index + 1
        if timestamp_ns < source.last_timestamp:
            self.backwards += 1
        source.last_timestamp = timestamp_ns
        if timestamp_ns > source.watermark:
            source.watermark = timestamp_ns
            heapq.heappush(self._watermarks, (timestamp_ns, key))
            if len(self._watermarks) > 2 * len(self._sources) + _WATERMARK_SLACK:
                self._compact_watermarks()
        if not source.held:
            heapq.heappush(self._heads, (timestamp_ns, key, seq, source))
        source.held.append((timestamp_ns, seq, payload))
        self.held += 1
        frontier = self._frontier
        if frontier is not None and (timestamp_ns, key) < frontier:
            self.late += 1
            self._urgent.append((now, source, index))
        else:
            self._arrivals.append((now + self.window_s, source, index))

    def release_ready(self, now: float) -> list[T]:
        """Items that may leave at clock time `now`, in merged order."""
        released: list[T] = []
        heads = self._heads
        while heads:
            if self._something_due(now) or self._watermarks_passed(heads[0][0], heads[0][1]):
                released.append(self._pop_head())
            else:
                break
        return released

    def next_deadline(self) -> float | None:
        """Clock time by which `release_ready` must be called again; None when nothing is held."""
        urgent = self._first_unreleased(self._urgent)
        if urgent is not None:
            return urgent
        return self._first_unreleased(self._arrivals)

    def flush(self) -> list[T]:
        """Every held item, in merged order, regardless of time (end of the stream)."""
        released: list[T] = []
        while self._heads:
            released.append(self._pop_head())
        self._urgent.clear()
        self._arrivals.clear()
        return released

    def _active_source(self, key: SourceKey) -> _Source[T]:
        source = self._sources.get(key)
        if source is None or not source.active:
            raise KeyError(f"not an active source: {key!r}")
        return source

    def _something_due(self, now: float) -> bool:
        """Whether a late item is waiting or some held item's deadline has come."""
        if self._first_unreleased(self._urgent) is not None:
            return True
        deadline = self._first_unreleased(self._arrivals)
        return deadline is not None and deadline <= now

    @staticmethod
    def _first_unreleased(queue: deque[tuple[float, _Source[T], int]]) -> float | None:
        """Time of the first entry still held, dropping entries whose item has already left."""
        while queue:
            when, source, index = queue[0]
            if index >= source.released:
                return when
            queue.popleft()
        return None

    def _watermarks_passed(self, timestamp_ns: int, key: SourceKey) -> bool:
        """Whether no active source can still push an item that sorts before (timestamp, key)."""
        watermarks = self._watermarks
        sources = self._sources
        while watermarks:
            watermark, low_key = watermarks[0]
            low = sources.get(low_key)
            if low is not None and low.active and low.watermark == watermark:
                return (timestamp_ns, key) <= (watermark, low_key)
            heapq.heappop(watermarks)
        return True

    def _compact_watermarks(self) -> None:
        """Rebuild the watermark heap from live sources, so a silent source cannot let it grow."""
        self._watermarks = [
            (source.watermark, key) for key, source in self._sources.items() if source.active
        ]
        heapq.heapify(self._watermarks)

    def _pop_head(self) -> T:
        timestamp_ns, key, _, source = heapq.heappop(self._heads)
        _, _, payload = source.held.popleft()
        source.released += 1
        self.held -= 1
        if source.held:
            next_timestamp, next_seq, _ = source.held[0]
            heapq.heappush(self._heads, (next_timestamp, key, next_seq, source))
        elif not source.active and self._sources.get(key) is source:
            del self._sources[key]
        frontier = self._frontier
        if frontier is None or (timestamp_ns, key) > frontier:
            self._frontier = (timestamp_ns, key)
        return payload
