"""Cluster protection and bulk actions through the real app process, on the real clusters.

Protection is the backend's: every check here goes through the HTTP API, never the UI. What
changed is checked with the harness's own admin kubectl on each cluster by name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.app_process import RunningApp, running_app
from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    ALPHA,
    BETA,
    GAMMA,
    admin,
    admin_json,
    exists,
    namespace_in,
    ref,
    unique,
)

pytestmark = [pytest.mark.clusters]


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    root = tmp_path_factory.mktemp("protection-app")
    home = root / "home"
    home.mkdir()
    with running_app(
        "--config-dir",
        str(root / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": ""},
    ) as running:
        selected = post(running, "/api/v1/bridge/set_selection", {"args": [[ALPHA, BETA, GAMMA]]})
        assert selected.status_code == 200, selected.text
        yield running


@pytest.fixture(autouse=True)
def no_rules(app: RunningApp) -> Iterator[None]:
    yield
    assert put_rules(app, []).status_code == 200


def post(app: RunningApp, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{app.base}{path}", json=body, headers=app.auth, timeout=120)


def put_rules(app: RunningApp, rules: list[dict[str, Any]]) -> httpx.Response:
    return httpx.put(
        f"{app.base}/api/v1/cluster-settings", json={"rules": rules}, headers=app.auth, timeout=30
    )


def code(response: httpx.Response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]


def web(cluster_id: str) -> dict[str, Any]:
    return ref(cluster_id, "Deployment", "web", "shop", group="apps")


def restarted_at(clusters: ClusterEnv, cluster: str) -> str | None:
    found = admin_json(clusters, cluster, "get", "deployment", "web", "-n", "shop")
    annotations = found["spec"]["template"]["metadata"].get("annotations") or {}
    value = annotations.get("kubectl.kubernetes.io/restartedAt")
    return str(value) if value is not None else None


def test_a_read_only_glob_refuses_every_action_on_gamma_while_alpha_works(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    answer = put_rules(app, [{"match": "*gamma*", "protection": "read-only", "color": "#cc0000"}])
    assert answer.status_code == 200, answer.text
    by_id = {c["clusterId"]: c for c in answer.json()["clusters"]}
    assert by_id[GAMMA]["protection"] == "read-only"
    assert by_id[GAMMA]["color"] == "#cc0000"
    assert by_id[ALPHA]["protection"] == "none"
    node = admin(clusters, "gamma", "get", "nodes", "-o", "jsonpath={.items[0].metadata.name}")
    replicas_before = admin_json(clusters, "gamma", "get", "deployment", "web", "-n", "shop")[
        "spec"
    ]["replicas"]
    restart_before = restarted_at(clusters, "gamma")
    manifest = json.dumps(
        {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "shop"}}
    )
    attempts: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
        ("scale", web(GAMMA), {"replicas": 0}),
        ("restart", web(GAMMA), {}),
        ("delete", web(GAMMA), {}),
        ("pause", web(GAMMA), {}),
        ("resume", web(GAMMA), {}),
        ("rollback", web(GAMMA), {"revision": 1}),
        ("apply", ref(GAMMA, "ConfigMap", "x", "shop"), {"yaml": manifest}),
        ("cordon", ref(GAMMA, "Node", node), {}),
        ("uncordon", ref(GAMMA, "Node", node), {}),
        ("drain", ref(GAMMA, "Node", node), {}),
        ("trigger", ref(GAMMA, "CronJob", "nightly", "shop", group="batch"), {}),
        ("helm-uninstall", ref(GAMMA, "Release", "shop", "shop", group="helm.sh"), {}),
    ]
    for action, target, params in attempts:
        refused = post(app, f"/api/v1/actions/{action}", {"ref": target, "params": params})
        assert code(refused) == (403, "cluster_read_only"), (action, refused.text)
    forward = post(
        app, "/api/v1/port-forwards", {"ref": web(GAMMA), "remotePort": 80, "localPort": 0}
    )
    assert code(forward) == (403, "cluster_read_only"), forward.text
    terminal = httpx.get(
        f"{app.base}/api/v1/terminal",
        params={"scope": f"{GAMMA}|pod:shop/any/app"},
        headers=app.auth,
        timeout=30,
    )
    assert code(terminal) == (403, "cluster_read_only"), terminal.text
    bulk = post(app, "/api/v1/actions/bulk", {"action": "restart", "refs": [web(GAMMA)]})
    assert [i["outcome"] for i in bulk.json()["items"]] == ["read_only"]
    can_i = post(app, "/api/v1/actions/can-i", {"ref": web(GAMMA), "actions": ["scale"]})
    assert can_i.json()["actions"][0]["allowed"] is False
    assert "read-only" in can_i.json()["actions"][0]["reason"]
    reading = post(app, "/api/v1/rollouts/history", {"ref": web(GAMMA)})
    assert reading.status_code == 200, reading.text

    assert restarted_at(clusters, "gamma") == restart_before
    gamma_web = admin_json(clusters, "gamma", "get", "deployment", "web", "-n", "shop")
    assert gamma_web["spec"]["replicas"] == replicas_before
    with namespace_in(clusters, unique("ro"), ("alpha",)) as ns:
        admin(clusters, "alpha", "create", "configmap", "settings", "-n", ns)
        deleted = post(
            app, "/api/v1/actions/delete", {"ref": ref(ALPHA, "ConfigMap", "settings", ns)}
        )
        assert deleted.status_code == 200, deleted.text
        assert not exists(clusters, "alpha", "configmap", "settings", "-n", ns)


def test_a_confirm_cluster_needs_its_name_for_destructive_actions(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    assert put_rules(app, [{"match": ALPHA, "protection": "confirm"}]).status_code == 200
    with namespace_in(clusters, unique("confirm"), ("alpha",)) as ns:
        admin(clusters, "alpha", "create", "configmap", "settings", "-n", ns)
        target = ref(ALPHA, "ConfigMap", "settings", ns)

        missing = post(app, "/api/v1/actions/delete", {"ref": target})
        assert code(missing) == (409, "confirmation_required"), missing.text
        assert missing.json()["error"]["field"] == "params.confirmClusterName"
        wrong = post(
            app, "/api/v1/actions/delete", {"ref": target, "params": {"confirmClusterName": "beta"}}
        )
        assert code(wrong) == (400, "confirmation_mismatch"), wrong.text
        assert exists(clusters, "alpha", "configmap", "settings", "-n", ns)

        typed = post(
            app,
            "/api/v1/actions/delete",
            {"ref": target, "params": {"confirmClusterName": "alpha"}},
        )
        assert typed.status_code == 200, typed.text
        assert not exists(clusters, "alpha", "configmap", "settings", "-n", ns)


def test_a_corrupt_rule_is_refused_by_the_api_naming_it(app: RunningApp) -> None:
    bad = put_rules(app, [{"match": "*prod*", "protection": "sometimes"}])
    assert bad.status_code == 400
    assert bad.json()["error"]["field"] == "rules.0.protection"


def test_bulk_restart_of_web_in_alpha_and_gamma_leaves_beta_alone(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    before = {c: restarted_at(clusters, c) for c in ("alpha", "beta", "gamma")}

    done = post(
        app, "/api/v1/actions/bulk", {"action": "restart", "refs": [web(ALPHA), web(GAMMA)]}
    )

    assert done.status_code == 200, done.text
    items = done.json()["items"]
    assert [(i["clusterId"], i["outcome"]) for i in items] == [(ALPHA, "ok"), (GAMMA, "ok")]
    assert restarted_at(clusters, "alpha") not in (None, before["alpha"])
    assert restarted_at(clusters, "gamma") not in (None, before["gamma"])
    assert restarted_at(clusters, "beta") == before["beta"]


def test_bulk_delete_with_a_frozen_cluster_times_it_out_and_deletes_the_rest(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    names = ("one", "two")
    with namespace_in(clusters, unique("bulk"), ("alpha", "beta", "gamma")) as ns:
        for cluster in ("alpha", "beta", "gamma"):
            for name in names:
                admin(clusters, cluster, "create", "configmap", name, "-n", ns)
        refs = [ref(c, "ConfigMap", n, ns) for c in (ALPHA, BETA, GAMMA) for n in names]
        with clusters.frozen("beta"):
            done = post(
                app, "/api/v1/actions/bulk", {"action": "delete", "refs": refs, "timeoutSeconds": 4}
            )
        assert done.status_code == 200, done.text
        outcomes = [(i["clusterId"], i["ref"]["name"], i["outcome"]) for i in done.json()["items"]]
        assert outcomes == [
            (ALPHA, "one", "ok"),
            (ALPHA, "two", "ok"),
            (BETA, "one", "timeout"),
            (BETA, "two", "timeout"),
            (GAMMA, "one", "ok"),
            (GAMMA, "two", "ok"),
        ]
        for cluster in ("alpha", "gamma"):
            for name in names:
                assert not exists(clusters, cluster, "configmap", name, "-n", ns)


def test_drift_shows_exactly_the_image_changed_in_beta(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    found = admin_json(clusters, "beta", "get", "deployment", "web", "-n", "shop")
    container = found["spec"]["template"]["spec"]["containers"][0]
    before = container["image"]
    admin(
        clusters,
        "beta",
        "set",
        "image",
        "deployment/web",
        "-n",
        "shop",
        f"{container['name']}=example/drift:9",
    )
    try:
        report = httpx.get(
            f"{app.base}/api/v1/drift",
            params={"kind": "Deployment", "namespace": "shop"},
            headers=app.auth,
            timeout=60,
        )
        assert report.status_code == 200, report.text
        body = report.json()
        assert [c["status"] for c in body["clusters"]] == ["ready", "ready", "ready"]
        web_row = next(r for r in body["rows"] if r["name"] == "web")
        assert web_row["differing"] == [f"image/{container['name']}"]
        assert web_row["missing"] == []
        images = {
            c["clusterId"]: c["facts"][f"image/{container['name']}"] for c in web_row["cells"]
        }
        assert images[BETA] == "example/drift:9"
        assert images[ALPHA] == images[GAMMA] == before
        assert body["rows"][0]["score"] >= web_row["score"]
    finally:
        admin(
            clusters,
            "beta",
            "set",
            "image",
            "deployment/web",
            "-n",
            "shop",
            f"{container['name']}={before}",
        )


def test_drift_refuses_an_unknown_kind_naming_it(app: RunningApp) -> None:
    bad = httpx.get(
        f"{app.base}/api/v1/drift", params={"kind": "Pod"}, headers=app.auth, timeout=30
    )
    assert (bad.status_code, bad.json()["error"]["field"]) == (400, "kind")


def test_bulk_on_a_confirm_cluster_needs_its_name_per_cluster(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    assert put_rules(app, [{"match": ALPHA, "protection": "confirm"}]).status_code == 200
    with namespace_in(clusters, unique("bulk-confirm"), ("alpha", "beta")) as ns:
        for cluster in ("alpha", "beta"):
            admin(clusters, cluster, "create", "configmap", "one", "-n", ns)
        refs = [ref(ALPHA, "ConfigMap", "one", ns), ref(BETA, "ConfigMap", "one", ns)]

        unnamed = post(app, "/api/v1/actions/bulk", {"action": "delete", "refs": refs})
        assert [i["outcome"] for i in unnamed.json()["items"]] == ["confirmation_required", "ok"]
        assert exists(clusters, "alpha", "configmap", "one", "-n", ns)
        assert not exists(clusters, "beta", "configmap", "one", "-n", ns)

        named = post(
            app,
            "/api/v1/actions/bulk",
            {"action": "delete", "refs": refs[:1], "confirmClusterNames": {ALPHA: "alpha"}},
        )
        assert [i["outcome"] for i in named.json()["items"]] == ["ok"]
        assert not exists(clusters, "alpha", "configmap", "one", "-n", ns)


def test_drift_tells_a_frozen_cluster_as_timeout_and_still_compares_the_others(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    with clusters.frozen("beta"):
        report = httpx.get(
            f"{app.base}/api/v1/drift",
            params={"kind": "Deployment", "namespace": "shop", "timeoutSeconds": "3"},
            headers=app.auth,
            timeout=60,
        )
    assert report.status_code == 200, report.text
    body = report.json()
    statuses = {c["clusterId"]: c["status"] for c in body["clusters"]}
    assert statuses == {ALPHA: "ready", BETA: "timeout", GAMMA: "ready"}
    web_row = next(r for r in body["rows"] if r["name"] == "web")
    read = {c["clusterId"]: c["read"] for c in web_row["cells"]}
    assert read == {ALPHA: True, BETA: False, GAMMA: True}
    bad = httpx.get(
        f"{app.base}/api/v1/drift",
        params={"kind": "Deployment", "timeoutSeconds": "forever"},
        headers=app.auth,
        timeout=30,
    )
    assert (bad.status_code, bad.json()["error"]["field"]) == (400, "timeoutSeconds")
