"""EventStream: Kubernetes events of several clusters — the backlog first, then live ones.

Events come from each cluster's catalog (its `events` watch cache), not from watches of their
own: the catalog already lists and watches them. The stream subscribes to change signals
*before* reading the caches, so nothing that happens meanwhile is lost; it then waits (at most
`EVENT_BACKLOG_WAIT_S`) for every cluster's first LIST, sends all the cached events merged by
their own time, and from then on merges each ADDED or MODIFIED event as it arrives (window and
tie rules as for logs). An event is sent again only when its row changed (a new count, message,
time); what a scope already saw is remembered per scope until the event is deleted.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from backend.contract.items import InvolvedObject
from backend.contract.streams import KubeEvent, SourceStatusKind
from backend.errors import RegattaError
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.kinds import EVENTS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.rows.events import EventRow
from backend.objectcatalog.store import ChangeType
from backend.refresh.streams.limits import EVENT_BACKLOG_WAIT_S
from backend.refresh.streams.merge import SourceKey
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.timestamps import parse_rfc3339_ns

log = logging.getLogger(__name__)

K8S_EVENT: Final = "k8s-event"


@dataclass(frozen=True, slots=True)
class ClusterScope:
    """A scope of the events and catalog streams: a whole cluster (namespace None) or one
    namespace of it."""

    text: str
    cluster_id: str
    cluster_name: str
    namespace: str | None

    @property
    def key(self) -> SourceKey:
        return (self.cluster_id, self.namespace or "", self.text)

    def covers(self, row: EventRow) -> bool:
        return self.namespace is None or row.namespace == self.namespace


def event_payload(scope: ClusterScope, row: EventRow) -> dict[str, object]:
    return KubeEvent(
        scope=scope.text,
        cluster_id=scope.cluster_id,
        cluster_name=scope.cluster_name,
        namespace=row.namespace,
        type=row.type,
        reason=row.reason,
        message=row.message,
        count=row.count,
        involved_object=InvolvedObject.model_validate(row.involved_fields),
        timestamp=row.timestamp,
    ).wire()


def event_time_ns(row: EventRow) -> int:
    """The event's own time; an event without a readable one sorts as of now."""
    for text in (row.timestamp, row.created_at):
        if text:
            try:
                return parse_rfc3339_ns(text)
            except ValueError:
                continue
    return time.time_ns()


def _row_key(uid: str, namespace: str, name: str) -> str:
    return uid or f"{namespace}/{name}"


class EventStream:
    """The k8s-event producer of one stream."""

    upstream = False

    def __init__(
        self,
        catalogs: CatalogRegistry,
        scopes: Sequence[ClusterScope],
        output: MergedOutput,
    ) -> None:
        self._catalogs = catalogs
        self._scopes = list(dict.fromkeys(scopes))
        self.output = output
        self._sent: dict[SourceKey, dict[str, EventRow]] = {s.key: {} for s in self._scopes}
        self._ended: set[SourceKey] = set()
        self._queued: list[tuple[ClusterScope, EventRow]] | None = None

    async def run(self) -> None:
        """Runs once: it holds no cluster connection, so its session never pauses it."""
        self._queued = []
        unsubscribe = self._catalogs.subscribe(self._on_changes)
        try:
            await self._send_backlog()
            for scope in self._scopes:
                if scope.key not in self._ended:
                    self.output.register(scope.key, scope.text)
            queued, self._queued = self._queued or [], None
            for scope, row in queued:
                self._push(scope, row)
            self.output.release()
            await asyncio.Event().wait()
        finally:
            unsubscribe()
            self._queued = None

    async def cluster_removed(self, cluster_id: str) -> None:
        for scope in self._scopes:
            if scope.cluster_id == cluster_id and scope.key not in self._ended:
                self._ended.add(scope.key)
                self._status(scope, "ended", "cluster deselected")
                self.output.end(scope.key)
                self._sent[scope.key].clear()

    def close(self) -> None:
        self.output.close()

    # --- backlog -------------------------------------------------------------------------------------

    async def _send_backlog(self) -> None:
        found = await asyncio.gather(*(self._backlog(scope) for scope in self._scopes))
        backlog = sorted(  # by time, then scope (the merge's tie rule), then as cached
            (
                (event_time_ns(row), scope.key, index, scope, row)
                for scope, rows in zip(self._scopes, found, strict=True)
                for index, row in enumerate(rows)
            ),
            key=lambda item: item[:3],
        )
        for _, _, _, scope, row in backlog:
            self._sent[scope.key][_row_key(row.uid, row.namespace, row.name)] = row
            self.output.put(K8S_EVENT, event_payload(scope, row))
        for scope in self._scopes:
            if scope.key not in self._ended:
                self._status(scope, "started", None)

    async def _backlog(self, scope: ClusterScope) -> list[EventRow]:
        """The cached events of a scope once its cache finished loading (or the wait ran out)."""
        try:
            catalog = self._catalogs.get(scope.cluster_id)
            cache = await catalog.ensure(EVENTS)
        except RegattaError as exc:
            self._status(scope, "error", exc.message)
            return []
        try:
            state = await cache.wait_settled(EVENT_BACKLOG_WAIT_S)
        except TimeoutError:
            self._status(
                scope,
                "unreachable",
                f"the events of `{scope.cluster_name}` did not load within "
                f"{EVENT_BACKLOG_WAIT_S:g} s; they follow as they arrive",
            )
            state = cache.state
        if state is SyncState.FORBIDDEN:
            self._status(scope, "forbidden", cache.message or None)
        elif state is SyncState.ERROR:
            self._status(scope, "error", cache.message or None)
        namespaces = None if scope.namespace is None else (scope.namespace,)
        return [row for row in cache.rows(namespaces) if isinstance(row, EventRow)]

    # --- live ----------------------------------------------------------------------------------------

    def _on_changes(self, changes: Sequence[CatalogChange]) -> None:
        if not changes or changes[0].kind_key != EVENTS:
            return  # one batch holds one kind's changes
        caches: dict[str, KindCache | None] = {}
        pushed = False
        for change in changes:
            cluster_id = change.cluster_id
            ended = self._ended
            scopes = [s for s in self._scopes if s.cluster_id == cluster_id and s.key not in ended]
            if not scopes:
                continue
            key = _row_key(change.uid, change.namespace, change.name)
            if change.type is ChangeType.DELETED:
                for scope in scopes:
                    self._sent[scope.key].pop(key, None)
                continue
            if cluster_id not in caches:  # the event cache as it is now
                found = cluster_id in self._catalogs
                caches[cluster_id] = self._catalogs.get(cluster_id).cache(EVENTS) if found else None
            cache = caches[cluster_id]
            row = cache.find(change.namespace, key) if cache is not None else None
            if not isinstance(row, EventRow):
                continue
            for scope in scopes:
                if not scope.covers(row):
                    continue
                if self._queued is not None:
                    self._queued.append((scope, row))
                else:
                    pushed = self._push(scope, row) or pushed
        if pushed:
            self.output.release()

    def _push(self, scope: ClusterScope, row: EventRow) -> bool:
        """Push the row unless the scope ended or already saw it as it is; whether it did."""
        key = _row_key(row.uid, row.namespace, row.name)
        if self._sent[scope.key].get(key) == row or scope.key in self._ended:
            return False
        self._sent[scope.key][key] = row
        self.output.push(scope.key, event_time_ns(row), K8S_EVENT, event_payload(scope, row))
        return True

    def _status(self, scope: ClusterScope, status: SourceStatusKind, message: str | None) -> None:
        self.output.status(scope.key, scope.cluster_id, scope.text, status, message)
