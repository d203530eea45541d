"""The objects every cluster starts with, and the checks that they have settled.

Guaranteed (other tests rely on it): namespace `shop` with Deployment `web` (3 replicas),
ConfigMap `settings` and Secret `db-credentials`; namespaces `team-a` and `team-b` with more
workloads. The same namespace/name pairs exist on every cluster on purpose.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from tests.clusters.api import JsonObject, KubeApi
from tests.clusters.topology import RESTRICTED_NAMESPACES, RESTRICTED_USER

NAMESPACES = ("shop", "team-a", "team-b")
CRD_GROUP = "ops.example.com"
CRD_PLURAL = "backups"
CRD_KIND = "Backup"
CRD_NAME = f"{CRD_PLURAL}.{CRD_GROUP}"
VIEWER_ROLE = "regatta-viewer"

SEED_KINDS: dict[tuple[str, str], tuple[str, bool]] = {
    (f"{CRD_GROUP}/v1", CRD_KIND): (CRD_PLURAL, True)
}


def _meta(name: str, namespace: str | None = None, **labels: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if namespace:
        meta["namespace"] = namespace
    if labels:
        meta["labels"] = dict(labels)
    return meta


def _container(name: str, image: str, port: int | None = None) -> dict[str, Any]:
    c: dict[str, Any] = {
        "name": name,
        "image": image,
        "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}},
    }
    if port:
        c["ports"] = [{"containerPort": port, "name": "http"}]
    return c


def _pod_template(app: str, containers: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "metadata": {"labels": {"app": app}},
        "spec": {"containers": containers, "terminationGracePeriodSeconds": 0, **extra},
    }


def _deployment(ns: str, name: str, replicas: int, containers: list[dict[str, Any]]) -> JsonObject:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": _meta(name, ns, app=name),
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": name}},
            "template": _pod_template(name, containers),
        },
    }


def _service(ns: str, name: str, port: int, target: int, headless: bool = False) -> JsonObject:
    spec: dict[str, Any] = {
        "selector": {"app": name},
        "ports": [{"name": "http", "port": port, "targetPort": target}],
    }
    if headless:
        spec["clusterIP"] = "None"
    return {"apiVersion": "v1", "kind": "Service", "metadata": _meta(name, ns), "spec": spec}


def nodes(cluster: str, count: int) -> list[JsonObject]:
    return [
        {
            "apiVersion": "v1",
            "kind": "Node",
            "metadata": {
                "name": f"kwok-node-{i}",
                "labels": {
                    "kubernetes.io/hostname": f"kwok-node-{i}",
                    "kubernetes.io/os": "linux",
                    "kubernetes.io/arch": "amd64",
                    "node-role.kubernetes.io/worker": "",
                    "topology.kubernetes.io/zone": f"{cluster}-zone-{'abc'[i % 3]}",
                    "type": "kwok",
                },
                "annotations": {
                    "kwok.x-k8s.io/node": "fake",
                    # metrics-server reads this node's kubelet metrics from kwok at this path.
                    "metrics.k8s.io/resource-metrics-path": (
                        f"/metrics/nodes/kwok-node-{i}/metrics/resource"
                    ),
                },
            },
            "spec": {},
        }
        for i in range(count)
    ]


METRICS_SERVICE = "metrics-server"
METRICS_NAMESPACE = "kube-system"
METRICS_APISERVICE = "v1beta1.metrics.k8s.io"


def metrics_api(port: int, ca_pem: bytes) -> list[JsonObject]:
    """The aggregated metrics.k8s.io API served by this cluster's metrics-server on 127.0.0.1.

    An ExternalName Service (as kwokctl does) lets the aggregator dial localhost:<port> with no
    endpoints; the caBundle is the run's CA, which signed the metrics-server's serving certificate
    for metrics-server.kube-system.svc.
    """
    return [
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": _meta(METRICS_SERVICE, METRICS_NAMESPACE),
            "spec": {
                "type": "ExternalName",
                "externalName": "localhost",
                "ports": [{"name": "https", "port": port, "protocol": "TCP"}],
            },
        },
        {
            "apiVersion": "apiregistration.k8s.io/v1",
            "kind": "APIService",
            "metadata": {"name": METRICS_APISERVICE},
            "spec": {
                "group": "metrics.k8s.io",
                "version": "v1beta1",
                "groupPriorityMinimum": 100,
                "versionPriority": 100,
                "caBundle": base64.b64encode(ca_pem).decode(),
                "service": {"namespace": METRICS_NAMESPACE, "name": METRICS_SERVICE, "port": port},
            },
        },
    ]


def metrics_api_available(api: KubeApi) -> bool:
    path = f"/apis/apiregistration.k8s.io/v1/apiservices/{METRICS_APISERVICE}"
    return _condition_true(api.get(path), "Available")


def foundation(cluster: str) -> list[JsonObject]:
    """What must exist before the workloads: namespaces, their ServiceAccounts, the CRD, RBAC."""
    objs: list[JsonObject] = []
    for ns in NAMESPACES:
        objs.append(
            {
                "apiVersion": "v1",
                "kind": "Namespace",
                "metadata": _meta(ns, team=ns, env="dev" if cluster != "gamma" else "prod"),
            }
        )
        objs.append(
            {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": _meta("default", ns)}
        )
    objs.append(
        {
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": {"name": CRD_NAME},
            "spec": {
                "group": CRD_GROUP,
                "scope": "Namespaced",
                "names": {
                    "plural": CRD_PLURAL,
                    "singular": "backup",
                    "kind": CRD_KIND,
                    "listKind": f"{CRD_KIND}List",
                },
                "versions": [
                    {
                        "name": "v1",
                        "served": True,
                        "storage": True,
                        "schema": {
                            "openAPIV3Schema": {
                                "type": "object",
                                "properties": {
                                    "spec": {
                                        "type": "object",
                                        "properties": {
                                            "schedule": {"type": "string"},
                                            "retentionDays": {"type": "integer"},
                                            "target": {"type": "string"},
                                        },
                                    }
                                },
                            }
                        },
                        "additionalPrinterColumns": [
                            {"name": "Schedule", "type": "string", "jsonPath": ".spec.schedule"},
                            {
                                "name": "Retention",
                                "type": "integer",
                                "jsonPath": ".spec.retentionDays",
                            },
                        ],
                    }
                ],
            },
        }
    )
    if cluster == "beta":
        objs += viewer_rbac()
    return objs


def viewer_rbac() -> list[JsonObject]:
    """The restricted user reads a few kinds in two namespaces; no secrets, nodes or namespaces."""
    rules = [
        {
            "apiGroups": [""],
            "resources": ["pods", "pods/log", "configmaps", "events"],
            "verbs": ["get", "list", "watch"],
        },
        {
            "apiGroups": ["events.k8s.io"],
            "resources": ["events"],
            "verbs": ["get", "list", "watch"],
        },
        {
            "apiGroups": ["apps"],
            "resources": ["deployments", "replicasets"],
            "verbs": ["get", "list", "watch"],
        },
    ]
    objs: list[JsonObject] = []
    for ns in RESTRICTED_NAMESPACES:
        objs.append(
            {
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "Role",
                "metadata": _meta(VIEWER_ROLE, ns),
                "rules": rules,
            }
        )
        objs.append(
            {
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "RoleBinding",
                "metadata": _meta(VIEWER_ROLE, ns),
                "roleRef": {
                    "apiGroup": "rbac.authorization.k8s.io",
                    "kind": "Role",
                    "name": VIEWER_ROLE,
                },
                "subjects": [
                    {
                        "apiGroup": "rbac.authorization.k8s.io",
                        "kind": "User",
                        "name": RESTRICTED_USER,
                    }
                ],
            }
        )
    return objs


def workloads(cluster: str) -> list[JsonObject]:
    web = _deployment(
        "shop",
        "web",
        3,
        [
            _container("web", "registry.example.com/shop/web:1.4.2", 8080),
            _container("log-agent", "registry.example.com/tools/log-agent:0.9.1"),
        ],
    )
    web["spec"]["template"]["spec"]["containers"][0]["envFrom"] = [
        {"configMapRef": {"name": "settings"}}
    ]
    return [
        # shop
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": _meta("settings", "shop"),
            "data": {"LOG_LEVEL": "info", "FEATURE_FLAGS": "checkout-v2", "CLUSTER": cluster},
        },
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": _meta("db-credentials", "shop"),
            "type": "Opaque",
            "stringData": {"username": "shop", "password": "not-a-real-password"},
        },
        web,
        _service("shop", "web", 80, 8080),
        {
            "apiVersion": "networking.k8s.io/v1",
            "kind": "Ingress",
            "metadata": _meta("web", "shop"),
            "spec": {
                "ingressClassName": "nginx",
                "rules": [
                    {
                        "host": f"shop.{cluster}.example.test",
                        "http": {
                            "paths": [
                                {
                                    "path": "/",
                                    "pathType": "Prefix",
                                    "backend": {"service": {"name": "web", "port": {"number": 80}}},
                                }
                            ]
                        },
                    }
                ],
            },
        },
        # team-a
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": _meta("api-config", "team-a"),
            "data": {"TIMEOUT": "5s", "UPSTREAM": "http://cache.team-a:6379"},
        },
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": _meta("api-token", "team-a"),
            "type": "Opaque",
            "stringData": {"token": "fake-token-for-tests"},
        },
        _deployment(
            "team-a", "api", 2, [_container("api", "registry.example.com/team-a/api:2.0.0", 9000)]
        ),
        _service("team-a", "api", 80, 9000),
        _service("team-a", "cache", 6379, 6379, headless=True),
        {
            "apiVersion": "apps/v1",
            "kind": "StatefulSet",
            "metadata": _meta("cache", "team-a", app="cache"),
            "spec": {
                "serviceName": "cache",
                "replicas": 2,
                "selector": {"matchLabels": {"app": "cache"}},
                "template": _pod_template(
                    "cache", [_container("redis", "registry.example.com/redis:7.4", 6379)]
                ),
            },
        },
        {
            "apiVersion": "batch/v1",
            "kind": "Job",
            "metadata": _meta("migrate", "team-a"),
            "spec": {
                "backoffLimit": 0,
                "template": {
                    "metadata": {"labels": {"app": "migrate"}},
                    "spec": {
                        "restartPolicy": "Never",
                        "terminationGracePeriodSeconds": 0,
                        "containers": [
                            _container("migrate", "registry.example.com/team-a/migrate:2.0.0")
                        ],
                    },
                },
            },
        },
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": _meta("report", "team-a"),
            "spec": {
                "schedule": "*/10 * * * *",
                "successfulJobsHistoryLimit": 1,
                "failedJobsHistoryLimit": 1,
                "jobTemplate": {
                    "spec": {
                        "template": {
                            "spec": {
                                "restartPolicy": "Never",
                                "terminationGracePeriodSeconds": 0,
                                "containers": [
                                    _container("report", "registry.example.com/team-a/report:1.1")
                                ],
                            }
                        }
                    }
                },
            },
        },
        {
            "apiVersion": "v1",
            "kind": "PersistentVolume",
            "metadata": {"name": "team-a-data"},
            "spec": {
                "capacity": {"storage": "1Gi"},
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "manual",
                "hostPath": {"path": "/nonexistent/regatta-test-pv"},
                "persistentVolumeReclaimPolicy": "Retain",
            },
        },
        {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": _meta("data", "team-a"),
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "manual",
                "volumeName": "team-a-data",
                "resources": {"requests": {"storage": "1Gi"}},
            },
        },
        _backup("team-a", "nightly", "0 2 * * *", 7),
        _backup("team-a", "weekly", "0 3 * * 0", 30),
        # team-b
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": _meta("worker-config", "team-b"),
            "data": {"QUEUE": "default", "CONCURRENCY": "4"},
        },
        _deployment(
            "team-b",
            "worker",
            1,
            [_container("worker", "registry.example.com/team-b/worker:3.2.1")],
        ),
        {
            "apiVersion": "apps/v1",
            "kind": "DaemonSet",
            "metadata": _meta("log-shipper", "team-b", app="log-shipper"),
            "spec": {
                "selector": {"matchLabels": {"app": "log-shipper"}},
                "template": _pod_template(
                    "log-shipper",
                    [_container("shipper", "registry.example.com/tools/shipper:1.0")],
                    tolerations=[{"operator": "Exists"}],
                ),
            },
        },
        {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "metadata": _meta("scratch", "team-b"),
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "storageClassName": "fast-ssd",
                "resources": {"requests": {"storage": "5Gi"}},
            },
        },
        _backup("team-b", "archive", "30 4 1 * *", 365),
    ]


def _backup(ns: str, name: str, schedule: str, retention: int) -> JsonObject:
    return {
        "apiVersion": f"{CRD_GROUP}/v1",
        "kind": CRD_KIND,
        "metadata": _meta(name, ns),
        "spec": {
            "schedule": schedule,
            "retentionDays": retention,
            "target": f"s3://backups/{ns}/{name}",
        },
    }


# (namespace, kind, apiVersion, name, type, reason, message) of the events written by the seed.
SEED_EVENTS = (
    ("shop", "Deployment", "apps/v1", "web", "Normal", "Deployed", "Rolled out version 1.4.2"),
    (
        "shop",
        "Deployment",
        "apps/v1",
        "web",
        "Warning",
        "Unhealthy",
        "Readiness probe failed: HTTP probe failed with statuscode: 503",
    ),
    (
        "team-a",
        "Deployment",
        "apps/v1",
        "api",
        "Warning",
        "BackOff",
        "Back-off restarting failed container api",
    ),
    ("team-a", "StatefulSet", "apps/v1", "cache", "Normal", "SnapshotSaved", "RDB snapshot saved"),
    (
        "team-b",
        "PersistentVolumeClaim",
        "v1",
        "scratch",
        "Warning",
        "ProvisioningFailed",
        'storageclass.storage.k8s.io "fast-ssd" not found',
    ),
)


def events(
    cluster: str, cluster_index: int, uids: dict[tuple[str, str, str], str], now: dt.datetime
) -> list[JsonObject]:
    """Events about seeded objects, timestamped so that clusters interleave (one second apart)."""
    out: list[JsonObject] = []
    for i, (ns, kind, api_version, name, etype, reason, msg) in enumerate(SEED_EVENTS):
        when = now - dt.timedelta(seconds=60 - i * 10 - cluster_index)
        stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(
            {
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {"name": f"{name}.seed-{i}", "namespace": ns},
                "involvedObject": {
                    "apiVersion": api_version,
                    "kind": kind,
                    "name": name,
                    "namespace": ns,
                    "uid": uids.get((ns, kind, name), ""),
                },
                "type": etype,
                "reason": reason,
                "message": f"{msg} (cluster {cluster})",
                "source": {"component": "regatta-seed"},
                "firstTimestamp": stamp,
                "lastTimestamp": stamp,
                "count": 1,
            }
        )
    return out


def create_all(api: KubeApi, objs: list[JsonObject]) -> dict[tuple[str, str, str], str]:
    """Create `objs` in order; returns (namespace, kind, name) -> uid of what was created."""
    from tests.clusters.api import ApiError

    uids: dict[tuple[str, str, str], str] = {}
    for obj in objs:
        try:
            made = api.create(obj)
        except ApiError as err:
            # KCM may create a namespace's `default` ServiceAccount first.
            if err.status == 409 and obj["kind"] == "ServiceAccount":
                continue
            raise
        meta = made.get("metadata", {})
        uids[(meta.get("namespace", ""), obj["kind"], meta.get("name", ""))] = meta.get("uid", "")
    return uids


def _status(obj: JsonObject) -> JsonObject:
    """An object's status; absent and explicit null (seen right after creation) are both {}."""
    return dict(obj.get("status") or {})


def _condition_true(obj: JsonObject, kind: str) -> bool:
    conditions = _status(obj).get("conditions") or []
    return any(c.get("type") == kind and c.get("status") == "True" for c in conditions)


def unsettled(api: KubeApi) -> list[str]:
    """What of the seed has not settled yet (empty when everything is Ready/Bound/Complete)."""
    pending: list[str] = []
    for ns, name in (("shop", "web"), ("team-a", "api"), ("team-b", "worker")):
        d = api.get(f"/apis/apps/v1/namespaces/{ns}/deployments/{name}")
        if _status(d).get("availableReplicas", 0) != d["spec"]["replicas"]:
            pending.append(f"deployment {ns}/{name}")
    sts = api.get("/apis/apps/v1/namespaces/team-a/statefulsets/cache")
    if _status(sts).get("readyReplicas", 0) != sts["spec"]["replicas"]:
        pending.append("statefulset team-a/cache")
    ds = _status(api.get("/apis/apps/v1/namespaces/team-b/daemonsets/log-shipper"))
    if (
        not ds.get("desiredNumberScheduled")
        or ds.get("numberReady") != ds["desiredNumberScheduled"]
    ):
        pending.append("daemonset team-b/log-shipper")
    if not _status(api.get("/apis/batch/v1/namespaces/team-a/jobs/migrate")).get("succeeded"):
        pending.append("job team-a/migrate")
    pvc = api.get("/api/v1/namespaces/team-a/persistentvolumeclaims/data")
    if _status(pvc).get("phase") != "Bound":
        pending.append("pvc team-a/data")
    return pending


def nodes_not_ready(api: KubeApi) -> list[str]:
    items = api.get("/api/v1/nodes").get("items") or []
    if not items:
        return ["no nodes"]
    return [n["metadata"]["name"] for n in items if not _condition_true(n, "Ready")]


def crd_established(api: KubeApi) -> bool:
    return _condition_true(
        api.get(f"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{CRD_NAME}"),
        "Established",
    )
