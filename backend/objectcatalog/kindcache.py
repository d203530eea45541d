"""All cached rows of one kind in one cluster.

A kind is watched cluster-wide when the user may, otherwise in each namespace where the user
may (one reflector per namespace); the cache is the union of its reflectors' stores. Every
applied change bumps `version` (and the version of the row's namespace) and is published as a
`CatalogChange`. Reads by namespace, group and count use the stores' indexes, never a scan.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterator, Sequence

from backend.contract.diagnostics import WatchInfo
from backend.kube.resources import ApiResource, KindKey
from backend.kube.transport import Transport
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.indexes import indexes_for
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.journal import ChangeJournal, JournalMark
from backend.objectcatalog.reflector import Reflector, SyncState
from backend.objectcatalog.rows import Row, codec_for
from backend.objectcatalog.status import rfc3339
from backend.objectcatalog.store import Applied
from backend.objectcatalog.watch_plan import WatchPlan

_STATE_PRECEDENCE = (SyncState.ERROR, SyncState.SYNCING, SyncState.SYNCED)

_CHANGES = itertools.count(1)
"""Versions come from one process-wide counter, so a cache that replaces another (a kind whose
served version moved) never repeats a version the snapshot caches keyed runs by."""


class KindCache:
    """Rows of one kind, their sync state, and a version counter for snapshot ETags."""

    def __init__(
        self,
        cluster_id: str,
        resource: ApiResource,
        transport: Transport,
        intern: Interner,
        publish: Callable[[Sequence[CatalogChange]], None],
        on_state: Callable[[KindCache], None],
    ) -> None:
        self.cluster_id = cluster_id
        self.resource = resource
        self.key: KindKey = resource.key
        self.version = 0
        self.plan: WatchPlan | None = None
        self.created_at = time.monotonic()
        """When its first LIST began: a snapshot waits for that LIST a bounded time from here."""
        self.last_used = self.created_at
        self._transport = transport
        self._intern = intern
        self._publish = publish
        self._on_state = on_state
        self._codec = codec_for(resource.key)
        self._indexes = indexes_for(resource.key)
        self._namespace_versions: dict[str, int] = {}
        """Namespace → `version` at its last change."""
        self._journal = ChangeJournal()
        self._read: tuple[int, frozenset[str] | None, tuple[Row, ...]] | None = None
        """The last `read`: (version, namespaces, rows)."""
        self._reflectors: dict[str | None, Reflector] = {}
        self._moved = asyncio.Event()

    # --- reading -------------------------------------------------------------------------------

    def touch(self) -> None:
        """Mark the kind as in use (on-demand kinds stop after they have been idle)."""
        self.last_used = time.monotonic()

    def __len__(self) -> int:
        return sum(len(r.store) for r in self._reflectors.values())

    def rows(self, namespaces: Collection[str] | None = None) -> Iterator[Row]:
        """Every cached row, or those of `namespaces` (a snapshot of the current stores; safe to
        iterate across awaits)."""
        stores = [tuple(r.store.rows(namespaces)) for r in self._reflectors.values()]
        return itertools.chain.from_iterable(stores)

    def read(self, namespaces: frozenset[str] | None = None) -> tuple[Row, ...]:
        """`rows(namespaces)` as one tuple, the same one until the cache changes: a snapshot of
        a quiet 20k-pod cluster takes it instead of copying 20k rows per request."""
        last = self._read
        if last is None or last[0] != self.version or last[1] != namespaces:
            last = self._read = (self.version, namespaces, tuple(self.rows(namespaces)))
        return last[2]

    def mark(self, namespaces: frozenset[str] | None = None) -> JournalMark:
        """Where a reader of `rows(namespaces)` read them now: a later mark tells it what
        changed since (see `journal`)."""
        return self._journal.mark(self.version, namespaces)

    def version_of(self, namespaces: Collection[str]) -> tuple[int, ...]:
        """Changes iff a row of `namespaces` changed (changes elsewhere leave it as it is)."""
        return tuple(self._namespace_versions.get(ns, 0) for ns in sorted(namespaces))

    def find(self, namespace: str, key: Hashable) -> Row | None:
        """The row with the store key `key` in `namespace`, as it is now."""
        for reflector in self._reflectors.values():
            row = reflector.store.get(namespace, key)
            if row is not None:
                return row
        return None

    def group(self, value: Hashable) -> list[Row]:
        """The rows whose kind's `group_by` index value is `value` (see `indexes`)."""
        return [row for r in self._reflectors.values() for row in r.store.groups.get(value, ())]

    def counts(self) -> Counter[Hashable]:
        """How many rows have each `count_by` index value (see `indexes`)."""
        total: Counter[Hashable] = Counter()
        for reflector in self._reflectors.values():
            total.update(reflector.store.counts)
        return total

    def namespaces_seen(self) -> set[str]:
        if not self.resource.namespaced:
            return set()
        return {ns for r in self._reflectors.values() for ns in r.store.namespaces}

    @property
    def scopes(self) -> tuple[str | None, ...]:
        return tuple(self._reflectors)

    @property
    def state(self) -> SyncState:
        if self.plan is None:
            return SyncState.SYNCING if not self._reflectors else SyncState.STOPPED
        if self.plan.forbidden:
            return SyncState.FORBIDDEN
        states = {r.state for r in self._reflectors.values()}
        if not states or states == {SyncState.STOPPED}:
            return SyncState.STOPPED
        if states == {SyncState.FORBIDDEN}:
            return SyncState.FORBIDDEN
        for state in _STATE_PRECEDENCE:
            if state in states:
                return state
        return SyncState.SYNCED

    @property
    def message(self) -> str:
        failing = [r.message for r in self._reflectors.values() if r.message]
        notes = [self.plan.message] if self.plan and self.plan.message else []
        return "; ".join(dict.fromkeys(notes + failing))

    @property
    def last_sync_at(self) -> float | None:
        times = [r.last_sync_at for r in self._reflectors.values() if r.last_sync_at]
        return max(times) if times else None

    def status(self) -> WatchInfo:
        res = self.resource
        loops = self._reflectors.values()
        return WatchInfo(
            kind=res.kind,
            group=res.group,
            version=res.version,
            resource=res.resource,
            namespaced=res.namespaced,
            state=self.state.value,
            message=self.message,
            items=len(self),
            last_sync_at=rfc3339(self.last_sync_at),
            scopes=[r.namespace or "*" for r in loops],
            list_requests=sum(r.list_requests for r in loops),
            watch_requests=sum(r.watch_requests for r in loops),
            relists_after_gone=sum(r.relists_after_gone for r in loops),
            errors=sum(r.errors for r in loops),
        )

    def reflectors(self) -> tuple[Reflector, ...]:
        return tuple(self._reflectors.values())

    async def wait_settled(self, within: float | None = None) -> SyncState:
        """Wait until every scope finished its current LIST attempt (synced, error or
        forbidden) and return the kind's state. Raises TimeoutError after `within` seconds."""

        async def settled() -> None:
            while not self._is_settled():
                await self._moved.wait()

        await asyncio.wait_for(settled(), within)
        return self.state

    def _is_settled(self) -> bool:
        if self.plan is None:
            return False
        return all(r.settled.is_set() for r in self._reflectors.values())

    # --- running -------------------------------------------------------------------------------

    def apply_plan(self, plan: WatchPlan) -> list[Reflector]:
        """Start reflectors for scopes the plan adds and detach those it drops (returned, to be
        stopped by the caller with `retire`)."""
        self.plan = plan
        wanted = set(plan.scopes)
        dropped = [r for scope, r in self._reflectors.items() if scope not in wanted]
        for reflector in dropped:
            del self._reflectors[reflector.namespace]
        for scope in plan.scopes:
            if scope not in self._reflectors:
                reflector = Reflector(
                    self._transport,
                    self.resource,
                    self._codec,
                    scope,
                    self._intern,
                    self._applied,
                    self._state_moved,
                    label=f"{self.cluster_id} {self.key}@{scope or '*'}",
                    indexes=self._indexes,
                )
                self._reflectors[scope] = reflector
                reflector.start()
        self._state_moved()
        return dropped

    async def retire(self, reflectors: Sequence[Reflector]) -> None:
        """Stop detached reflectors and announce their rows as deleted."""
        for reflector in reflectors:
            rows = reflector.store.clear()
            await reflector.stop()
            self._applied(rows)

    async def stop(self) -> None:
        """Stop every watch and drop all rows (no change signals: the cache is going away)."""
        reflectors = list(self._reflectors.values())
        self._reflectors.clear()
        for reflector in reflectors:
            await reflector.stop()
        self._state_moved()

    def _applied(self, applied: Applied) -> None:
        if not applied:
            return
        self.version = next(_CHANGES)
        self._journal.record(self.version, applied)
        for change in applied:
            self._namespace_versions[change.row.namespace] = self.version
        res = self.resource
        self._publish(
            [
                CatalogChange(
                    self.cluster_id, self.key, res.kind, row.namespace, row.name, row.uid, change
                )
                for change, row, _ in applied
            ]
        )

    def _state_moved(self) -> None:
        """Wake everyone waiting for a state change (a fresh event for the next change)."""
        moved, self._moved = self._moved, asyncio.Event()
        moved.set()
        self._on_state(self)
