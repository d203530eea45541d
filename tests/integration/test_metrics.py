"""Usage from the real metrics-server (contract §12, issue 15): alpha and gamma run one scraping
kwok's simulated kubelets, beta runs none, and a user without metrics RBAC is `forbidden`.

kwok reports each container's usage from the pod's annotations kwok.x-k8s.io/usage-cpu/-memory
(tests/clusters/kwokconfig.py), so every figure below is known in advance.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SELECTED = [ALPHA, BETA, GAMMA]
NAMESPACE = f"metrics-{uuid.uuid4().hex[:6]}"
# (cluster, CPU, memory) each test pod reports; two pods per cluster.
USAGE = {"alpha": ("250m", "64Mi"), "beta": ("100m", "32Mi"), "gamma": ("400m", "96Mi")}
CPU_M = {"alpha": 250.0, "beta": 100.0, "gamma": 400.0}
MEMORY = {"alpha": 64 * 1024**2, "beta": 32 * 1024**2, "gamma": 96 * 1024**2}
# metrics-server needs two scrapes (15 s apart) of a new pod before it reports its CPU.
METRICS_WAIT_S = 180.0


def _pod(name: str, cpu: str, memory: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "namespace": NAMESPACE,
            "labels": {"app": "usage"},
            "annotations": {"kwok.x-k8s.io/usage-cpu": cpu, "kwok.x-k8s.io/usage-memory": memory},
        },
        "spec": {
            "containers": [
                {
                    "name": "main",
                    "image": "busybox",
                    "resources": {"requests": {"cpu": "500m"}, "limits": {"memory": "128Mi"}},
                }
            ],
            "terminationGracePeriodSeconds": 0,
        },
    }


@pytest.fixture(scope="module")
def usage_pods(clusters: ClusterEnv) -> Iterator[None]:
    for cluster, (cpu, memory) in USAGE.items():
        docs = [{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}}]
        docs += [_pod(f"usage-{i}", cpu, memory) for i in range(2)]
        clusters.admin_kubectl(
            cluster, "apply", "-f", "-", input="\n---\n".join(json.dumps(d) for d in docs)
        )
    yield
    for cluster in USAGE:
        clusters.admin_kubectl(cluster, "delete", "namespace", NAMESPACE, "--wait=false")


@pytest.fixture(scope="module")
def app(
    clusters: ClusterEnv, usage_pods: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    config = tmp_path_factory.mktemp("config")
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        assert bridge(running, "set_selection", SELECTED) == {"selectedClusterIds": SELECTED}
        yield running


def snapshot(app: RunningApp, domain: str, **params: Any) -> dict[str, Any]:
    response = httpx.get(
        f"{app.base}/api/v1/snapshots/{domain}", params=params, headers=app.auth, timeout=30
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def wait_for(
    app: RunningApp, domain: str, accept: Callable[[dict[str, Any]], bool], **params: Any
) -> dict[str, Any]:
    """Poll a snapshot until `accept` holds: metrics arrive a scrape or two after the pods run."""
    deadline = time.monotonic() + METRICS_WAIT_S
    answer: dict[str, Any] = {}
    while time.monotonic() < deadline:
        answer = snapshot(app, domain, **params)
        if accept(answer):
            return answer
        time.sleep(1.0)
    raise AssertionError(f"{domain} never satisfied the condition; last: {answer}")


def metrics_of(answer: dict[str, Any]) -> dict[str, str | None]:
    return {c["clusterId"]: c["metrics"] for c in answer["clusters"]}


def cluster_of(row: dict[str, Any]) -> str:
    return {ALPHA: "alpha", BETA: "beta", GAMMA: "gamma"}[row["clusterId"]]


def usage_known(answer: dict[str, Any]) -> bool:
    rows = [r for r in answer["items"] if r["clusterId"] in (ALPHA, GAMMA)]
    return len(rows) == 4 and all(r["cpuMillicores"] is not None for r in rows)


def test_pods_show_the_usage_kwok_reports_and_beta_has_none(app: RunningApp) -> None:
    answer = wait_for(app, "pods", usage_known, namespace=NAMESPACE)
    assert metrics_of(answer) == {ALPHA: "available", BETA: "unavailable", GAMMA: "available"}
    assert {c["clusterId"]: c["status"] for c in answer["clusters"]} == dict.fromkeys(
        SELECTED, "ready"
    )
    assert len(answer["items"]) == 6
    for row in answer["items"]:
        cluster = cluster_of(row)
        assert row["cpuRequestMillicores"] == 500.0
        assert row["memoryLimitBytes"] == 128 * 1024**2
        if cluster == "beta":
            assert row["cpuMillicores"] is None and row["memoryBytes"] is None
            assert row["cpuRequestPercent"] is None and row["memoryLimitPercent"] is None
            continue
        # CPU is a rate metrics-server derives from kwok's cumulative counter: within rounding.
        assert row["cpuMillicores"] == pytest.approx(CPU_M[cluster], rel=0.02)
        assert row["memoryBytes"] == MEMORY[cluster]
        assert row["cpuRequestPercent"] == pytest.approx(100 * CPU_M[cluster] / 500, abs=1.0)
        assert row["memoryLimitPercent"] == pytest.approx(100 * MEMORY[cluster] / 2**27, abs=0.1)


def test_sorting_by_cpu_orders_pods_across_clusters_without_usage_last(app: RunningApp) -> None:
    wait_for(app, "pods", usage_known, namespace=NAMESPACE)
    for order, expected in (
        ("asc", ["alpha", "alpha", "gamma", "gamma", "beta", "beta"]),
        ("desc", ["gamma", "gamma", "alpha", "alpha", "beta", "beta"]),
    ):
        answer = snapshot(app, "pods", namespace=NAMESPACE, sort="cpuMillicores", order=order)
        assert [cluster_of(r) for r in answer["items"]] == expected, order
    page = snapshot(app, "pods", namespace=NAMESPACE, sort="cpuMillicores", order="desc", limit=3)
    assert [cluster_of(r) for r in page["items"]] == ["gamma", "gamma", "alpha"]
    assert page["total"] == 6


def test_nodes_show_usage_of_allocatable(app: RunningApp) -> None:
    def known(answer: dict[str, Any]) -> bool:
        rows = [r for r in answer["items"] if r["clusterId"] in (ALPHA, GAMMA)]
        return bool(rows) and all(r["cpuMillicores"] is not None for r in rows)

    answer = wait_for(app, "nodes", known)
    assert metrics_of(answer) == {ALPHA: "available", BETA: "unavailable", GAMMA: "available"}
    for row in answer["items"]:
        assert row["cpuAllocatableMillicores"] > 0 and row["memoryAllocatableBytes"] > 0
        if row["clusterId"] == BETA:
            assert row["cpuMillicores"] is None and row["cpuPercent"] is None
        else:
            expected = 100 * row["cpuMillicores"] / row["cpuAllocatableMillicores"]
            assert row["cpuPercent"] == pytest.approx(expected, abs=0.1)
            assert row["memoryBytes"] > 0


def test_a_workload_shows_the_sum_over_its_pods(app: RunningApp) -> None:
    def summed(answer: dict[str, Any]) -> bool:
        web = [r for r in answer["items"] if r["kind"] == "Deployment" and r["name"] == "web"]
        return len(web) == 3 and all(
            r["cpuMillicores"] is not None for r in web if r["clusterId"] != BETA
        )

    answer = wait_for(app, "workloads", summed, namespace="shop")
    assert metrics_of(answer) == {ALPHA: "available", BETA: "unavailable", GAMMA: "available"}
    pods = snapshot(app, "pods", namespace="shop", limit=1000)["items"]
    for row in answer["items"]:
        if row["kind"] != "Deployment" or row["name"] != "web":
            continue
        if row["clusterId"] == BETA:
            assert row["cpuMillicores"] is None
            continue
        mine = [
            p
            for p in pods
            if p["clusterId"] == row["clusterId"]
            and p["ownerKind"] == "ReplicaSet"
            and p["ownerName"].startswith("web-")
        ]
        assert len(mine) == 3
        assert row["memoryBytes"] == sum(p["memoryBytes"] for p in mine)
        assert row["cpuMillicores"] == pytest.approx(
            sum(p["cpuMillicores"] for p in mine), rel=0.05
        )


def test_the_overview_has_capacity_requests_limits_and_usage(app: RunningApp) -> None:
    def known(answer: dict[str, Any]) -> bool:
        return all(
            i["cpuUsageMillicores"] is not None for i in answer["items"] if i["clusterId"] != BETA
        )

    answer = wait_for(app, "cluster-overview", known)
    items = {i["clusterId"]: i for i in answer["items"]}
    assert {i: items[i]["metrics"] for i in SELECTED} == metrics_of(answer)
    assert metrics_of(answer) == {ALPHA: "available", BETA: "unavailable", GAMMA: "available"}
    for cluster_id, item in items.items():
        assert item["cpuCapacityMillicores"] >= item["cpuAllocatableMillicores"] > 0
        # The test pods alone request 2 × 500m.
        assert item["cpuRequestsMillicores"] >= 1000.0
        assert item["memoryLimitsBytes"] >= 2 * 128 * 1024**2
        if cluster_id == BETA:
            assert item["cpuUsageMillicores"] is None and item["memoryUsageBytes"] is None
        else:
            assert item["memoryUsageBytes"] >= 2 * MEMORY[cluster_of(item)]


def test_a_pods_chart_gets_samples_per_container(app: RunningApp) -> None:
    scope = f"{ALPHA}|object:/v1/Pod/{NAMESPACE}/usage-0"

    def sampled(answer: dict[str, Any]) -> bool:
        return any(s["cpuMillicores"] is not None for s in answer["items"][0]["samples"])

    answer = wait_for(app, "object-metrics", sampled, scope=scope)
    item = answer["items"][0]
    assert (item["kind"], item["name"], item["metrics"]) == ("Pod", "usage-0", "available")
    last = item["samples"][-1]
    assert [c["name"] for c in last["containers"]] == ["main"]
    assert last["memoryBytes"] == MEMORY["alpha"]
    beta = snapshot(app, "object-metrics", scope=f"{BETA}|object:/v1/Pod/{NAMESPACE}/usage-0")
    assert beta["items"][0]["metrics"] == "unavailable"
    bad = httpx.get(
        f"{app.base}/api/v1/snapshots/object-metrics",
        params={"scope": f"{ALPHA}|object:/v1/ConfigMap/shop/settings"},
        headers=app.auth,
    )
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "bad_scope")


# --- a user who may list pods but not read metrics ----------------------------------------------

RBAC = """
apiVersion: v1
kind: ServiceAccount
metadata: {{name: pod-reader, namespace: {ns}}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {{name: pod-reader, namespace: {ns}}}
rules:
- apiGroups: [""]
  resources: [pods]
  verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {{name: pod-reader, namespace: {ns}}}
roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}}
subjects:
- {{kind: ServiceAccount, name: pod-reader, namespace: {ns}}}
"""


@pytest.fixture(scope="module")
def pod_reader_kubeconfig(
    clusters: ClusterEnv, usage_pods: None, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """dev.yaml with one context on alpha: a ServiceAccount that may only read NAMESPACE's pods."""
    clusters.admin_kubectl("alpha", "apply", "-f", "-", input=RBAC.format(ns=NAMESPACE))
    token = clusters.admin_kubectl(
        "alpha", "create", "token", "pod-reader", "-n", NAMESPACE, "--duration=1h"
    ).stdout.strip()
    directory = tmp_path_factory.mktemp("pod-reader")
    config = {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": "alpha",
                "cluster": {
                    "server": clusters.cluster("alpha").server,
                    "certificate-authority": str(clusters.ca_file),
                },
            }
        ],
        "users": [{"name": "pod-reader", "user": {"token": token}}],
        "contexts": [
            {
                "name": "pod-reader",
                "context": {"cluster": "alpha", "user": "pod-reader", "namespace": NAMESPACE},
            }
        ],
        "current-context": "pod-reader",
    }
    (directory / "dev.yaml").write_text(yaml.safe_dump(config))
    return directory


def test_a_user_without_metrics_access_gets_forbidden_and_still_the_pods(
    pod_reader_kubeconfig: Path, tmp_path: Path
) -> None:
    reader = "dev.yaml:pod-reader"
    with running_app(
        "--kubeconfig-dir", str(pod_reader_kubeconfig), "--config-dir", str(tmp_path)
    ) as app:
        assert bridge(app, "set_selection", [reader]) == {"selectedClusterIds": [reader]}
        scope = f"{reader}|namespace:{NAMESPACE}"

        def settled(answer: dict[str, Any]) -> bool:
            return len(answer["items"]) == 2 and metrics_of(answer)[reader] == "forbidden"

        answer = wait_for(app, "pods", settled, scope=scope)
        assert answer["clusters"][0]["status"] == "ready"
        assert all(r["cpuMillicores"] is None for r in answer["items"])
        assert all(r["cpuRequestMillicores"] == 500.0 for r in answer["items"])
