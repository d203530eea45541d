"""Typed per-kind facts of the Details tab, from objects as the API server sends them."""

from __future__ import annotations

import base64

from backend.contract.details import DataFacts, PodFacts, ServiceFacts, WorkloadFacts
from backend.refresh.snapshots.facts import kind_facts


def test_a_pod_tells_each_container_state_ports_resources_and_probes() -> None:
    pod = {
        "kind": "Pod",
        "spec": {
            "nodeName": "n1",
            "containers": [
                {
                    "name": "web",
                    "image": "web:1",
                    "ports": [{"containerPort": 8080, "name": "http"}],
                    "resources": {"requests": {"cpu": "100m"}, "limits": {"memory": "64Mi"}},
                    "livenessProbe": {"httpGet": {"port": 8080, "path": "/healthz"}},
                    "readinessProbe": {"tcpSocket": {"port": "http"}},
                },
                {"name": "side", "image": "side:2"},
            ],
            "volumes": [{"name": "data", "persistentVolumeClaim": {"claimName": "db"}}],
        },
        "status": {
            "qosClass": "Burstable",
            "podIPs": [{"ip": "10.0.0.1"}, {"ip": "fd00::1"}],
            "containerStatuses": [
                {
                    "name": "web",
                    "ready": False,
                    "restartCount": 3,
                    "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                },
                {
                    "name": "side",
                    "ready": False,
                    "state": {"terminated": {"reason": "Completed", "exitCode": 0}},
                },
            ],
        },
    }
    facts = kind_facts(pod)
    assert isinstance(facts, PodFacts)
    web, side = facts.containers
    assert (web.state, web.restarts, web.ready) == ("waiting: CrashLoopBackOff", 3, False)
    assert web.ports == ["8080/TCP (http)"]
    assert (web.requests, web.limits) == ({"cpu": "100m"}, {"memory": "64Mi"})
    assert web.probes == ["liveness: GET :8080/healthz", "readiness: TCP :http"]
    assert side.state == "terminated: Completed (0)"
    assert facts.pod_ips == ["10.0.0.1", "fd00::1"]
    assert [(v.name, v.type, v.source) for v in facts.volumes] == [
        ("data", "persistentVolumeClaim", "db")
    ]


def test_a_daemonset_counts_scheduled_pods_and_a_deployment_its_strategy() -> None:
    daemonset = kind_facts(
        {
            "kind": "DaemonSet",
            "spec": {"updateStrategy": {"type": "OnDelete"}, "template": {"spec": {}}},
            "status": {"desiredNumberScheduled": 4, "numberReady": 3},
        }
    )
    assert isinstance(daemonset, WorkloadFacts)
    assert (daemonset.replicas, daemonset.ready, daemonset.strategy) == (4, 3, "OnDelete")
    deployment = kind_facts(
        {
            "kind": "Deployment",
            "spec": {
                "replicas": 2,
                "paused": True,
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%"}},
                "selector": {"matchLabels": {"app": "web"}},
            },
        }
    )
    assert isinstance(deployment, WorkloadFacts)
    assert deployment.strategy == "RollingUpdate (maxSurge 25%)"
    assert deployment.paused and deployment.selector == {"app": "web"}


def test_a_service_names_the_pods_behind_its_endpoints() -> None:
    service = {"kind": "Service", "spec": {"ports": [{"port": 80, "targetPort": "http"}]}}
    slices = [
        {
            "endpoints": [
                {
                    "addresses": ["10.0.0.1"],
                    "conditions": {"ready": False},
                    "targetRef": {"kind": "Pod", "name": "web-1"},
                    "nodeName": "n1",
                }
            ]
        }
    ]
    facts = kind_facts(service, slices)
    assert isinstance(facts, ServiceFacts)
    assert facts.ports[0].target_port == "http"
    assert [(e.address, e.ready, e.pod) for e in facts.endpoints] == [("10.0.0.1", False, "web-1")]


def test_secret_keys_carry_decoded_sizes_never_values() -> None:
    secret = {
        "kind": "Secret",
        "type": "Opaque",
        "data": {"password": base64.b64encode(b"hunter22").decode()},
    }
    facts = kind_facts(secret)
    assert isinstance(facts, DataFacts)
    assert [(k.key, k.bytes) for k in facts.keys] == [("password", 8)]
    assert "hunter22" not in facts.model_dump_json()


def test_kinds_without_a_layout_have_no_facts() -> None:
    assert kind_facts({"kind": "Widget", "spec": {"a": 1}}) is None
