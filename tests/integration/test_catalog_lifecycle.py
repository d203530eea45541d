"""Deselecting a cluster stops its watches and gives back its memory; the registry keeps one
catalog per clusterId."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import os
import tracemalloc
import weakref

import pytest

from backend.errors import RegattaError
from backend.kube.cluster import ClusterApi
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import CONFIGMAPS, PODS, STARTUP_KINDS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.status import ClusterStatus
from tests.clusters import ClusterEnv, topology
from tests.integration.test_catalog_support import (
    SETTLE_S,
    api_client,
    eventually,
    kubectl,
    running_catalog,
    scratch_namespace,
    settled,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

CONFIGMAP_COUNT = 400
SLACK_BYTES = 64 * 1024
"""What may stay allocated after deselection: bounded caches inside libraries (yarl's URL
caches, for one). The catalog's caches hold many times this much."""


def configmaps(namespace: str, count: int) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "List",
            "items": [
                {
                    "apiVersion": "v1",
                    "kind": "ConfigMap",
                    "metadata": {
                        "name": f"cm-{i:04d}",
                        "namespace": namespace,
                        "labels": {"i": str(i)},
                    },
                    "data": {"key": "x" * 200},
                }
                for i in range(count)
            ],
        }
    )


async def yield_to_the_loop() -> None:
    """Let closed transports run their connection_lost callbacks (no time passes)."""
    for _ in range(3):
        await asyncio.sleep(0)


def open_sockets() -> int:
    """How many sockets this process holds."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # closed while listed
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
    return count


async def connections_closed(sockets: int) -> None:
    """Wait until the process holds no more sockets than `sockets`, then let the loop run the
    callbacks. A stopped watch closes its TLS connection gracefully: transport, protocols and
    buffers (~50 objects each) live until the apiserver answers the close_notify, which on a
    loaded machine takes seconds, not a turn of the loop."""
    await eventually(lambda: open_sockets() <= sockets)
    await yield_to_the_loop()


def catalog_tasks(cluster_id: str) -> int:
    """The catalog's own tasks still running (start-up, housekeeping, re-planning): it names
    them after its cluster; the watches' tasks are named after their resource."""
    return sum(1 for t in asyncio.all_tasks() if t.get_name().startswith(f"{cluster_id} "))


async def test_deselecting_returns_rows_tasks_and_memory_to_baseline(
    clusters: ClusterEnv,
) -> None:
    """Deselection = the catalog stops and the pool closes the cluster's ApiClient; after both,
    what the cluster held is gone."""
    async with scratch_namespace(clusters, "alpha", "catalog-memory") as ns:
        await kubectl(
            clusters, "apply", "-f", "-", input=configmaps(ns, CONFIGMAP_COUNT), context="alpha"
        )
        kinds = [*STARTUP_KINDS, CONFIGMAPS, "services", "secrets"]
        sockets = open_sockets()

        # A first selection warms what libraries cache for good (decoders, ssl, url caches).
        async with running_catalog(clusters, "alpha") as warm:
            await settled(warm, kinds)
        del warm
        await connections_closed(sockets)
        gc.collect()
        tracemalloc.start()
        try:
            baseline = tracemalloc.get_traced_memory()[0]
            # What stays is counted only where the catalog's own code allocated it: the test
            # shares its process with other session fixtures whose allocations are not ours.
            catalog_code = [tracemalloc.Filter(True, "*/backend/objectcatalog/*")]
            baseline_catalog = tracemalloc.take_snapshot().filter_traces(catalog_code)
            objects_before = len(gc.get_objects())

            async with running_catalog(clusters, "alpha") as catalog:
                assert set((await settled(catalog, kinds)).values()) == {SyncState.SYNCED}
                cm = catalog.cache(CONFIGMAPS)
                assert cm is not None and len(cm) >= CONFIGMAP_COUNT
                grown = tracemalloc.get_traced_memory()[0] - baseline
                stats = catalog.stats()
                caches = [weakref.ref(c) for c in catalog.caches()]
                reflectors = [weakref.ref(r) for c in catalog.caches() for r in c.reflectors()]
                tasks_running = catalog_tasks(catalog.cluster_id)
                catalog_ref = weakref.ref(catalog)
                del cm
            assert stats.rows >= CONFIGMAP_COUNT and tasks_running >= 1
            assert catalog.stats().rows == 0 and len(catalog.intern) == 0
            assert catalog.caches() == [] and catalog_tasks(catalog.cluster_id) == 0
            del catalog
            await connections_closed(sockets)
            gc.collect()
            after_catalog = tracemalloc.take_snapshot().filter_traces(catalog_code)
            left = sum(d.size_diff for d in after_catalog.compare_to(baseline_catalog, "filename"))
            objects_after = len(gc.get_objects())
        finally:
            tracemalloc.stop()

        assert catalog_ref() is None
        assert all(ref() is None for ref in caches + reflectors)
        assert grown > 8 * SLACK_BYTES, f"the caches only grew {grown} bytes"
        assert left < SLACK_BYTES, f"{left} bytes stayed after stop (grown: {grown})"
        assert objects_after - objects_before < 500


async def test_the_registry_keeps_one_catalog_per_cluster(clusters: ClusterEnv) -> None:
    registry = CatalogRegistry()
    alpha = await api_client(clusters, "alpha")
    gamma = await api_client(clusters, topology.GAMMA_ARN_CONTEXT, file="prod.yaml")
    seen: list[CatalogChange] = []
    registry.subscribe(seen.extend)
    gamma_id = f"prod.yaml:{topology.GAMMA_ARN_CONTEXT}"
    try:
        await registry.add("dev.yaml:alpha", "alpha", ClusterApi(alpha), None)
        await registry.add(gamma_id, topology.GAMMA_ARN_CONTEXT, ClusterApi(gamma), None)
        assert [c.cluster_id for c in registry.catalogs()] == ["dev.yaml:alpha", gamma_id]
        for catalog in registry.catalogs():
            await settled(catalog, [PODS])
        assert {c.cluster_id for c in seen} == {"dev.yaml:alpha", gamma_id}
        assert registry.get(gamma_id).status()[0] in (ClusterStatus.READY, ClusterStatus.LOADING)

        with pytest.raises(RegattaError) as unknown:
            registry.get("dev.yaml:nope")
        assert (unknown.value.status, unknown.value.code) == (404, "unknown_cluster")
        assert unknown.value.context == {"clusterId": "dev.yaml:nope"}

        removed = registry.get("dev.yaml:alpha")
        freed = await registry.remove("dev.yaml:alpha")
        assert freed is not None and freed.rows > 0
        assert await registry.remove("dev.yaml:alpha") is None
        assert [c.cluster_id for c in registry.catalogs()] == [gamma_id]
        assert removed.status()[0] is ClusterStatus.STOPPED
        with pytest.raises(RegattaError) as inactive:
            await removed.ensure(PODS)
        assert inactive.value.code == "cluster_not_active"
    finally:
        await registry.close()
        await alpha.close()
        await gamma.close()


async def test_an_unreachable_cluster_says_so_and_recovers(clusters: ClusterEnv) -> None:
    await asyncio.to_thread(clusters.stop_apiserver, "beta")
    try:
        async with running_catalog(clusters, "beta") as catalog:
            await eventually(lambda: catalog.status()[0] is ClusterStatus.UNREACHABLE)
            message = catalog.status()[1]
            assert message is not None and "discovery failed" in message
            assert catalog.diagnostics().status == ClusterStatus.UNREACHABLE.value
            await asyncio.to_thread(clusters.start_apiserver, "beta")
            await eventually(lambda: catalog.status()[0] is ClusterStatus.READY, SETTLE_S)
            pods = catalog.cache(PODS)
            assert pods is not None and pods.state is SyncState.SYNCED
    finally:
        await asyncio.to_thread(clusters.heal)
