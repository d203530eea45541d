"""Selection on the real clusters: it survives a restart, `staging` cannot be active twice, and a
kubeconfig file that disappears takes its selected context (and client) with it."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from kubernetes_asyncio.client import CoreV1Api

from backend.clusters.discovery import ClusterSources
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.kube.probe import probe
from backend.settings import SettingsStore
from tests.clusters import ClusterEnv

pytestmark = pytest.mark.clusters

GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SENTENCE = "`staging` is already active. Duplicate context names are not allowed."


class Removals:
    """A pool listener that says when a cluster's client was removed."""

    def __init__(self) -> None:
        self.removed: dict[str, asyncio.Event] = {}

    def of(self, cluster_id: str) -> asyncio.Event:
        return self.removed.setdefault(cluster_id, asyncio.Event())

    async def on_added(self, cluster: ClusterHandle) -> None:
        pass

    async def on_removed(self, cluster_id: str) -> None:
        self.of(cluster_id).set()


def make_service(kubeconfig_dir: Path, config_dir: Path, home: Path) -> ClusterService:
    return ClusterService(
        ClusterSources(home=home, extra_dirs=(kubeconfig_dir,)),
        SettingsStore(config_dir),
        probe,
        probe_interval_s=3600,
        poll_interval_s=0.05,
    )


async def cluster_marker(handle: ClusterHandle) -> str:
    config_map = await CoreV1Api(handle.api_client).read_namespaced_config_map(
        "settings", "shop", _request_timeout=10
    )
    assert config_map.data is not None
    return config_map.data["CLUSTER"]


@pytest.mark.asyncio
async def test_the_selection_survives_a_restart_and_reaches_the_same_clusters(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    chosen = ["prod.yaml:staging", "dev.yaml:beta-viewer", "dev.yaml:alpha"]
    first = make_service(clusters.kubeconfig_dir, tmp_path / "config", tmp_path / "home")
    await first.start()
    try:
        await first.set_selection(chosen)
    finally:
        await first.stop()
    second = make_service(clusters.kubeconfig_dir, tmp_path / "config", tmp_path / "home")
    await second.start()
    try:
        assert (await second.bridge.call("get_selection", [])).wire() == {
            "selectedClusterIds": chosen
        }
        markers = [await cluster_marker(second.handle(i)) for i in chosen]
        assert markers == ["gamma", "beta", "alpha"]
        for cluster_id in chosen:
            result = await second.health.check(cluster_id)
            assert result is not None and result.status == "ready"
    finally:
        await second.stop()


@pytest.mark.asyncio
async def test_staging_from_both_files_cannot_be_active_at_once(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    service = make_service(clusters.kubeconfig_dir, tmp_path / "config", tmp_path / "home")
    await service.start()
    try:
        with pytest.raises(RegattaError) as caught:
            await service.set_selection(["dev.yaml:staging", "prod.yaml:staging"])
        assert (caught.value.status, caught.value.code, caught.value.message) == (
            409,
            "duplicate_context",
            SENTENCE,
        )
        assert service.pool.cluster_ids() == []
        await service.set_selection(["prod.yaml:staging", GAMMA])
        assert await cluster_marker(service.handle("prod.yaml:staging")) == "gamma"
        listing = {c.cluster_id: c for c in (await service.list_kubeconfigs()).contexts}
        assert listing["dev.yaml:staging"].disabled
        assert listing["dev.yaml:staging"].disabled_reason == SENTENCE
        assert listing["dev.yaml:staging"].server == clusters.cluster("beta").server
    finally:
        await service.stop()


@pytest.mark.asyncio
async def test_a_kubeconfig_that_disappears_deselects_its_contexts_and_closes_their_clients(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    copied = tmp_path / "kube"
    copied.mkdir()
    for name in ("dev.yaml", "prod.yaml"):
        shutil.copy(clusters.kubeconfig_dir / name, copied / name)
    service = make_service(copied, tmp_path / "config", tmp_path / "home")
    await service.start()
    try:
        await service.set_selection(["dev.yaml:alpha", GAMMA])
        gamma = service.handle(GAMMA)
        assert await cluster_marker(gamma) == "gamma"
        removals = Removals()
        await service.pool.subscribe(removals)
        (copied / "prod.yaml").unlink()
        await removals.of(GAMMA).wait()
        await service.rescan()  # takes the lock: the watcher's own pass has finished
        assert service.selected_cluster_ids == ["dev.yaml:alpha"]
        assert gamma.api_client.rest_client.pool_manager.closed
        notice = service.diagnostics().notices[-1]
        assert notice.code == "cluster_deselected"
        assert notice.message == (
            f"`{GAMMA}` was deselected: its kubeconfig file {copied / 'prod.yaml'} is gone."
        )
        assert await cluster_marker(service.handle("dev.yaml:alpha")) == "alpha"
    finally:
        await service.stop()
