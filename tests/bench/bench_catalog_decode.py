"""Decode cost and row memory of the catalog's pod path, without a cluster.

Compares, on the same LIST pages (500 realistic pods each, ~2.3 KB per pod):
  bare    msgspec typed decode into the pod wire structs (the fastest typed decode of the bytes)
  catalog what the reflector does per page: decode + build slim rows + intern + store by uid
and measures retained memory per cached pod row (tracemalloc), interning included.
Prints one JSON line per measurement. Run: uv run python tests/bench/bench_catalog_decode.py
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import tracemalloc
from collections.abc import Callable, Hashable
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

import msgspec

from backend.objectcatalog.indexes import indexes_for
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.rows.pods import POD_CODEC, PodWire
from backend.objectcatalog.rows.wire import ListWire
from backend.objectcatalog.store import ScopeStore
from tests.bench.bench_catalog_podgen import pod_list, pod_pages

REPEAT = 5
PAGE_SIZE = 500  # limits.LIST_PAGE_SIZE


def cpu_best(fn: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        gc.collect()
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def decode_bench(count: int) -> None:
    """`count` pods as the reflector reads them: LIST pages of 500."""
    pages = pod_pages(count, PAGE_SIZE)
    size = sum(len(p) for p in pages)
    bare_decoder = msgspec.json.Decoder(ListWire[PodWire])

    def bare() -> None:
        for page in pages:
            bare_decoder.decode(page)

    def catalog() -> None:
        intern, key, store = Interner(), POD_CODEC.key, {}
        for page in pages:
            rows, _, _ = POD_CODEC.rows_of_page(page, intern)
            for row in rows:
                store[key(row)] = row

    bare_s = cpu_best(bare)
    catalog_s = cpu_best(catalog)
    started = time.process_time()
    for page in pages:
        msgspec.json.decode(page)
    untyped_s = time.process_time() - started
    emit(
        bench="decode",
        pods=count,
        page_size=PAGE_SIZE,
        bytes=size,
        bytes_per_pod=round(size / count),
        bare_typed_s=round(bare_s, 4),
        catalog_s=round(catalog_s, 4),
        untyped_dicts_s=round(untyped_s, 4),
        bare_us_per_pod=round(bare_s / count * 1e6, 2),
        catalog_us_per_pod=round(catalog_s / count * 1e6, 2),
        ratio_catalog_vs_bare=round(catalog_s / bare_s, 2),
        repeat=REPEAT,
    )


def hot_page_bench(rounds: int = 200) -> None:
    """One 500-pod page decoded again and again (caches hot): the harshest ratio, because the
    bare decode is at its fastest while building rows costs the same."""
    page = pod_pages(PAGE_SIZE, PAGE_SIZE)[0]
    bare_decoder = msgspec.json.Decoder(ListWire[PodWire])
    intern = Interner()

    def best(fn: Callable[[], Any]) -> float:
        fastest = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            fn()
            fastest = min(fastest, time.perf_counter() - started)
        return fastest

    bare_s = best(lambda: bare_decoder.decode(page))
    catalog_s = best(lambda: POD_CODEC.rows_of_page(page, intern))
    emit(
        bench="decode_hot_page",
        pods=PAGE_SIZE,
        rounds=rounds,
        bare_us_per_pod=round(bare_s / PAGE_SIZE * 1e6, 2),
        catalog_us_per_pod=round(catalog_s / PAGE_SIZE * 1e6, 2),
        ratio_catalog_vs_bare=round(catalog_s / bare_s, 2),
    )


def memory_bench(count: int) -> None:
    body = pod_list(count, seed=2)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    intern = Interner()
    store = ScopeStore(POD_CODEC.key, indexes_for(PODS))
    rows, _, _ = POD_CODEC.rows_of_page(body, intern)
    fresh: dict[str, dict[Hashable, Any]] = {}
    for row in rows:
        fresh.setdefault(row.namespace, {})[POD_CODEC.key(row)] = row
    store.replace(fresh)
    del rows
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    emit(
        bench="row_memory",
        pods=count,
        retained_bytes=after - before,
        bytes_per_pod=round((after - before) / count, 1),
        interned_values=len(intern),
        note="tracemalloc: rows + the catalog's store (by namespace, uid; phase counts) + interning "
        "pool; synthetic ReplicaSets of 25 pods "
        "over 12 nodes and 8 namespaces",
    )


if __name__ == "__main__":
    for n in (10_000, 50_000):
        decode_bench(n)
    hot_page_bench()
    memory_bench(100_000)
