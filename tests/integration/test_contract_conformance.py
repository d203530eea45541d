"""Every snapshot domain, stream event and answer of the real app, checked against its contract
model: a field the model does not declare, one it declares but the answer lacks, or one of
another type fails (`tests.wire_check`). Three real clusters, one of them seen by a user who may
read little (beta-viewer), so forbidden and fallback paths are checked too."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from backend.contract.actions import ActionPermissions
from backend.contract.diagnostics import Diagnostics
from backend.contract.items import (
    ClusterOverviewItem,
    ConfigMapItem,
    CronJobItem,
    CustomResourceDefinitionItem,
    DaemonSetItem,
    DeploymentItem,
    EventItem,
    IngressItem,
    JobItem,
    NamespaceItem,
    NodeItem,
    ObjectDetailsItem,
    ObjectItem,
    ObjectMetricsItem,
    ObjectYamlItem,
    PersistentVolumeClaimItem,
    PersistentVolumeItem,
    PodItem,
    ReplicaSetItem,
    RoleBindingItem,
    RoleItem,
    SecretItem,
    ServiceItem,
    StatefulSetItem,
    StorageClassItem,
)
from backend.contract.snapshots import ObjectSnapshot, RefreshResult, Snapshot
from backend.contract.streams import (
    CatalogChange,
    ClusterHealth,
    Dropped,
    KubeEvent,
    LogLine,
    SourceStatus,
)
from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv
from tests.wire_check import assert_wire

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
VIEWER = "dev.yaml:beta-viewer"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SELECTED = [ALPHA, VIEWER, GAMMA]
WAIT_S = 60.0
"""Deadline for caches to sync and streams to deliver (a bound on a loaded machine, not a wait)."""

ITEM_OF_KIND: dict[tuple[str, str], type[ObjectItem]] = {
    ("", "Namespace"): NamespaceItem,
    ("", "Node"): NodeItem,
    ("", "Pod"): PodItem,
    ("apps", "Deployment"): DeploymentItem,
    ("apps", "StatefulSet"): StatefulSetItem,
    ("apps", "DaemonSet"): DaemonSetItem,
    ("apps", "ReplicaSet"): ReplicaSetItem,
    ("batch", "Job"): JobItem,
    ("batch", "CronJob"): CronJobItem,
    ("", "Service"): ServiceItem,
    ("networking.k8s.io", "Ingress"): IngressItem,
    ("", "ConfigMap"): ConfigMapItem,
    ("", "Secret"): SecretItem,
    ("", "PersistentVolumeClaim"): PersistentVolumeClaimItem,
    ("", "PersistentVolume"): PersistentVolumeItem,
    ("storage.k8s.io", "StorageClass"): StorageClassItem,
    ("rbac.authorization.k8s.io", "Role"): RoleItem,
    ("rbac.authorization.k8s.io", "ClusterRole"): RoleItem,
    ("rbac.authorization.k8s.io", "RoleBinding"): RoleBindingItem,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): RoleBindingItem,
    ("", "Event"): EventItem,
    ("apiextensions.k8s.io", "CustomResourceDefinition"): CustomResourceDefinitionItem,
}
"""The item model of each kind with its own columns; every other kind has `ObjectItem` rows."""

LIST_DOMAINS = (
    "namespaces",
    "nodes",
    "pods",
    "workloads",
    "config",
    "network",
    "storage",
    "rbac",
    "events",
    "custom-resources",
    "catalog",
)

STREAM_MODELS: dict[str, type[Any]] = {
    "log": LogLine,
    "status": SourceStatus,
    "dropped": Dropped,
    "k8s-event": KubeEvent,
    "change": CatalogChange,
    "cluster": ClusterHealth,
}


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    config = tmp_path_factory.mktemp("config")
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        assert bridge(running, "set_selection", SELECTED) == {"selectedClusterIds": SELECTED}
        yield running


def get(app: RunningApp, path: str, **params: Any) -> Any:
    response = httpx.get(f"{app.base}{path}", params=params, headers=app.auth, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def post(app: RunningApp, path: str, body: Any) -> Any:
    response = httpx.post(f"{app.base}{path}", json=body, headers=app.auth, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def settled_snapshot(app: RunningApp, domain: str, **params: Any) -> dict[str, Any]:
    """The domain's snapshot once no cluster part is still loading."""
    deadline = time.monotonic() + WAIT_S
    while True:
        answer: dict[str, Any] = get(app, f"/api/v1/snapshots/{domain}", **params)
        loading = [c["clusterId"] for c in answer["clusters"] if c["status"] == "loading"]
        if not loading:
            return answer
        assert time.monotonic() < deadline, f"{domain} still loading in {loading}"
        time.sleep(0.2)


def assert_list_snapshot(answer: dict[str, Any]) -> None:
    assert_wire(Snapshot, {**answer, "items": []})
    for item in answer["items"]:
        assert_wire(ITEM_OF_KIND.get((item["group"], item["kind"]), ObjectItem), item)


@pytest.mark.parametrize("domain", LIST_DOMAINS)
def test_list_domain_rows_are_exactly_their_item_models(app: RunningApp, domain: str) -> None:
    answer = settled_snapshot(app, domain, limit=5000)
    assert answer["items"], f"{domain} has no rows to check"
    assert_list_snapshot(answer)
    if domain == "catalog":  # every kind with its own columns was checked on real rows
        seen = {(i["group"], i["kind"]) for i in answer["items"]}
        assert {("", "Pod"), ("apps", "Deployment"), ("", "Node")} <= seen


def test_cluster_overview_rows_are_exactly_their_model(app: RunningApp) -> None:
    answer = settled_snapshot(app, "cluster-overview")
    assert_wire(Snapshot, {**answer, "items": []})
    assert [i["clusterId"] for i in answer["items"]] == SELECTED
    for item in answer["items"]:
        assert_wire(ClusterOverviewItem, item)


def test_a_failing_clusters_overview_row_is_exactly_its_model(
    app: RunningApp, clusters: ClusterEnv
) -> None:
    settled_snapshot(app, "cluster-overview")
    with clusters.frozen("gamma"):
        deadline = time.monotonic() + WAIT_S
        while True:
            answer = get(app, "/api/v1/snapshots/cluster-overview")
            gamma = next(i for i in answer["items"] if i["clusterId"] == GAMMA)
            if gamma["status"] != "ready":
                break
            assert time.monotonic() < deadline, f"gamma never failed while frozen: {answer}"
            time.sleep(0.2)
    assert gamma["stale"] is True and gamma["message"]
    for item in answer["items"]:
        assert_wire(ClusterOverviewItem, item)


@pytest.mark.parametrize(
    ("domain", "item_model"),
    [("object-details", ObjectDetailsItem), ("object-yaml", ObjectYamlItem)],
)
@pytest.mark.parametrize(
    "tail",
    [
        "object:apps/v1/Deployment/shop/web",
        "object:/v1/Secret/shop/db-credentials",
        "object:/v1/Node//kwok-node-0",
        "object:/v1/Namespace//shop",
    ],
)
def test_object_domains_are_exactly_their_models(
    app: RunningApp, domain: str, item_model: type[Any], tail: str
) -> None:
    answer = get(app, f"/api/v1/snapshots/{domain}", scope=f"{ALPHA}|{tail}")
    assert_wire(ObjectSnapshot, {**answer, "items": []})
    (item,) = answer["items"]
    assert_wire(item_model, item)


@pytest.mark.parametrize("tail", ["object:/v1/Node//kwok-node-0", "object:/v1/Pod/shop/x"])
def test_object_metrics_are_exactly_their_model(app: RunningApp, tail: str) -> None:
    answer = get(app, "/api/v1/snapshots/object-metrics", scope=f"{ALPHA}|{tail}")
    assert_wire(ObjectSnapshot, {**answer, "items": []})
    (item,) = answer["items"]
    assert_wire(ObjectMetricsItem, item)


def test_object_events_are_event_items(app: RunningApp) -> None:
    pods = settled_snapshot(app, "events", scope=f"{ALPHA}|namespace:shop", limit=500)
    about = next(i["involvedObject"] for i in pods["items"] if i["involvedObject"]["name"])
    group, _, version = about["apiVersion"].rpartition("/")
    tail = f"object:{group}/{version}/{about['kind']}/{about['namespace']}/{about['name']}"
    answer = get(app, "/api/v1/snapshots/object-events", scope=f"{ALPHA}|{tail}")
    assert_wire(ObjectSnapshot, {**answer, "items": []})
    assert answer["items"]
    for item in answer["items"]:
        assert_wire(EventItem, item)


def test_refresh_diagnostics_and_can_i_answers_are_exactly_their_models(app: RunningApp) -> None:
    settled_snapshot(app, "pods", limit=1)
    assert_wire(RefreshResult, post(app, "/api/v1/refresh/pods", {"scopes": []}))
    assert_wire(Diagnostics, get(app, "/api/v1/diagnostics"))
    ref = {
        "clusterId": ALPHA,
        "group": "apps",
        "version": "v1",
        "kind": "Deployment",
        "namespace": "shop",
        "name": "web",
        "uid": None,
    }
    assert_wire(ActionPermissions, post(app, "/api/v1/actions/can-i", {"ref": ref}))


def read_stream(
    app: RunningApp,
    path: str,
    scopes: list[str],
    done: Callable[[list[tuple[str, Any]]], bool],
    during: Callable[[], object] = lambda: None,
    **params: str,
) -> list[tuple[str, Any]]:
    """The (event, data) pairs of a stream, read until `done` holds; `during` runs once the
    stream is open."""
    events: list[tuple[str, Any]] = []
    deadline = time.monotonic() + WAIT_S
    query = httpx.QueryParams({"scope": scopes, **params})
    headers = {**app.auth, **({"Last-Event-ID": "999999"} if path == "events" else {})}
    with httpx.stream(
        "GET", f"{app.base}/api/v1/streams/{path}", params=query, headers=headers, timeout=30
    ) as response:
        assert response.status_code == 200
        during()
        event = "message"
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: "):
                events.append((event, json.loads(line.removeprefix("data: "))))
                event = "message"
                if done(events):
                    return events
            assert time.monotonic() < deadline, f"{path}: only {[e for e, _ in events]}"
    raise AssertionError(f"{path} ended early: {[e for e, _ in events]}")


def assert_stream(events: list[tuple[str, Any]]) -> None:
    for event, data in events:
        assert event in STREAM_MODELS, f"undeclared event {event!r}"
        assert_wire(STREAM_MODELS[event], data)


def kinds_of(events: list[tuple[str, Any]]) -> set[str]:
    return {event for event, _ in events}


def test_log_stream_events_are_exactly_their_models(app: RunningApp) -> None:
    scopes = [f"{ALPHA}|object:apps/v1/Deployment/shop/web", f"{GAMMA}|pod:shop/no-such-pod"]
    events = read_stream(
        app,
        "logs",
        scopes,
        lambda ev: sum(e == "log" for e, _ in ev) >= 10 and "status" in kinds_of(ev),
        tailLines="5",
    )
    assert_stream(events)


def test_event_stream_events_are_exactly_their_models(app: RunningApp) -> None:
    """Resuming from an id never issued also yields a `dropped` notice (count null)."""
    events = read_stream(
        app,
        "events",
        [f"{ALPHA}|", f"{VIEWER}|"],
        lambda ev: {"k8s-event", "status", "dropped"} <= kinds_of(ev),
    )
    assert_stream(events)


def test_catalog_stream_events_are_exactly_their_models(
    app: RunningApp, clusters: ClusterEnv
) -> None:
    namespace = f"conformance-{uuid.uuid4().hex[:6]}"
    try:
        events = read_stream(
            app,
            "catalog",
            [f"{ALPHA}|"],
            lambda ev: "change" in kinds_of(ev),
            during=lambda: clusters.kubectl("create", "namespace", namespace, context="alpha"),
        )
    finally:
        clusters.kubectl("delete", "namespace", namespace, "--wait=false", context="alpha")
    assert_stream(events)
