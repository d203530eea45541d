"""Drain evicts through the Eviction API, waits out PodDisruptionBudgets, and stays on its cluster.

The test brings its own nodes (kwok runs every node it sees) and a namespace of its own, so the
seeded nodes and workloads other tests rely on are never drained. The nodes carry a taint only
this test's pods (and DaemonSets that tolerate everything) tolerate, so nothing else is
scheduled onto them while they exist. A node of
the same name exists on alpha too, with a pod on it, and must come through untouched.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    BETA,
    ActionsClient,
    actions_client,
    admin,
    admin_json,
    deployment_yaml,
    exists,
    namespace_in,
    ref,
    unique,
    until,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

TAINT = "regatta-test/drain"
SETTLE_S = 120.0
"""Deadline for pods to be scheduled and run, or replaced elsewhere, on the loaded machine."""


@pytest_asyncio.fixture
async def actions(clusters: ClusterEnv, tmp_path: Path) -> AsyncIterator[ActionsClient]:
    async with actions_client(clusters, tmp_path) as client:
        yield client


def node_yaml(name: str, label: str, unschedulable: bool = False) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": name,
                "labels": {"kubernetes.io/hostname": name, "type": "kwok", TAINT: label},
                "annotations": {"kwok.x-k8s.io/node": "fake"},
            },
            "spec": {
                "unschedulable": unschedulable,
                "taints": [{"key": TAINT, "value": label, "effect": "NoSchedule"}],
            },
        }
    )


def tolerating(label: str) -> dict[str, Any]:
    return {
        "nodeSelector": {TAINT: label},
        "tolerations": [{"key": TAINT, "operator": "Exists", "effect": "NoSchedule"}],
    }


def pod_yaml(
    namespace: str, name: str, node: str, annotations: dict[str, str] | None = None
) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "annotations": annotations or {}},
            "spec": {
                "nodeName": node,
                "terminationGracePeriodSeconds": 0,
                "tolerations": [{"key": TAINT, "operator": "Exists", "effect": "NoSchedule"}],
                "containers": [{"name": "app", "image": "example/app:1"}],
            },
        }
    )


def daemonset_yaml(namespace: str, label: str) -> str:
    return json.dumps(
        {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": {"name": "agent", "namespace": namespace},
            "spec": {
                "selector": {"matchLabels": {"app": "agent"}},
                "template": {
                    "metadata": {"labels": {"app": "agent"}},
                    "spec": {
                        "containers": [{"name": "agent", "image": "example/agent:1"}],
                        "terminationGracePeriodSeconds": 0,
                        **tolerating(label),
                    },
                },
            },
        }
    )


def budget_yaml(namespace: str, **rule: int) -> str:
    return json.dumps(
        {
            "apiVersion": "policy/v1",
            "kind": "PodDisruptionBudget",
            "metadata": {"name": "guarded", "namespace": namespace},
            "spec": {"selector": {"matchLabels": {"app": "guarded"}}, **rule},
        }
    )


@contextmanager
def nodes_on(env: ClusterEnv, cluster: str, *nodes: tuple[str, str, bool]) -> Iterator[None]:
    for name, label, unschedulable in nodes:
        admin(env, cluster, "apply", "-f", "-", input=node_yaml(name, label, unschedulable))
    try:
        yield
    finally:
        for name, _, _ in nodes:
            admin(env, cluster, "delete", "node", name, "--wait=false", "--ignore-not-found")


def running_on(env: ClusterEnv, cluster: str, namespace: str, node: str) -> dict[str, str]:
    """name → app label (or `-`) of the live, running pods on `node`."""
    pods = admin_json(env, cluster, "get", "pods", "-n", namespace)["items"]
    return {
        p["metadata"]["name"]: p["metadata"].get("labels", {}).get("app", "-")
        for p in pods
        if p["spec"].get("nodeName") == node
        and p["status"].get("phase") == "Running"
        and not p["metadata"].get("deletionTimestamp")
    }


def unschedulable(env: ClusterEnv, cluster: str, node: str) -> bool:
    return bool(admin_json(env, cluster, "get", "node", node)["spec"].get("unschedulable"))


async def test_drain_honours_budgets_skips_what_it_must_and_touches_only_its_cluster(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    label = unique("drain")
    drained, spare = f"{label}-a", f"{label}-b"
    with (
        namespace_in(clusters, label, ("alpha", "beta")) as ns,
        nodes_on(clusters, "beta", (drained, label, False), (spare, label, True)),
        nodes_on(clusters, "alpha", (drained, label, False)),
    ):
        admin(clusters, "alpha", "apply", "-f", "-", input=pod_yaml(ns, "loner", drained))
        beta_objects = [
            deployment_yaml(ns, "guarded", 2, **tolerating(label)),
            budget_yaml(ns, minAvailable=2),
            daemonset_yaml(ns, label),
            pod_yaml(ns, "loner", drained),
            pod_yaml(ns, "static-web", drained, {"kubernetes.io/config.mirror": "static"}),
        ]
        for document in beta_objects:
            admin(clusters, "beta", "apply", "-f", "-", input=document)

        def settled() -> bool:
            apps = sorted(running_on(clusters, "beta", ns, drained).values())
            return apps == ["-", "-", "agent", "guarded", "guarded"]

        await until(settled, SETTLE_S, "beta's pods to run on the test node")
        await until(
            lambda: "loner" in running_on(clusters, "alpha", ns, drained),
            SETTLE_S,
            "alpha's pod to run on its node of the same name",
        )
        node = ref(BETA, "Node", drained)

        # 1. The budget allows no disruption: evictions are retried, then reported as failed.
        answer = await actions.act("drain", node, {"timeoutSeconds": 3})

        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["message"].startswith(f"Could not fully drain node {drained} on cluster beta")
        pods = {p["name"]: p for p in body["pods"]}
        guarded = [p for name, p in pods.items() if name.startswith("guarded-")]
        assert len(guarded) == 2 and all(p["outcome"] == "failed" for p in guarded)
        assert all(p["attempts"] >= 2 for p in guarded)
        assert all("disruption budget" in p["reason"] for p in guarded)
        agent = next(p for name, p in pods.items() if name.startswith("agent-"))
        assert (agent["outcome"], agent["attempts"]) == ("skipped", 0)
        assert "DaemonSet agent" in agent["reason"]
        assert pods["loner"]["outcome"] == "skipped" and "force" in pods["loner"]["reason"]
        assert pods["static-web"]["outcome"] == "skipped"
        assert "mirror pod" in pods["static-web"]["reason"]
        # Other namespaces' pods on the node are DaemonSet pods that tolerate every taint (the
        # seeded log-shipper): skipped, like ours.
        strangers = [p for p in body["pods"] if p["namespace"] != ns]
        assert all(p["outcome"] == "skipped" and "DaemonSet" in p["reason"] for p in strangers)
        # The budget was respected: every pod is still there and running.
        assert sorted(running_on(clusters, "beta", ns, drained).values()) == [
            "-",
            "-",
            "agent",
            "guarded",
            "guarded",
        ]
        assert unschedulable(clusters, "beta", drained)

        # 2. A budget that allows one at a time, and no room for a replacement yet: one guarded
        #    pod is evicted, the other is refused until its replacement runs on the spare node.
        admin(clusters, "beta", "delete", "pdb", "guarded", "-n", ns)
        admin(clusters, "beta", "apply", "-f", "-", input=budget_yaml(ns, maxUnavailable=1))
        drain = asyncio.create_task(
            actions.act("drain", node, {"force": True, "timeoutSeconds": SETTLE_S})
        )

        def replacement_pending() -> bool:
            pods = admin_json(clusters, "beta", "get", "pods", "-n", ns, "-l", "app=guarded")
            return any(not p["spec"].get("nodeName") for p in pods["items"])

        await until(replacement_pending, SETTLE_S, "a guarded pod to be evicted and replaced")
        assert not drain.done()  # the other guarded pod waits for the budget
        admin(clusters, "beta", "uncordon", spare)
        answer = await drain

        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["message"].startswith(f"Drained node {drained} on cluster beta")
        outcomes = {p["name"]: p["outcome"] for p in body["pods"]}
        guarded = [p for p in body["pods"] if p["name"].startswith("guarded-")]
        assert [p["outcome"] for p in guarded] == ["evicted", "evicted"]
        assert outcomes["loner"] == "evicted"
        assert outcomes["static-web"] == "skipped"
        await until(
            lambda: sorted(running_on(clusters, "beta", ns, spare).values()).count("guarded") == 2,
            SETTLE_S,
            "the replacements to run on the spare node",
        )
        await until(
            lambda: not exists(clusters, "beta", "pod", "loner", "-n", ns),
            SETTLE_S,
            "the evicted bare pod to go",
        )

        # 3. alpha's node of the same name, and the pod on it, were never touched.
        assert not unschedulable(clusters, "alpha", drained)
        assert "loner" in running_on(clusters, "alpha", ns, drained)
