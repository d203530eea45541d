"""The cluster service: the one entry point the app wires (discovery, selection, pool, health).

Every change of the selection — by the user through the bridge, or because a file changed — goes
through one lock, is persisted, and is applied to the pool. The file watcher polls
(`WATCH_POLL_INTERVAL_S`) and acts on a change once it has been the same on two polls in a row,
so a file caught halfway through an editor's save is not taken for a broken one.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from datetime import UTC, datetime

from backend.bridge import Bridge
from backend.clusters.cluster_rules import settings_for
from backend.clusters.discovery import ClusterSources, Fingerprint, Inventory, KubeconfigScanner
from backend.clusters.health import HealthMonitor, Probe
from backend.clusters.key_files import KEY_FOLDER
from backend.clusters.limits import (
    CLIENT_RETRY_INTERVAL_S,
    HEALTH_PROBE_INTERVAL_S,
    HEALTH_PROBE_TIMEOUT_S,
    WATCH_POLL_INTERVAL_S,
)
from backend.clusters.login_path import LoginShellPath
from backend.clusters.pool import ClientPool, ClusterHandle
from backend.clusters.selection import (
    Reconciliation,
    listing_disabled_reason,
    reconcile,
    unknown_cluster,
    validate_selection,
)
from backend.contract.clustersettings import ClusterRule, ClusterSettings, ClusterSettingsView
from backend.contract.kubeconfig import (
    ClusterConnection,
    ClusterDiagnostics,
    ClusterNotice,
    KubeconfigContext,
    KubeconfigListing,
    KubeconfigSource,
    Selection,
)
from backend.errors import RegattaError
from backend.settings import Settings, SettingsStore

__all__ = ["ClusterService", "ClusterSources"]

log = logging.getLogger(__name__)

NOTICE_HISTORY = 100
"""How many notices `diagnostics()` keeps (oldest dropped first)."""


class ClusterService:
    """Kubeconfig discovery, the persisted selection, the client pool and health, wired."""

    def __init__(
        self,
        sources: ClusterSources,
        settings: SettingsStore,
        probe: Probe,
        *,
        poll_interval_s: float = WATCH_POLL_INTERVAL_S,
        probe_interval_s: float = HEALTH_PROBE_INTERVAL_S,
        probe_timeout_s: float = HEALTH_PROBE_TIMEOUT_S,
        login_path: LoginShellPath | None = None,
    ) -> None:
        self.sources = sources
        self.settings_store = settings
        self.pool = ClientPool(login_path)
        self.health = HealthMonitor(self.pool, probe, probe_interval_s, probe_timeout_s)
        self.bridge = Bridge(self)
        self._poll_interval_s = poll_interval_s
        self._scanner = KubeconfigScanner(sources)
        self._inventory = Inventory((), {}, ())
        self._settings = Settings()
        self._selected: list[str] = []
        self._lock = asyncio.Lock()
        self._notices: deque[ClusterNotice] = deque(maxlen=NOTICE_HISTORY)
        self._settling: Fingerprint | None = None
        self._watch_task: asyncio.Task[None] | None = None
        self._retried_at = time.monotonic()

    # --- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Load settings, discover, restore the selection, create clients, start watching."""
        await asyncio.to_thread(KEY_FOLDER.remove_abandoned)  # key files a crashed run left
        async with self._lock:
            loaded = await asyncio.to_thread(self.settings_store.load)
            for text in loaded.notices:
                self._notice("settings_unusable", text, path=str(self.settings_store.path))
            self._settings = loaded.settings
            for text in self._settings.cluster_rules()[1]:
                self._notice("settings_entry_ignored", text, path=str(self.settings_store.path))
            self._inventory = await asyncio.to_thread(self._scanner.scan)
            self._report_inventory(self._inventory)
            result = reconcile(self._settings.selected_cluster_ids, self._inventory)
            self._selected = result.selected
            self._report(result)
            if result.changed or loaded.migrated_from is not None:
                await self._persist_quietly()
            await self.health.start()
            await asyncio.gather(
                *(self.pool.add(self._inventory.contexts[i]) for i in self._selected)
            )
        self._watch_task = asyncio.get_running_loop().create_task(
            self._watch(), name="kubeconfig-watch"
        )

    async def stop(self) -> None:
        """Stop watching and probing, close every client (listeners are told)."""
        task, self._watch_task = self._watch_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        await self.health.stop()
        async with self._lock:
            await self.pool.close()
        KEY_FOLDER.close()

    # --- the bridge's methods ----------------------------------------------------------------

    async def list_kubeconfigs(self) -> KubeconfigListing:
        """Every source and context, fresh: a change on disk is picked up before answering."""
        if not self._lock.locked():
            fingerprint = await asyncio.to_thread(self._scanner.fingerprint)
            if fingerprint != self._inventory.fingerprint:
                await self.rescan()
        inventory, selected = self._inventory, list(self._selected)
        sources = [
            KubeconfigSource(path=str(s.path), file=s.file, error=s.error, line=s.line)
            for s in inventory.sources
        ]
        contexts = []
        for context in inventory.contexts.values():
            reason = listing_disabled_reason(context, selected, inventory)
            entry = context.entry
            contexts.append(
                KubeconfigContext(
                    cluster_id=context.cluster_id,
                    cluster_name=context.cluster_name,
                    file=context.file,
                    path=str(context.path),
                    context=entry.name,
                    server=entry.server,
                    user=entry.user,
                    namespace=entry.namespace,
                    selected=context.cluster_id in selected,
                    disabled=reason is not None,
                    disabled_reason=reason,
                )
            )
        return KubeconfigListing(sources=sources, contexts=contexts)

    async def get_selection(self) -> Selection:
        return Selection(selected_cluster_ids=list(self._selected))

    async def set_selection(self, cluster_ids: list[str]) -> Selection:
        """Validate, persist, then create and close clients; on any error nothing changes."""
        async with self._lock:
            wanted = validate_selection(cluster_ids, self._inventory)
            settings = self._settings.model_copy(update={"selected_cluster_ids": wanted})
            await asyncio.to_thread(self.settings_store.save, settings)
            self._settings = settings
            previous, self._selected = self._selected, wanted
            await self._apply(previous, self._inventory, self._inventory)
            return Selection(selected_cluster_ids=list(wanted))

    # --- what other layers read --------------------------------------------------------------

    @property
    def inventory(self) -> Inventory:
        return self._inventory

    @property
    def selected_cluster_ids(self) -> list[str]:
        return list(self._selected)

    def cluster_settings(self, cluster_id: str) -> ClusterSettings:
        """Alias, colour and protection of one cluster, as the stored rules say now."""
        context = self._inventory.get(cluster_id)
        name = context.cluster_name if context is not None else cluster_id
        entry = context.entry.name if context is not None else cluster_id.partition(":")[2]
        return settings_for(self._settings.cluster_rules()[0], cluster_id, entry, name)

    async def cluster_settings_view(self) -> ClusterSettingsView:
        rules, problems = self._settings.cluster_rules()
        return ClusterSettingsView(
            rules=rules,
            clusters=[self.cluster_settings(i) for i in self._inventory.contexts],
            problems=problems,
        )

    async def set_cluster_rules(self, rules: list[ClusterRule]) -> ClusterSettingsView:
        """Replace the stored per-cluster rules (persisted before they take effect)."""
        async with self._lock:
            stored = [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in rules]
            settings = self._settings.model_copy(update={"cluster_settings": stored})
            await asyncio.to_thread(self.settings_store.save, settings)
            self._settings = settings
        return await self.cluster_settings_view()

    def handle(self, cluster_id: str) -> ClusterHandle:
        """The client of a selected cluster (404 unknown, 409 not selected, 503 failed)."""
        if cluster_id not in self._selected and self._inventory.get(cluster_id) is None:
            raise unknown_cluster(cluster_id)
        return self.pool.get(cluster_id)

    def diagnostics(self) -> ClusterDiagnostics:
        """Per selected cluster: status and message; plus the recent notices."""
        clusters = []
        for cluster_id in self._selected:
            context = self._inventory.get(cluster_id)
            name = context.cluster_name if context is not None else cluster_id
            connection = ClusterConnection(
                cluster_id=cluster_id,
                cluster_name=name,
                server=context.entry.server if context is not None else None,
            )
            failure = self.pool.failure(cluster_id)
            result = self.health.result(cluster_id)
            if failure is not None:
                connection.status, connection.message = "error", failure
            elif result is not None:
                connection.status, connection.message = result.status, result.message
                connection.version = result.version
                connection.checked_at = result.checked_at.isoformat()
                connection.latency_ms = result.latency_ms
            else:
                connection.message = self.pool.startup_problem(cluster_id)
            clusters.append(connection)
        return ClusterDiagnostics(clusters=clusters, notices=list(self._notices))

    # --- keeping up with the files ------------------------------------------------------------

    async def rescan(self) -> None:
        """Discover again now and carry the selection over (used by the watcher and on demand)."""
        async with self._lock:
            previous = self._inventory
            inventory = await asyncio.to_thread(self._scanner.scan)
            self._inventory = inventory
            self._settling = None
            self._report_inventory(inventory, previous)
            result = reconcile(self._selected, inventory, previous)
            before, self._selected = self._selected, result.selected
            self._report(result)
            if result.changed:
                await self._persist_quietly()
            await self._apply(before, previous, inventory)

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(self._poll_interval_s)
            try:
                await self._poll()
            except Exception:
                log.exception("polling the kubeconfig files failed")

    async def _poll(self) -> None:
        fingerprint = await asyncio.to_thread(self._scanner.fingerprint)
        if fingerprint == self._inventory.fingerprint:
            self._settling = None
        elif fingerprint != self._settling:
            self._settling = fingerprint  # changed since the last poll: let it settle
        else:
            await self.rescan()
        if time.monotonic() - self._retried_at >= CLIENT_RETRY_INTERVAL_S:
            self._retried_at = time.monotonic()
            await self.retry_failed()

    async def retry_failed(self) -> None:
        """Try again to build the clients that could not be built (a CA file may exist now)."""
        async with self._lock:
            failed = [
                self._inventory.contexts[i]
                for i in self._selected
                if self.pool.failure(i) is not None and i in self._inventory.contexts
            ]
            await asyncio.gather(*(self.pool.replace(c) for c in failed))

    async def _apply(self, before: list[str], previous: Inventory, inventory: Inventory) -> None:
        """Make the pool hold exactly the selected clusters, rebuilt where their entries changed."""
        for cluster_id in before:
            if cluster_id not in self._selected:
                await self.pool.remove(cluster_id)
        rebuild = []
        for cluster_id in self._selected:
            if cluster_id not in self.pool.cluster_ids():
                continue
            old, new = previous.get(cluster_id), inventory.get(cluster_id)
            if old is not None and new is not None and old.entry != new.entry:
                rebuild.append(new)
                self._notice(
                    "cluster_reconnected",
                    f"`{cluster_id}` was reconnected: its kubeconfig entries changed.",
                    cluster_id=cluster_id,
                    path=str(new.path),
                )
        added = [inventory.contexts[i] for i in self._selected if i not in self.pool.cluster_ids()]
        await asyncio.gather(
            *(self.pool.replace(c) for c in rebuild), *(self.pool.add(c) for c in added)
        )

    # --- notices -------------------------------------------------------------------------------

    def _report(self, result: Reconciliation) -> None:
        for old, new in result.renamed.items():
            self._notice(
                "cluster_renamed",
                f"`{old}` is now `{new}`: another kubeconfig file with the same name came or went.",
                cluster_id=new,
            )
        for cluster_id, why in result.dropped.items():
            self._notice("cluster_deselected", why, cluster_id=cluster_id)

    def _report_inventory(self, inventory: Inventory, previous: Inventory | None = None) -> None:
        known = set(previous.notices) if previous is not None else set()
        for text in inventory.notices:
            if text not in known:
                self._notice("kubeconfig_folder", text)

    def _notice(
        self, code: str, message: str, *, cluster_id: str | None = None, path: str | None = None
    ) -> None:
        log.warning("%s", message)
        self._notices.append(
            ClusterNotice(
                code=code,
                message=message,
                at=datetime.now(UTC).isoformat(),
                cluster_id=cluster_id,
                path=path,
            )
        )

    async def _persist_quietly(self) -> None:
        """Persist a selection the service changed by itself; a failure becomes a notice (the
        selection holds in memory all the same, so the next write carries it)."""
        update = {"selected_cluster_ids": list(self._selected)}
        self._settings = self._settings.model_copy(update=update)
        try:
            await asyncio.to_thread(self.settings_store.save, self._settings)
        except RegattaError as exc:
            self._notice("settings_write_failed", exc.message, path=str(self.settings_store.path))
