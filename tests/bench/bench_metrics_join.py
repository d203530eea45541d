"""Joining metrics onto 30k pod rows (issue 15): the cost per snapshot page, and the metrics
cache's memory.

Cases, over 30,000 pod rows in 3 clusters (10k each) with a usage figure for every pod:
- a 100-row page sorted by name, with and without usage joined (the join's cost per page);
- the first page sorted by `cpuMillicores` after a new reading (every run re-sorted by usage);
- the same page warm (runs reused while the reading is unchanged).
Memory: tracemalloc of the readings (`MetricsView` of 30k pods with one container each) and the
estimate the cache reports. No cluster needed: rows come from the catalog's own codec.
"""

from __future__ import annotations

import json
import os
import statistics
import time
import tracemalloc
from collections.abc import Callable

from starlette.datastructures import QueryParams

from backend.kube.resources import ApiResource
from backend.metrics.usage import MetricsView, PodUsage, Usage
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.pods import POD_CODEC
from backend.refresh.list_query import parse_list_query
from backend.refresh.merged_page import MergedOrderCache, SortedRunCache
from backend.refresh.snapshots.lists import cut_page
from backend.refresh.snapshots.parts import ClusterPart, KindRows
from backend.refresh.snapshots.usage import PartUsage
from tests.bench.bench_catalog_podgen import pod_list

PODS = ApiResource("", "v1", "pods", "Pod", True, frozenset({"list", "watch"}))
CLUSTERS = 3
PER_CLUSTER = 10_000


def reading(rows: tuple[object, ...], version: int) -> MetricsView:
    pods = {}
    for i, row in enumerate(rows):
        usage = Usage(float(i % 997) + version / 10, (i % 4096) * 1024 * 64)
        pods[(row.namespace, row.name)] = PodUsage(usage, (("main", usage),))  # type: ignore[attr-defined]
    return MetricsView("available", version, pods)


def parts(with_usage: bool, version: int = 1) -> list[ClusterPart]:
    result = []
    for i in range(CLUSTERS):
        rows, _, _ = POD_CODEC.rows_of_page(pod_list(PER_CLUSTER, seed=i + 1), Interner())
        part = ClusterPart(f"bench.yaml:cluster-{i}", f"cluster-{i}", "ready")
        part.kinds.append(KindRows(PODS, tuple(rows), 1))
        if with_usage:
            view = reading(tuple(rows), version)
            part.usage = PartUsage(view.status, view.version, view)
        result.append(part)
    return result


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    plain, joined = parts(False), parts(True)
    by_name = parse_list_query(QueryParams("sort=name&limit=100"))
    by_cpu = parse_list_query(QueryParams("sort=cpuMillicores&order=desc&limit=100"))
    runs, orders = SortedRunCache(512), MergedOrderCache(16)
    cut_page(plain, by_name, "name", runs, orders)
    cut_page(joined, by_name, "name", runs, orders)
    page_plain = timed(lambda: cut_page(plain, by_name, "name", runs, orders), 30)
    page_joined = timed(lambda: cut_page(joined, by_name, "name", runs, orders), 30)
    cpu_cold = []
    for version in range(2, 5):  # a new reading: every run is sorted by usage again
        for part in joined:
            assert part.usage is not None
            view = MetricsView("available", version, part.usage.view.pods)
            part.usage = PartUsage("available", version, view)
        cpu_cold += timed(lambda: cut_page(joined, by_cpu, "cpuMillicores", runs, orders), 1)
    cpu_warm = timed(lambda: cut_page(joined, by_cpu, "cpuMillicores", runs, orders), 20)

    rows0 = joined[0].kinds[0].rows
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    views = [reading(rows0, 1) for _ in range(CLUSTERS)]
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    reading_bytes = sum(s.size_diff for s in after.compare_to(before, "filename"))
    pods = sum(len(v.pods) for v in views)
    load = os.getloadavg()[0]
    for name, samples in (
        ("page_100_by_name_without_usage", page_plain),
        ("page_100_by_name_with_usage_joined", page_joined),
        ("page_100_by_cpu_after_new_reading", cpu_cold),
        ("page_100_by_cpu_warm", cpu_warm),
    ):
        print(
            json.dumps(
                {
                    "bench": "metrics_join",
                    "case": name,
                    "rows": CLUSTERS * PER_CLUSTER,
                    "median_ms": round(statistics.median(samples), 2),
                    "max_ms": round(max(samples), 2),
                    "runs": len(samples),
                    "load1": round(load, 2),
                }
            )
        )
    print(
        json.dumps(
            {
                "bench": "metrics_join",
                "case": "reading_memory",
                "pods": pods,
                "bytes": reading_bytes,
                "bytes_per_pod": round(reading_bytes / pods, 1),
                "load1": round(load, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
