"""Shared pieces of the object-action tests (no tests here).

The action routes are mounted in a small Starlette app with the server's error mapping and
called through httpx's ASGI transport, on a real `ClusterService` over the harness's dev.yaml and
prod.yaml. Every check of what changed is made with the harness's own admin kubectl, on each
cluster by name, so the tests do not trust the code under test to report its own effects.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.exceptions import HTTPException

from backend.clusters.discovery import ClusterSources
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.http.action_routes import action_routes
from backend.http.errors import http_error_handler, regatta_error_handler
from backend.kube.probe import probe
from backend.settings import SettingsStore
from tests.clusters import ClusterEnv

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
VIEWER = "dev.yaml:beta-viewer"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"

CHANGE_S = 60.0
"""Deadline for a cluster's controllers (or kwok) to show the effect of an action."""


class ActionsClient:
    """The HTTP side of the action routes, plus the service behind them."""

    def __init__(self, http: httpx.AsyncClient, service: ClusterService) -> None:
        self.http = http
        self.service = service

    async def act(
        self, action: str, ref: dict[str, Any], params: dict[str, Any] | None = None
    ) -> httpx.Response:
        body: dict[str, Any] = {"ref": ref}
        if params is not None:
            body["params"] = params
        return await self.http.post(f"/api/v1/actions/{action}", json=body)

    async def can_i(self, ref: dict[str, Any], actions: list[str] | None = None) -> httpx.Response:
        body: dict[str, Any] = {"ref": ref}
        if actions is not None:
            body["actions"] = actions
        return await self.http.post("/api/v1/actions/can-i", json=body)


@asynccontextmanager
async def actions_client(clusters: ClusterEnv, tmp_path: Path) -> AsyncIterator[ActionsClient]:
    """alpha, beta and beta-viewer selected; gamma known but not selected."""
    service = ClusterService(
        ClusterSources(
            home=tmp_path / "home",
            explicit_files=(
                clusters.kubeconfig_dir / "dev.yaml",
                clusters.kubeconfig_dir / "prod.yaml",
            ),
        ),
        SettingsStore(tmp_path / "config"),
        probe,
        probe_interval_s=3600,
        poll_interval_s=3600,
    )
    await service.start()
    await service.set_selection([ALPHA, BETA, VIEWER])
    app = Starlette(
        routes=action_routes(service),
        exception_handlers={
            RegattaError: regatta_error_handler,
            HTTPException: http_error_handler,
        },
    )
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://regatta") as http:
            yield ActionsClient(http, service)
    finally:
        await service.stop()


def ref(
    cluster_id: str,
    kind: str,
    name: str,
    namespace: str = "",
    group: str = "",
    version: str = "v1",
    uid: str | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "clusterId": cluster_id,
        "group": group,
        "version": version,
        "kind": kind,
        "namespace": namespace,
        "name": name,
    }
    if uid is not None:
        body["uid"] = uid
    return body


def admin(
    env: ClusterEnv, cluster: str, *args: str, input: str | None = None, check: bool = True
) -> str:
    return env.admin_kubectl(cluster, *args, input=input, check=check).stdout


def admin_json(env: ClusterEnv, cluster: str, *args: str) -> Any:
    return json.loads(admin(env, cluster, *args, "-o", "json"))


def exists(env: ClusterEnv, cluster: str, *args: str) -> bool:
    done = env.admin_kubectl(cluster, "get", *args, "--ignore-not-found", "-o", "name")
    return bool(done.stdout.strip())


async def until(
    predicate: Callable[[], bool], within: float = CHANGE_S, what: str = "condition"
) -> None:
    """Poll `predicate` (kubectl in a thread) until it holds; fail after `within` seconds."""
    deadline = time.monotonic() + within
    while not await asyncio.to_thread(predicate):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {within:g}s")
        await asyncio.sleep(0.2)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


@contextmanager
def namespace_in(env: ClusterEnv, name: str, clusters: tuple[str, ...]) -> Iterator[str]:
    """A namespace of the test's own on each cluster, removed afterwards."""
    for cluster in clusters:
        env.create_namespace(cluster, name)
    try:
        yield name
    finally:
        for cluster in clusters:
            admin(env, cluster, "delete", "namespace", name, "--wait=false", "--ignore-not-found")


def deployment_yaml(namespace: str, name: str, replicas: int, **pod_spec: Any) -> str:
    spec: dict[str, Any] = {
        "containers": [{"name": "app", "image": "example/app:1"}],
        "terminationGracePeriodSeconds": 0,
        **pod_spec,
    }
    return json.dumps(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {
                "replicas": replicas,
                "selector": {"matchLabels": {"app": name}},
                "template": {"metadata": {"labels": {"app": name}}, "spec": spec},
            },
        }
    )
