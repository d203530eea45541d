"""Snapshot paging over 100,000 cached pod rows in 5 clusters (issue 5's page goal ≤ 100 ms;
issue 20's goals: first page after a change ≤ 10 ms, first text filter ≤ 25 ms).

A "page" is what a pods snapshot does once the parts are fanned out: read each cluster's rows
from its store (as `read_part` does) and cut the page (`cut_page`: filter, sort, merge, the
page's dicts). Cases, each a median over several samples:

- warm page: the same question again (runs sorted, merged order kept);
- first page after one pod changed (its restarts) or was replaced (deleted, a new one added)
  in one cluster: that cluster's run follows the change;
- new sort column: the first page sorted by a column not asked before (each column once);
- first text filter: the first page for a `q` not asked before (runs sorted);
- text filter typed: `q` typed key by key, each keystroke a new `q` narrowing the last;
- text filter after one pod changed: the same `q` again after a change.

No cluster needed: rows are decoded from realistic pod JSON with the catalog's own codec and
kept in the catalog's own `ScopeStore`, its changes in a `ChangeJournal` as a kind cache keeps
them. Prints JSON lines (wall and thread-CPU medians) and the load average.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import time
from collections.abc import Callable, Hashable, Iterator
from typing import Any, NamedTuple, cast

import msgspec
from starlette.datastructures import QueryParams

from backend.kube.resources import ApiResource
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.journal import ChangeJournal
from backend.objectcatalog.rows.pods import POD_CODEC, PodRow
from backend.objectcatalog.store import Applied, ScopeStore
from backend.refresh.list_query import parse_list_query
from backend.refresh.merged_page import MergedOrderCache, SortedRunCache
from backend.refresh.snapshots.lists import cut_page
from backend.refresh.snapshots.parts import ClusterPart, KindRows
from tests.bench.bench_catalog_podgen import pod_list

PODS = ApiResource("", "v1", "pods", "Pod", True, frozenset({"list", "watch"}))
CLUSTERS = 5
PER_CLUSTER = 20_000
TOTAL = CLUSTERS * PER_CLUSTER
PAGE = "limit=200"  # the table's block (frontend PAGE_BLOCK_ROWS)
NEW_COLUMNS = ("namespace", "node", "status", "restarts", "createdAt", "ready", "ownerName")
TEXTS = ("app-1", "node-03", "running", "team-b", "zzz", "7f")


class Sample(NamedTuple):
    """Seconds of wall time and of this thread's CPU time (the CPU time hardly depends on the
    machine's load; the wall time does)."""

    wall: float
    cpu: float


class BenchCluster:
    """One cluster's pods cache: the store and a version bumped by every change."""

    versions = iter(range(1, 1 << 62))

    def __init__(self, index: int) -> None:
        self.id = f"bench.yaml:cluster-{index}"
        rows, _, _ = POD_CODEC.rows_of_page(pod_list(PER_CLUSTER, seed=index + 1), Interner())
        fresh: dict[str, dict[Hashable, Any]] = {}
        for row in rows:
            fresh.setdefault(row.namespace, {})[POD_CODEC.key(row)] = row
        self.store = ScopeStore(POD_CODEC.key)
        self.journal = ChangeJournal()
        self.version = 0
        self.read: tuple[int, tuple[PodRow, ...]] = (-1, ())
        self.apply(lambda: self.store.replace(fresh))

    def apply(self, change: Callable[[], Applied]) -> None:
        applied = change()
        if applied:
            self.version = next(self.versions)
            self.journal.record(self.version, applied)

    def pods_in(self, namespace: str) -> tuple[PodRow, ...]:
        return tuple(cast(dict[Hashable, PodRow], self.store.namespaces[namespace]).values())

    def part(self) -> ClusterPart:
        part = ClusterPart(self.id, self.id.split(":")[1], "ready")
        if self.read[0] != self.version:  # as KindCache.read: one tuple per version
            self.read = (self.version, tuple(cast(Iterator[PodRow], self.store.rows())))
        mark = self.journal.mark(self.version, None)  # as KindCache.mark
        part.kinds.append(KindRows(PODS, self.read[1], self.version, None, mark))
        return part

    def change_one(self, rng: random.Random) -> None:
        row = rng.choice(self.pods_in(rng.choice(list(self.store.namespaces))))
        self.apply(
            lambda: self.store.upsert(msgspec.structs.replace(row, restarts=row.restarts + 1))
        )

    def replace_one(self, rng: random.Random) -> None:
        """A pod deleted and a new one (a new name in its ReplicaSet) added."""
        row = rng.choice(self.pods_in("shop"))
        self.apply(lambda: self.store.delete(row))
        suffix = f"{rng.getrandbits(20):05x}"
        new = msgspec.structs.replace(row, name=f"{row.name[:-5]}{suffix}", uid_key=f"new-{suffix}")
        self.apply(lambda: self.store.upsert(new))


class Bench:
    def __init__(self) -> None:
        self.clusters = [BenchCluster(i) for i in range(CLUSTERS)]
        self.runs = SortedRunCache(512)
        self.orders = MergedOrderCache(16)

    def page(self, params: str) -> tuple[list[dict[str, Any]], int]:
        query = parse_list_query(QueryParams(params))
        parts = [c.part() for c in self.clusters]
        return cut_page(parts, query, query.sort or "name", self.runs, self.orders)

    def timed(self, params: str) -> Sample:
        started, cpu = time.perf_counter(), time.thread_time()
        self.page(params)
        return Sample(time.perf_counter() - started, time.thread_time() - cpu)


def report(case: str, samples: list[Sample], note: str = "") -> None:
    wall = [s.wall * 1000 for s in samples]
    cpu = [s.cpu * 1000 for s in samples]
    print(
        json.dumps(
            {
                "bench": "snapshot_page",
                "case": case,
                "rows": TOTAL,
                "clusters": CLUSTERS,
                "median_ms": round(statistics.median(wall), 2),
                "median_cpu_ms": round(statistics.median(cpu), 2),
                "min_ms": round(min(wall), 2),
                "max_ms": round(max(wall), 2),
                "runs": len(samples),
                **({"note": note} if note else {}),
            }
        ),
        flush=True,
    )


def main() -> None:
    print(json.dumps({"bench": "snapshot_page", "load_average": os.getloadavg()}), flush=True)
    bench = Bench()
    rng = random.Random(7)
    name_page = f"sort=name&{PAGE}"
    report("first_page_cold", [bench.timed(name_page)], "every run sorted the first time")

    report("warm_page", [bench.timed(name_page) for _ in range(21)])

    changed = []
    for _ in range(15):
        bench.clusters[0].change_one(rng)
        changed.append(bench.timed(name_page))
    report("first_page_after_one_pod_changed", changed, "restarts+1 of one pod in cluster 0")

    replaced = []
    for _ in range(15):
        bench.clusters[1].replace_one(rng)
        replaced.append(bench.timed(name_page))
    report("first_page_after_one_pod_replaced", replaced, "one pod deleted, one added")

    columns = [bench.timed(f"sort={column}&{PAGE}") for column in NEW_COLUMNS]
    columns += [bench.timed(f"sort={column}&order=desc&{PAGE}") for column in NEW_COLUMNS[:3]]
    report("new_sort_column", columns, "each column (and 3 descending) the first time")

    texts = [bench.timed(f"sort=name&q={text}&{PAGE}") for text in TEXTS]
    report("first_text_filter", texts, f"q in {list(TEXTS)}, each the first time, sort=name")

    typed = [bench.timed(f"sort=name&q={'ingest'[:n]}&{PAGE}") for n in range(1, 7)]
    report("text_filter_typed", typed, "q typed key by key: i, in, ing, inge, inges, ingest")

    filtered = []
    for _ in range(10):
        bench.clusters[2].change_one(rng)
        filtered.append(bench.timed(f"sort=name&q=app-1&{PAGE}"))
    report("text_filter_after_one_pod_changed", filtered, "q=app-1")

    deep = "sort=restarts&order=desc&limit=200&offset=50000"
    bench.page(deep)
    report("offset_50000_warm", [bench.timed(deep) for _ in range(5)])
    report("warm_page_end", [bench.timed(name_page) for _ in range(21)])
    print(json.dumps({"bench": "snapshot_page", "load_average": os.getloadavg()}), flush=True)


if __name__ == "__main__":
    main()
