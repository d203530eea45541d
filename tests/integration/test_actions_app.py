"""Object actions through the real app process (`python -m backend --headless`), token and all.

The other action tests mount the routes in a small app; this one checks that the app itself
serves them, routes by `ref.clusterId` among the clusters it discovered, and leaves the
selection as it was.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
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
    exists,
    namespace_in,
    ref,
    unique,
)

pytestmark = [pytest.mark.clusters]


@pytest.fixture
def app(clusters: ClusterEnv, tmp_path: Path) -> Iterator[RunningApp]:
    home = tmp_path / "home"
    home.mkdir()
    with running_app(
        "--config-dir",
        str(tmp_path / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": ""},
    ) as running:
        yield running


def post(app: RunningApp, path: str, body: dict[str, Any]) -> httpx.Response:
    return httpx.post(f"{app.base}{path}", json=body, headers=app.auth, timeout=120)


def test_the_app_runs_actions_on_the_refs_cluster_only(
    clusters: ClusterEnv, app: RunningApp
) -> None:
    selected = post(app, "/api/v1/bridge/set_selection", {"args": [[ALPHA, BETA]]})
    assert selected.status_code == 200, selected.text
    with namespace_in(clusters, unique("act-app"), ("alpha", "beta")) as ns:
        for cluster in ("alpha", "beta"):
            admin(clusters, cluster, "create", "configmap", "settings", "-n", ns)
        settings = ref(BETA, "ConfigMap", "settings", ns)

        allowed = post(app, "/api/v1/actions/can-i", {"ref": settings, "actions": ["delete"]})
        assert allowed.status_code == 200, allowed.text
        assert allowed.json()["actions"][0]["allowed"] is True

        deleted = post(app, "/api/v1/actions/delete", {"ref": settings})

        assert deleted.status_code == 200, deleted.text
        assert deleted.json()["clusterId"] == BETA
        assert not exists(clusters, "beta", "configmap", "settings", "-n", ns)
        assert exists(clusters, "alpha", "configmap", "settings", "-n", ns)

    inactive = post(
        app,
        "/api/v1/actions/scale",
        {"ref": ref(GAMMA, "Deployment", "web", "shop", group="apps"), "params": {"replicas": 0}},
    )
    assert inactive.status_code == 409, inactive.text
    assert inactive.json()["error"]["code"] == "cluster_not_active"
    no_token = httpx.post(f"{app.base}/api/v1/actions/delete", json={"ref": settings})
    assert no_token.status_code == 401

    selection = post(app, "/api/v1/bridge/get_selection", {"args": []})
    assert selection.json() == {"selectedClusterIds": [ALPHA, BETA]}
