"""Sorting and paging rows merged from many clusters without re-sorting everything per request.

Each cluster's rows are sorted once per (sort field, order) and kept as a `SortedRun`; when the
cache changes, the run follows the change (the old row removed and the new one inserted where
a full sort puts it, found by bisection) instead of being sorted again. A request merges the
per-cluster sorted runs lazily and stops after `offset + limit` rows, so the first page of 100k
rows costs a k-way merge of ~100 steps instead of a sort of 100k. Ties break by the cluster's
position in clusterId order, then by the run's own order (namespace, name), so the result is
stable across clusters and requests.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

R = TypeVar("R")

SortKey = tuple[int, Any]

FILTERS_KEPT = 4
"""Filtered copies (text, labels) kept per run; each follows the run's changes too."""

FOLLOW_AT_MOST = 1 / 16
"""A run follows at most this share of its length in changes; more (a relist) re-sorts it."""


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
    """One cluster's rows in the order of `spec` (ties by namespace, name ascending).

    Two stable sorts: by the tiebreak, then by the sort value alone. The values' keys are made
    in C where a column holds only strings (case-folded) or only numbers (as they are), which
    compare exactly as their `sort_value` does; mixed columns go through `sort_value`."""
    ordered = sorted(rows, key=spec.tiebreak_of)
    values = list(map(spec.value_of, ordered))
    kinds = set(map(type, values))
    keys: list[Any]
    if kinds <= {str}:
        keys = list(map(str.casefold, values))
    elif kinds <= {int, float, bool}:
        keys = values
    else:
        keys = list(map(sort_value, values))
    index = sorted(range(len(keys)), key=keys.__getitem__, reverse=spec.descending)
    return list(map(ordered.__getitem__, index))


class _Descending:
    """A sort value compared the other way round: the order key of a descending run."""

    __slots__ = ("value",)

    def __init__(self, value: SortKey) -> None:
        self.value = value

    def __lt__(self, other: _Descending) -> bool:
        return other.value < self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and self.value == other.value

    __hash__ = None  # type: ignore[assignment]


def order_key(spec: SortSpec[R]) -> Callable[[R], tuple[Any, tuple[str, str]]]:
    """The key a run of `spec` ascends by — exactly `sort_run`'s order: the sort value
    (reversed when descending), then the tiebreak ascending."""
    value_of, tiebreak_of = spec.value_of, spec.tiebreak_of
    if spec.descending:
        return lambda row: (_Descending(sort_value(value_of(row))), tiebreak_of(row))
    return lambda row: (sort_value(value_of(row)), tiebreak_of(row))


RowChange = tuple[Any, Any]
"""(the row before, the row after) of one change: (None, new) added, (old, None) deleted."""


class ChangeMark(Protocol):
    """Where a run's rows were read (a kind cache's journal position)."""

    def changes_since(self, earlier: object) -> Sequence[RowChange] | None:
        """The changes between an `earlier` mark of the same rows and this one, oldest first;
        None when they are not known."""
        ...


class SortedRun(Generic[R]):
    """One cluster's rows of one kind in one sort order, and filtered copies of them.

    Lists are never changed once handed out (a merged order may still be reading them):
    following changes makes new ones, which costs a copy of the pointers (~50 µs per 20k rows)
    rather than a sort (~40 ms)."""

    __slots__ = ("_filtered", "rows")

    def __init__(self, rows: list[R]) -> None:
        self.rows = rows
        self._filtered: dict[Hashable, tuple[Callable[[R], bool], list[R]]] = {}

    def follow(self, changes: Sequence[RowChange], spec: SortSpec[R]) -> bool:
        """Apply changes (oldest first); False when a row to remove is not in the run (the
        run does not hold what the changes start from: the caller sorts it again)."""
        key = order_key(spec)
        rows = list(self.rows)
        filtered = {k: (wanted, list(kept)) for k, (wanted, kept) in self._filtered.items()}
        for before, after in changes:
            if before is not None and not _remove(rows, before, key):
                return False
            if after is not None:
                insort(rows, after, key=key)
            for wanted, kept in filtered.values():
                if before is not None and wanted(before) and not _remove(kept, before, key):
                    return False
                if after is not None and wanted(after):
                    insort(kept, after, key=key)
        self.rows, self._filtered = rows, filtered
        return True

    def filtered(
        self,
        key: Hashable,
        wanted: Callable[[R], bool],
        narrows: Callable[[Hashable], bool],
        select: Callable[[Sequence[R]], list[R]] | None = None,
    ) -> list[R]:
        """The run's rows that `wanted` keeps, in the run's order; kept under `key` and
        following the run's changes. A filter that `narrows` one kept already (typing on in the
        search box) scans that one's rows instead of the whole run; `select`, where given, is
        `wanted` asked of many rows at once (the changes that follow are asked one by one)."""
        hit = self._filtered.pop(key, None)
        if hit is None:
            source = self.rows
            for kept_key in reversed(self._filtered):
                if narrows(kept_key):
                    source = self._filtered[kept_key][1]
                    break
            hit = (wanted, select(source) if select else [r for r in source if wanted(r)])
            while len(self._filtered) >= FILTERS_KEPT:
                del self._filtered[next(iter(self._filtered))]
        self._filtered[key] = hit
        return hit[1]


def _remove(rows: list[R], row: R, key: Callable[[R], Any]) -> bool:
    """Remove `row` (the cached row, or one equal to it) from rows ordered by `key`."""
    at = key(row)
    low = bisect_left(rows, at, key=key)
    high = bisect_right(rows, at, low, key=key)
    try:
        del rows[rows.index(row, low, high)]
    except ValueError:
        return False
    return True


@dataclass
class _CachedRun:
    version: Hashable
    context: Hashable
    """What the order depends on besides the rows (the usage reading a usage column sorts by)."""
    mark: ChangeMark | None
    run: SortedRun[Any]


class SortedRunCache:
    """Per (cluster, kind, namespaces read, sort field, order): the sorted run, following the
    cache's changes from one version to the next; the most recently used `capacity` runs are
    kept."""

    def __init__(self, capacity: int) -> None:
        self._capacity = capacity
        self._runs: dict[Hashable, _CachedRun] = {}

    def get(
        self,
        key: Hashable,
        version: Hashable,
        spec: SortSpec[R],
        rows: Callable[[], Iterable[R]],
        mark: ChangeMark | None = None,
        context: Hashable = None,
    ) -> SortedRun[R]:
        """The run of `rows` (as read at `version`, at `mark`) in `spec`'s order."""
        hit = self._runs.pop(key, None)
        if hit is not None and hit.version != version and not _follow(hit, spec, mark, context):
            hit = None
        if hit is None:
            hit = _CachedRun(version, context, mark, SortedRun(sort_run(rows(), spec)))
            while len(self._runs) >= self._capacity:
                del self._runs[next(iter(self._runs))]
        hit.version, hit.mark = version, mark
        self._runs[key] = hit
        return hit.run

    def forget(self, predicate: Callable[[Hashable], bool]) -> None:
        """Drop runs whose key matches, e.g. every run of a deselected cluster."""
        for key in [k for k in self._runs if predicate(k)]:
            del self._runs[key]

    def __len__(self) -> int:
        return len(self._runs)


def _follow(
    hit: _CachedRun, spec: SortSpec[Any], mark: ChangeMark | None, context: Hashable
) -> bool:
    if mark is None or hit.mark is None or hit.context != context:
        return False
    changes = mark.changes_since(hit.mark)
    if changes is None or len(changes) > max(64, len(hit.run.rows) * FOLLOW_AT_MOST):
        return False
    return hit.run.follow(changes, spec)


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
