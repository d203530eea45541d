"""`labelSelector` narrows a list snapshot on every selected cluster alike (server-side).

Deployments (and so their pods) of a namespace of the test's own, labelled differently on alpha
and beta, are listed through a headless app with both clusters selected.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv
from tests.integration.actions_support import admin, namespace_in, unique

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
WAIT_S = 60.0


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    config = tmp_path_factory.mktemp("config")
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        assert bridge(running, "set_selection", [ALPHA, BETA]) == {
            "selectedClusterIds": [ALPHA, BETA]
        }
        yield running


def deployment(ns: str, name: str, labels: dict[str, str]) -> str:
    return json.dumps(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "namespace": ns, "labels": labels},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"run": name}},
                "template": {
                    "metadata": {"labels": {"run": name, **labels}},
                    "spec": {"containers": [{"name": "app", "image": "example/app:1"}]},
                },
            },
        }
    )


def listed(app: RunningApp, domain: str, ns: str, selector: str) -> httpx.Response:
    return httpx.get(
        f"{app.base}/api/v1/snapshots/{domain}",
        params={"namespace": ns, "labelSelector": selector, "limit": 1000},
        headers=app.auth,
        timeout=30,
    )


def names(answer: dict[str, Any]) -> set[tuple[str, str]]:
    return {(row["clusterId"], row["name"]) for row in answer["items"]}


def wait_rows(app: RunningApp, domain: str, ns: str, count: int) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        answer = listed(app, domain, ns, "").json()
        if len(answer["items"]) >= count:
            return
        time.sleep(0.2)
    raise AssertionError(f"{domain} in {ns} never had {count} rows")


def test_a_selector_filters_rows_of_both_clusters(app: RunningApp, clusters: ClusterEnv) -> None:
    with namespace_in(clusters, unique("labels"), ("alpha", "beta")) as ns:
        admin(
            clusters,
            "alpha",
            "apply",
            "-f",
            "-",
            input=deployment(ns, "web", {"app": "web", "tier": "front"}),
        )
        admin(
            clusters,
            "beta",
            "apply",
            "-f",
            "-",
            input=deployment(ns, "web", {"app": "web", "tier": "db"}),
        )
        admin(clusters, "beta", "apply", "-f", "-", input=deployment(ns, "api", {"app": "api"}))
        wait_rows(app, "pods", ns, 3)

        web = listed(app, "workloads", ns, "app=web").json()
        assert {
            (r["clusterId"], r["name"], r["kind"])
            for r in web["items"]
            if r["kind"] == "Deployment"
        } == {
            (ALPHA, "web", "Deployment"),
            (BETA, "web", "Deployment"),
        }
        assert names(listed(app, "workloads", ns, "app=web,tier!=db").json()) >= {(ALPHA, "web")}
        assert (BETA, "web") not in names(listed(app, "workloads", ns, "app=web,tier!=db").json())
        assert names(listed(app, "workloads", ns, "app in (api),!tier").json()) >= {(BETA, "api")}
        assert {
            r["clusterId"] for r in listed(app, "workloads", ns, "app in (api)").json()["items"]
        } == {BETA}

        pods = listed(app, "pods", ns, "tier notin (db)").json()
        owners = {(r["clusterId"], r["name"].split("-")[0]) for r in pods["items"]}
        assert owners == {(ALPHA, "web"), (BETA, "api")}
        assert pods["total"] == len(pods["items"])

        bad = listed(app, "pods", ns, "app in web")
        assert bad.status_code == 400
        error = bad.json()["error"]
        assert (error["code"], error["param"]) == ("bad_query", "labelSelector")
        assert "app in web" in error["message"]
