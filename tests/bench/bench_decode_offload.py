"""Can the LIST decoding of several clusters run off the event loop? (issue 20) No cluster needed.

`--clusters` × `--pods` realistic pods (tests/bench/bench_catalog_podgen.py) as LIST pages of
500; every case turns every page into the catalog's pod rows, interned in this process:
  inline     page after page on one thread (what the reflectors do on the event loop)
  threads    one thread per cluster: overlaps only if msgspec released the GIL while decoding
  processes  a pool of 2 worker processes decodes pages and builds rows, sends them back pickled;
             this process unpickles them and interns them again (the pool of shared values lives
             here), so its own CPU per page is what a pool would leave on the event loop
Prints one JSON line per case (wall and this process's CPU, best of 3), then the pool's cost:
its start-up and a worker's RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.pods import POD_CODEC, PodRow
from tests.bench.bench_catalog_podgen import pod_pages

RUNS = 3


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def rows_pickled(page: bytes) -> bytes:
    """In a worker: the page's rows, interned within the page only, pickled for the trip back."""
    rows, _, _ = POD_CODEC.rows_of_page(page, Interner())
    return pickle.dumps(rows, pickle.HIGHEST_PROTOCOL)


def reinterned(data: bytes, intern: Interner) -> list[PodRow]:
    """In this process: the worker's rows with their shared values taken from this pool."""
    return [
        PodRow(
            intern[r.shape],
            r.name,
            r.uid_key,
            intern[r.node],
            r.ready,
            r.restarts,
            intern[r.created_at],
        )
        for r in pickle.loads(data)
    ]


def best(run: Callable[[], None]) -> tuple[float, float]:
    """(wall s, CPU s of this process's own threads) of the fastest of RUNS runs."""
    results = []
    for _ in range(RUNS):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        results.append((time.perf_counter() - wall, time.process_time() - cpu))
    return min(results)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clusters", type=int, default=4)
    parser.add_argument("--pods", type=int, default=5000, help="pods per cluster")
    args = parser.parse_args()
    pages = pod_pages(args.pods, 500)
    clusters = [pages] * args.clusters
    pods = args.pods * args.clusters
    size = sum(map(len, pages)) * args.clusters

    def decode(cluster_pages: list[bytes]) -> None:
        intern = Interner()
        for page in cluster_pages:
            POD_CODEC.rows_of_page(page, intern)

    def inline() -> None:
        for cluster_pages in clusters:
            decode(cluster_pages)

    def threads() -> None:
        with ThreadPoolExecutor(len(clusters)) as pool:
            list(pool.map(decode, clusters))

    started = time.perf_counter()
    pool = ProcessPoolExecutor(2)
    pool.submit(int).result()  # the workers are up once one answered
    list(pool.map(rows_pickled, pages[:2]))  # and have imported the row code
    pool_start_s = time.perf_counter() - started

    def processes() -> None:
        for cluster_pages in clusters:
            intern = Interner()
            for data in pool.map(rows_pickled, cluster_pages):
                reinterned(data, intern)

    base = None
    for name, run in (("inline", inline), ("threads", threads), ("processes", processes)):
        wall, cpu = best(run)
        base = base or wall
        emit(
            bench="decode_offload",
            case=name,
            clusters=args.clusters,
            pods=pods,
            mb=round(size / 1e6, 1),
            wall_ms=round(wall * 1000, 1),
            main_cpu_ms=round(cpu * 1000, 1),
            main_cpu_us_per_pod=round(cpu / pods * 1e6, 2),
            wall_vs_inline=round(wall / base, 2),
        )
    workers = list(pool._processes)
    emit(
        bench="decode_offload",
        case="pool_cost",
        workers=len(workers),
        start_and_first_pages_ms=round(pool_start_s * 1000, 1),
        worker_rss_mb=[rss_mb(pid) for pid in workers],
        main_rss_mb=rss_mb(os.getpid()),
        loadavg=os.getloadavg(),
    )
    pool.shutdown()


if __name__ == "__main__":
    main()
