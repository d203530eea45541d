"""Shared pieces of the object-catalog integration tests (no tests here).

Everything talks to the harness's real clusters: ApiClients are built from the harness's
kubeconfigs the way the client pool builds them, and kubectl runs in a worker thread so the
catalog's watches keep running while a test changes the cluster.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from kubernetes_asyncio import config
from kubernetes_asyncio.client import ApiClient

from backend.kube.cluster import ClusterApi
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.kinds import STARTUP_KINDS
from backend.objectcatalog.reflector import SyncState
from tests.clusters import ClusterEnv

SETTLE_S = 120.0
"""Deadline for a cache's first LIST on the loaded 2-core machine (a bound, never a wait)."""

CHANGE_S = 60.0
"""Deadline for a change made with kubectl to arrive through a watch."""


async def api_client(env: ClusterEnv, context: str, file: str = "dev.yaml") -> ApiClient:
    return await config.new_client_from_config(
        config_file=str(env.kubeconfig_dir / file), context=context, persist_config=False
    )


async def kubectl(
    env: ClusterEnv,
    *args: str,
    context: str,
    file: str = "dev.yaml",
    input: str | None = None,
    check: bool = True,
) -> str:
    done = await asyncio.to_thread(
        env.kubectl,
        *args,
        context=context,
        kubeconfig=Path(env.kubeconfig_dir / file),
        input=input,
        check=check,
    )
    return done.stdout


async def kubectl_json(env: ClusterEnv, *args: str, context: str, file: str = "dev.yaml") -> Any:
    return json.loads(await kubectl(env, *args, "-o", "json", context=context, file=file))


@asynccontextmanager
async def running_catalog(
    env: ClusterEnv,
    context: str,
    file: str = "dev.yaml",
    default_namespace: str | None = None,
    client: ApiClient | None = None,
) -> AsyncIterator[ClusterCatalog]:
    """A started catalog on a fresh ApiClient; stopped and closed afterwards."""
    own = client is None
    api = client or await api_client(env, context, file)
    catalog = ClusterCatalog(f"{file}:{context}", context, ClusterApi(api), default_namespace)
    try:
        await catalog.start()
        yield catalog
    finally:
        await catalog.stop()
        if own:
            await api.close()


async def settled(
    catalog: ClusterCatalog, kinds: Sequence[Any] = STARTUP_KINDS, within: float = SETTLE_S
) -> dict[str, SyncState]:
    """Ensure each kind and wait for its first LIST attempt to finish; their states."""
    deadline = time.monotonic() + within
    caches: list[KindCache] = [await catalog.ensure(k) for k in kinds]
    states = {}
    for cache in caches:
        states[str(cache.key)] = await cache.wait_settled(max(deadline - time.monotonic(), 0.1))
    return states


class Changes:
    """Records a catalog's change signals; `until` waits for a predicate over them."""

    def __init__(self, catalog: ClusterCatalog) -> None:
        self.seen: list[CatalogChange] = []
        self.batches = 0
        self._moved = asyncio.Event()
        self.unsubscribe = catalog.subscribe(self._on)

    def _on(self, batch: Sequence[CatalogChange]) -> None:
        self.seen.extend(batch)
        self.batches += 1
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()

    async def until(self, predicate: Callable[[], bool], within: float = CHANGE_S) -> None:
        """Return once `predicate()` holds, re-checking after every change batch."""

        async def wait() -> None:
            while not predicate():
                await self._moved.wait()

        await asyncio.wait_for(wait(), within)

    def of(self, name: str, kind: str = "Pod") -> list[str]:
        return [c.type.value for c in self.seen if c.name == name and c.kind == kind]


class RequestLog:
    """Counts every request the catalog sends through its ApiClient (wraps `call_api`)."""

    def __init__(self, client: ApiClient) -> None:
        self.calls: Counter[tuple[str, str, bool]] = Counter()
        self.bodies: list[Any] = []
        original = client.call_api

        def counting(resource_path: str, method: str, *args: Any, **kwargs: Any) -> Any:
            query = dict(kwargs.get("query_params") or ())
            self.calls[(method, resource_path, query.get("watch") == "1")] += 1
            if kwargs.get("body") is not None:
                self.bodies.append(kwargs["body"])
            return original(resource_path, method, *args, **kwargs)

        client.call_api = counting  # type: ignore[method-assign]

    def to(self, path: str, method: str = "GET") -> int:
        return sum(n for (m, p, _), n in self.calls.items() if m == method and p == path)

    def reviews_about(self, resource: str) -> int:
        return sum(
            1
            for b in self.bodies
            if b.get("spec", {}).get("resourceAttributes", {}).get("resource") == resource
        )


POLL_S = 0.2


async def eventually(predicate: Callable[[], bool], within: float = CHANGE_S) -> None:
    """Poll `predicate` until it holds (for states that no change signal announces)."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {within}s")
        await asyncio.sleep(POLL_S)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


def pod_manifest(name: str, namespace: str) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "labels": {"app": "catalog-test"}},
            "spec": {"containers": [{"name": "main", "image": "example.com/fake:1"}]},
        }
    )


@asynccontextmanager
async def scratch_namespace(
    env: ClusterEnv, context: str, prefix: str, file: str = "dev.yaml"
) -> AsyncIterator[str]:
    """A namespace of the test's own, deleted afterwards (without waiting for it to go)."""
    name = unique(prefix)
    await kubectl(env, "create", "namespace", name, context=context, file=file)
    # Pods are refused until the controller manager has made the namespace's default account.
    await kubectl(
        env,
        "wait",
        "--for=create",
        "serviceaccount/default",
        "-n",
        name,
        "--timeout=60s",
        context=context,
        file=file,
    )
    try:
        yield name
    finally:
        await kubectl(
            env,
            "delete",
            "namespace",
            name,
            "--wait=false",
            context=context,
            file=file,
            check=False,
        )
