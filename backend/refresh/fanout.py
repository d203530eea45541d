"""Run one computation per cluster concurrently, each under its own timeout.

Invariant 3 of the architecture: a slow, dead or forbidden cluster never blocks, slows or hides
another. Every cluster gets an outcome — its value, or the reason it has none — and the whole
fan-out takes as long as the slowest cluster, bounded by the per-cluster timeout.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from backend.errors import RegattaError

log = logging.getLogger(__name__)

T = TypeVar("T")

FAILURES = frozenset({"forbidden", "unreachable", "auth_failed", "timeout"})
"""Error codes a cluster's outcome keeps as its failure; any other is `error`."""


@dataclass(frozen=True)
class Outcome(Generic[T]):
    cluster_id: str
    value: T | None
    failure: str | None
    """None on success; else forbidden / unreachable / auth_failed / timeout / error."""
    message: str | None
    duration_ms: float


class FanOut:
    """Shared concurrency limit for all per-cluster work of the server."""

    def __init__(self, concurrency: int) -> None:
        self._slots = asyncio.Semaphore(concurrency)

    async def run(
        self,
        cluster_ids: Sequence[str],
        compute: Callable[[str], Awaitable[T]],
        timeout_s: float,
    ) -> list[Outcome[T]]:
        """One outcome per cluster id, in the given order."""
        return list(await asyncio.gather(*(self._one(c, compute, timeout_s) for c in cluster_ids)))

    async def _one(
        self, cluster_id: str, compute: Callable[[str], Awaitable[T]], timeout_s: float
    ) -> Outcome[T]:
        started = time.perf_counter()

        def done(value: T | None, failure: str | None, message: str | None) -> Outcome[T]:
            ms = round((time.perf_counter() - started) * 1000, 2)
            return Outcome(cluster_id, value, failure, message, ms)

        try:
            async with asyncio.timeout(timeout_s):
                async with self._slots:
                    value = await compute(cluster_id)
        except TimeoutError:
            return done(None, "timeout", f"No answer within {timeout_s:g} s.")
        except RegattaError as exc:
            return done(None, exc.code if exc.code in FAILURES else "error", exc.message)
        except Exception as exc:  # any failure stays with its cluster (invariant 3)
            log.warning("%s: unexpected failure", cluster_id, exc_info=True)
            return done(None, "error", _sentence(exc))
        return done(value, None, None)


def _sentence(exc: Exception) -> str:
    """What a person reads for an unexpected failure: its own message where it has one (an exec
    credential plugin's names the plugin and quotes its stderr)."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    return str(exc) or type(exc).__name__
