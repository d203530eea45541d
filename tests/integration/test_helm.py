"""Helm releases (contract §13) through the real app, checked against what the real helm says.

The harness installs `storefront` in `shop` of alpha (install + upgrade) and gamma (install), and
a release with a garbage payload in beta (tests/clusters/helm_releases.py). Every expectation is
read from the built helm (`helm list`, `helm history`, `helm get …`) or kubectl on the same
cluster, never from the code under test. Tests that change a release put it back afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from backend.contract.helm import HelmReleaseDetail, HelmReleaseItem
from backend.contract.snapshots import Snapshot
from tests.app_process import RunningApp, running_app
from tests.clusters import ClusterEnv
from tests.clusters import helm_releases as releases
from tests.integration.actions_support import ALPHA, BETA, GAMMA, exists
from tests.wire_check import assert_wire

pytestmark = [pytest.mark.clusters]

ALL = [ALPHA, BETA, GAMMA]
CLUSTER_OF = {ALPHA: "alpha", BETA: "beta", GAMMA: "gamma"}


def helm(clusters: ClusterEnv, cluster: str, *args: str) -> str:
    return releases.run_helm(
        releases.helm_path(),
        Path(clusters.state_dir),
        clusters.cluster(cluster).admin_kubeconfig,
        *args,
    )


def helm_json(clusters: ClusterEnv, cluster: str, *args: str) -> Any:
    return json.loads(helm(clusters, cluster, *args, "-o", "json"))


def start(tmp: Path, clusters: ClusterEnv, path: str) -> Iterator[RunningApp]:
    home = tmp / "home"
    home.mkdir(parents=True)
    with running_app(
        "--config-dir",
        str(tmp / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={
            "HOME": str(home),
            "KUBECONFIG": "",
            "PATH": path,
            "SHELL": "",
            "REGATTA_LOG_DIR": str(tmp / "logs"),
        },
    ) as app:
        selected = post(app, "/api/v1/bridge/set_selection", {"args": [ALL]})
        assert selected.status_code == 200, selected.text
        yield app


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    """The app with the built helm first on its PATH (as a user's installed helm would be)."""
    path = f"{releases.helm_path().parent}{os.pathsep}{os.environ.get('PATH', '')}"
    yield from start(tmp_path_factory.mktemp("helm-app"), clusters, path)


def post(app: RunningApp, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{app.base}{path}", json=body, headers=app.auth, timeout=180)


def get(app: RunningApp, path: str, **params: Any) -> httpx.Response:
    return httpx.get(f"{app.base}{path}", params=params, headers=app.auth, timeout=60)


def releases_of(app: RunningApp, **params: Any) -> list[dict[str, Any]]:
    answer = get(app, "/api/v1/snapshots/helm-releases", **params)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert all(part["status"] == "ready" for part in body["clusters"]), body["clusters"]
    items: list[dict[str, Any]] = body["items"]
    return items


def detail(app: RunningApp, cluster_id: str, name: str = releases.RELEASE) -> dict[str, Any]:
    scope = f"{cluster_id}|helm:{releases.NAMESPACE}/{name}"
    answer = get(app, "/api/v1/snapshots/helm-release", scope=scope)
    assert answer.status_code == 200, answer.text
    item: dict[str, Any] = answer.json()["items"][0]
    return item


def release_ref(cluster_id: str, name: str = releases.RELEASE) -> dict[str, Any]:
    return {
        "clusterId": cluster_id,
        "group": "helm.sh",
        "version": "v1",
        "kind": "Release",
        "namespace": releases.NAMESPACE,
        "name": name,
    }


def test_each_clusters_releases_are_listed_as_helm_lists_them(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    rows = releases_of(app)
    by_cluster = {(r["clusterId"], r["name"]): r for r in rows}
    for cluster_id in (ALPHA, GAMMA):
        name = CLUSTER_OF[cluster_id]
        [listed] = helm_json(clusters, name, "list")
        row = by_cluster[(cluster_id, releases.RELEASE)]
        assert row["clusterId"] == cluster_id
        assert row["namespace"] == releases.NAMESPACE
        assert row["revision"] == int(listed["revision"])
        assert f"{row['chart']}-{row['chartVersion']}" == listed["chart"]
        assert row["appVersion"] == listed["app_version"]
        assert row["status"] == listed["status"]
        assert row["error"] is None
        assert "values" not in row and "manifest" not in row
    assert by_cluster[(ALPHA, releases.RELEASE)]["revision"] >= 2
    assert by_cluster[(GAMMA, releases.RELEASE)]["chartVersion"] == "0.3.1"
    broken = by_cluster[(BETA, releases.BROKEN_RELEASE)]
    assert broken["error"] and "could not be read" in broken["error"]
    assert broken["revision"] == 1 and broken["chart"] == ""
    # The list's query parameters work as on every list domain.
    only = releases_of(app, q="store", namespace=releases.NAMESPACE, sort="clusterId")
    assert [r["clusterId"] for r in only] == [ALPHA, GAMMA]


def test_a_releases_history_values_and_manifest_are_what_helm_reports(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    item = detail(app, ALPHA)
    history = helm_json(clusters, "alpha", "history", releases.RELEASE)
    assert [(h["revision"], h["status"], h["description"]) for h in item["history"]] == [
        (h["revision"], h["status"], h["description"]) for h in reversed(history)
    ]
    assert item["revision"] == history[-1]["revision"]
    # helm prints `null` for a revision installed without values (alpha after a rollback to 1)
    assert item["values"] == (helm_json(clusters, "alpha", "get", "values", releases.RELEASE) or {})
    gamma = detail(app, GAMMA)
    assert gamma["values"] == helm_json(clusters, "gamma", "get", "values", releases.RELEASE)
    assert gamma["values"] == {"greeting": "hola"}
    assert item["computedValues"] == helm_json(
        clusters, "alpha", "get", "values", "--all", releases.RELEASE
    )
    assert yaml.safe_load(item["valuesYaml"] or "{}") == item["values"]
    assert (
        item["manifest"].strip()
        == helm(clusters, "alpha", "get", "manifest", releases.RELEASE).strip()
    )
    assert item["notes"].strip() in helm(clusters, "alpha", "get", "notes", releases.RELEASE)
    named = {(r["kind"], r["name"], r["namespace"]) for r in item["resources"]}
    assert named == {
        ("Deployment", releases.RELEASE, releases.NAMESPACE),
        ("Service", releases.RELEASE, releases.NAMESPACE),
        ("ConfigMap", f"{releases.RELEASE}-settings", releases.NAMESPACE),
    }
    broken = get(
        app,
        "/api/v1/snapshots/helm-release",
        scope=f"{BETA}|helm:{releases.NAMESPACE}/{releases.BROKEN_RELEASE}",
    )
    assert broken.status_code == 200, broken.text
    assert "could not be read" in broken.json()["items"][0]["error"]


def test_rollback_changes_the_refs_cluster_only(clusters: ClusterEnv, app: RunningApp) -> None:
    before_gamma = helm_json(clusters, "gamma", "history", releases.RELEASE)
    before_alpha = helm_json(clusters, "alpha", "history", releases.RELEASE)

    answer = post(
        app, "/api/v1/actions/helm-rollback", {"ref": release_ref(ALPHA), "params": {"revision": 1}}
    )

    assert answer.status_code == 200, answer.text
    assert answer.json()["clusterId"] == ALPHA
    after_alpha = helm_json(clusters, "alpha", "history", releases.RELEASE)
    assert after_alpha[-1]["revision"] == before_alpha[-1]["revision"] + 1
    assert after_alpha[-1]["description"] == "Rollback to 1"
    assert helm_json(clusters, "alpha", "get", "values", releases.RELEASE) in ({}, None)
    assert helm_json(clusters, "gamma", "history", releases.RELEASE) == before_gamma
    listed = {r["clusterId"]: r for r in releases_of(app, q=releases.RELEASE)}
    assert listed[ALPHA]["revision"] == after_alpha[-1]["revision"]
    assert listed[GAMMA]["revision"] == before_gamma[-1]["revision"]

    missing = post(
        app,
        "/api/v1/actions/helm-rollback",
        {"ref": release_ref(ALPHA), "params": {"revision": 99}},
    )
    assert missing.status_code == 400, missing.text
    assert missing.json()["error"]["field"] == "params.revision"


def test_uninstall_in_gamma_removes_its_objects_there_only(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    deployment = ("deployment", releases.RELEASE, "-n", releases.NAMESPACE)
    assert exists(clusters, "gamma", *deployment) and exists(clusters, "alpha", *deployment)
    try:
        answer = post(app, "/api/v1/actions/helm-uninstall", {"ref": release_ref(GAMMA)})

        assert answer.status_code == 200, answer.text
        assert not exists(clusters, "gamma", *deployment)
        assert not exists(clusters, "gamma", "service", releases.RELEASE, "-n", releases.NAMESPACE)
        assert exists(clusters, "alpha", *deployment)
        assert helm_json(clusters, "gamma", "list") == []
        names = {(r["clusterId"], r["name"]) for r in releases_of(app)}
        assert (GAMMA, releases.RELEASE) not in names
        assert (ALPHA, releases.RELEASE) in names
    finally:  # put gamma back as the harness left it
        if not helm_json(clusters, "gamma", "list"):
            releases.install(
                releases.helm_path(),
                Path(clusters.state_dir),
                "gamma",
                clusters.cluster("gamma").admin_kubeconfig,
            )


def test_without_helm_actions_answer_helm_not_found_and_reading_works(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    for app in start(tmp_path, clusters, ""):
        answer = post(app, "/api/v1/actions/helm-uninstall", {"ref": release_ref(ALPHA)})

        assert answer.status_code == 409, answer.text
        error = answer.json()["error"]
        assert error["code"] == "helm_not_found"
        assert "https://helm.sh/docs/intro/install/" in error["message"]
        assert any(r["clusterId"] == ALPHA for r in releases_of(app))
        assert exists(clusters, "alpha", "deployment", releases.RELEASE, "-n", releases.NAMESPACE)


def test_a_helm_scope_elsewhere_and_a_bad_ref_are_clear_errors(app: RunningApp) -> None:
    wrong = get(app, "/api/v1/snapshots/helm-release", scope=f"{ALPHA}|namespace:shop")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "bad_scope"
    absent = get(app, "/api/v1/snapshots/helm-release", scope=f"{ALPHA}|helm:shop/nope")
    assert absent.status_code == 404, absent.text
    not_release = post(
        app,
        "/api/v1/actions/helm-rollback",
        {"ref": {**release_ref(ALPHA), "kind": "Deployment"}, "params": {"revision": 1}},
    )
    assert not_release.status_code == 400 and not_release.json()["error"]["field"] == "ref"


def test_helm_answers_are_exactly_their_contract_models(app: RunningApp) -> None:
    listed = get(app, "/api/v1/snapshots/helm-releases").json()
    assert_wire(Snapshot, {**listed, "items": []})
    assert listed["items"]
    for item in listed["items"]:
        assert_wire(HelmReleaseItem, item)
    scope = f"{ALPHA}|helm:{releases.NAMESPACE}/{releases.RELEASE}"
    one = get(app, "/api/v1/snapshots/helm-release", scope=scope).json()
    assert_wire(HelmReleaseDetail, one["items"][0])
    refreshed = post(app, "/api/v1/refresh/helm-releases", {"scopes": []})
    assert refreshed.status_code == 200, refreshed.text
    assert {c["status"] for c in refreshed.json()["clusters"]} == {"ready"}


def test_no_release_payload_reaches_the_apps_log(clusters: ClusterEnv, tmp_path: Path) -> None:
    """Values and manifests are read from Secrets; the log names a release, never its data."""
    for app in start(tmp_path, clusters, os.environ.get("PATH", "")):
        detail(app, GAMMA)
        detail(app, ALPHA)
        releases_of(app)
        logged = "".join(app.stderr_lines)
    logged += "".join(f.read_text() for f in (tmp_path / "logs").glob("*.log*"))
    assert f"{releases.NAMESPACE}/{releases.BROKEN_RELEASE} revision 1 not decoded" in logged
    for secret in ("hola", "bonjour", "registry.example.com/shop", "H4sI", "not a helm release"):
        assert secret not in logged, secret


def test_a_release_stored_in_configmaps_is_listed_and_read(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    """helm's configmap driver (HELM_DRIVER=configmap): one base64 layer less than a Secret."""
    namespace = f"helm-cm-{uuid.uuid4().hex[:6]}"
    kubeconfig = str(clusters.cluster("alpha").admin_kubeconfig)
    env = {**releases.helm_env(Path(clusters.state_dir)), "HELM_DRIVER": "configmap"}
    argv = [str(releases.helm_path()), "--kubeconfig", kubeconfig, "--namespace", namespace]
    subprocess.run(
        [
            *argv,
            "install",
            "kept",
            str(releases.CHART),
            "--create-namespace",
            "--set",
            "greeting=cm",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    try:
        [row] = releases_of(app, namespace=namespace)
        assert (row["clusterId"], row["name"], row["storage"]) == (ALPHA, "kept", "configmap")
        assert (row["revision"], row["chartVersion"], row["error"]) == (1, "0.3.1", None)
        scope = f"{ALPHA}|helm:{namespace}/kept"
        item = get(app, "/api/v1/snapshots/helm-release", scope=scope).json()["items"][0]
        assert item["values"] == {"greeting": "cm"}
    finally:
        clusters.admin_kubectl("alpha", "delete", "namespace", namespace, "--wait=false")
