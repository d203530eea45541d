"""Retry delays: exponential, capped, jittered, reset after health."""

from __future__ import annotations

import random

import pytest

from backend.kube.backoff import Backoff


def midpoint(low: float, high: float) -> float:
    return (low + high) / 2


def test_delays_double_until_the_cap() -> None:
    backoff = Backoff(initial=1, maximum=10, factor=2, jitter=0, uniform=midpoint)
    assert [backoff.next_delay() for _ in range(6)] == [1, 2, 4, 8, 10, 10]
    assert backoff.failures == 6


def test_reset_starts_over() -> None:
    backoff = Backoff(initial=1, maximum=10, factor=2, jitter=0, uniform=midpoint)
    backoff.next_delay()
    backoff.next_delay()
    backoff.reset()
    assert backoff.next_delay() == 1


def test_jitter_spreads_each_delay_within_its_band() -> None:
    rng = random.Random(7)
    backoff = Backoff(initial=1, maximum=8, factor=2, jitter=0.5, uniform=rng.uniform)
    delays = [backoff.next_delay() for _ in range(200)]
    assert 0.5 <= delays[0] <= 1.5
    assert 1.0 <= delays[1] <= 3.0
    assert all(4.0 <= d <= 12.0 for d in delays[5:])
    assert len({round(d, 6) for d in delays[5:]}) > 100  # really spread, not constant


def test_a_long_outage_does_not_overflow() -> None:
    backoff = Backoff(initial=0.8, maximum=30, factor=2, jitter=0, uniform=midpoint)
    for _ in range(5000):
        delay = backoff.next_delay()
    assert delay == 30


@pytest.mark.parametrize(
    "args", [{"initial": 0}, {"initial": 5, "maximum": 1}, {"factor": 0.5}, {"jitter": 1.0}]
)
def test_nonsense_settings_are_refused(args: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Backoff(**args)
