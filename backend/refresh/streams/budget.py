"""SourceBudget: how many log follows may be open — per stream, per cluster, in the process.

Every follow holds a connection of its cluster's client and a share of one core, so the three
bounds are checked before a stream starts (400 `too_many_sources`, naming the bound) and again for
sources a stream adds later (they are refused with a status event instead).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from backend.errors import RegattaError
from backend.refresh.streams.limits import (
    MAX_SOURCES_PER_CLUSTER,
    MAX_SOURCES_PER_PROCESS,
    MAX_SOURCES_PER_STREAM,
)


@dataclass(frozen=True, slots=True)
class SourceLimits:
    per_stream: int = MAX_SOURCES_PER_STREAM
    per_cluster: int = MAX_SOURCES_PER_CLUSTER
    per_process: int = MAX_SOURCES_PER_PROCESS


class SourceBudget:
    """Counts of reserved log sources, by cluster; every reservation is released exactly once."""

    def __init__(self, limits: SourceLimits | None = None) -> None:
        self.limits = limits or SourceLimits()
        self._by_cluster: Counter[str] = Counter()

    @property
    def total(self) -> int:
        return sum(self._by_cluster.values())

    def reserved(self, cluster_id: str) -> int:
        return self._by_cluster[cluster_id]

    def refusal(self, wanted: Mapping[str, int], stream_total: int) -> RegattaError | None:
        """Why `wanted` more sources (by cluster) cannot be reserved for a stream that already
        has `stream_total`; None if they can."""
        limits = self.limits
        adding = sum(wanted.values())
        if stream_total + adding > limits.per_stream:
            return _too_many(
                f"This stream would follow {stream_total + adding} log sources (containers); "
                f"one stream may follow at most {limits.per_stream}.",
                limits.per_stream,
                "stream",
                stream_total + adding,
            )
        for cluster_id, count in wanted.items():
            open_now = self._by_cluster[cluster_id]
            if count and open_now + count > limits.per_cluster:
                return _too_many(
                    f"Following {count} more log sources of `{cluster_id}` would make "
                    f"{open_now + count} open against that cluster; at most "
                    f"{limits.per_cluster} may be open per cluster.",
                    limits.per_cluster,
                    "cluster",
                    open_now + count,
                    clusterId=cluster_id,
                )
        total = self.total
        if adding and total + adding > limits.per_process:
            return _too_many(
                f"Following {adding} more log sources would make {total + adding} open; "
                f"at most {limits.per_process} may be open at once.",
                limits.per_process,
                "process",
                total + adding,
            )
        return None

    def take(self, wanted: Mapping[str, int], stream_total: int) -> None:
        """Reserve, or raise the 400 that `refusal` describes."""
        error = self.refusal(wanted, stream_total)
        if error is not None:
            raise error
        for cluster_id, count in wanted.items():
            self._by_cluster[cluster_id] += count

    def release(self, cluster_id: str, count: int = 1) -> None:
        held = self._by_cluster[cluster_id]
        if count > held:
            raise ValueError(f"releasing {count} sources of {cluster_id}, only {held} held")
        self._by_cluster[cluster_id] = held - count
        if not self._by_cluster[cluster_id]:
            del self._by_cluster[cluster_id]


def _too_many(message: str, limit: int, bound: str, requested: int, **context: str) -> RegattaError:
    return RegattaError(
        400,
        "too_many_sources",
        message,
        limit=limit,
        limitOf=bound,
        requested=requested,
        **context,
    )
