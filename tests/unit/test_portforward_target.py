"""Choosing the pod and port of a forward, as `kubectl port-forward` does, on plain data."""

from __future__ import annotations

from typing import Any

import pytest

from backend.errors import RegattaError
from backend.kube.selectors import label_selector
from backend.sessions.portforward import parse_request
from backend.sessions.portforward_target import (
    container_port,
    is_ready,
    pick_ready,
    service_port,
)


def pod(
    name: str,
    ready: bool = True,
    phase: str = "Running",
    created: str = "2026-01-01T00:00:00Z",
    deleting: bool = False,
) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "creationTimestamp": created}
    if deleting:
        meta["deletionTimestamp"] = "2026-01-02T00:00:00Z"
    return {
        "metadata": meta,
        "spec": {
            "containers": [{"name": "web", "ports": [{"name": "http", "containerPort": 8080}]}]
        },
        "status": {
            "phase": phase,
            "conditions": [{"type": "Ready", "status": "True" if ready else "False"}],
        },
    }


def test_only_running_ready_pods_not_being_deleted_count() -> None:
    assert is_ready(pod("a"))
    assert not is_ready(pod("b", ready=False))
    assert not is_ready(pod("c", phase="Pending"))
    assert not is_ready(pod("d", deleting=True))


def test_the_oldest_ready_pod_is_chosen_and_the_one_that_went_away_last() -> None:
    pods = [
        pod("young", created="2026-01-03T00:00:00Z"),
        pod("old", created="2026-01-01T00:00:00Z"),
        pod("unready", ready=False, created="2025-01-01T00:00:00Z"),
    ]
    assert pick_ready(pods)["metadata"]["name"] == "old"  # type: ignore[index]
    assert pick_ready(pods, avoid="old")["metadata"]["name"] == "young"  # type: ignore[index]
    assert pick_ready([pod("only")], avoid="only")["metadata"]["name"] == "only"  # type: ignore[index]
    assert pick_ready([pod("x", ready=False)]) is None


def test_a_label_selector_is_written_as_kubectl_writes_it() -> None:
    selector = {
        "matchLabels": {"tier": "web", "app": "shop"},
        "matchExpressions": [
            {"key": "env", "operator": "In", "values": ["prod", "dev"]},
            {"key": "canary", "operator": "DoesNotExist"},
            {"key": "zone", "operator": "Exists"},
            {"key": "team", "operator": "NotIn", "values": ["b"]},
        ],
    }
    assert label_selector(selector) == (
        "app=shop,tier=web,env in (dev,prod),!canary,zone,team notin (b)"
    )
    assert label_selector({}) == ""


def test_a_service_port_maps_to_its_target_port_number_or_name() -> None:
    service = {
        "spec": {
            "ports": [
                {"port": 80, "targetPort": 8080},
                {"port": 443, "targetPort": "https"},
                {"port": 9000},
            ]
        }
    }
    assert service_port(service, 80) == 8080
    assert service_port(service, 443) == "https"
    assert service_port(service, 9000) == 9000
    assert service_port(service, 81) is None


def test_a_named_port_is_found_in_the_pods_containers() -> None:
    assert container_port(pod("a"), "http") == 8080
    assert container_port(pod("a"), "grpc") is None


REF = {
    "clusterId": "dev.yaml:alpha",
    "group": "",
    "version": "v1",
    "kind": "Pod",
    "namespace": "shop",
    "name": "web",
}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ref": REF}, "remotePort"),
        ({"ref": REF, "remotePort": 0}, "remotePort"),
        ({"ref": REF, "remotePort": 70000}, "remotePort"),
        ({"ref": REF, "remotePort": 80, "localPort": -1}, "localPort"),
        ({"ref": REF, "remotePort": 80, "extra": 1}, "extra"),
        ({"ref": {**REF, "kind": "ConfigMap"}, "remotePort": 80}, "ref.kind"),
        ({"ref": {**REF, "group": "apps"}, "remotePort": 80}, "ref.kind"),
        ({"ref": {**REF, "namespace": ""}, "remotePort": 80}, "ref.namespace"),
        ({"ref": {**REF, "name": "a/b"}, "remotePort": 80}, "ref.name"),
    ],
)
def test_a_malformed_request_is_a_400_naming_its_field(body: dict[str, Any], field: str) -> None:
    with pytest.raises(RegattaError) as refused:
        parse_request(body)
    assert (refused.value.status, refused.value.code) == (400, "bad_request")
    assert refused.value.context["field"] == field


def test_a_well_formed_request_parses() -> None:
    request = parse_request({"ref": REF, "remotePort": 8080, "localPort": None})
    assert (request.remote_port, request.local_port, request.ref.kind) == (8080, None, "Pod")
    with pytest.raises(RegattaError):
        parse_request(["not", "an", "object"])
