"""Sorting and paging rows merged from many clusters without re-sorting everything per request.

Each cluster's rows are sorted once per (cache version, sort field, order) and kept; a request
merges the per-cluster sorted runs lazily and stops after `offset + limit` rows, so the first page
of 100k rows costs a k-way merge of ~100 steps instead of a sort of 100k. Ties break by the
cluster's position in clusterId order, then by the run's own order (namespace, name), so the
result is stable across clusters and requests.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

R = TypeVar("R")

SortKey = tuple[int, Any]


def sort_value(value: Any) -> SortKey:
    """A totally ordered key: missing values last (ascending), strings case-insensitively."""
    if value is None:
        return (2, "")
    if isinstance(value, str):
        return (1, value.casefold())
    if isinstance(value, bool):
        return (0, int(value))
    return (0, value)


@dataclass(frozen=True)
class SortSpec(Generic[R]):
    field: str
    descending: bool
    value_of: Callable[[R], Any]
    tiebreak_of: Callable[[R], tuple[str, str]]
    """(namespace, name): the order of equal values inside one cluster."""


def sort_run(rows: Iterable[R], spec: SortSpec[R]) -> list[R]:
    """One cluster's rows in the order of `spec` (ties by namespace, name ascending)."""
    value_of, tiebreak_of = spec.value_of, spec.tiebreak_of
    if not spec.descending:
        return sorted(rows, key=lambda r: (sort_value(value_of(r)), tiebreak_of(r)))
    ordered = sorted(rows, key=tiebreak_of)
    ordered.sort(key=lambda r: sort_value(value_of(r)), reverse=True)
    return ordered


class SortedRunCache:
    """Per (cluster, kind, namespaces read, sort field, order): the sorted run for one cache
    version; the most recently used `capacity` runs are kept."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._runs: dict[Hashable, tuple[Hashable, list[Any]]] = {}

    def get(self, key: Hashable, version: Hashable, build: Callable[[], list[Any]]) -> list[Any]:
        hit = self._runs.pop(key, None)
        if hit is None or hit[0] != version:
            hit = (version, build())
            while len(self._runs) >= self._capacity:
                del self._runs[next(iter(self._runs))]
        self._runs[key] = hit
        return hit[1]

    def forget(self, predicate: Callable[[Hashable], bool]) -> None:
        """Drop runs whose key matches, e.g. every run of a deselected cluster."""
        for key in [k for k in self._runs if predicate(k)]:
            del self._runs[key]

    def __len__(self) -> int:
        return len(self._runs)


def merge_runs(
    runs: Sequence[Sequence[R]], specs: Sequence[SortSpec[R]]
) -> Iterator[tuple[int, R]]:
    """Lazily merge runs (each ordered by its spec, given in clusterId order) into one order;
    each row comes with the index of the run it came from.

    Every run has its own spec so a column that is constant within a run (its kind, its
    cluster) sorts too; all specs share one direction.
    """
    descending = specs[0].descending if specs else False
    sign = -1 if descending else 1

    def keyed(rank: int, run: Sequence[R], spec: SortSpec[R]) -> Iterator[tuple[SortKey, int, R]]:
        value_of = spec.value_of
        for row in run:
            yield (sort_value(value_of(row)), sign * rank, row)

    streams = [
        keyed(rank, run, spec) for rank, (run, spec) in enumerate(zip(runs, specs, strict=True))
    ]
    merged = heapq.merge(*streams, key=lambda t: (t[0], t[1]), reverse=descending)
    return ((sign * signed_rank, row) for _, signed_rank, row in merged)


class MergedOrder(Generic[R]):
    """One merged order, materialised only as far as pages have been read.

    The first page costs ~limit merge steps; a deeper page extends the same prefix once, and
    every later page of the same data is a slice.
    """

    def __init__(self, merged: Iterator[tuple[int, R]], total: Callable[[], int]) -> None:
        self._merged = merged
        self._prefix: list[tuple[int, R]] = []
        self._count_total = total
        self._total: int | None = None

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = self._count_total()
        return self._total

    def slice(self, offset: int, limit: int | None) -> list[tuple[int, R]]:
        stop = None if limit is None else offset + limit
        if stop is None:
            self._prefix.extend(self._merged)
        elif len(self._prefix) < stop:
            self._prefix.extend(itertools.islice(self._merged, stop - len(self._prefix)))
        return self._prefix[offset:stop]


class MergedOrderCache:
    """The most recently used merged orders, keyed by what they depend on (the cache versions
    of every run, the sort, the filters); bounded so memory cannot grow with query variety."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._orders: dict[Hashable, MergedOrder[Any]] = {}

    def get(self, key: Hashable, build: Callable[[], MergedOrder[Any]]) -> MergedOrder[Any]:
        order = self._orders.pop(key, None)
        if order is None:
            order = build()
            while len(self._orders) >= self._capacity:
                del self._orders[next(iter(self._orders))]
        self._orders[key] = order
        return order

    def __len__(self) -> int:
        return len(self._orders)
