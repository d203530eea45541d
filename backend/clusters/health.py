"""Is each selected cluster reachable, and if not, why — in words a person understands.

`HealthMonitor` probes every cluster in the pool, each on its own with a timeout, so one
cluster's state never affects another's: `/readyz` every `HEALTH_LIVENESS_INTERVAL_S`, `/version`
as well every `HEALTH_PROBE_INTERVAL_S`. The probe itself is a request, given by the layer that
sends requests (`backend.kube.probe`). Listeners hear of every change of a cluster's status or
message at once (the catalog stream's `event: cluster`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from backend.clusters.limits import HEALTH_LIVENESS_INTERVAL_S, HEALTH_PROBE_CONCURRENCY
from backend.clusters.pool import ClientPool, ClusterHandle
from backend.contract.kubeconfig import ConnectionStatus
from backend.listeners import Callbacks

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ProbeResult:
    status: ConnectionStatus
    message: str | None
    version: str | None
    checked_at: datetime
    latency_ms: float | None

    def same_health(self, other: ProbeResult | None) -> bool:
        """Whether `other` tells a person the same (status and sentence; latency aside)."""
        return other is not None and (self.status, self.message) == (other.status, other.message)


HealthListener = Callable[[str, ProbeResult], None]
"""Told `(cluster_id, result)` when a cluster's health changed; called on the loop, must not block."""


class Probe(Protocol):
    """One probe of one cluster within `limit_s` (`/version` too when `version`)."""

    def __call__(
        self, handle: ClusterHandle, limit_s: float, *, version: bool = ...
    ) -> Awaitable[ProbeResult]: ...


class HealthMonitor:
    """Probes every cluster of the pool: at once when it is added, then every liveness interval."""

    def __init__(self, pool: ClientPool, probe: Probe, interval_s: float, limit_s: float) -> None:
        self._pool = pool
        self._probe_once = probe
        self._interval_s = interval_s
        self._limit_s = limit_s
        self._slots = asyncio.Semaphore(HEALTH_PROBE_CONCURRENCY)
        self._results: dict[str, ProbeResult] = {}
        self._last_ready: dict[str, ProbeResult] = {}
        self._version_at: dict[str, float] = {}
        self._probes: dict[str, asyncio.Task[ProbeResult]] = {}
        self._listeners = Callbacks[[str, ProbeResult]]()
        self._loop_task: asyncio.Task[None] | None = None
        self._unsubscribe: Callable[[], None] | None = None

    async def start(self) -> None:
        self._unsubscribe = await self._pool.subscribe(self)
        self._loop_task = asyncio.get_running_loop().create_task(
            self._every_interval(), name="cluster-health"
        )

    async def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        tasks = [t for t in [self._loop_task, *self._probes.values()] if t is not None]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._probes.clear()
        self._loop_task = None

    def result(self, cluster_id: str) -> ProbeResult | None:
        return self._results.get(cluster_id)

    def last_ready(self, cluster_id: str) -> ProbeResult | None:
        """The last probe that found the cluster ready (its latency and time), however old."""
        return self._last_ready.get(cluster_id)

    def subscribe(self, listener: HealthListener) -> Callable[[], None]:
        """Call `listener` whenever a cluster's status or message changes; returns unsubscribe."""
        return self._listeners.add(listener)

    def probing(self, cluster_id: str) -> bool:
        """Whether a probe of the cluster is in flight right now."""
        running = self._probes.get(cluster_id)
        return running is not None and not running.done()

    async def check(self, cluster_id: str) -> ProbeResult | None:
        """Probe one cluster now (joining a probe already running); None if it has no client."""
        running = self._probes.get(cluster_id)
        if running is None or running.done():
            if self._pool.find(cluster_id) is None:
                return None
            running = self._schedule(cluster_id)
        return await asyncio.shield(running)

    # --- pool listener -----------------------------------------------------------------------

    async def on_added(self, cluster: ClusterHandle) -> None:
        self._schedule(cluster.cluster_id)

    async def on_removed(self, cluster_id: str) -> None:
        task = self._probes.pop(cluster_id, None)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        self._results.pop(cluster_id, None)
        self._last_ready.pop(cluster_id, None)
        self._version_at.pop(cluster_id, None)

    # --- internals -------------------------------------------------------------------------------

    def _schedule(self, cluster_id: str) -> asyncio.Task[ProbeResult]:
        task = asyncio.get_running_loop().create_task(
            self._probe(cluster_id), name=f"probe:{cluster_id}"
        )
        self._probes[cluster_id] = task
        task.add_done_callback(lambda t: self._forget(cluster_id, t))
        return task

    def _forget(self, cluster_id: str, task: asyncio.Task[ProbeResult]) -> None:
        if self._probes.get(cluster_id) is task:
            del self._probes[cluster_id]

    def _wants_version(self, cluster_id: str) -> bool:
        """`/version` on the first probe, after a failure (it may be a new server) and every
        interval; liveness probes in between ask `/readyz` only."""
        previous = self._results.get(cluster_id)
        asked = self._version_at.get(cluster_id)
        return (
            previous is None
            or previous.status != "ready"
            or asked is None
            or time.monotonic() - asked >= self._interval_s
        )

    async def _probe(self, cluster_id: str) -> ProbeResult:
        async with self._slots:
            handle = self._pool.find(cluster_id)
            if handle is None:
                return ProbeResult(
                    "error", "The cluster is no longer selected.", None, datetime.now(UTC), None
                )
            with_version = self._wants_version(cluster_id)
            result = await self._probe_once(handle, self._limit_s, version=with_version)
        if self._pool.find(cluster_id) is not handle:
            return result
        previous = self._results.get(cluster_id)
        if result.status == "ready":
            if with_version:
                self._version_at[cluster_id] = time.monotonic()
            elif previous is not None:
                result = dataclasses.replace(result, version=previous.version)
            self._last_ready[cluster_id] = result
        elif (answered := self._last_ready.get(cluster_id)) is not None:
            result = dataclasses.replace(result, version=answered.version)  # still its version
        self._results[cluster_id] = result
        if not result.same_health(previous):
            self._tell(cluster_id, result)
        return result

    def _tell(self, cluster_id: str, result: ProbeResult) -> None:
        log.info("cluster %s is now %s", cluster_id, result.status)
        self._listeners.tell(cluster_id, result)

    async def _every_interval(self) -> None:
        while True:
            await asyncio.sleep(HEALTH_LIVENESS_INTERVAL_S)
            for handle in self._pool.handles():
                running = self._probes.get(handle.cluster_id)
                if running is None or running.done():
                    self._schedule(handle.cluster_id)
