"""The Kubernetes event stream against the real clusters: the backlog of three clusters merged by
the events' own time, then live events as they are created, scoped by namespace."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from backend.contract.streams import KubeEvent, SourceStatus
from backend.refresh.streams.timestamps import parse_rfc3339_ns
from tests.clusters import ClusterEnv
from tests.integration.test_streams_support import (
    ALPHA,
    BETA,
    CLUSTER_NAMES,
    GAMMA,
    Sse,
    stream_backend,
    unique,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

CONTEXTS = {
    ALPHA: ("alpha", "dev.yaml"),
    BETA: ("beta", "dev.yaml"),
    GAMMA: ("arn:aws:eks:eu-west-1:123456789012:cluster/gamma", "prod.yaml"),
}


def k8s_events(events: list[Sse]) -> list[dict[str, Any]]:
    return [e.data for e in events if e.event == "k8s-event"]


def started(events: list[Sse]) -> set[str]:
    return {
        e.data["clusterId"] for e in events if e.event == "status" and e.data["status"] == "started"
    }


def event_manifest(namespace: str, name: str, reason: str) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": name, "namespace": namespace},
            "involvedObject": {"kind": "ConfigMap", "name": "anything", "namespace": namespace},
            "reason": reason,
            "message": f"made by the stream test in {namespace}",
            "type": "Normal",
            "count": 1,
        }
    )


async def kubectl(env: ClusterEnv, cluster_id: str, *args: str, input: str | None = None) -> str:
    context, file = CONTEXTS[cluster_id]
    done = await asyncio.to_thread(
        env.kubectl, *args, context=context, kubeconfig=file, input=input
    )
    return done.stdout


async def test_the_backlog_of_three_clusters_comes_merged_then_live_events_follow(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    namespace = unique("stream-events")
    async with (
        stream_backend(clusters, tmp_path) as backend,
        backend.stream("events") as sse,  # no scope: every selected cluster
    ):
        await sse.until(lambda ev: started(ev) == {ALPHA, BETA, GAMMA})
        backlog = k8s_events(sse.events)
        for data in backlog:
            KubeEvent.model_validate(data)
            assert data["clusterName"] == CLUSTER_NAMES[data["clusterId"]]
            assert data["scope"] == f"{data['clusterId']}|"
        for event in sse.events:
            if event.event == "status":
                SourceStatus.model_validate(event.data)
        assert {d["clusterId"] for d in backlog} == {ALPHA, BETA, GAMMA}
        assert {d["reason"] for d in backlog} >= {"Unhealthy", "ProvisioningFailed"}
        keys = [(parse_rfc3339_ns(d["timestamp"]), d["clusterId"]) for d in backlog]
        assert keys == sorted(keys)
        assert all(e.event != "k8s-event" for e in sse.events[len(backlog) :])

        for cluster_id in (ALPHA, BETA, GAMMA):
            await kubectl(clusters, cluster_id, "create", "namespace", namespace)
        try:
            for cluster_id in (ALPHA, BETA, GAMMA):
                await kubectl(
                    clusters,
                    cluster_id,
                    "create",
                    "-f",
                    "-",
                    input=event_manifest(namespace, "live-1", "StreamTest"),
                )
            await sse.until(
                lambda ev: (
                    {d["clusterId"] for d in k8s_events(ev) if d["reason"] == "StreamTest"}
                    == {ALPHA, BETA, GAMMA}
                )
            )
            live = [d for d in k8s_events(sse.events) if d["reason"] == "StreamTest"]
            assert len(live) == 3  # each once
            for data in live:
                KubeEvent.model_validate(data)
                assert data["namespace"] == namespace
                assert data["involvedObject"]["kind"] == "ConfigMap"
                assert data["count"] == 1
        finally:
            for cluster_id in (ALPHA, BETA, GAMMA):
                await kubectl(
                    clusters, cluster_id, "delete", "namespace", namespace, "--wait=false"
                )


async def test_a_namespace_scope_sees_only_that_namespace(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path, selected=(ALPHA, BETA)) as backend:
        scopes = [f"{ALPHA}|namespace:shop", f"{BETA}|namespace:team-b"]
        async with backend.stream("events", scopes, window="100") as sse:
            await sse.until(lambda ev: started(ev) == {ALPHA, BETA})
            backlog = k8s_events(sse.events)
            assert {(d["clusterId"], d["namespace"]) for d in backlog} == {
                (ALPHA, "shop"),
                (BETA, "team-b"),
            }
            assert {d["scope"] for d in backlog} == set(scopes)
