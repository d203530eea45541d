"""Search latency over 100k cached objects in 3 clusters (issue 22).

  uv run python tests/bench/bench_search.py [--objects 100000] [--rounds 200]

In this process, without an API server: the caches are built from generated rows (names shaped
like a Deployment's pods, their ReplicaSets and Deployments, Services and ConfigMaps), so the
figure is the search itself — `SearchService`'s per-cluster work (name index lookup, ranking,
the hits' payload models) for every cluster, as one request does it after the fan-out. Also: the
time to rebuild one cluster's index after its cache changed (the first search after a change).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from backend.kube.resources import ApiResource
from backend.objectcatalog.name_index import NameIndex
from backend.refresh.search import SearchService, parse_search

NAMESPACES = ["shop", "team-a", "team-b", "payments", "search", "ingest", "monitoring", "default"]
VERBS = frozenset({"list", "watch"})
KINDS = {
    "pods": ApiResource("", "v1", "pods", "Pod", True, VERBS),
    "replicasets": ApiResource("apps", "v1", "replicasets", "ReplicaSet", True, VERBS),
    "deployments": ApiResource("apps", "v1", "deployments", "Deployment", True, VERBS),
    "services": ApiResource("", "v1", "services", "Service", True, VERBS),
    "configmaps": ApiResource("", "v1", "configmaps", "ConfigMap", True, VERBS),
}


@dataclass(frozen=True, slots=True)
class Row:
    namespace: str
    name: str
    uid: str


class Cache:
    """Stands in for a KindCache: what the search reads of one (rows, version, resource)."""

    def __init__(self, cluster_id: str, resource: ApiResource, rows: list[Row]) -> None:
        self.cluster_id = cluster_id
        self.resource = resource
        self.key = resource.key
        self.version = 1
        self._rows = rows

    def rows(self) -> Iterator[Row]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class Catalog:
    def __init__(self, cluster_id: str, caches: list[Cache]) -> None:
        self.cluster_id = self.cluster_name = cluster_id
        self._caches = caches

    def caches(self) -> list[Cache]:
        return self._caches


def cluster(cluster_id: str, objects: int, rng: random.Random) -> Catalog:
    rows: dict[str, list[Row]] = {k: [] for k in KINDS}
    app = 0
    total = 0
    while total < objects:
        namespace = NAMESPACES[app % len(NAMESPACES)]
        name = "web" if app == 7 else f"app-{app}"
        template = f"{rng.getrandbits(40):010x}"
        rows["deployments"].append(Row(namespace, name, f"d{app}"))
        rows["replicasets"].append(Row(namespace, f"{name}-{template}", f"r{app}"))
        rows["services"].append(Row(namespace, name, f"s{app}"))
        rows["configmaps"].append(Row(namespace, f"{name}-config", f"c{app}"))
        for i in range(21):
            suffix = f"{rng.getrandbits(20):05x}"
            rows["pods"].append(Row(namespace, f"{name}-{template}-{suffix}", f"p{app}-{i}"))
        app += 1
        total += 25
    caches = [Cache(cluster_id, KINDS[k], r) for k, r in rows.items()]
    return Catalog(cluster_id, caches)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(19)
    catalogs = [cluster(c, args.objects // 3, rng) for c in ("alpha", "beta", "gamma")]
    service = SearchService(None, None, None, None)  # type: ignore[arg-type]  # no fan-out here
    cached = sum(len(c) for cat in catalogs for c in cat.caches())
    print(json.dumps({"cachedObjects": cached, "loadavg": os.getloadavg()}))
    queries = ["web", "app-12", "deploy app-12", "a", "3f", "zzz-none"]
    for q in queries:
        query = parse_search(q, None, None)
        wanted = {"deploy": "deployments"}.get(query.kind_word or "")
        samples: list[float] = []
        cpu: list[float] = []
        hits = 0
        for _ in range(args.rounds):
            started, cpu_started = time.perf_counter(), time.process_time()
            groups: list[Any] = []
            for catalog in catalogs:
                caches = [c for c in catalog.caches() if wanted is None or c.key.resource == wanted]
                groups.append(service._group(catalog, caches, query, None, "ready"))  # type: ignore[arg-type]
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
            hits = sum(g.total for g in groups)
        print(
            json.dumps(
                {
                    "q": q,
                    "matches": hits,
                    "medianMs": round(statistics.median(samples), 3),
                    "p99Ms": round(percentile(samples, 99), 3),
                    "cpuMedianMs": round(statistics.median(cpu), 3),
                    "cpuP99Ms": round(percentile(cpu, 99), 3),
                }
            )
        )
    rebuild: list[float] = []
    rows = [r for c in catalogs[0].caches() for r in c.rows()]
    for _ in range(10):
        started = time.perf_counter()
        NameIndex(rows)
        rebuild.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "rebuildOneClusterIndexMs": round(statistics.median(rebuild), 1),
                "rows": len(rows),
                "loadavg": os.getloadavg(),
            }
        )
    )


if __name__ == "__main__":
    main()
