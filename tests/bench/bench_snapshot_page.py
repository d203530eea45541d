"""Snapshot paging over 100k cached pod rows in 3 clusters (issue 5's page goal: ≤ 100 ms).

Measures `cut_page` — filter, sort and page of the merged rows, and the dicts of the page —
for the first 100-row page sorted by name: cold (per-cluster runs sorted for this cache
version) and warm (runs reused), plus a text-filtered page and a deep page. No cluster needed:
rows are decoded from realistic pod JSON with the catalog's own codec.
"""

from __future__ import annotations

import json
import statistics
import time

from starlette.datastructures import QueryParams

from backend.kube.resources import ApiResource
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.pods import POD_CODEC
from backend.refresh.list_query import parse_list_query
from backend.refresh.merged_page import MergedOrderCache, SortedRunCache
from backend.refresh.snapshots.lists import cut_page
from backend.refresh.snapshots.parts import ClusterPart, KindRows
from tests.bench.bench_catalog_podgen import pod_list

PODS = ApiResource("", "v1", "pods", "Pod", True, frozenset({"list", "watch"}))
CLUSTERS = 3
TOTAL = 100_000


def parts() -> list[ClusterPart]:
    result = []
    for i in range(CLUSTERS):
        rows, _, _ = POD_CODEC.rows_of_page(
            pod_list(TOTAL // CLUSTERS + (i == 0), seed=i + 1), Interner()
        )
        part = ClusterPart(f"bench.yaml:cluster-{i}", f"cluster-{i}", "ready")
        part.kinds.append(KindRows(PODS, tuple(rows), 1))
        result.append(part)
    return result


def timed(fn: object, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    data = parts()
    first_page = parse_list_query(QueryParams("sort=name&limit=100"))
    filtered = parse_list_query(QueryParams("sort=name&limit=100&q=app-1"))
    deep = parse_list_query(QueryParams("sort=restarts&order=desc&limit=100&offset=50000"))

    def fresh() -> tuple[SortedRunCache, MergedOrderCache]:
        return SortedRunCache(512), MergedOrderCache(16)

    cold = []
    for _ in range(3):
        runs, orders = fresh()
        cold += timed(lambda r=runs, o=orders: cut_page(data, first_page, "name", r, o), 1)
    runs, orders = fresh()
    cut_page(data, first_page, "name", runs, orders)
    new_order = []  # runs sorted, a different page size: a new merged order over cached runs
    for size in range(5):
        query = parse_list_query(QueryParams(f"sort=name&limit={100 + size}"))
        new_order += timed(lambda q=query: cut_page(data, q, "name", runs, orders), 1)
    warm = timed(lambda: cut_page(data, first_page, "name", runs, orders), 20)
    text_cold = timed(lambda: cut_page(data, filtered, "name", runs, MergedOrderCache(16)), 3)
    cut_page(data, deep, "restarts", runs, orders)
    deep_ms = timed(lambda: cut_page(data, deep, "restarts", runs, orders), 5)
    for name, samples in (
        ("first_page_cold_sort", cold),
        ("first_page_sorted_runs_new_order", new_order),
        ("first_page_warm", warm),
        ("text_filter_first_time", text_cold),
        ("offset_50000_warm", deep_ms),
    ):
        print(
            json.dumps(
                {
                    "bench": "snapshot_page",
                    "case": name,
                    "rows": TOTAL,
                    "clusters": CLUSTERS,
                    "median_ms": round(statistics.median(samples), 2),
                    "max_ms": round(max(samples), 2),
                    "runs": len(samples),
                }
            )
        )


if __name__ == "__main__":
    main()
