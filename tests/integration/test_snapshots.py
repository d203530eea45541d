"""Aggregated snapshots over three real clusters, through headless mode (contract §6, issue 5)."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv

ALPHA = "dev.yaml:alpha"
VIEWER = "dev.yaml:beta-viewer"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SELECTED = [ALPHA, VIEWER, GAMMA]
WAIT_S = 60.0


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    config = tmp_path_factory.mktemp("config")
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        assert bridge(running, "set_selection", SELECTED) == {"selectedClusterIds": SELECTED}
        yield running


def snapshot(app: RunningApp, domain: str, **params: Any) -> httpx.Response:
    return httpx.get(
        f"{app.base}/api/v1/snapshots/{domain}", params=params, headers=app.auth, timeout=30
    )


def wait_for(app: RunningApp, domain: str, accept: Any, **params: Any) -> dict[str, Any]:
    """Poll a snapshot until `accept(answer)` holds (caches sync and probes settle asynchronously)."""
    deadline = time.monotonic() + WAIT_S
    answer: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = snapshot(app, domain, **params)
        assert response.status_code == 200, response.text
        answer = response.json()
        if accept(answer):
            return answer
        time.sleep(0.2)
    raise AssertionError(
        f"snapshot {domain} never satisfied the condition; last: {answer['clusters']}"
    )


def statuses(answer: dict[str, Any]) -> dict[str, str]:
    return {c["clusterId"]: c["status"] for c in answer["clusters"]}


def all_ready(answer: dict[str, Any]) -> bool:
    return set(statuses(answer).values()) == {"ready"}


def test_pods_from_every_cluster_carry_their_identity(app: RunningApp) -> None:
    answer = wait_for(
        app,
        "pods",
        lambda a: all_ready(a) and {i["clusterId"] for i in a["items"]} == set(SELECTED),
        limit=5000,
    )
    assert answer["selectedClusterIds"] == SELECTED
    assert [c["clusterId"] for c in answer["clusters"]] == SELECTED
    names = {c["clusterId"]: c["clusterName"] for c in answer["clusters"]}
    assert names[GAMMA] == "arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
    for row in answer["items"]:
        assert row["clusterName"] == names[row["clusterId"]]
        assert row["kind"] == "Pod"
    web = {
        (r["clusterId"], r["namespace"])
        for r in answer["items"]
        if r["ownerName"].startswith("web-")
    }
    assert {(c, "shop") for c in SELECTED} <= web
    assert answer["total"] == len(answer["items"])
    viewer_namespaces = {r["namespace"] for r in answer["items"] if r["clusterId"] == VIEWER}
    assert viewer_namespaces <= {"shop", "team-a"}


def test_scopes_namespace_and_text_filters_narrow(app: RunningApp) -> None:
    wait_for(app, "pods", all_ready)
    only_alpha = snapshot(app, "pods", scope=f"{ALPHA}|").json()
    assert {c["clusterId"] for c in only_alpha["clusters"]} == {ALPHA}
    assert {r["clusterId"] for r in only_alpha["items"]} == {ALPHA}

    shop = snapshot(app, "pods", namespace="shop").json()
    assert shop["items"] and {r["namespace"] for r in shop["items"]} == {"shop"}

    scoped = snapshot(app, "pods", scope=[f"{ALPHA}|namespace:team-a", f"{GAMMA}|"]).json()
    assert {r["namespace"] for r in scoped["items"] if r["clusterId"] == ALPHA} == {"team-a"}
    assert {r["clusterId"] for r in scoped["items"]} == {ALPHA, GAMMA}

    web = snapshot(app, "pods", q="WEB-").json()
    assert web["items"] and all("web-" in r["name"] for r in web["items"])
    assert web["total"] == len(web["items"])


def test_sort_and_paging_are_stable_across_clusters(app: RunningApp) -> None:
    wait_for(app, "pods", all_ready)
    everything = snapshot(app, "pods", sort="name", limit=5000).json()["items"]
    keys = [(r["name"], r["clusterId"]) for r in everything]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
    first = snapshot(app, "pods", sort="name", limit=7, offset=0).json()
    second = snapshot(app, "pods", sort="name", limit=7, offset=7).json()
    ids = [(r["clusterId"], r["uid"]) for r in first["items"] + second["items"]]
    assert ids == [(r["clusterId"], r["uid"]) for r in everything[:14]]
    assert first["total"] == len(everything)
    desc = snapshot(app, "pods", sort="name", order="desc", limit=5000).json()["items"]
    assert [r["name"] for r in desc] == sorted((r["name"] for r in desc), reverse=True)


def test_restricted_cluster_is_forbidden_for_secrets_and_ready_for_pods(app: RunningApp) -> None:
    secrets = wait_for(app, "config", lambda a: statuses(a)[VIEWER] != "loading", kind="secrets")
    part = next(c for c in secrets["clusters"] if c["clusterId"] == VIEWER)
    assert part["status"] == "forbidden"
    assert "secrets" in part["message"]
    assert not [r for r in secrets["items"] if r["clusterId"] == VIEWER]
    assert statuses(secrets)[ALPHA] == "ready"
    assert statuses(wait_for(app, "pods", all_ready))[VIEWER] == "ready"


def test_unchanged_data_answers_304(app: RunningApp) -> None:
    wait_for(app, "namespaces", all_ready)
    first = snapshot(app, "namespaces")
    etag = first.headers["etag"]
    assert etag.strip('"') == first.json()["version"]
    headers = {**app.auth, "If-None-Match": etag}
    again = httpx.get(f"{app.base}/api/v1/snapshots/namespaces", headers=headers)
    assert again.status_code == 304
    other_question = httpx.get(
        f"{app.base}/api/v1/snapshots/namespaces", params={"q": "x"}, headers=headers
    )
    assert other_question.status_code == 200


def test_nodes_of_the_restricted_user_are_forbidden_data(app: RunningApp) -> None:
    nodes = wait_for(
        app, "nodes", lambda a: statuses(a) == {ALPHA: "ready", VIEWER: "forbidden", GAMMA: "ready"}
    )
    assert {r["clusterId"] for r in nodes["items"]} == {ALPHA, GAMMA}
    assert all(r["status"] == "Ready" for r in nodes["items"])


def test_bad_requests_name_the_problem(app: RunningApp) -> None:
    not_selected = snapshot(app, "pods", scope="dev.yaml:beta|")
    assert not_selected.status_code == 409
    error = not_selected.json()["error"]
    assert (error["code"], error["scope"], error["clusterId"]) == (
        "cluster_not_active",
        "dev.yaml:beta|",
        "dev.yaml:beta",
    )
    unknown = snapshot(app, "widgets")
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "unknown_domain")
    malformed = snapshot(app, "pods", scope="no-separator")
    assert (malformed.status_code, malformed.json()["error"]["code"]) == (400, "bad_scope")
    assert malformed.json()["error"]["scope"] == "no-separator"
    bad_order = snapshot(app, "pods", order="sideways")
    assert bad_order.status_code == 400


def test_frozen_stopped_and_resumed_cluster(app: RunningApp, clusters: ClusterEnv) -> None:
    wait_for(app, "pods", all_ready)
    with clusters.frozen("gamma"):
        frozen = wait_for(app, "pods", lambda a: statuses(a)[GAMMA] in ("timeout", "stale"))
        part = next(c for c in frozen["clusters"] if c["clusterId"] == GAMMA)
        assert part["status"] == "timeout" or part["cause"] == "timeout", part
        assert statuses(frozen)[ALPHA] == "ready"
        kept = [r for r in frozen["items"] if r["clusterId"] == GAMMA]
        assert kept and all(r["stale"] for r in kept)
        assert not any(r["stale"] for r in frozen["items"] if r["clusterId"] == ALPHA)
    wait_for(app, "pods", all_ready)
    with clusters.apiserver_stopped("gamma"):
        stopped = wait_for(app, "pods", lambda a: _cause(a, GAMMA) == "unreachable")
        assert statuses(stopped)[ALPHA] == "ready"
    back = wait_for(app, "pods", all_ready)
    assert any(r["clusterId"] == GAMMA and not r["stale"] for r in back["items"])


def _cause(answer: dict[str, Any], cluster_id: str) -> str | None:
    part = next(c for c in answer["clusters"] if c["clusterId"] == cluster_id)
    return part["status"] if part["status"] != "stale" else part["cause"]


def test_manual_refresh_relists_only_named_clusters(app: RunningApp) -> None:
    wait_for(app, "pods", all_ready)
    r = httpx.post(
        f"{app.base}/api/v1/refresh/pods",
        json={"scopes": [f"{ALPHA}|"]},
        headers=app.auth,
        timeout=60,
    )
    assert r.status_code == 200, r.text
    assert [(c["clusterId"], c["status"]) for c in r.json()["clusters"]] == [(ALPHA, "ready")]


def test_cluster_overview_and_diagnostics(app: RunningApp) -> None:
    overview = wait_for(
        app,
        "cluster-overview",
        lambda a: all_ready(a) and all(i.get("podsTotal") for i in a["items"]),
    )
    by_id = {i["clusterId"]: i for i in overview["items"]}
    assert by_id[ALPHA]["nodesReady"] == by_id[ALPHA]["nodesTotal"] > 0
    assert by_id[VIEWER]["nodesVisible"] is False
    assert by_id[ALPHA]["version"].startswith("v1.")
    # The viewer's refused secrets show in diagnostics once the kind is in use: use it here, so
    # the test does not depend on another having asked for secrets first.
    wait_for(app, "config", lambda a: statuses(a)[VIEWER] == "forbidden", kind="secrets")
    diagnostics = httpx.get(f"{app.base}/api/v1/diagnostics", headers=app.auth).json()
    entries = {c["clusterId"]: c for c in diagnostics["clusters"]}
    assert set(entries) == set(SELECTED)
    assert any(i["resource"] == "secrets" for i in entries[VIEWER]["permissionIssues"])
    assert entries[ALPHA]["watches"] and entries[ALPHA]["status"] == "ready"


def test_object_events_are_every_event_about_that_object(app: RunningApp) -> None:
    """The events-by-object index answers what a scan of the events would."""
    events = wait_for(
        app, "events", lambda a: all_ready(a) and a["items"], scope=f"{ALPHA}|namespace:shop"
    )["items"]
    about = next(e["involvedObject"] for e in events if e["involvedObject"]["name"])
    group, _, version = about["apiVersion"].rpartition("/")
    tail = f"object:{group}/{version}/{about['kind']}/{about['namespace']}/{about['name']}"
    answer = snapshot(app, "object-events", scope=f"{ALPHA}|{tail}").json()["items"]

    def is_about(event: dict[str, Any]) -> bool:
        inv = event["involvedObject"]
        return (inv["kind"], inv["namespace"], inv["name"]) == (
            about["kind"],
            about["namespace"],
            about["name"],
        )

    assert answer and all(is_about(e) for e in answer)
    assert {e["uid"] for e in events if is_about(e)} <= {e["uid"] for e in answer}
    stamps = [e["timestamp"] for e in answer]
    assert stamps == sorted(stamps, reverse=True)


def test_a_namespace_table_keeps_its_version_while_another_namespace_changes(
    app: RunningApp, clusters: ClusterEnv
) -> None:
    """Rows by namespace: a namespace-scoped table reads only its namespace's rows and versions,
    so a pod coming and going elsewhere answers 304 to it, not a re-sorted page."""
    shop = {"scope": f"{ALPHA}|namespace:shop", "sort": "name", "limit": 100}
    wait_for(app, "pods", all_ready, **shop)
    first = snapshot(app, "pods", **shop)
    whole = wait_for(app, "pods", all_ready, scope=f"{ALPHA}|", limit=1)["version"]
    ns = f"indexes-{uuid.uuid4().hex[:6]}"
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "elsewhere", "namespace": ns},
        "spec": {"containers": [{"name": "main", "image": "example.com/fake:1"}]},
    }
    clusters.create_namespace("alpha", ns)
    try:
        clusters.kubectl("apply", "-f", "-", input=json.dumps(pod), context="alpha")
        wait_for(app, "pods", lambda a: a["version"] != whole, scope=f"{ALPHA}|", limit=1)
        again = httpx.get(
            f"{app.base}/api/v1/snapshots/pods",
            params=shop,
            headers={**app.auth, "If-None-Match": first.headers["etag"]},
            timeout=30,
        )
        assert again.status_code == 304, again.text
    finally:
        clusters.kubectl("delete", "namespace", ns, "--wait=false", context="alpha", check=False)


PLUGIN_FAILURE = "error: the SSO session has expired; run `sso login` again"


@pytest.mark.clusters
def test_refresh_keeps_a_failing_exec_plugin_with_its_cluster(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    """Issue 10: a cluster whose credential plugin fails is `error` with the plugin's words; the
    other cluster in the same manual refresh is refreshed (before: the whole answer was a 500)."""
    plugin = tmp_path / "failing-credential"
    plugin.write_text(f"#!/bin/sh\necho '{PLUGIN_FAILURE}' >&2\nexit 1\n")
    plugin.chmod(0o755)
    dev = yaml.safe_load((clusters.kubeconfig_dir / "dev.yaml").read_text())
    exec_user = {"apiVersion": "client.authentication.k8s.io/v1", "command": str(plugin)}
    broken = tmp_path / "sso.yaml"
    broken.write_text(
        yaml.safe_dump(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [c for c in dev["clusters"] if c["name"] == "beta"],
                "users": [{"name": "sso", "user": {"exec": exec_user}}],
                "contexts": [{"name": "expired", "context": {"cluster": "beta", "user": "sso"}}],
            }
        )
    )
    expired = "sso.yaml:expired"
    with running_app(
        "--kubeconfig",
        str(clusters.kubeconfig_dir / "dev.yaml"),
        "--kubeconfig",
        str(broken),
        "--config-dir",
        str(tmp_path / "config"),
    ) as running:
        assert bridge(running, "set_selection", [ALPHA, expired])
        answer = httpx.post(
            f"{running.base}/api/v1/refresh/pods",
            json={"scopes": [f"{ALPHA}|", f"{expired}|"]},
            headers=running.auth,
            timeout=60,
        )
    assert answer.status_code == 200, answer.text
    parts = {c["clusterId"]: c for c in answer.json()["clusters"]}
    assert (parts[ALPHA]["status"], parts[ALPHA]["message"]) == ("ready", None)
    assert parts[expired]["status"] == "error"
    assert PLUGIN_FAILURE in parts[expired]["message"]


def test_a_sorted_table_follows_pods_coming_changing_and_going(
    app: RunningApp, clusters: ClusterEnv
) -> None:
    """Issue 20: a run sorted once follows the watch's changes (no re-sort); whatever came,
    changed and went, the page is what a full sort of the rows gives, in both orders."""
    ns = f"follow-{uuid.uuid4().hex[:6]}"
    scope = f"{ALPHA}|namespace:{ns}"

    def names(descending: bool) -> list[str]:
        order = "desc" if descending else "asc"
        answer = snapshot(app, "pods", scope=scope, sort="name", order=order, limit=500).json()
        return [item["name"] for item in answer["items"]]

    def pod(name: str, image: str = "example.com/fake:1") -> str:
        return json.dumps(
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {"name": name, "namespace": ns},
                "spec": {"containers": [{"name": "main", "image": image}]},
            }
        )

    clusters.create_namespace("alpha", ns)
    try:
        for name in ("m-2", "c-1", "x-9"):
            clusters.kubectl("apply", "-f", "-", input=pod(name), context="alpha")
        wait_for(app, "pods", lambda a: a["total"] == 3, scope=scope, sort="name")
        assert names(False) == ["c-1", "m-2", "x-9"]  # both runs sorted once, from here on
        assert names(True) == ["x-9", "m-2", "c-1"]
        for name in ("a-0", "n-5"):
            clusters.kubectl("apply", "-f", "-", input=pod(name), context="alpha")
        clusters.kubectl(
            "delete", "pod", "m-2", "-n", ns, "--grace-period=0", "--force", context="alpha"
        )
        clusters.kubectl(
            "label", "pod", "x-9", "changed=yes", "-n", ns, "--overwrite", context="alpha"
        )
        want = ["a-0", "c-1", "n-5", "x-9"]
        wait_for(
            app,
            "pods",
            lambda a: sorted(i["name"] for i in a["items"]) == want,
            scope=scope,
            sort="name",
            limit=500,
        )
        assert names(False) == want
        assert names(True) == want[::-1]
    finally:
        clusters.kubectl("delete", "namespace", ns, "--wait=false", context="alpha", check=False)
