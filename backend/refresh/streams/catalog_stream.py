"""CatalogStream: doorbells telling a client which snapshots to fetch again.

Change signals of the scoped clusters (and namespaces) are gathered for `CATALOG_COALESCE_S`
from the first one after a quiet spell; then one `change` event goes out per (cluster, kind),
carrying the last change of that kind and the snapshot domains a change of it makes stale. A
relist of 10,000 pods is one event, not 10,000; the client refetches a domain once anyway.

Health changes of the scoped clusters go out at once as `event: cluster` (contract §14), the
first of each cluster when the stream starts, so a client never waits for a diagnostics poll
to learn that a cluster stopped answering.

Port-forwards go out as `event: port-forward` (`PortForwardEvent`) whatever the scopes: the
forwards are the app's, listed in one panel; every current forward goes out when the stream starts.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Protocol

from backend.clusters.health import HealthMonitor, ProbeResult
from backend.contract.portforward import PortForward, PortForwardEvent
from backend.contract.streams import CatalogChange as ChangeEvent
from backend.kube.resources import KindKey
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import CUSTOM_RESOURCE_DEFINITIONS
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.rows.generic import CrdRow
from backend.refresh.snapshots.domains import domains_for_kind
from backend.refresh.streams.cluster_health import CLUSTER_EVENT, cluster_health
from backend.refresh.streams.events import ClusterScope
from backend.refresh.streams.limits import CATALOG_COALESCE_S
from backend.refresh.streams.merged_output import MergedOutput

CHANGE_EVENT: Final = "change"
PORT_FORWARD_EVENT: Final = "port-forward"


class ForwardFeed(Protocol):
    """The port-forwards as a stream sees them (`sessions.portforward.PortForwardService`)."""

    def current(self) -> list[PortForward]: ...

    def subscribe(self, listener: Callable[[PortForwardEvent], None]) -> Callable[[], None]: ...


def namespaces_by_cluster(scopes: Iterable[ClusterScope]) -> dict[str, set[str] | None]:
    """Per cluster, the namespaces asked for, or None when the whole cluster was."""
    result: dict[str, set[str] | None] = {}
    for scope in scopes:
        named = result.setdefault(scope.cluster_id, set())
        if scope.namespace is None:
            result[scope.cluster_id] = None
        elif named is not None:
            named.add(scope.namespace)
    return result


class CatalogStream:
    """The `change` and `cluster` producer of one stream."""

    upstream = False

    def __init__(
        self,
        catalogs: CatalogRegistry,
        health: HealthMonitor,
        scopes: Iterable[ClusterScope],
        output: MergedOutput,
        coalesce_s: float = CATALOG_COALESCE_S,
        forwards: ForwardFeed | None = None,
    ) -> None:
        self._catalogs = catalogs
        self._health = health
        self._forwards = forwards
        self._output = output
        self._coalesce_s = coalesce_s
        self._scopes = list(dict.fromkeys(scopes))
        self._namespaces = namespaces_by_cluster(self._scopes)
        self._pending: dict[tuple[str, KindKey], CatalogChange] = {}
        """The last change per (cluster, kind) since the last flush, in first-seen order."""
        self._custom: dict[str, tuple[int, frozenset[KindKey]]] = {}
        """Per cluster, the kind keys its CRDs define, as of its CRD cache's version."""
        self._timer: asyncio.TimerHandle | None = None

    async def run(self) -> None:
        unsubscribe = self._catalogs.subscribe(self._on_changes)
        unsubscribe_health = self._health.subscribe(self._on_health)
        for cluster_id in list(self._namespaces):
            known = self._health.result(cluster_id)
            if known is not None:
                self._on_health(cluster_id, known)
        forwards = self._forwards
        unsubscribe_forwards = forwards.subscribe(self._on_forward) if forwards else None
        for forward in forwards.current() if forwards else ():
            self._on_forward(PortForwardEvent(type="updated", forward=forward))
        try:
            await asyncio.Event().wait()
        finally:
            unsubscribe()
            unsubscribe_health()
            if unsubscribe_forwards is not None:
                unsubscribe_forwards()
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    async def cluster_removed(self, cluster_id: str) -> None:
        if cluster_id not in self._namespaces:
            return
        del self._namespaces[cluster_id]
        for key in [k for k in self._pending if k[0] == cluster_id]:
            del self._pending[key]
        for scope in self._scopes:
            if scope.cluster_id == cluster_id:
                self._output.status(None, cluster_id, scope.text, "ended", "cluster deselected")

    def close(self) -> None:
        self._flush()
        self._output.close()

    def _on_forward(self, event: PortForwardEvent) -> None:
        self._output.put(PORT_FORWARD_EVENT, event.wire())

    def _on_health(self, cluster_id: str, result: ProbeResult) -> None:
        if cluster_id not in self._namespaces:
            return
        event = cluster_health(cluster_id, result)
        if event is not None:
            self._output.put(CLUSTER_EVENT, event.wire())

    def _on_changes(self, changes: Sequence[CatalogChange]) -> None:
        namespaces = self._namespaces
        for change in changes:
            cluster_id = change.cluster_id
            if cluster_id not in namespaces:
                continue
            wanted = namespaces[cluster_id]
            if wanted is not None and change.namespace not in wanted:
                continue
            self._pending[(cluster_id, change.kind_key)] = change
        if self._pending and self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self._coalesce_s, self._flush)

    def _flush(self) -> None:
        self._timer = None
        pending, self._pending = self._pending, {}
        for change in pending.values():
            custom = self._is_custom(change.cluster_id, change.kind_key)
            payload = ChangeEvent(
                cluster_id=change.cluster_id,
                kind=change.kind,
                namespace=change.namespace,
                name=change.name,
                type=change.type.value,
                domains=domains_for_kind(change.kind_key, custom),
            )
            self._output.put(CHANGE_EVENT, payload.wire())

    def _is_custom(self, cluster_id: str, key: KindKey) -> bool:
        """Whether a CRD of the cluster defines `key` (recomputed when its CRD cache changed)."""
        if cluster_id not in self._catalogs:
            return False
        cache = self._catalogs.get(cluster_id).cache(CUSTOM_RESOURCE_DEFINITIONS)
        if cache is None:
            return False
        known = self._custom.get(cluster_id)
        if known is None or known[0] != cache.version:
            keys = frozenset(
                KindKey(row.group, row.plural) for row in cache.rows() if isinstance(row, CrdRow)
            )
            known = self._custom[cluster_id] = (cache.version, keys)
        return key in known[1]
