"""Object search over the catalog caches of three real clusters (issue 22)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SELECTED = [ALPHA, BETA, GAMMA]
WAIT_S = 60.0


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    config = tmp_path_factory.mktemp("config")
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        assert bridge(running, "set_selection", SELECTED) == {"selectedClusterIds": SELECTED}
        yield running


def search(app: RunningApp, **params: Any) -> httpx.Response:
    return httpx.get(f"{app.base}/api/v1/search", params=params, headers=app.auth, timeout=30)


def wait_search(app: RunningApp, accept: Any, **params: Any) -> dict[str, Any]:
    """Search until `accept(answer)` holds (caches sync and probes settle asynchronously)."""
    deadline = time.monotonic() + WAIT_S
    answer: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = search(app, **params)
        assert response.status_code == 200, response.text
        answer = response.json()
        if accept(answer):
            return answer
        time.sleep(0.2)
    raise AssertionError(f"search never satisfied the condition; last: {answer}")


def groups(answer: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["clusterId"]: g for g in answer["clusters"]}


def has_web_deployment(group: dict[str, Any]) -> bool:
    return any(h["kind"] == "Deployment" and h["name"] == "web" for h in group["hits"])


def test_web_is_found_in_every_cluster_ranked_exact_first(app: RunningApp) -> None:
    answer = wait_search(
        app,
        lambda a: all(g["status"] == "ready" and has_web_deployment(g) for g in a["clusters"]),
        q="web",
    )
    assert [g["clusterId"] for g in answer["clusters"]] == SELECTED
    for group in answer["clusters"]:
        hits = group["hits"]
        assert hits[0]["name"] == "web" and hits[0]["match"] == "exact"
        ranks = [("exact", "prefix", "substring").index(h["match"]) for h in hits]
        assert ranks == sorted(ranks)
        assert all("web" in h["name"] for h in hits)
        assert len(hits) <= answer["limit"] and group["total"] >= len(hits)
        # Other tests make `web` Deployments of their own; the seeded one is in `shop`.
        web = next(h for h in hits if h["kind"] == "Deployment" and h["namespace"] == "shop")
        assert web["group"] == "apps" and web["uid"]


def test_a_kind_word_narrows_the_search(app: RunningApp) -> None:
    answer = wait_search(
        app, lambda a: all(has_web_deployment(g) for g in a["clusters"]), q="deploy web"
    )
    assert answer["kind"] == "deployments.apps" and answer["query"] == "web"
    kinds = {h["kind"] for g in answer["clusters"] for h in g["hits"]}
    assert kinds == {"Deployment"}
    services = wait_search(
        app,
        lambda a: all(any(h["name"] == "web" for h in g["hits"]) for g in a["clusters"]),
        q="web",
        kind="svc",
        scope=f"{BETA}|",
    )
    assert [g["clusterId"] for g in services["clusters"]] == [BETA]
    assert {h["kind"] for h in services["clusters"][0]["hits"]} == {"Service"}


def test_bad_queries_are_named(app: RunningApp) -> None:
    empty = search(app, q="  ")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "bad_query"
    limit = search(app, q="web", limit="0")
    assert limit.status_code == 400 and limit.json()["error"]["code"] == "bad_limit"
    kind = search(app, q="web", kind="gizmo")
    assert kind.status_code == 400 and kind.json()["error"]["code"] == "unknown_kind"
    other = search(app, q="web", scope="dev.yaml:beta-viewer|")
    assert other.status_code == 409 and other.json()["error"]["code"] == "cluster_not_active"
    odd = search(app, q="web\n", limit="1e3", scope=f"{BETA}|namespace:shop")
    assert odd.status_code == 400 and odd.json()["error"]["code"] == "bad_limit"
    narrowed = search(app, q="we", scope=f"{BETA}|namespace:shop")
    assert narrowed.status_code == 200
    hits = narrowed.json()["clusters"][0]["hits"]
    assert hits and {h["namespace"] for h in hits} <= {"shop", ""}


def test_a_frozen_clusters_hits_are_marked_stale(app: RunningApp, clusters: ClusterEnv) -> None:
    wait_search(app, lambda a: has_web_deployment(groups(a)[GAMMA]), q="deploy web")
    with clusters.frozen("gamma"):
        frozen = wait_search(app, lambda a: groups(a)[GAMMA]["status"] == "stale", q="deploy web")
    gamma = groups(frozen)[GAMMA]
    assert has_web_deployment(gamma) and gamma["cause"] in ("timeout", "unreachable")
    assert groups(frozen)[ALPHA]["status"] == "ready" and has_web_deployment(groups(frozen)[ALPHA])
