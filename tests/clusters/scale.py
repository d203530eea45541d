"""Many kwok pods quickly, for benchmarks: `up --pods-per-cluster 20000`.

Pods are created bare (no controller) with `spec.nodeName` set, so neither the scheduler nor the
controller-manager is on the path; creates are concurrent over keep-alive connections, every
cluster at once, and then kwok marks them Running.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from tests.clusters import limits, seed
from tests.clusters.api import KubeApi
from tests.clusters.waiting import wait_until

NAMESPACE = "scale"
RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_ATTEMPTS = 6


def pod(index: int, nodes: int) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": f"scale-{index:06d}",
            "namespace": NAMESPACE,
            "labels": {"app": "scale", "bucket": str(index % 10)},
        },
        "spec": {
            "nodeName": f"kwok-node-{index % nodes}",
            "terminationGracePeriodSeconds": 0,
            "containers": [{"name": "app", "image": "registry.example.com/scale/app:1.0"}],
        },
    }


async def _create_all(api: KubeApi, count: int, nodes: int) -> None:
    ctx = ssl.create_default_context(cafile=api.ca_file)
    url = f"{api.server}/api/v1/namespaces/{NAMESPACE}/pods"
    headers = {"Authorization": f"Bearer {api.token}", "Content-Type": "application/json"}
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(count):
        queue.put_nowait(i)
    connector = aiohttp.TCPConnector(limit=limits.SCALE_CONCURRENCY_PER_CLUSTER, ssl=ctx)
    timeout = aiohttp.ClientTimeout(total=limits.HTTP_TIMEOUT_S * 3)
    async with aiohttp.ClientSession(connector=connector, headers=headers, timeout=timeout) as http:

        async def worker() -> None:
            while not queue.empty():
                index = queue.get_nowait()
                body = pod(index, nodes)
                for attempt in range(MAX_ATTEMPTS):
                    async with http.post(url, json=body) as resp:
                        if resp.status in (201, 409):  # 409: created by an earlier attempt
                            break
                        text = await resp.text()
                        if resp.status not in RETRY_STATUSES or attempt == MAX_ATTEMPTS - 1:
                            raise RuntimeError(f"creating pod {index}: {resp.status} {text[:300]}")
                    await asyncio.sleep(0.2 * 2**attempt)

        await asyncio.gather(*(worker() for _ in range(limits.SCALE_CONCURRENCY_PER_CLUSTER)))


def _count(api: KubeApi, **query: str) -> int:
    """Pods in the scale namespace matching `query`, counted from a one-item page."""
    page = api.get(f"/api/v1/namespaces/{NAMESPACE}/pods", limit="1", **query)
    items = len(page.get("items") or [])
    return items + int(page.get("metadata", {}).get("remainingItemCount") or 0)


def _not_running(api: KubeApi) -> int:
    """Scale pods not Running yet, up to one page (the server does not count selected lists)."""
    page = api.get(
        f"/api/v1/namespaces/{NAMESPACE}/pods", fieldSelector="status.phase!=Running", limit="500"
    )
    return len(page.get("items") or [])


def _wait_running(name: str, api: KubeApi, timeout: float) -> None:
    wait_until(
        f"Running scale pods on {name}",
        lambda: _not_running(api) == 0,
        timeout,
        limits.POLL_INTERVAL_S * 5,
        describe=lambda: f"{_not_running(api)} (or more) not Running",
    )


def create_pods(
    apis: dict[str, KubeApi], per_cluster: int, nodes: int, say: Callable[[str], None]
) -> None:
    """Create `per_cluster` Running pods in namespace `scale` of every cluster."""
    for api in apis.values():
        seed.create_all(
            api,
            [
                {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}},
                {
                    "apiVersion": "v1",
                    "kind": "ServiceAccount",
                    "metadata": {"name": "default", "namespace": NAMESPACE},
                },
            ],
        )
    started = time.monotonic()

    async def all_clusters() -> None:
        await asyncio.gather(*(_create_all(api, per_cluster, nodes) for api in apis.values()))

    asyncio.run(all_clusters())
    created = time.monotonic() - started
    total = per_cluster * len(apis)
    say(f"created {total} pods in {created:.1f}s ({total / created:.0f}/s)")
    deadline = (
        started
        + limits.SCALE_READY_BASE_TIMEOUT_S
        + (limits.SCALE_READY_TIMEOUT_PER_1000_PODS_S * total / 1000)
    )
    for name, api in apis.items():
        have = _count(api)
        if have != per_cluster:
            raise RuntimeError(f"{name}: {have} scale pods exist, expected {per_cluster}")
        _wait_running(name, api, max(1.0, deadline - time.monotonic()))
    say(f"all {total} pods Running after {time.monotonic() - started:.1f}s")
