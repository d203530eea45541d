"""Shared pieces of the stream integration tests (no tests here).

`stream_backend` runs the real backend pieces in the test's loop — cluster service on the
harness's kubeconfigs, one catalog per selected cluster, snapshot service, stream hub — behind a
real uvicorn on 127.0.0.1:0, so disconnects and shutdown are those of a real HTTP server.
`SseReader` reads a response the way a browser's EventSource does.
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette

from backend.clusters.discovery import ClusterSources
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.http.errors import regatta_error_handler
from backend.http.stream_routes import stream_routes
from backend.kube.cluster import cluster_api
from backend.kube.probe import probe
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.fanout import FanOut
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.snapshots.service import SnapshotService
from backend.refresh.streams.budget import SourceLimits
from backend.refresh.streams.hub import StreamHub
from backend.refresh.streams.logs import FollowTiming
from backend.settings import SettingsStore
from tests.clusters import ClusterEnv

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
CLUSTER_NAMES = {ALPHA: "alpha", BETA: "beta", GAMMA: GAMMA.split(":", 1)[1]}
"""clusterName is the context name (gamma's is an EKS-style ARN)."""

EVENT_S = 60.0
"""Deadline for something a stream must deliver (a bound on a loaded 2-core machine, not a wait)."""

TEST_TIMING = FollowTiming(
    open_timeout_s=4.0,
    idle_check_s=1.0,
    probe_timeout_s=3.0,
    reconnect_initial_s=0.2,
    reconnect_max_s=1.0,
    resolve_timeout_s=4.0,
)
"""Shorter than the product's, so a frozen cluster is noticed within seconds."""


class CatalogsFollowPool:
    """One catalog per selected cluster, as the app wires them."""

    def __init__(self, catalogs: CatalogRegistry) -> None:
        self.catalogs = catalogs

    async def on_added(self, cluster: ClusterHandle) -> None:
        await self.catalogs.add(
            cluster.cluster_id, cluster.cluster_name, cluster_api(cluster), cluster.namespace
        )

    async def on_removed(self, cluster_id: str) -> None:
        await self.catalogs.remove(cluster_id)


@dataclass
class Sse:
    event: str
    id: int | None
    data: Any


@dataclass
class SseReader:
    """Events of one SSE response, parsed by the HTML standard's rules (comments counted)."""

    response: httpx.Response
    events: list[Sse] = field(default_factory=list)
    comments: int = 0
    retry_ms: int | None = None

    def __post_init__(self) -> None:
        self._lines = self.response.aiter_lines()

    async def next(self, within: float = EVENT_S) -> Sse:
        return await asyncio.wait_for(self._next(), within)

    async def _next(self) -> Sse:
        fields: dict[str, str] = {}
        data: list[str] = []
        async for line in self._lines:
            if line == "":
                if data:
                    event = Sse(
                        fields.get("event", "message"),
                        int(fields["id"]) if "id" in fields else None,
                        json.loads("\n".join(data)),
                    )
                    self.events.append(event)
                    return event
                fields = {}
                continue
            if line.startswith(":"):
                self.comments += 1
                continue
            name, _, value = line.partition(":")
            value = value.removeprefix(" ")
            if name == "data":
                data.append(value)
            elif name == "retry":
                self.retry_ms = int(value)
            else:
                fields[name] = value
        raise EOFError("the stream ended")

    async def until(self, done: Callable[[list[Sse]], bool], within: float = EVENT_S) -> list[Sse]:
        """Read until `done(all events so far)` holds; the events."""
        deadline = time.monotonic() + within
        while not done(self.events):
            try:
                await self.next(max(deadline - time.monotonic(), 0.01))
            except TimeoutError:
                raise TimeoutError(
                    f"the condition did not hold within {within:g} s; statuses and notices "
                    f"so far: {[e.data for e in self.events if e.event not in ('log', 'event')]}"
                ) from None
        return self.events

    def of(self, event: str) -> list[Any]:
        return [e.data for e in self.events if e.event == event]

    @property
    def last_id(self) -> int | None:
        ids = [e.id for e in self.events if e.id is not None]
        return ids[-1] if ids else None


@dataclass
class StreamBackend:
    clusters: ClusterService
    catalogs: CatalogRegistry
    hub: StreamHub
    lifecycle: ServerLifecycle
    server: uvicorn.Server
    server_task: asyncio.Task[None]
    http: httpx.AsyncClient

    @asynccontextmanager
    async def stream(
        self,
        path: str,
        scopes: Sequence[str] = (),
        last_event_id: int | str | None = None,
        **params: str,
    ) -> AsyncIterator[SseReader]:
        """Open `/api/v1/streams/<path>`; leaving the block closes the connection (a disconnect)."""
        query = httpx.QueryParams({"scope": list(scopes), **params})
        headers = {"Last-Event-ID": str(last_event_id)} if last_event_id is not None else {}
        request = self.http.build_request(
            "GET", f"/api/v1/streams/{path}", params=query, headers=headers
        )
        response = await self.http.send(request, stream=True)
        try:
            if response.status_code != 200:
                body = await response.aread()
                raise RegattaError(response.status_code, "http", body.decode())
            assert response.headers["content-type"].startswith("text/event-stream")
            yield SseReader(response)
        finally:
            await response.aclose()

    async def get_error(self, path: str, scopes: Sequence[str] = (), **params: str) -> Any:
        """The JSON error answer of a stream request that must fail."""
        query = httpx.QueryParams({"scope": list(scopes), **params})
        response = await self.http.get(f"/api/v1/streams/{path}", params=query)
        assert response.status_code != 200
        return response.status_code, response.json()


@asynccontextmanager
async def stream_backend(
    env: ClusterEnv,
    tmp: Path,
    selected: Sequence[str] = (ALPHA, BETA, GAMMA),
    limits: SourceLimits | None = None,
    retention_s: float = 30.0,
    coalesce_s: float = 0.25,
) -> AsyncIterator[StreamBackend]:
    clusters = ClusterService(
        ClusterSources(home=tmp / "home", extra_dirs=(env.kubeconfig_dir,)),
        SettingsStore(tmp / "config"),
        probe,
        probe_interval_s=3600,
        probe_timeout_s=2.0,
        poll_interval_s=3600,
    )
    catalogs = CatalogRegistry()
    await clusters.pool.subscribe(CatalogsFollowPool(catalogs))
    await clusters.start()
    await clusters.set_selection(list(selected))
    lifecycle = ServerLifecycle()
    snapshots = SnapshotService(clusters, catalogs, FanOut(8))
    hub = StreamHub(
        clusters,
        catalogs,
        lifecycle,
        limits=limits,
        timing=TEST_TIMING,
        retention_s=retention_s,
        coalesce_s=coalesce_s,
    )
    await hub.start()
    app = Starlette(
        routes=stream_routes(clusters, catalogs, snapshots, lifecycle, hub=hub),
        exception_handlers={RegattaError: regatta_error_handler},
    )
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server_task = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
    while not server.started:
        assert not server_task.done(), "the server stopped before it started"
        await asyncio.sleep(0.01)
    http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=httpx.Timeout(30.0))
    backend = StreamBackend(clusters, catalogs, hub, lifecycle, server, server_task, http)
    try:
        yield backend
    finally:
        await http.aclose()
        lifecycle.begin_shutdown()
        server.should_exit = True
        await asyncio.wait_for(server_task, 10)
        await hub.close()
        await clusters.stop()
        await catalogs.close()
        sock.close()


def apiserver_metric(env: ClusterEnv, cluster: str, name: str, **labels: str) -> float:
    """The sum of a metric's samples whose labels include `labels` (the harness's admin)."""
    api = env.admin_api(cluster)
    request = urllib.request.Request(api.server + "/metrics")
    request.add_header("Authorization", f"Bearer {api.token}")
    context = ssl.create_default_context(cafile=api.ca_file)
    with urllib.request.urlopen(request, context=context, timeout=10) as answer:
        text = answer.read().decode()
    total = 0.0
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        head, _, value = line.rpartition(" ")
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            total += float(value)
    return total


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:6]}"


async def eventually(predicate: Callable[[], bool], within: float = EVENT_S) -> None:
    """Poll `predicate` until it holds (for states that nothing announces)."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"condition not met within {within} s")
        await asyncio.sleep(0.1)
