"""Catalog sync time and resident memory per cached object against real clusters.

  uv run python tests/bench/bench_catalog_sync.py --state-dir DIR      # clusters already `up`
  uv run python tests/bench/bench_catalog_sync.py --clusters 2 --pods-per-cluster 50000

Per cluster: the raw LIST of the same pods with the built kubectl (`get --raw`, one unpaged
response, and `get pods -o json`, paged and decoded), and the catalog's pods reflector from
start to synced (paged LIST, decode, rows). Then every cluster's whole catalog at once: resident
memory (VmRSS) per cached object, and after stop. One JSON line per measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import gc
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from kubernetes_asyncio import config
from kubernetes_asyncio.client import ApiClient

from backend.kube.cluster import ClusterApi
from backend.kube.resources import ApiResource
from backend.kube.transport import Transport
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.kinds import PODS, STARTUP_KINDS
from backend.objectcatalog.reflector import Reflector
from backend.objectcatalog.rows import codec_for
from tests.clusters import ClusterEnv, harness

POD_RESOURCE = ApiResource("", "v1", "pods", "Pod", True, frozenset({"list", "watch"}))
SETTLE_S = 900.0


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def rss_bytes() -> int:
    status = Path("/proc/self/status").read_text()
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert match is not None
    return int(match.group(1)) * 1024


def trim() -> None:
    """Give freed heap back to the OS so RSS shows what is still held."""
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def admin_context(env: ClusterEnv, name: str) -> tuple[Path, str]:
    cluster = env.cluster(name)
    for ref in cluster.context_refs:
        if ref.user.endswith("-admin"):
            return ref.kubeconfig, ref.name
    raise RuntimeError(f"no admin context for {name}")


def kubectl_seconds(
    env: ClusterEnv, kubeconfig: Path, context: str, *args: str
) -> tuple[float, int]:
    started = time.monotonic()
    done = env.kubectl(*args, context=context, kubeconfig=kubeconfig, timeout=900)
    return time.monotonic() - started, len(done.stdout)


async def reflector_sync(client: ApiClient) -> dict[str, Any]:
    """The pods reflector alone: paged LIST + decode + rows, wall and CPU seconds."""
    transport = Transport(client)
    reflector = Reflector(
        transport,
        POD_RESOURCE,
        codec_for(PODS),
        None,
        Interner(),
        lambda applied: None,
        lambda: None,
    )
    wall, cpu = time.monotonic(), time.process_time()
    reflector.start()
    await asyncio.wait_for(reflector.settled.wait(), SETTLE_S)
    result = {
        "wall_s": round(time.monotonic() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "rows": len(reflector.store),
        "pages": reflector.list_requests,
        "state": reflector.state.value,
    }
    await reflector.stop()
    return result


async def run(env: ClusterEnv) -> None:
    clients: dict[str, ApiClient] = {}
    for name in env.names:
        kubeconfig, context = admin_context(env, name)
        clients[name] = await config.new_client_from_config(
            config_file=str(kubeconfig), context=context, persist_config=False
        )

    for name, client in clients.items():
        kubeconfig, context = admin_context(env, name)
        raw_s, raw_bytes = await asyncio.to_thread(
            kubectl_seconds, env, kubeconfig, context, "get", "--raw", "/api/v1/pods"
        )
        json_s, _ = await asyncio.to_thread(
            kubectl_seconds, env, kubeconfig, context, "get", "pods", "-A", "-o", "json"
        )
        ours = await reflector_sync(client)
        emit(
            bench="sync_pods",
            cluster=name,
            pods=ours["rows"],
            list_bytes=raw_bytes,
            kubectl_raw_list_s=round(raw_s, 3),
            kubectl_get_json_s=round(json_s, 3),
            catalog_sync_wall_s=ours["wall_s"],
            catalog_sync_cpu_s=ours["cpu_s"],
            pages=ours["pages"],
            ratio_catalog_vs_kubectl_raw=round(float(ours["wall_s"]) / raw_s, 2),
            ratio_catalog_vs_kubectl_json=round(float(ours["wall_s"]) / json_s, 2),
        )

    # Whole catalogs of every cluster at once: resident memory per cached object.
    trim()
    baseline = rss_bytes()
    catalogs = [ClusterCatalog(f"bench:{n}", n, ClusterApi(c), None) for n, c in clients.items()]
    started = time.monotonic()
    for catalog in catalogs:
        await catalog.start()
    for catalog in catalogs:
        for kind in STARTUP_KINDS:
            cache = await catalog.ensure(kind)
            await cache.wait_settled(SETTLE_S)
    took = time.monotonic() - started
    gc.collect()
    held = rss_bytes() - baseline  # as the app would see it (the catalog trims after big lists)
    trim()
    held_trimmed = rss_bytes() - baseline
    rows = sum(c.stats().rows for c in catalogs)
    pods = sum(len(c.cache(PODS) or ()) for c in catalogs)
    estimated = sum(c.stats().estimated_bytes for c in catalogs)
    emit(
        bench="catalog_memory",
        clusters=len(catalogs),
        rows=rows,
        pods=pods,
        startup_sync_wall_s=round(took, 2),
        rss_delta_bytes=held,
        rss_bytes_per_row=round(held / rows, 1),
        rss_bytes_per_row_after_explicit_trim=round(held_trimmed / rows, 1),
        estimated_bytes_per_row=round(estimated / rows, 1),
        interned_values=sum(len(c.intern) for c in catalogs),
    )
    # Deselection: the catalog stops and the pool closes the cluster's client (and with it
    # the pooled connections and their TLS buffers).
    for catalog in catalogs:
        await catalog.stop()
    del catalogs
    for client in clients.values():
        await client.close()
    for _ in range(3):
        await asyncio.sleep(0)  # let closed transports finish
    trim()
    emit(
        bench="catalog_memory_after_deselect",
        rss_delta_bytes=rss_bytes() - baseline,
        note="baseline had the clients open; after: catalogs stopped and clients closed",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", type=Path)
    parser.add_argument("--clusters", type=int, default=2)
    parser.add_argument("--pods-per-cluster", type=int, default=50_000)
    args = parser.parse_args()
    if args.state_dir:
        asyncio.run(run(ClusterEnv.load(args.state_dir)))
        return
    state_dir = Path(tempfile.mkdtemp(prefix="bench-catalog-"))
    started = time.monotonic()
    env = harness.up(
        args.clusters,
        state_dir=state_dir,
        pods_per_cluster=args.pods_per_cluster,
        owner_pid=os.getpid(),
    )
    emit(
        bench="harness_up",
        clusters=args.clusters,
        pods_per_cluster=args.pods_per_cluster,
        seconds=round(time.monotonic() - started, 1),
    )
    try:
        asyncio.run(run(env))
    finally:
        harness.down(state_dir)


if __name__ == "__main__":
    main()
