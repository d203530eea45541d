"""SourceRateLimiter: a token bucket per source, so one chatty container cannot drown the rest.

Lines over a source's rate are dropped at the door (before merging, so they cost nothing more)
and counted; `take_notices` reports the counts per source so the stream can tell the client
which source lost lines. The clock is the caller's (seconds, monotonic).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from backend.refresh.streams.limits import DEFAULT_SOURCE_BURST, DEFAULT_SOURCE_RATE_PER_S
from backend.refresh.streams.merge import SourceKey

REASON_RATE_LIMITED: Final = "rate_limited"


@dataclass(frozen=True, slots=True)
class RateLimitNotice:
    """`count` lines of `source` were dropped for going over its rate."""

    source: SourceKey
    count: int
    reason: str = REASON_RATE_LIMITED


class _Bucket:
    __slots__ = ("dropped", "refilled_at", "tokens")

    def __init__(self, tokens: float, now: float) -> None:
        self.tokens = tokens
        self.refilled_at = now
        self.dropped = 0


class SourceRateLimiter:
    """Admits at most `burst` lines at once and `rate_per_s` lines per second per source."""

    def __init__(
        self, rate_per_s: float = DEFAULT_SOURCE_RATE_PER_S, burst: int = DEFAULT_SOURCE_BURST
    ) -> None:
        if rate_per_s <= 0 or burst < 1:
            raise ValueError(f"rate and burst must be positive, got {rate_per_s}, {burst}")
        self.rate_per_s = rate_per_s
        self.burst = burst
        self._buckets: dict[SourceKey, _Bucket] = {}
        self._dropping: dict[SourceKey, _Bucket] = {}  # sources with unreported drops, in order

    def admit(self, key: SourceKey, now: float) -> bool:
        """Whether a line of `key` arriving at `now` may pass; a refused line is counted."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = _Bucket(float(self.burst), now)
        elif now > bucket.refilled_at:
            refill = (now - bucket.refilled_at) * self.rate_per_s
            bucket.tokens = min(float(self.burst), bucket.tokens + refill)
            bucket.refilled_at = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return True
        bucket.dropped += 1
        self._dropping[key] = bucket
        return False

    def take_notices(self) -> list[RateLimitNotice]:
        """Drops since the last call, one notice per source, in the order sources began dropping."""
        notices = [RateLimitNotice(key, bucket.dropped) for key, bucket in self._dropping.items()]
        for bucket in self._dropping.values():
            bucket.dropped = 0
        self._dropping.clear()
        return notices
