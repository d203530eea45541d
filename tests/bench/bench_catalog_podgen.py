"""Realistic pod JSON for the catalog benchmarks: a Deployment's pod as the API server returns it
(tolerations, conditions, container statuses; no managedFields), about 2.3 KB per pod."""

from __future__ import annotations

import json
import random
import uuid
from typing import Any

NAMESPACES = ["shop", "team-a", "team-b", "payments", "search", "ingest", "monitoring", "default"]
NODES = [f"node-{i:02d}" for i in range(12)]


def pod(i: int, rng: random.Random) -> dict[str, Any]:
    # Pods come in ReplicaSets of about 25: siblings share namespace, owner, labels, and were
    # created within the same few seconds; each lands on one of 12 nodes.
    group = i // 25
    namespace = NAMESPACES[group % len(NAMESPACES)]
    app = f"app-{group}"
    template = f"{(group * 2654435761) % (1 << 40):010x}"[:10]
    owner = f"{app}-{template}"
    name = f"{owner}-{uuid.UUID(int=rng.getrandbits(128)).hex[:5]}"
    node = NODES[rng.randrange(len(NODES))]
    second = (group * 37 + rng.randrange(3)) % 86400
    created = f"2026-11-26T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
    ready = rng.random() > 0.05
    return {
        "metadata": {
            "name": name,
            "generateName": f"{owner}-",
            "namespace": namespace,
            "uid": str(uuid.UUID(int=rng.getrandbits(128))),
            "resourceVersion": str(100000 + i),
            "creationTimestamp": created,
            "labels": {"app": app, "pod-template-hash": template},
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": owner,
                    "uid": str(uuid.UUID(int=group)),
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
        "spec": {
            "containers": [
                {
                    "name": "main",
                    "image": f"registry.example.com/{app}:1.4.2",
                    "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                    "resources": {
                        "limits": {"memory": "256Mi"},
                        "requests": {"cpu": "100m", "memory": "128Mi"},
                    },
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                    "imagePullPolicy": "IfNotPresent",
                }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "serviceAccountName": "default",
            "serviceAccount": "default",
            "nodeName": node,
            "securityContext": {},
            "schedulerName": "default-scheduler",
            "tolerations": [
                {
                    "key": "node.kubernetes.io/not-ready",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300,
                },
                {
                    "key": "node.kubernetes.io/unreachable",
                    "operator": "Exists",
                    "effect": "NoExecute",
                    "tolerationSeconds": 300,
                },
            ],
            "priority": 0,
            "enableServiceLinks": True,
            "preemptionPolicy": "PreemptLowerPriority",
        },
        "status": {
            "phase": "Running",
            "conditions": [
                {
                    "type": t,
                    "status": "True" if ready or t == "PodScheduled" else "False",
                    "lastProbeTime": None,
                    "lastTransitionTime": created,
                }
                for t in ("Initialized", "Ready", "ContainersReady", "PodScheduled")
            ],
            "hostIP": "10.0.0.12",
            "podIP": f"10.244.{i % 250}.{i % 200}",
            "startTime": created,
            "containerStatuses": [
                {
                    "name": "main",
                    "state": {"running": {"startedAt": created}},
                    "lastState": {},
                    "ready": ready,
                    "restartCount": rng.choice((0, 0, 0, 1, 3)),
                    "image": f"registry.example.com/{app}:1.4.2",
                    "imageID": f"registry.example.com/{app}@sha256:{'ab' * 32}",
                    "containerID": f"containerd://{'cd' * 32}",
                    "started": True,
                }
            ],
            "qosClass": "Burstable",
        },
    }


def pod_list(count: int, seed: int = 1) -> bytes:
    """One PodList body with `count` pods."""
    return pod_pages(count, count, seed)[0]


def pod_pages(count: int, page_size: int = 500, seed: int = 1) -> list[bytes]:
    """`count` pods as LIST pages of `page_size`, as a paged LIST returns them."""
    rng = random.Random(seed)
    items = [pod(i, rng) for i in range(count)]
    pages = []
    for start in range(0, count, page_size):
        more = start + page_size < count
        meta = {"resourceVersion": "999999", **({"continue": f"token-{start}"} if more else {})}
        body = {
            "kind": "PodList",
            "apiVersion": "v1",
            "metadata": meta,
            "items": items[start : start + page_size],
        }
        pages.append(json.dumps(body, separators=(",", ":")).encode())
    return pages
