"""One cluster's catalog: what kinds and namespaces it has, and the watch caches of its kinds.

Start-up runs in the background so a slow or unreachable cluster never holds up its caller:
discovery (retried with backoff until it succeeds), then the namespaces, then the kinds every
cluster watches from the start, then the CRD watch that keeps discovery current. Other kinds
start on `ensure()` and stop after they have been idle for `KIND_IDLE_TIMEOUT_S`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine, Iterable, Sequence
from typing import Any

import msgspec

from backend.contract.diagnostics import ClusterDiagnosticsEntry
from backend.errors import RegattaError
from backend.kube.backoff import Backoff
from backend.kube.cluster import ClusterApi
from backend.kube.discovery import DiscoveryIndex
from backend.kube.errors import ApiError, Unreachable
from backend.kube.resources import ApiResource, KindKey
from backend.objectcatalog import limits, memory
from backend.objectcatalog.changes import CatalogChange, ChangeHub, ChangeListener
from backend.objectcatalog.debounce import Debounced
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.kinds import CUSTOM_RESOURCE_DEFINITIONS, NAMESPACES, STARTUP_KINDS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows.nodes import NamespaceRow
from backend.objectcatalog.status import (
    CatalogStats,
    ClusterStatus,
    NamespaceListing,
    ResyncResult,
    rfc3339,
)
from backend.objectcatalog.watch_plan import WatchPlan, permission_issues, plan_watch

log = logging.getLogger(__name__)

_PINNED = frozenset((*STARTUP_KINDS, CUSTOM_RESOURCE_DEFINITIONS))
"""Kinds that never stop for being idle."""

FALLBACK_MESSAGE = (
    "namespaces cannot be listed; showing the context's namespace and "
    "namespaces seen in accessible objects"
)


def api_failure(exc: ApiError | Unreachable, **context: Any) -> RegattaError:
    """The RegattaError for a failed request made on a caller's behalf."""
    if isinstance(exc, Unreachable):
        return RegattaError(
            503, "cluster_unreachable", f"The cluster did not answer: {exc}", **context
        )
    if exc.not_found:
        return RegattaError(404, "object_not_found", exc.message, **context)
    if exc.forbidden:
        return RegattaError(403, "forbidden", exc.message, **context)
    return RegattaError(
        502, "api_error", f"The API server answered {exc.status}: {exc.message}", **context
    )


class ClusterCatalog:
    """Discovery, permissions, namespaces and watch caches of one selected cluster.

    The catalog never closes the cluster's client: the client pool owns it.
    """

    def __init__(
        self,
        cluster_id: str,
        cluster_name: str,
        api: ClusterApi,
        default_namespace: str | None,
    ) -> None:
        self.cluster_id = cluster_id
        self.cluster_name = cluster_name
        self.default_namespace = default_namespace or None
        self.api = api
        self.transport = api.transport
        self.intern = Interner()
        self._hub = ChangeHub()
        self._caches: dict[KindKey, KindCache] = {}
        self._index: DiscoveryIndex | None = None
        self._discovered = asyncio.Event()
        self._discovery_error = ""
        self._discovery_cause = "unreachable"
        """Why the last discovery failed: `Unreachable.cause` (auth_failed for a failing exec
        credential plugin), else unreachable."""
        self._tasks: set[asyncio.Task[Any]] = set()
        self._rediscovery = Debounced(
            self._rediscover,
            limits.DISCOVERY_DEBOUNCE_S,
            lambda work: self._spawn(work, "rediscover"),
        )
        self._reconcile = Debounced(
            self._reconcile_namespace_scopes,
            limits.NAMESPACE_RECONCILE_DEBOUNCE_S,
            lambda work: self._spawn(work, "reconcile"),
        )
        self._seen_namespaces: set[str] = set()
        self._namespace_memo: tuple[tuple[int, ...], NamespaceListing] | None = None
        self._running = False
        self._stopped = False

    # --- lifecycle -----------------------------------------------------------------------------

    async def start(self) -> None:
        """Begin discovery and the start-up watches in the background; returns at once."""
        if self._running or self._stopped:
            return
        self._running = True
        self._spawn(self._bootstrap(), "bootstrap")
        self._spawn(self._housekeeping(), "housekeeping")

    async def stop(self) -> CatalogStats:
        """Stop every watch and background task and free the rows; returns what was freed."""
        freed = self.stats()
        self._running = False
        self._stopped = True
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.wait(tasks)  # not `await task`: see Reflector._cancel
        del tasks
        caches = list(self._caches.values())
        self._caches.clear()
        for cache in caches:
            await cache.stop()
        self._hub.clear()
        self.intern.clear()
        self.api.access.invalidate()
        self._namespace_memo = None
        self._seen_namespaces.clear()
        return freed

    @property
    def running(self) -> bool:
        return self._running

    def _spawn(self, work: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(work, name=f"{self.cluster_id} {name}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(_log_crash)
        return task

    async def _bootstrap(self) -> None:
        backoff = Backoff()
        while True:
            if await self._discover_once():
                break
            await asyncio.sleep(backoff.next_delay())  # retry an unreachable cluster
        await self._start_kind(NAMESPACES)
        namespaces = self._caches.get(NAMESPACES)
        if namespaces is not None:
            with contextlib.suppress(TimeoutError):
                await namespaces.wait_settled(limits.LIST_REQUEST_TIMEOUT_S)
        await asyncio.gather(*(self._start_kind(key) for key in STARTUP_KINDS if key != NAMESPACES))
        await self._start_kind(CUSTOM_RESOURCE_DEFINITIONS)

    async def _discover_once(self) -> bool:
        try:
            index = await self.api.discovery.refresh()
        except (ApiError, Unreachable, msgspec.DecodeError, msgspec.ValidationError) as exc:
            self._discovery_error = f"discovery failed: {exc}"
            self._discovery_cause = exc.cause if isinstance(exc, Unreachable) else "unreachable"
            log.info("%s: %s", self.cluster_id, self._discovery_error)
            return False
        self._discovery_error = ""
        self._index = index
        self._discovered.set()
        return True

    # --- kinds ---------------------------------------------------------------------------------

    @property
    def discovery(self) -> DiscoveryIndex | None:
        return self._index

    def resolve(self, kind: KindKey | str) -> ApiResource | None:
        """The resource a kind key names on this cluster (None before discovery or if unknown)."""
        return self._index.resolve(KindKey.of(kind)) if self._index else None

    async def ensure(self, kind: KindKey | str) -> KindCache:
        """The cache of `kind`, started if it is not running. Does not wait for its first sync
        (see `KindCache.wait_settled`)."""
        key = KindKey.of(kind)
        self._check_active()
        cache = self._caches.get(key)
        if cache is None:
            cache = await self._start_kind(key, required=True)
        assert cache is not None
        cache.touch()
        return cache

    def cache(self, kind: KindKey | str) -> KindCache | None:
        """The running cache of `kind`, or None; counts as use (idle timer)."""
        cache = self._caches.get(KindKey.of(kind))
        if cache is not None:
            cache.touch()
        return cache

    def caches(self) -> list[KindCache]:
        return list(self._caches.values())

    def _check_active(self) -> None:
        if self._stopped or not self._running:
            raise RegattaError(
                409,
                "cluster_not_active",
                f"Cluster `{self.cluster_name}` is not active.",
                clusterId=self.cluster_id,
            )

    async def _wait_discovery(self) -> DiscoveryIndex:
        if self._index is None:
            try:
                await asyncio.wait_for(self._discovered.wait(), limits.DISCOVERY_WAIT_S)
            except TimeoutError:
                raise RegattaError(
                    503,
                    "discovery_unavailable",
                    f"Cluster `{self.cluster_name}` did not say which kinds it serves: "
                    f"{self._discovery_error or 'no answer yet'}.",
                    clusterId=self.cluster_id,
                ) from None
        assert self._index is not None
        return self._index

    async def _start_kind(self, key: KindKey, required: bool = False) -> KindCache | None:
        index = await self._wait_discovery() if required else self._index
        resource = index.resolve(key) if index else None
        if resource is None or not resource.watchable:
            if required:
                reason = "is not served" if resource is None else "cannot be listed and watched"
                raise RegattaError(
                    404,
                    "unknown_kind",
                    f"Kind `{key}` {reason} on cluster `{self.cluster_name}`.",
                    clusterId=self.cluster_id,
                    kind=str(key),
                )
            return None
        existing = self._caches.get(key)
        if existing is not None:
            return existing
        cache = KindCache(
            self.cluster_id, resource, self.transport, self.intern, self._publish, self._cache_moved
        )
        self._caches[key] = cache
        await self._apply_plan(cache, await self._plan(resource))
        return cache

    async def _plan(self, resource: ApiResource) -> WatchPlan:
        try:
            return await plan_watch(self.api.access, resource, self.namespaces().names)
        except Unreachable:
            # No answer about access: try cluster-wide; the LIST itself will say 403 if not.
            return WatchPlan((None,), "")

    async def _apply_plan(self, cache: KindCache, plan: WatchPlan) -> None:
        if self._caches.get(cache.key) is not cache:
            return  # stopped or replaced meanwhile
        await cache.retire(cache.apply_plan(plan))

    # --- namespaces ----------------------------------------------------------------------------

    def namespaces(self) -> NamespaceListing:
        """The cluster's namespaces: listed when the user may, else the fallback (see
        `NamespaceListing`)."""
        cache = self._caches.get(NAMESPACES)
        listed = cache is not None and (
            cache.state is SyncState.SYNCED or (cache.state is SyncState.ERROR and len(cache))
        )
        if cache is not None and listed:
            rows = tuple(
                sorted(
                    (r for r in cache.rows() if isinstance(r, NamespaceRow)), key=lambda r: r.name
                )
            )
            return NamespaceListing("list", tuple(r.name for r in rows), rows, "")
        if cache is not None and cache.state is SyncState.SYNCING:
            source, message = "loading", ""
        else:
            source, message = "fallback", FALLBACK_MESSAGE
        memo_key = tuple(c.version for c in self._caches.values())
        if self._namespace_memo is not None and self._namespace_memo[0] == memo_key:
            memo = self._namespace_memo[1]
            if memo.source == source:
                return memo
        names = {ns for cache in self._caches.values() for ns in cache.namespaces_seen()}
        if self.default_namespace:
            names.add(self.default_namespace)
        listing = NamespaceListing(source, tuple(sorted(names)), (), message)
        self._namespace_memo = (memo_key, listing)
        return listing

    def _publish(self, changes: Sequence[CatalogChange]) -> None:
        self._note_namespaces(changes)
        self._hub.tell(changes)

    def _note_namespaces(self, changes: Sequence[CatalogChange]) -> None:
        """Re-plan namespace-scoped watches when the set of namespaces changes."""
        if not changes:
            return
        if changes[0].kind_key == NAMESPACES:
            if any(c.type != "MODIFIED" for c in changes):
                self._schedule_reconcile()
            return
        if changes[0].kind_key == CUSTOM_RESOURCE_DEFINITIONS:
            self._schedule_rediscovery()
        fresh = {c.namespace for c in changes if c.namespace} - self._seen_namespaces
        if fresh:
            self._seen_namespaces |= fresh
            if self.namespaces().source == "fallback":
                self._schedule_reconcile()

    def _schedule_reconcile(self) -> None:
        if self._running:
            self._reconcile.poke()

    async def _reconcile_namespace_scopes(self) -> None:
        for cache in list(self._caches.values()):
            plan = cache.plan
            if plan is None or not cache.resource.namespaced or plan.scopes == (None,):
                continue
            await self._apply_plan(cache, await self._plan(cache.resource))

    def _cache_moved(self, cache: KindCache) -> None:
        if cache.key == NAMESPACES and cache.state is not SyncState.SYNCING:
            # The namespace list became (un)available: namespace-scoped plans change with it.
            self._schedule_reconcile()

    # --- discovery refresh ---------------------------------------------------------------------

    def _schedule_rediscovery(self) -> None:
        if self._running:
            self._rediscovery.poke()

    async def _rediscover(self) -> None:
        if await self._discover_once():
            await self._follow_discovery()

    async def _follow_discovery(self) -> None:
        """Stop caches of kinds that disappeared; restart those whose version moved."""
        index = self._index
        assert index is not None
        for key, cache in list(self._caches.items()):
            resource = index.resolve(key)
            if resource == cache.resource:
                continue
            del self._caches[key]
            await cache.stop()
            if resource is not None and key in _PINNED:
                await self._start_kind(key)

    # --- refresh -------------------------------------------------------------------------------

    async def resync(self, kinds: Iterable[KindKey | str] | None = None) -> ResyncResult:
        """Manual refresh: re-check permissions and discovery, then a fresh LIST of `kinds`
        (default: every running kind); waits for those LISTs up to `RESYNC_TIMEOUT_S`."""
        started = time.monotonic()
        self._check_active()

        def result(
            status: str, message: str | None, states: dict[KindKey, SyncState] | None = None
        ) -> ResyncResult:
            took = int((time.monotonic() - started) * 1000)
            return ResyncResult(self.cluster_id, status, message, took, states or {})

        self.api.access.invalidate()
        if not await self._discover_once():
            return result(self._discovery_cause, self._discovery_error)
        await self._follow_discovery()
        keys = [KindKey.of(k) for k in kinds] if kinds is not None else list(self._caches)
        caches: list[KindCache] = []
        for key in keys:
            cache = self._caches.get(key)
            if cache is None:
                cache = await self._start_kind(key, required=kinds is not None)
                if cache is not None:
                    caches.append(cache)
                continue
            before = set(cache.scopes)
            await self._apply_plan(cache, await self._plan(cache.resource))
            for reflector in cache.reflectors():
                if reflector.namespace in before:
                    await reflector.restart()
            caches.append(cache)
        try:
            await asyncio.wait_for(
                asyncio.gather(*(c.wait_settled() for c in caches)), limits.RESYNC_TIMEOUT_S
            )
        except TimeoutError:
            return result(
                "timeout", "the fresh list did not finish in time", {c.key: c.state for c in caches}
            )
        states = {c.key: c.state for c in caches}
        failing = [c for c in caches if c.state is SyncState.ERROR]
        if failing:
            return result("error", "; ".join(f"{c.key}: {c.message}" for c in failing), states)
        if caches and all(c.state is SyncState.FORBIDDEN for c in caches):
            return result("forbidden", "; ".join(f"{c.key}: {c.message}" for c in caches), states)
        return result("ready", None, states)

    # --- changes -------------------------------------------------------------------------------

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Receive every batch of `CatalogChange`s of this cluster; returns the unsubscribe."""
        return self._hub.add(listener)

    # --- objects on demand ---------------------------------------------------------------------

    async def get_object(
        self,
        group: str,
        version: str,
        kind: str,
        namespace: str | None,
        name: str,
    ) -> dict[str, Any]:
        """The whole object, fetched now (details and YAML views; never cached)."""
        self._check_active()
        context = {
            "clusterId": self.cluster_id,
            "group": group,
            "version": version,
            "kind": kind,
            "namespace": namespace or "",
            "name": name,
        }
        index = await self._wait_discovery()
        resource = index.for_kind(group, version, kind)
        if resource is None:
            raise RegattaError(
                404,
                "unknown_kind",
                f"{group or 'core'}/{version} {kind} is not served by "
                f"cluster `{self.cluster_name}`.",
                **context,
            )
        try:
            body = await self.transport.get(resource.path(namespace or None, name))
        except (ApiError, Unreachable) as exc:
            raise api_failure(exc, **context) from exc
        obj: dict[str, Any] = msgspec.json.decode(body)
        return obj

    # --- reports -------------------------------------------------------------------------------

    def status(self) -> tuple[ClusterStatus, str | None]:
        if self._stopped:
            return ClusterStatus.STOPPED, None
        if self._index is None:
            if self._discovery_error:
                return ClusterStatus.UNREACHABLE, self._discovery_error
            return ClusterStatus.LOADING, None
        notes = [FALLBACK_MESSAGE] if self.namespaces().source == "fallback" else []
        states = {k: c.state for k, c in self._caches.items()}
        if any(states.get(k) is SyncState.SYNCING for k in STARTUP_KINDS) or not states:
            return ClusterStatus.LOADING, "; ".join(notes) or None
        live = [c for c in self._caches.values() if c.state is not SyncState.FORBIDDEN]
        failing = [c for c in live if c.state is SyncState.ERROR]
        if failing:
            message = "; ".join([f"{c.key}: {c.message}" for c in failing[:3]] + notes)
            if len(failing) == len(live):
                return ClusterStatus.UNREACHABLE, message
            return ClusterStatus.DEGRADED, message
        return ClusterStatus.READY, "; ".join(notes) or None

    def diagnostics(self) -> ClusterDiagnosticsEntry:
        """The catalog's part of the cluster's diagnostics entry (§8); the connection's part is
        added by the caller."""
        status, message = self.status()
        syncs = [c.last_sync_at for c in self._caches.values() if c.last_sync_at]
        stats = self.stats()
        return ClusterDiagnosticsEntry(
            cluster_id=self.cluster_id,
            cluster_name=self.cluster_name,
            status=status.value,
            message=message,
            last_sync_at=rfc3339(max(syncs) if syncs else None),
            api_latency_ms=None,  # the health probe's, added by the caller
            watches=[c.status() for c in sorted(self._caches.values(), key=lambda c: str(c.key))],
            permission_issues=permission_issues(self.api.access),
            namespace_source=self.namespaces().source,
            aggregated_discovery=self._index.aggregated if self._index else None,
            cached_rows=stats.rows,
            estimated_bytes=stats.estimated_bytes,
            access_reviews=self.api.access.reviews_sent,
        )

    def stats(self) -> CatalogStats:
        stores = [r.store for c in self._caches.values() for r in c.reflectors()]
        return CatalogStats(
            rows=sum(map(len, self._caches.values())),
            estimated_bytes=memory.stores_bytes(stores, self.intern) + self.intern.footprint(),
        )

    # --- housekeeping --------------------------------------------------------------------------

    async def _housekeeping(self) -> None:
        while True:
            await asyncio.sleep(limits.HOUSEKEEPING_INTERVAL_S)
            await self.stop_idle_kinds(time.monotonic() - limits.KIND_IDLE_TIMEOUT_S)
            self.intern.prune()

    async def stop_idle_kinds(self, unused_since: float) -> list[KindKey]:
        """Stop on-demand kinds not used since `unused_since` (monotonic seconds)."""
        idle = [
            k for k, c in self._caches.items() if k not in _PINNED and c.last_used < unused_since
        ]
        for key in idle:
            cache = self._caches.pop(key)
            await cache.stop()
        return idle


def _log_crash(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("catalog task %s failed", task.get_name(), exc_info=task.exception())
