"""The cluster service and its bridge on temp kubeconfigs whose servers nobody listens on.

Nothing here talks to Kubernetes: the clusters' servers are a closed local port, and what is
checked is selection, persistence, file watching and the bridge's contract (§5).
"""

from __future__ import annotations

import asyncio
import glob
import json
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import yaml

from backend.bridge import Bridge
from backend.clusters.discovery import ClusterSources
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.kube.probe import probe
from backend.settings import SettingsStore

DEAD_SERVER = "https://127.0.0.1:1"
SENTENCE = "`staging` is already active. Duplicate context names are not allowed."


def kubeconfig(*contexts: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": {"server": DEAD_SERVER}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": n, "context": {"cluster": "c", "user": "u"}} for n in contexts],
    }


def write(path: Path, document: dict[str, Any] | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document if isinstance(document, str) else yaml.safe_dump(document))
    return path


NO_USER = "Context `nobody` names no user: Regatta needs credentials to connect."


def _without_user(context: str) -> dict[str, Any]:
    """A kubeconfig whose one context names a cluster but no user."""
    document = kubeconfig(context)
    del document["contexts"][0]["context"]["user"]
    return document


class Recorder:
    """A pool listener that writes down what it was told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []
        self.handles: dict[str, ClusterHandle] = {}
        self._told = asyncio.Condition()

    async def on_added(self, cluster: ClusterHandle) -> None:
        self.handles[cluster.cluster_id] = cluster
        await self._tell(("added", cluster.cluster_id))

    async def on_removed(self, cluster_id: str) -> None:
        await self._tell(("removed", cluster_id))

    async def _tell(self, event: tuple[str, str]) -> None:
        async with self._told:
            self.events.append(event)
            self._told.notify_all()

    async def until(self, event: tuple[str, str], times: int = 1) -> None:
        """Until the pool has told `event` `times` times."""
        async with self._told:
            await self._told.wait_for(lambda: self.events.count(event) >= times)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write(tmp_path / "home/.kube/dev.yaml", kubeconfig("alpha", "beta", "staging"))
    write(tmp_path / "home/.kube/prod.yaml", kubeconfig("gamma", "staging"))
    return tmp_path / "home"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    return tmp_path / "config"


def make_service(home: Path, config_dir: Path, **kwargs: Any) -> ClusterService:
    return ClusterService(
        ClusterSources(home=home),
        SettingsStore(config_dir),
        probe,
        probe_interval_s=3600,
        poll_interval_s=kwargs.pop("poll_interval_s", 3600),
        **kwargs,
    )


@pytest_asyncio.fixture
async def service(home: Path, config_dir: Path) -> AsyncIterator[ClusterService]:
    started = make_service(home, config_dir, poll_interval_s=0.01)
    await started.start()
    yield started
    await started.stop()


def read(path: str | Path) -> str:
    return Path(path).read_text()


def settings_json(config_dir: Path) -> Any:
    return json.loads((config_dir / "settings.json").read_text())


class TestBridgeContract:
    @pytest.mark.asyncio
    async def test_list_kubeconfigs_has_the_contracts_fields(self, service: ClusterService) -> None:
        listing: dict[str, Any] = (await service.bridge.call("list_kubeconfigs", [])).wire()
        assert set(listing) == {"sources", "contexts"}
        assert {tuple(sorted(s)) for s in listing["sources"]} == {("error", "file", "line", "path")}
        first = listing["contexts"][0]
        assert set(first) == {
            "clusterId",
            "clusterName",
            "file",
            "path",
            "context",
            "server",
            "user",
            "namespace",
            "selected",
            "disabled",
            "disabledReason",
        }
        assert [c["clusterId"] for c in listing["contexts"]] == [
            "dev.yaml:alpha",
            "dev.yaml:beta",
            "dev.yaml:staging",
            "prod.yaml:gamma",
            "prod.yaml:staging",
        ]

    @pytest.mark.asyncio
    async def test_set_selection_persists_orders_and_marks_duplicates_disabled(
        self, service: ClusterService, config_dir: Path
    ) -> None:
        chosen = ["prod.yaml:staging", "dev.yaml:alpha"]
        answer = await service.bridge.call("set_selection", [chosen])
        assert answer.wire() == {"selectedClusterIds": chosen}
        assert (await service.bridge.call("get_selection", [])).wire() == {
            "selectedClusterIds": chosen
        }
        assert settings_json(config_dir) == {"version": 2, "selectedClusterIds": chosen}
        contexts = {c.cluster_id: c for c in (await service.list_kubeconfigs()).contexts}
        assert contexts["prod.yaml:staging"].selected and not contexts["prod.yaml:staging"].disabled
        assert contexts["dev.yaml:staging"].disabled
        assert contexts["dev.yaml:staging"].disabled_reason == SENTENCE
        assert not contexts["dev.yaml:beta"].disabled
        assert sorted(service.pool.cluster_ids()) == sorted(chosen)

    @pytest.mark.asyncio
    async def test_a_duplicate_context_changes_nothing(
        self, service: ClusterService, config_dir: Path
    ) -> None:
        await service.set_selection(["dev.yaml:alpha"])
        before = (config_dir / "settings.json").read_bytes()
        with pytest.raises(RegattaError) as caught:
            await service.bridge.call("set_selection", [["dev.yaml:staging", "prod.yaml:staging"]])
        assert (caught.value.status, caught.value.code, caught.value.message) == (
            409,
            "duplicate_context",
            SENTENCE,
        )
        assert service.selected_cluster_ids == ["dev.yaml:alpha"]
        assert service.pool.cluster_ids() == ["dev.yaml:alpha"]
        assert (config_dir / "settings.json").read_bytes() == before

    @pytest.mark.asyncio
    async def test_an_unknown_cluster_changes_nothing(
        self, service: ClusterService, config_dir: Path
    ) -> None:
        await service.set_selection(["dev.yaml:beta"])
        with pytest.raises(RegattaError) as caught:
            await service.bridge.call("set_selection", [["dev.yaml:alpha", "dev.yaml:omega"]])
        assert (caught.value.status, caught.value.code) == (404, "unknown_cluster")
        assert service.selected_cluster_ids == ["dev.yaml:beta"]
        assert service.pool.cluster_ids() == ["dev.yaml:beta"]
        assert settings_json(config_dir)["selectedClusterIds"] == ["dev.yaml:beta"]

    @pytest.mark.asyncio
    async def test_a_context_without_a_user_is_listed_disabled_and_selecting_it_is_a_409(
        self, service: ClusterService, home: Path, config_dir: Path
    ) -> None:
        write(home / ".kube/anonymous.yaml", _without_user("nobody"))
        await service.set_selection(["dev.yaml:alpha"])
        before = (config_dir / "settings.json").read_bytes()
        listing = await service.list_kubeconfigs()
        (nobody,) = [c for c in listing.contexts if c.cluster_name == "nobody"]
        assert (nobody.disabled, nobody.disabled_reason) == (True, NO_USER)
        with pytest.raises(RegattaError) as caught:
            await service.bridge.call("set_selection", [["anonymous.yaml:nobody"]])
        assert (caught.value.status, caught.value.code) == (409, "context_disabled")
        assert caught.value.message == f"`anonymous.yaml:nobody` cannot be selected: {NO_USER}"
        assert service.selected_cluster_ids == ["dev.yaml:alpha"]
        assert service.pool.cluster_ids() == ["dev.yaml:alpha"]
        assert (config_dir / "settings.json").read_bytes() == before

    @pytest.mark.asyncio
    async def test_a_failed_settings_write_changes_nothing(
        self, service: ClusterService, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def crash(src: str, dst: str) -> None:
            raise OSError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", crash)
        with pytest.raises(RegattaError) as caught:
            await service.set_selection(["dev.yaml:alpha"])
        assert (caught.value.status, caught.value.code) == (500, "settings_write_failed")
        assert service.selected_cluster_ids == []
        assert service.pool.cluster_ids() == []

    @pytest.mark.asyncio
    @pytest.mark.parametrize(
        ("method", "args", "status", "code"),
        [
            ("delete_everything", [], 404, "unknown_method"),
            ("_lock", [], 404, "unknown_method"),
            ("list_kubeconfigs", ["extra"], 400, "bad_arguments"),
            ("get_selection", [1], 400, "bad_arguments"),
            ("set_selection", [], 400, "bad_arguments"),
            ("set_selection", ["dev.yaml:alpha"], 400, "bad_arguments"),
            ("set_selection", [["dev.yaml:alpha", 3]], 400, "bad_arguments"),
            ("set_selection", [["dev.yaml:alpha"], ["x"]], 400, "bad_arguments"),
        ],
    )
    async def test_call_checks_the_method_and_the_arguments(
        self, service: ClusterService, method: str, args: list[Any], status: int, code: str
    ) -> None:
        with pytest.raises(RegattaError) as caught:
            await service.bridge.call(method, args)
        assert (caught.value.status, caught.value.code) == (status, code)
        assert caught.value.context == {"method": method}
        assert service.selected_cluster_ids == []

    def test_the_bridge_lists_exactly_the_contracts_methods(self, service: ClusterService) -> None:
        assert isinstance(service.bridge, Bridge)
        assert service.bridge.methods == ["list_kubeconfigs", "get_selection", "set_selection"]


class TestPoolFollowsSelection:
    @pytest.mark.asyncio
    async def test_listeners_hear_of_added_and_removed_clusters_and_clients_close(
        self, service: ClusterService
    ) -> None:
        recorder = Recorder()
        await service.pool.subscribe(recorder)
        await service.set_selection(["dev.yaml:alpha", "prod.yaml:gamma"])
        await service.set_selection(["prod.yaml:gamma", "dev.yaml:beta"])
        assert recorder.events == [
            ("added", "dev.yaml:alpha"),
            ("added", "prod.yaml:gamma"),
            ("removed", "dev.yaml:alpha"),
            ("added", "dev.yaml:beta"),
        ]
        gone = recorder.handles["dev.yaml:alpha"].api_client
        assert gone.rest_client.pool_manager.closed
        kept = recorder.handles["prod.yaml:gamma"].api_client
        assert not kept.rest_client.pool_manager.closed
        handle = service.handle("prod.yaml:gamma")
        assert (handle.cluster_name, handle.server, handle.namespace) == (
            "gamma",
            DEAD_SERVER,
            "default",
        )

    @pytest.mark.asyncio
    async def test_a_late_listener_is_told_about_clusters_already_there(
        self, service: ClusterService
    ) -> None:
        await service.set_selection(["dev.yaml:alpha"])
        recorder = Recorder()
        unsubscribe = await service.pool.subscribe(recorder)
        assert recorder.events == [("added", "dev.yaml:alpha")]
        unsubscribe()
        await service.set_selection([])
        assert recorder.events == [("added", "dev.yaml:alpha")]

    @pytest.mark.asyncio
    async def test_handles_of_unknown_and_unselected_clusters_are_errors(
        self, service: ClusterService
    ) -> None:
        with pytest.raises(RegattaError) as unknown:
            service.handle("dev.yaml:omega")
        with pytest.raises(RegattaError) as inactive:
            service.handle("dev.yaml:alpha")
        assert (unknown.value.status, unknown.value.code) == (404, "unknown_cluster")
        assert (inactive.value.status, inactive.value.code) == (409, "cluster_not_active")

    @pytest.mark.asyncio
    async def test_stop_closes_every_client(self, home: Path, config_dir: Path) -> None:
        service = make_service(home, config_dir)
        await service.start()
        recorder = Recorder()
        await service.pool.subscribe(recorder)
        await service.set_selection(["dev.yaml:alpha", "prod.yaml:gamma"])
        await service.stop()
        assert service.pool.cluster_ids() == []
        assert all(h.api_client.rest_client.pool_manager.closed for h in recorder.handles.values())
        assert [e for e, _ in recorder.events].count("removed") == 2


class TestPersistence:
    @pytest.mark.asyncio
    async def test_the_selection_survives_a_restart(self, home: Path, config_dir: Path) -> None:
        first = make_service(home, config_dir)
        await first.start()
        await first.set_selection(["prod.yaml:staging", "dev.yaml:alpha"])
        await first.stop()
        second = make_service(home, config_dir)
        await second.start()
        try:
            assert second.selected_cluster_ids == ["prod.yaml:staging", "dev.yaml:alpha"]
            assert sorted(second.pool.cluster_ids()) == ["dev.yaml:alpha", "prod.yaml:staging"]
        finally:
            await second.stop()

    @pytest.mark.asyncio
    async def test_a_version_1_selection_is_migrated_and_written_as_version_2(
        self, home: Path, config_dir: Path
    ) -> None:
        legacy = f"{home / '.kube/prod.yaml'}:gamma"
        write(
            config_dir / "settings.json", json.dumps({"version": 1, "selectedKubeconfig": legacy})
        )
        service = make_service(home, config_dir)
        await service.start()
        try:
            assert service.selected_cluster_ids == ["prod.yaml:gamma"]
            assert settings_json(config_dir) == {
                "version": 2,
                "selectedClusterIds": ["prod.yaml:gamma"],
            }
        finally:
            await service.stop()

    @pytest.mark.asyncio
    async def test_settings_naming_a_context_without_a_user_never_stop_start_up(
        self, home: Path, config_dir: Path
    ) -> None:
        write(home / ".kube/anonymous.yaml", _without_user("nobody"))
        write(
            config_dir / "settings.json",
            json.dumps(
                {"version": 2, "selectedClusterIds": ["anonymous.yaml:nobody", "dev.yaml:alpha"]}
            ),
        )
        service = make_service(home, config_dir)
        await service.start()
        try:
            assert service.selected_cluster_ids == ["dev.yaml:alpha"]
            assert service.pool.cluster_ids() == ["dev.yaml:alpha"]
            (notice,) = service.diagnostics().notices
            assert (notice.code, notice.cluster_id) == (
                "cluster_deselected",
                "anonymous.yaml:nobody",
            )
            assert notice.message == f"`anonymous.yaml:nobody` was deselected: {NO_USER}"
        finally:
            await service.stop()

    @pytest.mark.asyncio
    async def test_a_corrupt_settings_file_is_moved_aside_and_shown(
        self, home: Path, config_dir: Path
    ) -> None:
        write(config_dir / "settings.json", '{"version": 2, "selectedClusterIds": ["dev.yaml:al')
        service = make_service(home, config_dir)
        await service.start()
        try:
            assert service.selected_cluster_ids == []
            (notice,) = service.diagnostics().notices
            assert notice.code == "settings_unusable"
            assert "moved to" in notice.message and "invalid JSON" in notice.message
            (moved,) = glob.glob(str(config_dir / "settings.json.corrupt-*"))
            assert read(moved).startswith('{"version": 2')
        finally:
            await service.stop()

    @pytest.mark.asyncio
    async def test_a_persisted_context_that_is_gone_is_dropped_with_a_notice(
        self, home: Path, config_dir: Path
    ) -> None:
        write(
            config_dir / "settings.json",
            json.dumps({"version": 2, "selectedClusterIds": ["dev.yaml:alpha", "dev.yaml:omega"]}),
        )
        service = make_service(home, config_dir)
        await service.start()
        try:
            assert service.selected_cluster_ids == ["dev.yaml:alpha"]
            (notice,) = service.diagnostics().notices
            assert (notice.code, notice.cluster_id) == ("cluster_deselected", "dev.yaml:omega")
            assert notice.message.endswith("has no context `omega`.")
            assert settings_json(config_dir)["selectedClusterIds"] == ["dev.yaml:alpha"]
        finally:
            await service.stop()


class TestWatchingFiles:
    @pytest.mark.asyncio
    async def test_a_deleted_file_deselects_its_context_with_a_notice(
        self, service: ClusterService, home: Path, config_dir: Path
    ) -> None:
        recorder = Recorder()
        await service.pool.subscribe(recorder)
        await service.set_selection(["prod.yaml:gamma", "dev.yaml:alpha"])
        (home / ".kube/prod.yaml").unlink()
        await recorder.until(("removed", "prod.yaml:gamma"))
        await service.rescan()  # takes the lock: the watcher's own pass has finished
        assert service.selected_cluster_ids == ["dev.yaml:alpha"]
        assert ("removed", "prod.yaml:gamma") in recorder.events
        assert recorder.handles["prod.yaml:gamma"].api_client.rest_client.pool_manager.closed
        assert settings_json(config_dir)["selectedClusterIds"] == ["dev.yaml:alpha"]
        notice = service.diagnostics().notices[-1]
        assert notice.code == "cluster_deselected"
        assert notice.message == (
            f"`prod.yaml:gamma` was deselected: its kubeconfig file {home / '.kube/prod.yaml'}"
            " is gone."
        )

    @pytest.mark.asyncio
    async def test_a_new_file_is_listed_and_a_changed_entry_rebuilds_the_client(
        self, service: ClusterService, home: Path
    ) -> None:
        await service.set_selection(["dev.yaml:alpha"])
        recorder = Recorder()
        await service.pool.subscribe(recorder)
        write(home / ".kube/extra.yaml", kubeconfig("delta"))
        changed = kubeconfig("alpha", "beta", "staging")
        changed["contexts"][0]["context"]["namespace"] = "shop"
        write(home / ".kube/dev.yaml", changed)
        await recorder.until(("added", "dev.yaml:alpha"), times=2)
        await service.rescan()  # takes the lock: the watcher's own pass has finished
        assert service.handle("dev.yaml:alpha").namespace == "shop"
        assert "extra.yaml:delta" in service.inventory.contexts
        assert recorder.events == [
            ("added", "dev.yaml:alpha"),
            ("removed", "dev.yaml:alpha"),
            ("added", "dev.yaml:alpha"),
        ]
        assert service.diagnostics().notices[-1].code == "cluster_reconnected"

    @pytest.mark.asyncio
    async def test_listing_picks_up_a_new_file_at_once(self, home: Path, config_dir: Path) -> None:
        service = make_service(home, config_dir)  # the poller sleeps for an hour
        await service.start()
        try:
            write(home / ".kube/late.yaml", kubeconfig("late"))
            listing = await service.list_kubeconfigs()
            assert "late.yaml:late" in [c.cluster_id for c in listing.contexts]
        finally:
            await service.stop()

    @pytest.mark.asyncio
    async def test_a_same_named_file_appearing_moves_the_selection_to_the_new_id(
        self, home: Path, config_dir: Path, tmp_path: Path
    ) -> None:
        service = ClusterService(
            ClusterSources(home=home, extra_dirs=(tmp_path / "extra",)),
            SettingsStore(config_dir),
            probe,
            probe_interval_s=3600,
            poll_interval_s=3600,
        )
        await service.start()
        try:
            await service.set_selection(["dev.yaml:alpha"])
            recorder = Recorder()
            await service.pool.subscribe(recorder)
            write(tmp_path / "extra/dev.yaml", kubeconfig("other"))
            await service.rescan()
            assert service.selected_cluster_ids == ["home/.kube/dev.yaml:alpha"]
            assert "extra/dev.yaml:other" in service.inventory.contexts
            assert recorder.events == [
                ("added", "dev.yaml:alpha"),
                ("removed", "dev.yaml:alpha"),
                ("added", "home/.kube/dev.yaml:alpha"),
            ]
            notice = service.diagnostics().notices[-1]
            assert (notice.code, notice.cluster_id) == (
                "cluster_renamed",
                "home/.kube/dev.yaml:alpha",
            )
            assert settings_json(config_dir)["selectedClusterIds"] == ["home/.kube/dev.yaml:alpha"]
        finally:
            await service.stop()
