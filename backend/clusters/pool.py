"""One ApiClient per selected clusterId, and the listeners told when one comes or goes.

A client is created when its cluster is selected and closed — aiohttp session, connections,
plugin runs, key files — when it is deselected. Other layers (the object catalog, streams) learn
of both through `subscribe`: `on_added(handle)` after a client exists, `on_removed(cluster_id)`
before it is closed, so they can stop their watches while the session still works. A cluster
whose client cannot be built stays selected as a failure with its reason; `retry` tries again.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from backend.clusters.client_factory import BuiltClient, ClientBuildError, build_client
from backend.clusters.discovery import DiscoveredContext
from backend.clusters.limits import CLIENT_CLOSE_TIMEOUT_S, LISTENER_TIMEOUT_S
from backend.clusters.login_path import LoginShellPath
from backend.errors import RegattaError
from backend.listeners import Listeners

if TYPE_CHECKING:
    from kubernetes_asyncio.client import ApiClient

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, weakref_slot=True)
class ClusterHandle:
    """What another layer needs to talk to one selected cluster."""

    cluster_id: str
    cluster_name: str
    api_client: ApiClient
    namespace: str
    """The context's namespace, or `default`."""
    server: str


class PoolListener(Protocol):
    async def on_added(self, cluster: ClusterHandle) -> None: ...

    async def on_removed(self, cluster_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class _Entry:
    built: BuiltClient | None
    handle: ClusterHandle | None
    failure: str | None


_ABSENT = _Entry(None, None, None)


class ClientPool:
    """The clients of the selected clusters, keyed by clusterId."""

    def __init__(self, login_path: LoginShellPath | None = None) -> None:
        self._login_path = login_path if login_path is not None else LoginShellPath()
        self._entries: dict[str, _Entry] = {}
        self._listeners = Listeners[PoolListener]()
        self._lock = asyncio.Lock()
        """Orders registrations and notifications; never held while a client is being built."""

    # --- reading ------------------------------------------------------------------------------

    def get(self, cluster_id: str) -> ClusterHandle:
        """The handle of a selected cluster; 409 `cluster_not_active`, 503 if its client failed."""
        entry = self._entries.get(cluster_id)
        if entry is None:
            raise RegattaError(
                409,
                "cluster_not_active",
                f"`{cluster_id}` is not a selected cluster.",
                clusterId=cluster_id,
            )
        if entry.handle is None:
            raise RegattaError(
                503,
                "cluster_unavailable",
                f"`{cluster_id}` has no working client: {entry.failure}",
                clusterId=cluster_id,
            )
        return entry.handle

    def find(self, cluster_id: str) -> ClusterHandle | None:
        return self._entries.get(cluster_id, _ABSENT).handle

    def handles(self) -> list[ClusterHandle]:
        return [e.handle for e in self._entries.values() if e.handle is not None]

    def cluster_ids(self) -> list[str]:
        """Every cluster the pool holds, with or without a working client."""
        return list(self._entries)

    def failure(self, cluster_id: str) -> str | None:
        return self._entries.get(cluster_id, _ABSENT).failure

    def startup_problem(self, cluster_id: str) -> str | None:
        """Why the first credential could not be obtained, if it could not."""
        built = self.built(cluster_id)
        return built.startup_problem if built is not None else None

    def built(self, cluster_id: str) -> BuiltClient | None:
        return self._entries.get(cluster_id, _ABSENT).built

    # --- listeners ------------------------------------------------------------------------------

    async def subscribe(self, listener: PoolListener) -> Callable[[], None]:
        """Register `listener`, tell it about clusters already present; returns the unsubscribe."""
        async with self._lock:
            unsubscribe = self._listeners.add(listener)
            for handle in self.handles():
                await _notify(listener.on_added(handle), "on_added", handle.cluster_id)
        return unsubscribe

    # --- changing ----------------------------------------------------------------------------

    async def add(self, context: DiscoveredContext) -> ClusterHandle | None:
        """Build and register the client of `context`; None (and a recorded failure) if it cannot."""
        built: BuiltClient | None = None
        failure = None
        try:
            built = await build_client(context, self._login_path)
        except ClientBuildError as exc:
            failure = exc.message
        except Exception as exc:  # a library's surprise must not stop start-up or a selection
            failure = (
                f"The kubeconfig entries of `{context.cluster_name}` in {context.path} cannot be"
                f" used: {type(exc).__name__}: {exc}"
            )
        if failure is not None:
            log.warning("no client for %s: %s", context.cluster_id, failure)
        handle = None
        if built is not None:
            handle = ClusterHandle(
                cluster_id=context.cluster_id,
                cluster_name=context.cluster_name,
                api_client=built.api_client,
                namespace=built.namespace,
                server=built.server,
            )
        async with self._lock:
            if context.cluster_id in self._entries:
                if built is not None:
                    await _close(built, context.cluster_id)
                raise RegattaError(
                    409,
                    "cluster_already_active",
                    f"`{context.cluster_id}` is already in the pool.",
                    clusterId=context.cluster_id,
                )
            self._entries[context.cluster_id] = _Entry(built, handle, failure)
            if handle is not None:
                for listener in self._listeners:
                    await _notify(listener.on_added(handle), "on_added", context.cluster_id)
        return handle

    async def remove(self, cluster_id: str) -> None:
        """Tell listeners, then close the client; a cluster not in the pool is ignored."""
        async with self._lock:
            entry = self._entries.pop(cluster_id, None)
            if entry is None:
                return
            if entry.handle is not None:
                for listener in self._listeners:
                    await _notify(listener.on_removed(cluster_id), "on_removed", cluster_id)
        if entry.built is not None:
            await _close(entry.built, cluster_id)

    async def replace(self, context: DiscoveredContext) -> ClusterHandle | None:
        """Rebuild a cluster's client (its kubeconfig entries changed, or a failure is retried)."""
        await self.remove(context.cluster_id)
        return await self.add(context)

    async def close(self) -> None:
        """Remove every cluster (listeners are told), closing all clients."""
        for cluster_id in list(self._entries):
            await self.remove(cluster_id)


async def _notify(call: Awaitable[None], what: str, cluster_id: str) -> None:
    """Await one listener callback, bounded; its failure is logged and does not spread."""
    try:
        async with asyncio.timeout(LISTENER_TIMEOUT_S):
            await call
    except Exception:
        log.exception("pool listener %s failed for %s", what, cluster_id)


async def _close(built: BuiltClient, cluster_id: str) -> None:
    try:
        async with asyncio.timeout(CLIENT_CLOSE_TIMEOUT_S):
            await built.close()
    except Exception:
        log.exception("closing the client of %s failed", cluster_id)
