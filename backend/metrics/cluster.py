"""One cluster's metrics: polled while someone looks at a usage-carrying table, never awaited.

Snapshots call `pods_view`/`nodes_view`, which note the interest and answer the last reading at
once; a background task polls metrics.k8s.io every `POLL_INTERVAL_S` for the namespaces (or the
whole cluster) asked for in the last `QUIET_AFTER_S`, then stops. 403 is `forbidden`, a group
the server does not serve (404, or 503 from an unavailable APIService) is `unavailable`: data,
never an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

from backend.contract.items import MetricsStatus
from backend.kube.cluster import ClusterApi
from backend.kube.errors import ApiError, KubeError
from backend.kube.resources import KindKey
from backend.metrics import limits
from backend.metrics.history import History, ObjectKey, Sample
from backend.metrics.usage import MetricsView, PodUsage, Usage, nodes_of, pods_of
from backend.metrics.wire import node_list_decoder, pod_list_decoder
from backend.objectcatalog.catalog import ClusterCatalog

GROUP_PATH = "/apis/metrics.k8s.io/v1beta1"
POD_METRICS = KindKey("metrics.k8s.io", "pods")

ALL = ""
"""The namespace key meaning every namespace."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class ClusterMetrics:
    def __init__(
        self, catalog: ClusterCatalog, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.catalog = catalog
        self._api: ClusterApi = catalog.api
        self._clock = clock
        self._pods = MetricsView(self._initial_status())
        self._nodes = MetricsView(self._pods.status)
        self._pod_wants: dict[str, float] = {}
        self._node_wanted_at: float | None = None
        self._polled_namespaces: frozenset[str] = frozenset()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._counter = 0
        self.history = History(clock)

    # --- what snapshots ask ------------------------------------------------------------------

    def pods_view(self, namespaces: frozenset[str] | None) -> MetricsView:
        """The pods' usage as last read; polls `namespaces` (None: all) from now on."""
        now = self._clock()
        wanted = (ALL,) if namespaces is None else tuple(sorted(namespaces))
        new = False
        polled = self._polled_namespaces
        for ns in wanted:
            new = new or not (ALL in polled or ns in polled)
            self._pod_wants[ns] = now
        self._ensure_polling(wake=new)
        return self._pods

    def nodes_view(self) -> MetricsView:
        first = self._node_wanted_at is None
        self._node_wanted_at = self._clock()
        self._ensure_polling(wake=first)
        return self._nodes

    def object_history(self, key: ObjectKey) -> tuple[MetricsView, list[Sample]]:
        """The samples of one pod or node's chart, recording it from now on."""
        kind, namespace, _ = key
        view = self.pods_view(frozenset({namespace})) if kind == "Pod" else self.nodes_view()
        return view, self.history.watch(key)

    # --- polling ------------------------------------------------------------------------------

    def _initial_status(self) -> MetricsStatus:
        index = self.catalog.discovery
        if index is not None and index.resolve(POD_METRICS) is None:
            return "unavailable"
        return "available"

    def _ensure_polling(self, wake: bool) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run())
        elif wake:
            self._wake.set()

    def _wanted(self) -> tuple[frozenset[str], bool]:
        now = self._clock()
        for ns, at in list(self._pod_wants.items()):
            if now - at > limits.QUIET_AFTER_S:
                del self._pod_wants[ns]
        if self._node_wanted_at is not None and now - self._node_wanted_at > limits.QUIET_AFTER_S:
            self._node_wanted_at = None
        namespaces = frozenset(self._pod_wants)
        if ALL in namespaces:
            namespaces = frozenset({ALL})
        return namespaces, self._node_wanted_at is not None

    async def _run(self) -> None:
        while True:
            namespaces, nodes = self._wanted()
            if not namespaces and not nodes and not self.history.watched():
                return
            await self.poll(namespaces, nodes)
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), limits.POLL_INTERVAL_S)

    async def poll(self, namespaces: frozenset[str], nodes: bool) -> None:
        """Read the pods of `namespaces` (ALL: every one) and, if asked, the nodes, once."""
        if namespaces:
            paths = (
                [f"{GROUP_PATH}/pods"]
                if ALL in namespaces
                else [
                    f"{GROUP_PATH}/namespaces/{quote(ns, safe='')}/pods"
                    for ns in sorted(namespaces)
                ]
            )
            read = await self._read(paths, lambda body: pods_of(pod_list_decoder.decode(body)))
            if read is not None:
                self._polled_namespaces = namespaces
                self._pods = self._next(self._pods, read[0], read[1], pods=read[2])
        if nodes:
            paths = [f"{GROUP_PATH}/nodes"]
            read = await self._read(paths, lambda body: nodes_of(node_list_decoder.decode(body)))
            if read is not None:
                self._nodes = self._next(self._nodes, read[0], read[1], nodes=read[2])
        at = _now()
        merged = MetricsView(self._pods.status, 0, self._pods.pods, self._nodes.nodes)
        self.history.record(merged, at)

    def _next(
        self,
        old: MetricsView,
        status: MetricsStatus,
        message: str | None,
        pods: dict[tuple[str, str], PodUsage] | None = None,
        nodes: dict[str, Usage] | None = None,
    ) -> MetricsView:
        new_pods = pods if pods is not None else {}
        new_nodes = nodes if nodes is not None else {}
        if (old.status, old.message, old.pods, old.nodes) == (status, message, new_pods, new_nodes):
            return old
        self._counter += 1
        return MetricsView(status, self._counter, new_pods, new_nodes, message)

    async def _read(
        self, paths: list[str], figures: Callable[[bytes], dict[Any, Any]]
    ) -> tuple[MetricsStatus, str | None, dict[Any, Any]] | None:
        """(status, message, the figures of every path); None: unreachable now, keep what was
        read."""
        read: dict[Any, Any] = {}
        try:
            for path in paths:
                read.update(
                    figures(await self._api.transport.get(path, timeout_s=limits.REQUEST_TIMEOUT_S))
                )
        except ApiError as exc:
            return "forbidden" if exc.forbidden else "unavailable", exc.message, {}
        except KubeError:
            return None
        except ValueError as exc:  # not a metrics list (msgspec errors are ValueErrors)
            return "unavailable", str(exc), {}
        return "available", None, read

    def stop(self) -> None:
        """Cancel the polling task (the cluster was deselected or the app stops)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()

    def estimated_bytes(self) -> int:
        """A rough size of what is kept: ~200 bytes per pod, ~100 per node and sample."""
        return 200 * len(self._pods.pods) + 100 * (
            len(self._nodes.nodes) + self.history.sample_count()
        )
