"""The object workbench's backend on the real clusters: typed details, related objects (in the
object's own cluster only) and the explicit reveal of one Secret key, logged without its value."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.applog import LOG_DIR_ENV, LOG_FILE_NAME
from tests.app_process import RunningApp, bridge, running_app
from tests.clusters import ClusterEnv
from tests.integration.actions_support import ALPHA, BETA, admin_json, namespace_in, ref, unique

pytestmark = [pytest.mark.clusters]


@pytest.fixture(scope="module")
def log_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("log")


@pytest.fixture(scope="module")
def app(
    clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory, log_dir: Path
) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("home")
    with running_app(
        "--config-dir",
        str(home / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": "", LOG_DIR_ENV: str(log_dir)},
    ) as running:
        bridge(running, "set_selection", [ALPHA, BETA])
        yield running


def details(app: RunningApp, cluster_id: str, path: str) -> dict[str, Any]:
    response = httpx.get(
        f"{app.base}/api/v1/snapshots/object-details",
        params={"scope": f"{cluster_id}|object:{path}"},
        headers=app.auth,
        timeout=60,
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    assert len(items) == 1
    return dict(items[0])


def settled_details(app: RunningApp, cluster_id: str, path: str) -> dict[str, Any]:
    """Details once every cache they read has listed (the first ask starts them)."""
    item = details(app, cluster_id, path)
    for _ in range(60):
        if not item["relatedNotes"]:
            return item
        httpx.get(f"{app.base}/api/v1/health", timeout=10)  # a round trip, no sleep
        item = details(app, cluster_id, path)
    return item


def test_a_deployment_lists_its_replica_sets_and_the_pods_of_its_own_cluster(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    item = settled_details(app, ALPHA, "apps/v1/Deployment/shop/web")
    assert item["relatedNotes"] == []
    assert item["facts"]["kind"] == "Deployment"
    assert item["facts"]["images"][0]["image"].startswith("registry.example.com/shop/web")
    related = item["related"]
    sets = {r["name"] for r in related if r["relation"] == "replica set"}
    pods = {r["name"] for r in related if r["relation"] == "pod"}
    alpha_pods = {
        p["metadata"]["name"]
        for p in admin_json(clusters, "alpha", "get", "pods", "-n", "shop")["items"]
        if (p["metadata"].get("ownerReferences") or [{}])[0].get("name") in sets
    }
    beta_pods = {
        p["metadata"]["name"]
        for p in admin_json(clusters, "beta", "get", "pods", "-n", "shop")["items"]
    }
    assert sets and pods == alpha_pods and len(pods) == 3
    assert not pods & beta_pods  # pod names differ per cluster: none of beta's is offered


def test_a_service_shows_its_endpoints_and_a_node_its_pods(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    service = settled_details(app, ALPHA, "/v1/Service/shop/web")
    assert service["facts"]["kind"] == "Service"
    assert service["facts"]["ports"][0]["port"] == 80
    slices = [r for r in service["related"] if r["relation"] == "endpoint slice"]
    assert slices, service["related"]
    endpoint_pods = {e["pod"] for e in service["facts"]["endpoints"] if e["pod"]}
    assert endpoint_pods == {r["name"] for r in service["related"] if r["relation"] == "pod"}

    pod = next(
        r
        for r in settled_details(app, ALPHA, "apps/v1/Deployment/shop/web")["related"]
        if r["relation"] == "pod"
    )
    pod_item = settled_details(app, ALPHA, f"/v1/Pod/shop/{pod['name']}")
    assert pod_item["facts"]["kind"] == "Pod"
    assert pod_item["facts"]["containers"][0]["image"]
    node_name = pod_item["facts"]["node"]
    assert {"relation": "node", "kind": "Node", "name": node_name}.items() <= next(
        r for r in pod_item["related"] if r["relation"] == "node"
    ).items()
    node = settled_details(app, ALPHA, f"/v1/Node//{node_name}")
    assert node["facts"]["kind"] == "Node" and node["facts"]["kubeletVersion"]
    assert pod["name"] in {r["name"] for r in node["related"] if r["relation"] == "pod"}


def test_reveal_answers_one_key_and_logs_it_without_the_value(
    clusters: ClusterEnv, app: RunningApp, log_dir: Path
) -> None:
    value = f"hunter2-{unique('v')}"
    with namespace_in(clusters, unique("reveal"), ("alpha",)) as ns:
        manifest = {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "creds", "namespace": ns},
            "data": {"password": base64.b64encode(value.encode()).decode(), "blob": "AP8="},
        }
        clusters.admin_kubectl("alpha", "apply", "-f", "-", input=json.dumps(manifest))
        secret = ref(ALPHA, "Secret", "creds", ns)
        answer = httpx.post(
            f"{app.base}/api/v1/secrets/reveal",
            json={"ref": secret, "key": "password"},
            headers=app.auth,
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert body["text"] == value and body["clusterId"] == ALPHA and body["key"] == "password"
        binary = httpx.post(
            f"{app.base}/api/v1/secrets/reveal",
            json={"ref": secret, "key": "blob"},
            headers=app.auth,
            timeout=60,
        ).json()
        assert binary["text"] is None and binary["bytes"] == 2 and binary["base64"] == "AP8="
        missing = httpx.post(
            f"{app.base}/api/v1/secrets/reveal",
            json={"ref": secret, "key": "nope"},
            headers=app.auth,
            timeout=60,
        )
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "key_not_found"
        not_secret = httpx.post(
            f"{app.base}/api/v1/secrets/reveal",
            json={"ref": ref(ALPHA, "ConfigMap", "settings", "shop"), "key": "x"},
            headers=app.auth,
            timeout=60,
        )
        assert not_secret.status_code == 400 and not_secret.json()["error"]["field"] == "ref.kind"
        details_item = details(app, ALPHA, f"/v1/Secret/{ns}/creds")
        assert value not in json.dumps(details_item)
        sizes = {k["key"]: k["bytes"] for k in details_item["facts"]["keys"]}
        assert sizes == {"password": len(value), "blob": 2}

    log = (log_dir / LOG_FILE_NAME).read_text(encoding="utf-8")
    lines = [line for line in log.splitlines() if "secret value revealed" in line]
    assert any(
        f"cluster {ALPHA} namespace {ns} secret creds key password" in line for line in lines
    ), lines
    assert value not in log and base64.b64encode(value.encode()).decode() not in log


def test_details_of_a_custom_resource_with_a_scale_subresource_carry_its_replicas(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    """The Scale box starts from `summary.replicas`; a CRD may keep them anywhere (here
    `.spec.count`), so they come from the scale subresource."""
    group = f"wb-{unique('g')}.example.com"
    crd = {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"flocks.{group}"},
        "spec": {
            "group": group,
            "scope": "Namespaced",
            "names": {"plural": "flocks", "singular": "flock", "kind": "Flock"},
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "schema": {
                        "openAPIV3Schema": {
                            "type": "object",
                            "x-kubernetes-preserve-unknown-fields": True,
                        }
                    },
                    "subresources": {
                        "scale": {
                            "specReplicasPath": ".spec.count",
                            "statusReplicasPath": ".status.count",
                        }
                    },
                }
            ],
        },
    }
    clusters.admin_kubectl("beta", "apply", "-f", "-", input=json.dumps(crd))
    try:
        clusters.admin_kubectl("beta", "wait", "--for=condition=Established", f"crd/flocks.{group}")
        with namespace_in(clusters, unique("flock"), ("beta",)) as ns:
            flock = {
                "apiVersion": f"{group}/v1",
                "kind": "Flock",
                "metadata": {"name": "one", "namespace": ns},
                "spec": {"count": 4},
            }
            clusters.admin_kubectl("beta", "apply", "-f", "-", input=json.dumps(flock))
            scope = f"{BETA}|object:{group}/v1/Flock/{ns}/one"
            for _ in range(120):  # the app's discovery follows the new CRD on its own
                response = httpx.get(
                    f"{app.base}/api/v1/snapshots/object-details",
                    params={"scope": scope},
                    headers=app.auth,
                    timeout=60,
                )
                if response.status_code == 200:
                    break
            assert response.status_code == 200, response.text
            assert response.json()["items"][0]["summary"]["replicas"] == 4
    finally:
        clusters.admin_kubectl(
            "beta", "delete", "crd", f"flocks.{group}", "--wait=false", check=False
        )


def test_links_named_in_objects_and_a_cronjobs_jobs(clusters: ClusterEnv, app: RunningApp) -> None:
    """PVC ↔ PV and an HPA's target come from the objects themselves; a CronJob's Jobs from the
    catalog's Job rows (their controller owner)."""
    with namespace_in(clusters, unique("links"), ("beta",)) as ns:
        pv_name = unique("pv")
        objects = [
            {
                "apiVersion": "v1",
                "kind": "PersistentVolume",
                "metadata": {"name": pv_name},
                "spec": {
                    "capacity": {"storage": "1Gi"},
                    "accessModes": ["ReadWriteOnce"],
                    "hostPath": {"path": "/tmp/x"},
                    "claimRef": {"namespace": ns, "name": "data"},
                },
            },
            {
                "apiVersion": "v1",
                "kind": "PersistentVolumeClaim",
                "metadata": {"name": "data", "namespace": ns},
                "spec": {
                    "accessModes": ["ReadWriteOnce"],
                    "resources": {"requests": {"storage": "1Gi"}},
                    "volumeName": pv_name,
                    "storageClassName": "",
                },
            },
            {
                "apiVersion": "autoscaling/v2",
                "kind": "HorizontalPodAutoscaler",
                "metadata": {"name": "web", "namespace": ns},
                "spec": {
                    "scaleTargetRef": {
                        "apiVersion": "apps/v1",
                        "kind": "Deployment",
                        "name": "web",
                    },
                    "minReplicas": 1,
                    "maxReplicas": 3,
                },
            },
            {
                "apiVersion": "batch/v1",
                "kind": "CronJob",
                "metadata": {"name": "nightly", "namespace": ns},
                "spec": {
                    "schedule": "0 3 * * *",
                    "suspend": True,
                    "jobTemplate": {
                        "spec": {
                            "template": {
                                "spec": {
                                    "restartPolicy": "Never",
                                    "containers": [{"name": "c", "image": "busybox"}],
                                }
                            }
                        }
                    },
                },
            },
        ]
        try:
            clusters.admin_kubectl(
                "beta",
                "apply",
                "-f",
                "-",
                input=json.dumps({"apiVersion": "v1", "kind": "List", "items": objects}),
            )
            cron = admin_json(clusters, "beta", "get", "cronjob", "nightly", "-n", ns)
            job = {
                "apiVersion": "batch/v1",
                "kind": "Job",
                "metadata": {
                    "name": "nightly-manual",
                    "namespace": ns,
                    "ownerReferences": [
                        {
                            "apiVersion": "batch/v1",
                            "kind": "CronJob",
                            "name": "nightly",
                            "uid": cron["metadata"]["uid"],
                            "controller": True,
                        }
                    ],
                },
                "spec": cron["spec"]["jobTemplate"]["spec"],
            }
            clusters.admin_kubectl("beta", "apply", "-f", "-", input=json.dumps(job))

            def links(path: str, relation: str) -> set[tuple[str, str, str]]:
                item = settled_details(app, BETA, path)
                return {
                    (r["kind"], r["namespace"], r["name"])
                    for r in item["related"]
                    if r["relation"] == relation
                }

            assert links(f"/v1/PersistentVolumeClaim/{ns}/data", "volume") == {
                ("PersistentVolume", "", pv_name)
            }
            assert links(f"/v1/PersistentVolume//{pv_name}", "claim") == {
                ("PersistentVolumeClaim", ns, "data")
            }
            assert links(f"autoscaling/v2/HorizontalPodAutoscaler/{ns}/web", "scale target") == {
                ("Deployment", ns, "web")
            }
            cron_item = settled_details(app, BETA, f"batch/v1/CronJob/{ns}/nightly")
            assert cron_item["facts"]["schedule"] == "0 3 * * *" and cron_item["facts"]["suspend"]
            for _ in range(60):  # the Job reaches the catalog through its watch
                jobs = {r["name"] for r in cron_item["related"] if r["relation"] == "job"}
                if jobs:
                    break
                cron_item = settled_details(app, BETA, f"batch/v1/CronJob/{ns}/nightly")
            assert jobs == {"nightly-manual"}
            job_item = settled_details(app, BETA, f"batch/v1/Job/{ns}/nightly-manual")
            assert {"relation": "owner", "kind": "CronJob", "name": "nightly"}.items() <= (
                job_item["related"][0].items()
            )
        finally:
            clusters.admin_kubectl("beta", "delete", "pv", pv_name, "--wait=false", check=False)
