"""Per-source token buckets: bursts, refill with an injected clock, notices naming the source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.refresh.streams.merge import SourceKey
from backend.refresh.streams.ratelimit import RateLimitNotice, SourceRateLimiter

NOISY: SourceKey = ("kube:a", "noisy", "app")
QUIET: SourceKey = ("kube:a", "quiet", "app")


def test_a_burst_passes_then_lines_over_the_rate_are_dropped_and_reported() -> None:
    limiter = SourceRateLimiter(rate_per_s=10, burst=3)
    assert [limiter.admit(NOISY, now=0.0) for _ in range(5)] == [True, True, True, False, False]
    assert limiter.admit(QUIET, now=0.0)
    assert limiter.take_notices() == [RateLimitNotice(NOISY, 2, "rate_limited")]
    assert limiter.take_notices() == []


def test_tokens_come_back_at_the_rate_and_never_above_the_burst() -> None:
    limiter = SourceRateLimiter(rate_per_s=10, burst=3)
    for _ in range(3):
        limiter.admit(NOISY, now=0.0)
    assert not limiter.admit(NOISY, now=0.05)
    assert limiter.admit(NOISY, now=0.1)
    assert not limiter.admit(NOISY, now=0.1)
    assert [limiter.admit(NOISY, now=100.0) for _ in range(4)] == [True, True, True, False]


def test_a_clock_going_back_adds_no_tokens() -> None:
    limiter = SourceRateLimiter(rate_per_s=10, burst=1)
    assert limiter.admit(NOISY, now=5.0)
    assert not limiter.admit(NOISY, now=1.0)
    assert not limiter.admit(NOISY, now=5.05)


def test_notices_come_one_per_source_in_the_order_they_began_dropping() -> None:
    limiter = SourceRateLimiter(rate_per_s=1, burst=1)
    for key in (QUIET, NOISY, NOISY, QUIET, NOISY):
        limiter.admit(key, now=0.0)
    # QUIET and NOISY pass once each; NOISY is refused first.
    assert limiter.take_notices() == [RateLimitNotice(NOISY, 2), RateLimitNotice(QUIET, 1)]


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (-1, 1), (1, 0)])
def test_rate_and_burst_must_be_positive(rate: float, burst: int) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        SourceRateLimiter(rate_per_s=rate, burst=burst)


@given(
    st.integers(1, 50),
    st.integers(1, 20),
    st.lists(st.integers(0, 1000), min_size=1, max_size=200),
)
def test_admitted_lines_never_exceed_burst_plus_rate_times_elapsed(
    rate: int, burst: int, gaps_ms: list[int]
) -> None:
    limiter = SourceRateLimiter(rate_per_s=rate, burst=burst)
    now, admitted = 0.0, 0
    for gap in gaps_ms:
        now += gap / 1000
        admitted += limiter.admit(NOISY, now)
    dropped = sum(notice.count for notice in limiter.take_notices())
    assert admitted <= burst + rate * now + 1e-9
    assert admitted + dropped == len(gaps_ms)
