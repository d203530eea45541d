"""Per-request time of the questions the catalog's indexes answer, on a cluster with many pods.

  uv run python -m tests.clusters up --clusters 1 --pods-per-cluster 20000 --state-dir DIR
  uv run python tests/bench/bench_snapshot_indexes.py --state-dir DIR [--events 5000]

Through a headless app (HTTP wall time, as the UI asks) and in this process (CPU time of
`SnapshotService.snapshot`, steadier on a loaded machine): `object-events` of one pod among many
events, and the first page of a namespace-filtered pods table (`<clusterId>|namespace:shop`,
sorted by name) — once with nothing changed since the last request, and once right after a pod
in another namespace changed (the usual state of a large cluster, whose pods change all the
time). Run it from another checkout of the repository to measure that version's code on the
same cluster.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from starlette.datastructures import QueryParams

from backend.objectcatalog.kinds import PODS
from backend.options import parse_options
from backend.wiring import Services
from tests.app_process import RunningApp, bridge, running_app
from tests.clusters import ClusterEnv
from tests.clusters.scale import NAMESPACE

EVENTS_PER_POD = 5
ROUNDS = 15
SETTLE_S = 600.0


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def event(index: int) -> dict[str, Any]:
    pod = f"scale-{index // EVENTS_PER_POD:06d}"
    stamp = "2026-01-01T00:00:00Z"
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": f"{pod}.bench-{index % EVENTS_PER_POD}", "namespace": NAMESPACE},
        "involvedObject": {"apiVersion": "v1", "kind": "Pod", "namespace": NAMESPACE, "name": pod},
        "reason": "Bench",
        "message": f"benchmark event {index} of {pod}",
        "type": "Warning" if index % 7 == 0 else "Normal",
        "count": 1,
        "firstTimestamp": stamp,
        "lastTimestamp": stamp,
        "source": {"component": "bench"},
    }


async def create_events(env: ClusterEnv, cluster: str, count: int) -> None:
    """`count` events about the scale pods (409 for those an earlier run made)."""
    api = env.admin_api(cluster)
    url = f"{api.server}/api/v1/namespaces/{NAMESPACE}/events"
    connector = aiohttp.TCPConnector(limit=16, ssl=ssl.create_default_context(cafile=api.ca_file))
    headers = {"Authorization": f"Bearer {api.token}"}
    queue = list(range(count))
    async with aiohttp.ClientSession(connector=connector, headers=headers) as http:

        async def worker() -> None:
            while queue:
                body = event(queue.pop())
                async with http.post(url, json=body) as resp:
                    if resp.status not in (201, 409):
                        raise RuntimeError(f"event: {resp.status} {await resp.text()}")

        await asyncio.gather(*(worker() for _ in range(16)))


def get(app: RunningApp, domain: str, **params: Any) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = httpx.get(
        f"{app.base}/api/v1/snapshots/{domain}", params=params, headers=app.auth, timeout=120
    )
    took = (time.perf_counter() - started) * 1000
    response.raise_for_status()
    return took, response.json()


def wait_for(app: RunningApp, domain: str, accept: Any, **params: Any) -> dict[str, Any]:
    deadline = time.monotonic() + SETTLE_S
    while time.monotonic() < deadline:
        answer = get(app, domain, **params)[1]
        if accept(answer):
            return answer
        time.sleep(0.5)
    raise RuntimeError(f"{domain} never settled")


def summary(name: str, samples: list[float], **extra: Any) -> None:
    emit(
        bench=name,
        median_ms=round(statistics.median(samples), 2),
        min_ms=round(min(samples), 2),
        max_ms=round(max(samples), 2),
        rounds=len(samples),
        **extra,
    )


def admin_ref(env: ClusterEnv, cluster: str) -> tuple[Path, str]:
    ref = next(r for r in env.cluster(cluster).context_refs if r.user.endswith("-admin"))
    return ref.kubeconfig, f"{ref.kubeconfig.name}:{ref.name}"


def label_a_scale_pod(env: ClusterEnv, cluster: str, round_: int) -> None:
    env.admin_kubectl(
        cluster, "label", "pod", "-n", NAMESPACE, "scale-000000", f"round={round_}", "--overwrite"
    )


async def measure_in_process(env: ClusterEnv, cluster: str, pods: int, events: int) -> None:
    """CPU time of the snapshot service answering, in this process."""
    kubeconfig, cluster_id = admin_ref(env, cluster)
    with tempfile.TemporaryDirectory() as config:
        services = Services.build(
            parse_options(["--kubeconfig", str(kubeconfig), "--config-dir", config])
        )
        await services.start()
        try:
            await services.clusters.set_selection([cluster_id])
            snapshots = services.snapshots

            async def cpu_ms(domain: str, scope: str, query: str = "") -> float:
                started = time.process_time()
                answer = await snapshots.snapshot(domain, [scope], QueryParams(query), None)
                assert answer is not None
                return (time.process_time() - started) * 1000

            whole = f"{cluster_id}|"
            deadline = time.monotonic() + SETTLE_S
            while time.monotonic() < deadline:
                pods_seen = await snapshots.snapshot("pods", [whole], QueryParams("limit=1"), None)
                events_seen = await snapshots.snapshot(
                    "events", [whole], QueryParams("limit=1"), None
                )
                assert pods_seen is not None and events_seen is not None
                if pods_seen["total"] >= pods and events_seen["total"] >= events:
                    break
                await asyncio.sleep(0.5)
            pod = f"scale-{(events // EVENTS_PER_POD) // 2:06d}"
            scope = f"{cluster_id}|object:/v1/Pod/{NAMESPACE}/{pod}"
            samples = [await cpu_ms("object-events", scope) for _ in range(ROUNDS)]
            summary("object_events_cpu", samples, pods=pods, events=events)

            shop = f"{cluster_id}|namespace:shop"
            await cpu_ms("pods", shop, "sort=name&limit=100")
            samples = [await cpu_ms("pods", shop, "sort=name&limit=100") for _ in range(ROUNDS)]
            summary("namespace_page_unchanged_cpu", samples, pods=pods)

            changed = asyncio.Event()

            def note(changes: Any) -> None:
                if any(c.kind_key == PODS and c.namespace == NAMESPACE for c in changes):
                    changed.set()

            services.catalogs.get(cluster_id).subscribe(note)
            samples = []
            for i in range(ROUNDS):
                changed.clear()
                await asyncio.to_thread(label_a_scale_pod, env, cluster, 100 + i)
                await asyncio.wait_for(changed.wait(), SETTLE_S)
                samples.append(await cpu_ms("pods", shop, "sort=name&limit=100"))
            summary("namespace_page_after_a_change_elsewhere_cpu", samples, pods=pods)
        finally:
            await services.stop()


def measure(env: ClusterEnv, cluster: str, pods: int, events: int) -> None:
    kubeconfig, cluster_id = admin_ref(env, cluster)
    with (
        tempfile.TemporaryDirectory() as config,
        running_app("--kubeconfig", str(kubeconfig), "--config-dir", config) as app,
    ):
        bridge(app, "set_selection", [cluster_id])
        whole = f"{cluster_id}|"
        wait_for(app, "pods", lambda a: a["total"] >= pods, scope=whole, limit=1)
        wait_for(app, "events", lambda a: a["total"] >= events, scope=whole, limit=1)

        pod = f"scale-{(events // EVENTS_PER_POD) // 2:06d}"
        scope = f"{cluster_id}|object:/v1/Pod/{NAMESPACE}/{pod}"
        object_events = []
        for _ in range(ROUNDS):
            took, answer = get(app, "object-events", scope=scope)
            assert len(answer["items"]) >= EVENTS_PER_POD, answer["items"]
            object_events.append(took)
        summary("object_events", object_events, pods=pods, events=events)

        shop = {"scope": f"{cluster_id}|namespace:shop", "sort": "name", "limit": 100}
        get(app, "pods", **shop)
        unchanged = [get(app, "pods", **shop)[0] for _ in range(ROUNDS)]
        summary("namespace_page_unchanged", unchanged, pods=pods)

        watch = {"scope": f"{cluster_id}|namespace:{NAMESPACE}", "sort": "restarts", "limit": 1}
        after_change = []
        for i in range(ROUNDS):
            before = get(app, "pods", **watch)[1]["version"]
            env.admin_kubectl(
                cluster,
                "label",
                "pod",
                "-n",
                NAMESPACE,
                "scale-000000",
                f"round={i}",
                "--overwrite",
            )
            wait_for(app, "pods", lambda a, v=before: a["version"] != v, **watch)
            after_change.append(get(app, "pods", **shop)[0])
        summary("namespace_page_after_a_change_elsewhere", after_change, pods=pods)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", type=Path, required=True)
    parser.add_argument("--cluster", default="alpha")
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()
    env = ClusterEnv.load(args.state_dir)
    if not args.skip_setup:
        started = time.monotonic()
        asyncio.run(create_events(env, args.cluster, args.events))
        emit(bench="setup_events", events=args.events, seconds=round(time.monotonic() - started))
    page = env.admin_api(args.cluster).get("/api/v1/pods", limit="1")
    pods = len(page["items"]) + int(page["metadata"].get("remainingItemCount") or 0)
    measure(env, args.cluster, pods, args.events)
    asyncio.run(measure_in_process(env, args.cluster, pods, args.events))


if __name__ == "__main__":
    main()
