"""Catalog doorbells against the real clusters (coalesced, scoped, naming the stale domains), and
a server that stops at once with every kind of stream open."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from backend.contract.streams import CatalogChange as CatalogChangeModel
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.reflector import SyncState
from tests.clusters import ClusterEnv
from tests.integration.test_streams_support import (
    ALPHA,
    BETA,
    EVENT_S,
    GAMMA,
    stream_backend,
    unique,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

COALESCE_S = 2.0

SHUTDOWN_S = 2.0
"""The contract of the app: with streams open, the server stops within this."""


def deployment(namespace: str, replicas: int) -> str:
    labels = {"app": "doorbell"}
    return json.dumps(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "doorbell", "namespace": namespace},
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": labels},
                "template": {
                    "metadata": {"labels": labels},
                    "spec": {"containers": [{"name": "main", "image": "example.com/doorbell:1"}]},
                },
            },
        }
    )


async def test_changes_are_coalesced_per_cluster_and_kind_and_name_their_domains(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    namespace = unique("stream-catalog")
    # A window longer than the product's, so coalescing shows even on a machine so busy that
    # the pods' changes arrive far apart.
    async with stream_backend(
        clusters, tmp_path, selected=(ALPHA, BETA), coalesce_s=COALESCE_S
    ) as backend:
        raw: list[CatalogChange] = []

        def record(batch: Sequence[CatalogChange]) -> None:
            raw.extend(c for c in batch if c.cluster_id == ALPHA and c.namespace == namespace)

        unsubscribe = backend.catalogs.subscribe(record)
        # The pods must be watched before they exist: a first LIST that finds them already
        # running reports each as ADDED only, and the MODIFIED changes counted below never come.
        pod_cache = await backend.catalogs.get(ALPHA).ensure(PODS)
        assert await pod_cache.wait_settled(EVENT_S) is SyncState.SYNCED
        # A change event carries the last change of its (cluster, kind) in the window: scoped to
        # the whole of alpha, another namespace's pods (an earlier test's, going) can be last in
        # every window and this namespace's pods never named.
        scopes = [f"{ALPHA}|namespace:{namespace}", f"{BETA}|namespace:team-b"]
        async with backend.stream("catalog", scopes) as sse:
            await asyncio.to_thread(clusters.create_namespace, "alpha", namespace)
            try:
                await asyncio.to_thread(
                    clusters.kubectl,
                    "apply",
                    "-f",
                    "-",
                    context="alpha",
                    input=deployment(namespace, 5),
                )

                def running_pods() -> int:
                    return len({c.name for c in raw if c.kind == "Pod" and c.type == "MODIFIED"})

                await sse.until(
                    lambda ev: (
                        running_pods() >= 5
                        and any(
                            e.event == "change"
                            and e.data["kind"] == "Pod"
                            and e.data["namespace"] == namespace
                            for e in ev
                        )
                    )
                )
                await sse.until(
                    lambda ev: any(
                        e.event == "change"
                        and e.data["kind"] == "Deployment"
                        and e.data["namespace"] == namespace
                        for e in ev
                    )
                )
            finally:
                await asyncio.to_thread(
                    clusters.kubectl,
                    "delete",
                    "namespace",
                    namespace,
                    "--wait=false",
                    context="alpha",
                )
                unsubscribe()
            changes = [e.data for e in sse.events if e.event == "change"]
            for data in changes:
                CatalogChangeModel.model_validate(data)
            pods = [d for d in changes if d["kind"] == "Pod" and d["namespace"] == namespace]
            raw_pods = [c for c in raw if c.kind == "Pod"]
            assert 1 <= len(pods) < len(raw_pods)
            assert all(d["clusterId"] == ALPHA for d in pods)
            assert all({"pods", "cluster-overview", "catalog"} <= set(d["domains"]) for d in pods)
            workloads = [d for d in changes if d["kind"] == "Deployment"]
            assert all("workloads" in d["domains"] for d in workloads)
            assert all(d["namespace"] == "team-b" for d in changes if d["clusterId"] == BETA)


async def test_the_server_stops_at_once_with_every_kind_of_stream_open(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        async with (
            backend.stream(
                "logs", [f"{GAMMA}|object:apps/v1/Deployment/shop/web"], tailLines="1"
            ) as logs,
            backend.stream("events", [f"{ALPHA}|", f"{BETA}|"]) as events,
            backend.stream("catalog") as catalog,
        ):
            await logs.until(lambda ev: any(e.event == "log" for e in ev))
            await events.until(lambda ev: any(e.event == "status" for e in ev))
            assert backend.lifecycle.open_streams == 3
            backend.lifecycle.begin_shutdown()
            backend.server.should_exit = True
            await asyncio.wait_for(backend.server_task, SHUTDOWN_S)
            for reader in (logs, events, catalog):
                with pytest.raises(EOFError):
                    await reader.until(lambda ev: False)
            assert backend.lifecycle.open_streams == 0
        await backend.hub.close()
        assert backend.hub.follows.count == 0
        assert backend.hub.sessions == 0
