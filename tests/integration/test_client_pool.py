"""The client pool and cluster health against the real local clusters (alpha, beta, gamma).

Every client here talks to a real kube-apiserver of the harness; faults are real too (a frozen
or stopped apiserver, a port nobody listens on).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import yaml
from kubernetes_asyncio.client import CoreV1Api

from backend.clusters.discovery import ClusterSources
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.kube.cluster import cluster_api
from backend.kube.errors import ApiError, describe_failure
from backend.kube.probe import probe
from backend.settings import SettingsStore
from tests.clusters import ClusterEnv

pytestmark = pytest.mark.clusters

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
VIEWER = "dev.yaml:beta-viewer"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"


def load_yaml(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text())
    assert isinstance(document, dict)
    return document


def one_context_kubeconfig(
    source: Path,
    context: str,
    *,
    cluster: dict[str, Any] | None = None,
    user: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of `context` from `source` as a file of its own, with cluster/user fields replaced."""
    document = load_yaml(source)
    item = next(c for c in document["contexts"] if c["name"] == context)
    cluster_item = copy.deepcopy(
        next(c for c in document["clusters"] if c["name"] == item["context"]["cluster"])
    )
    user_item = copy.deepcopy(
        next(u for u in document["users"] if u["name"] == item["context"]["user"])
    )
    if cluster is not None:  # a None value removes the field
        merged = {**cluster_item["cluster"], **cluster}
        cluster_item["cluster"] = {k: v for k, v in merged.items() if v is not None}
    if user is not None:
        user_item["user"] = user
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [cluster_item],
        "users": [user_item],
        "contexts": [item],
        "current-context": context,
    }


def write_yaml(path: Path, document: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document))
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def cluster_marker(handle: ClusterHandle, namespace: str = "shop") -> str:
    """The seeded ConfigMap `settings` says which cluster answered (`CLUSTER=<name>`)."""
    config_map = await CoreV1Api(handle.api_client).read_namespaced_config_map(
        "settings", namespace, _request_timeout=10
    )
    assert config_map.data is not None
    return config_map.data["CLUSTER"]


@pytest.fixture
def extra_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "extra"
    folder.mkdir()
    return folder


@pytest_asyncio.fixture
async def service(
    clusters: ClusterEnv, tmp_path: Path, extra_dir: Path
) -> AsyncIterator[ClusterService]:
    """A cluster service over the harness's dev.yaml and prod.yaml, plus `extra_dir`."""
    running = ClusterService(
        ClusterSources(
            home=tmp_path / "home",
            explicit_files=(
                clusters.kubeconfig_dir / "dev.yaml",
                clusters.kubeconfig_dir / "prod.yaml",
            ),
            extra_dirs=(extra_dir,),
        ),
        SettingsStore(tmp_path / "config"),
        probe,
        probe_interval_s=3600,
        poll_interval_s=3600,
        probe_timeout_s=2.0,
    )
    await running.start()
    yield running
    await running.stop()


def background_task_names() -> set[str]:
    current = asyncio.current_task()
    return {t.get_name() for t in asyncio.all_tasks() if t is not current and not t.done()}


@pytest.mark.asyncio
async def test_three_selected_contexts_get_three_clients_each_reaching_its_own_cluster(
    clusters: ClusterEnv, service: ClusterService
) -> None:
    await service.set_selection([ALPHA, BETA, GAMMA])
    expected = {ALPHA: "alpha", BETA: "beta", GAMMA: "gamma"}
    for cluster_id, name in expected.items():
        handle = service.handle(cluster_id)
        assert handle.server == clusters.cluster(name).server
        assert await cluster_marker(handle) == name
        namespaces = await CoreV1Api(handle.api_client).list_namespace(_request_timeout=10)
        assert {"shop", "team-a", "team-b"} <= {n.metadata.name for n in namespaces.items}
        result = await service.health.check(cluster_id)
        assert result is not None
        assert (result.status, result.message) == ("ready", None)
        assert result.version is not None and result.version.startswith("v1.")
    handles = [service.handle(i).api_client for i in expected]
    assert len({id(h) for h in handles}) == 3
    assert len({id(h.configuration) for h in handles}) == 3


@pytest.mark.asyncio
async def test_deselecting_closes_the_client_and_leaves_no_task_behind(
    service: ClusterService,
) -> None:
    before = background_task_names()
    await service.set_selection([ALPHA, BETA])
    alpha = service.handle(ALPHA)
    assert (await service.health.check(ALPHA)) is not None
    await cluster_marker(alpha)  # a pooled connection now exists
    session = alpha.api_client.rest_client.pool_manager
    assert not session.closed
    await service.set_selection([BETA])
    assert session.closed
    assert session.connector is None or session.connector.closed
    assert service.pool.find(ALPHA) is None
    assert not any(ALPHA in name for name in background_task_names())
    await service.set_selection([])
    assert background_task_names() == before


@pytest.mark.asyncio
async def test_a_dead_port_is_unreachable_while_the_others_stay_ready(
    clusters: ClusterEnv, service: ClusterService, extra_dir: Path
) -> None:
    port = free_port()
    write_yaml(
        extra_dir / "dead.yaml",
        one_context_kubeconfig(
            clusters.kubeconfig_dir / "dev.yaml",
            "beta",
            cluster={"server": f"https://127.0.0.1:{port}"},
        )
        | {"contexts": [{"name": "dead", "context": {"cluster": "beta", "user": "beta-admin"}}]},
    )
    await service.rescan()
    await service.set_selection([ALPHA, "dead.yaml:dead", GAMMA])
    alpha, dead, gamma = await asyncio.gather(
        service.health.check(ALPHA),
        service.health.check("dead.yaml:dead"),
        service.health.check(GAMMA),
    )
    assert alpha is not None and gamma is not None and dead is not None
    assert (alpha.status, gamma.status) == ("ready", "ready")
    assert dead.status == "unreachable"
    assert dead.message == (
        f"Cannot connect to the API server https://127.0.0.1:{port}: connection refused."
    )
    statuses = {c.cluster_id: c.status for c in service.diagnostics().clusters}
    assert statuses == {ALPHA: "ready", "dead.yaml:dead": "unreachable", GAMMA: "ready"}


@pytest.mark.asyncio
async def test_a_frozen_apiserver_times_out_without_slowing_the_others(
    clusters: ClusterEnv, service: ClusterService
) -> None:
    await service.set_selection([ALPHA, BETA, GAMMA])
    await asyncio.gather(*(service.health.check(i) for i in (ALPHA, BETA, GAMMA)))
    with clusters.frozen("beta"):
        alpha, beta, gamma = await asyncio.gather(
            service.health.check(ALPHA), service.health.check(BETA), service.health.check(GAMMA)
        )
        assert alpha is not None and beta is not None and gamma is not None
        assert (alpha.status, beta.status, gamma.status) == ("ready", "timeout", "ready")
        server = clusters.cluster("beta").server
        assert beta.message == f"The API server {server} did not answer within 2 s."
    after = await service.health.check(BETA)
    assert after is not None and after.status == "ready"


@pytest.mark.asyncio
async def test_a_stopped_apiserver_is_unreachable_and_recovers(
    clusters: ClusterEnv, service: ClusterService
) -> None:
    await service.set_selection([ALPHA, GAMMA])
    before = await asyncio.gather(service.health.check(GAMMA), service.health.check(ALPHA))
    assert [r.status if r else None for r in before] == ["ready", "ready"]
    with clusters.apiserver_stopped("gamma"):  # blocks the loop while it stops: probe afterwards
        gamma, alpha = await asyncio.gather(
            service.health.check(GAMMA), service.health.check(ALPHA)
        )
        assert gamma is not None and alpha is not None
        assert gamma.status == "unreachable"
        assert clusters.cluster("gamma").server in (gamma.message or "")
        assert alpha.status == "ready"
    recovered = await service.health.check(GAMMA)
    assert recovered is not None and recovered.status == "ready"


@pytest.mark.asyncio
async def test_the_restricted_viewer_context_is_usable(service: ClusterService) -> None:
    await service.set_selection([VIEWER])
    handle = service.handle(VIEWER)
    assert (handle.cluster_name, handle.namespace) == ("beta-viewer", "shop")
    result = await service.health.check(VIEWER)
    assert result is not None and result.status == "ready"
    core = CoreV1Api(handle.api_client)
    pods = await core.list_namespaced_pod(handle.namespace, _request_timeout=10)
    assert pods.items
    assert await cluster_marker(handle) == "beta"
    with pytest.raises(ApiError) as refused:
        await cluster_api(handle).transport.get("/api/v1/namespaces")
    diagnosis = describe_failure(refused.value, handle.server, path="/api/v1/namespaces")
    assert diagnosis.status == "forbidden"
    assert "beta-viewer" in diagnosis.message and "403 Forbidden" in diagnosis.message


@pytest.mark.asyncio
async def test_wrong_credentials_are_auth_failed(
    clusters: ClusterEnv, service: ClusterService, extra_dir: Path
) -> None:
    write_yaml(
        extra_dir / "stale.yaml",
        one_context_kubeconfig(
            clusters.kubeconfig_dir / "dev.yaml", "beta", user={"token": "not-a-valid-token"}
        ),
    )
    await service.rescan()
    await service.set_selection(["stale.yaml:beta"])
    result = await service.health.check("stale.yaml:beta")
    assert result is not None and result.status == "auth_failed"
    assert result.message is not None and "401 Unauthorized" in result.message


@pytest.mark.asyncio
async def test_insecure_skip_tls_verify_and_a_ca_file_are_honoured(
    clusters: ClusterEnv, service: ClusterService, extra_dir: Path
) -> None:
    dev = clusters.kubeconfig_dir / "dev.yaml"
    insecure = one_context_kubeconfig(
        dev, "beta", cluster={"insecure-skip-tls-verify": True, "certificate-authority-data": None}
    )
    ca_pem = base64.b64decode(
        next(c for c in load_yaml(dev)["clusters"] if c["name"] == "beta")["cluster"][
            "certificate-authority-data"
        ]
    )
    (extra_dir / "pki").mkdir()
    (extra_dir / "pki/ca.crt").write_bytes(ca_pem)
    by_file = one_context_kubeconfig(
        clusters.kubeconfig_dir / "prod.yaml",
        "staging",
        cluster={"certificate-authority": "pki/ca.crt", "certificate-authority-data": None},
    )
    untrusted = one_context_kubeconfig(dev, "alpha", cluster={"certificate-authority-data": None})
    write_yaml(extra_dir / "insecure.yaml", insecure)
    write_yaml(extra_dir / "by-file.yaml", by_file)
    write_yaml(extra_dir / "untrusted.yaml", untrusted)
    await service.rescan()
    ids = ["insecure.yaml:beta", "by-file.yaml:staging", "untrusted.yaml:alpha"]
    await service.set_selection(ids)
    results = await asyncio.gather(*(service.health.check(i) for i in ids))
    assert [r.status if r else None for r in results] == ["ready", "ready", "error"]
    untrusted_result = results[2]
    assert untrusted_result is not None and untrusted_result.message is not None
    assert "TLS certificate" in untrusted_result.message
    assert await cluster_marker(service.handle("by-file.yaml:staging")) == "gamma"


@pytest.mark.asyncio
async def test_a_token_file_is_read_relative_to_the_kubeconfig(
    clusters: ClusterEnv, service: ClusterService, extra_dir: Path
) -> None:
    dev = clusters.kubeconfig_dir / "dev.yaml"
    token = next(u for u in load_yaml(dev)["users"] if u["name"] == "beta-admin")["user"]["token"]
    (extra_dir / "tokens").mkdir()
    (extra_dir / "tokens/beta").write_text(token + "\n")
    write_yaml(
        extra_dir / "by-token-file.yaml",
        one_context_kubeconfig(dev, "beta", user={"tokenFile": "tokens/beta"}),
    )
    await service.rescan()
    await service.set_selection(["by-token-file.yaml:beta"])
    handle = service.handle("by-token-file.yaml:beta")
    assert await cluster_marker(handle) == "beta"


class ConnectProxy:
    """A minimal HTTP CONNECT proxy on 127.0.0.1 that records where it tunnelled to."""

    def __init__(self) -> None:
        self.targets: list[str] = []
        self._server: asyncio.Server | None = None

    async def start(self) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port: int = self._server.sockets[0].getsockname()[1]
        return port

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await reader.readuntil(b"\r\n\r\n")
        method, target, _ = request.split(b"\r\n", 1)[0].decode().split(" ", 2)
        if method != "CONNECT":
            writer.close()
            return
        self.targets.append(target)
        host, port = target.rsplit(":", 1)
        up_reader, up_writer = await asyncio.open_connection(host, int(port))
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()

        async def pump(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            with contextlib.suppress(ConnectionError):
                while chunk := await src.read(65536):
                    dst.write(chunk)
                    await dst.drain()
            dst.close()

        await asyncio.gather(pump(reader, up_writer), pump(up_reader, writer))


@pytest.mark.asyncio
async def test_proxy_url_sends_the_connection_through_the_proxy(
    clusters: ClusterEnv, service: ClusterService, extra_dir: Path
) -> None:
    proxy = ConnectProxy()
    port = await proxy.start()
    try:
        write_yaml(
            extra_dir / "proxied.yaml",
            one_context_kubeconfig(
                clusters.kubeconfig_dir / "prod.yaml",
                "staging",
                cluster={"proxy-url": f"http://127.0.0.1:{port}"},
            ),
        )
        await service.rescan()
        await service.set_selection(["proxied.yaml:staging"])
        assert await cluster_marker(service.handle("proxied.yaml:staging")) == "gamma"
        server = clusters.cluster("gamma").server.removeprefix("https://")
        assert server in proxy.targets
        await service.set_selection([])
    finally:
        await proxy.stop()


def proxy_environment(monkeypatch: pytest.MonkeyPatch, proxy: str, no_proxy: str) -> None:
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    monkeypatch.setenv("NO_PROXY", no_proxy)


@pytest.mark.asyncio
async def test_https_proxy_of_the_environment_carries_the_cluster_connection(
    clusters: ClusterEnv, service: ClusterService, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = ConnectProxy()
    port = await proxy.start()
    try:
        proxy_environment(monkeypatch, f"http://127.0.0.1:{port}", "")
        await service.set_selection([ALPHA])
        assert await cluster_marker(service.handle(ALPHA)) == "alpha"
        assert clusters.cluster("alpha").server.removeprefix("https://") in proxy.targets
        await service.set_selection([])
    finally:
        await proxy.stop()


@pytest.mark.asyncio
async def test_no_proxy_naming_the_server_keeps_the_connection_direct(
    service: ClusterService, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = ConnectProxy()
    port = await proxy.start()
    try:
        proxy_environment(monkeypatch, f"http://127.0.0.1:{port}", "localhost,127.0.0.1")
        await service.set_selection([ALPHA])
        assert await cluster_marker(service.handle(ALPHA)) == "alpha"
        assert proxy.targets == []
        await service.set_selection([])
    finally:
        await proxy.stop()


@pytest.mark.asyncio
async def test_the_proxy_environment_is_read_once_per_client_not_per_request(
    service: ClusterService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading it per request cost two thread hops and ~1.3 ms CPU each (#20): a client keeps the
    proxy (here: none) the environment named when it was built."""
    proxy = ConnectProxy()
    port = await proxy.start()
    try:
        proxy_environment(monkeypatch, f"http://127.0.0.1:{port}", "localhost,127.0.0.1")
        await service.set_selection([ALPHA])
        handle = service.handle(ALPHA)
        assert await cluster_marker(handle) == "alpha"
        proxy_environment(monkeypatch, f"http://127.0.0.1:{port}", "")
        assert await cluster_marker(handle) == "alpha"
        assert proxy.targets == []
        await service.set_selection([])
    finally:
        await proxy.stop()
