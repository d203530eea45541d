"""Exponential backoff with jitter: LIST/WATCH retries, log follows, evictions behind a budget.

Pure arithmetic (the random source is injected) so the schedule can be tested without waiting.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from backend.kube import limits


class Backoff:
    """Delays that double per consecutive failure up to a cap, each spread by +/- jitter."""

    __slots__ = ("_failures", "_uniform", "factor", "initial", "jitter", "maximum")

    def __init__(
        self,
        initial: float = limits.BACKOFF_INITIAL_S,
        maximum: float = limits.BACKOFF_MAX_S,
        factor: float = limits.BACKOFF_FACTOR,
        jitter: float = limits.BACKOFF_JITTER,
        uniform: Callable[[float, float], float] = random.uniform,
    ) -> None:
        if not (0 < initial <= maximum and factor >= 1 and 0 <= jitter < 1):
            raise ValueError("backoff needs 0 < initial <= maximum, factor >= 1, 0 <= jitter < 1")
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self._uniform = uniform
        self._failures = 0

    @property
    def failures(self) -> int:
        """Consecutive failures since the last `reset()`."""
        return self._failures

    def base_delay(self, failures: int) -> float:
        """The un-jittered delay after `failures` consecutive failures (failures >= 1)."""
        exponent = max(failures - 1, 0)
        # Stop multiplying at the cap, so a long outage cannot overflow the float.
        delay = self.initial
        for _ in range(exponent):
            delay *= self.factor
            if delay >= self.maximum:
                return self.maximum
        return min(delay, self.maximum)

    def next_delay(self) -> float:
        """Record one more failure and return how long to wait before the next attempt."""
        self._failures += 1
        base = self.base_delay(self._failures)
        low = base * (1 - self.jitter)
        high = min(base * (1 + self.jitter), self.maximum * (1 + self.jitter))
        return self._uniform(low, high)

    def reset(self) -> None:
        self._failures = 0
