"""The `object-details` summary: what the panel's actions read (containers for logs and the
terminal, ports to forward, replicas to scale, a node's cordon), typed whatever the object holds."""

from __future__ import annotations

from backend.contract.details import DeclaredPort, ObjectSummary
from backend.refresh.snapshots.objects import summarize


def test_a_pods_containers_and_declared_ports() -> None:
    pod = {
        "kind": "Pod",
        "spec": {
            "containers": [
                {"name": "web", "ports": [{"name": "http", "containerPort": 8080}]},
                {"name": "side", "ports": [{"containerPort": 53, "protocol": "UDP"}, "odd"]},
            ],
            "initContainers": [{"name": "migrate"}],
            "ephemeralContainers": [{"name": "debugger"}],
        },
    }
    summary = summarize(pod)
    assert summary.containers == ["web", "side"]
    assert summary.init_containers == ["migrate"]
    assert summary.ephemeral_containers == ["debugger"]
    assert summary.ports == [
        DeclaredPort(port=8080, protocol="TCP", name="http", container="web"),
        DeclaredPort(port=53, protocol="UDP", container="side"),
    ]
    assert summary.replicas is None


def test_a_workloads_replicas_and_template_ports() -> None:
    deployment = {
        "kind": "Deployment",
        "spec": {
            "replicas": 3,
            "template": {
                "spec": {"containers": [{"name": "web", "ports": [{"containerPort": 80}]}]}
            },
        },
    }
    summary = summarize(deployment)
    assert summary.replicas == 3
    assert summary.ports == [DeclaredPort(port=80, protocol="TCP", container="web")]
    assert summary.spec_keys == ["replicas", "template"]


def test_a_services_ports_name_their_target_and_a_nodes_cordon() -> None:
    service = {
        "kind": "Service",
        "spec": {"ports": [{"name": "http", "port": 80, "targetPort": 8080}, {"port": 9000}]},
    }
    assert summarize(service).ports == [
        DeclaredPort(port=80, protocol="TCP", name="http", target_port="8080"),
        DeclaredPort(port=9000, protocol="TCP", target_port="9000"),
    ]
    assert summarize({"kind": "Node", "spec": {"unschedulable": True}}).unschedulable is True
    assert summarize({"kind": "Node"}).unschedulable is False


def test_another_kind_has_its_spec_keys_only() -> None:
    assert summarize({"kind": "Widget", "spec": {"size": 1, "colour": "red"}}) == ObjectSummary(
        spec_keys=["colour", "size"]
    )
    assert summarize({"kind": "Widget", "spec": "not a mapping"}) == ObjectSummary()
