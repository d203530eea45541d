"""The merged page equals a full sort of every cluster's rows, for any data, sort and page."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from backend.refresh.merged_page import (
    MergedOrder,
    SortedRunCache,
    SortSpec,
    merge_runs,
    sort_run,
    sort_value,
)


@dataclass(frozen=True)
class Row:
    cluster_id: str
    namespace: str
    name: str
    restarts: int | None
    node: str | None


def spec(field: str, descending: bool) -> SortSpec[Row]:
    return SortSpec(
        field=field,
        descending=descending,
        value_of=lambda r: getattr(r, field),
        tiebreak_of=lambda r: (r.namespace, r.name),
    )


rows_strategy = st.lists(
    st.builds(
        Row,
        cluster_id=st.sampled_from(["a.yaml:one", "b.yaml:two", "c.yaml:three"]),
        namespace=st.sampled_from(["default", "shop", "Team-A"]),
        name=st.text(alphabet="abcXYZ-", min_size=1, max_size=4),
        restarts=st.none() | st.integers(0, 3),
        node=st.none() | st.sampled_from(["n1", "N1", "n2"]),
    ),
    max_size=60,
)


def merged(runs: list[list[Row]], s: SortSpec[Row]) -> MergedOrder[Row]:
    return MergedOrder(merge_runs(runs, [s] * len(runs)), lambda: sum(len(r) for r in runs))


def expected_order(rows: list[Row], field: str, descending: bool) -> list[Row]:
    """The specification, written the slow obvious way."""
    clusters = sorted({r.cluster_id for r in rows})
    by_tiebreak = sorted(rows, key=lambda r: (clusters.index(r.cluster_id), r.namespace, r.name))
    return sorted(by_tiebreak, key=lambda r: sort_value(getattr(r, field)), reverse=descending)


@given(
    rows=rows_strategy,
    field=st.sampled_from(["name", "restarts", "node"]),
    descending=st.booleans(),
    offset=st.integers(0, 70),
    limit=st.none() | st.integers(0, 20),
)
def test_page_equals_full_sort(
    rows: list[Row], field: str, descending: bool, offset: int, limit: int | None
) -> None:
    s = spec(field, descending)
    clusters = sorted({r.cluster_id for r in rows})
    runs = [sort_run([r for r in rows if r.cluster_id == c], s) for c in clusters]
    order = merged(runs, s)
    got = order.slice(offset, limit)
    want = expected_order(rows, field, descending)
    stop = None if limit is None else offset + limit
    assert [row for _, row in got] == want[offset:stop]
    assert all(runs[i][0].cluster_id == row.cluster_id for i, row in got)
    assert order.total == len(rows)


@given(
    rows=rows_strategy,
    pages=st.lists(st.tuples(st.integers(0, 70), st.none() | st.integers(0, 20)), max_size=5),
)
def test_pages_read_in_any_order_are_slices_of_one_order(
    rows: list[Row], pages: list[tuple[int, int | None]]
) -> None:
    s = spec("name", False)
    clusters = sorted({r.cluster_id for r in rows})
    order = merged([sort_run([r for r in rows if r.cluster_id == c], s) for c in clusters], s)
    want = expected_order(rows, "name", False)
    for offset, limit in pages:
        stop = None if limit is None else offset + limit
        assert [row for _, row in order.slice(offset, limit)] == want[offset:stop]


def test_missing_values_sort_last_ascending_and_strings_ignore_case() -> None:
    rows = [
        Row("a:x", "ns", "b", None, None),
        Row("a:x", "ns", "a", 2, "node-B"),
        Row("a:x", "ns", "c", 1, "node-a"),
    ]
    assert [r.name for r in sort_run(rows, spec("restarts", False))] == ["c", "a", "b"]
    assert [r.name for r in sort_run(rows, spec("node", False))] == ["c", "a", "b"]


def test_run_cache_rebuilds_when_version_changes_and_keeps_the_most_recent_runs() -> None:
    cache = SortedRunCache(capacity=2)
    builds: list[int] = []
    by_restarts = spec("restarts", False)

    def build() -> list[Row]:
        builds.append(1)
        return [Row("a:x", "ns", "r", len(builds), None)]

    def restarts(key: tuple[str, ...], version: int) -> list[int | None]:
        return [r.restarts for r in cache.get(key, version, by_restarts, build).rows]

    assert restarts(("c1", "pods"), 7) == [1]
    assert restarts(("c1", "pods"), 7) == [1]
    assert restarts(("c1", "pods"), 8) == [2]  # no change mark: sorted again
    restarts(("c2", "pods"), 1)
    restarts(("c1", "pods"), 8)  # used: c2 is now the oldest
    restarts(("c3", "pods"), 1)
    assert len(cache) == 2
    assert restarts(("c1", "pods"), 8) == [2]
    assert restarts(("c2", "pods"), 1) == [5]  # evicted: built again
    cache.forget(lambda k: isinstance(k, tuple) and k[0] == "c2")
    assert len(cache) == 1
