"""Builds the backend's services and connects them: the one place that knows every layer.

The client pool tells the catalog registry when a cluster is selected or deselected, so each
selected cluster has exactly one catalog and a deselected one leaves no watches behind.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.routing import BaseRoute

from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService, ClusterSources
from backend.http.action_routes import action_routes
from backend.http.cluster_settings_routes import cluster_settings_routes
from backend.http.read_routes import (
    diagnostics_routes,
    drift_routes,
    search_routes,
    snapshot_routes,
)
from backend.http.session_routes import port_forward_routes, terminal_routes
from backend.http.stream_routes import stream_routes
from backend.kube.cluster import cluster_api
from backend.kube.probe import probe
from backend.objectcatalog.registry import CatalogRegistry
from backend.options import AppOptions
from backend.refresh.drift import DriftService
from backend.refresh.fanout import FanOut
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.limits import FANOUT_CONCURRENCY
from backend.refresh.search import SearchService
from backend.refresh.snapshots.service import SnapshotService
from backend.refresh.streams.hub import StreamHub
from backend.sessions.portforward import PortForwardService
from backend.sessions.terminal import TerminalSessions
from backend.settings import SettingsStore


class CatalogFollowsPool:
    """Pool listener: one catalog per selected cluster, stopped (and its memory freed) on removal."""

    def __init__(self, catalogs: CatalogRegistry, snapshots: SnapshotService) -> None:
        self._catalogs = catalogs
        self._snapshots = snapshots

    async def on_added(self, cluster: ClusterHandle) -> None:
        await self._catalogs.add(
            cluster.cluster_id, cluster.cluster_name, cluster_api(cluster), cluster.namespace
        )

    async def on_removed(self, cluster_id: str) -> None:
        await self._catalogs.remove(cluster_id)
        self._snapshots.forget_cluster(cluster_id)


@dataclass
class Services:
    clusters: ClusterService
    catalogs: CatalogRegistry
    snapshots: SnapshotService
    lifecycle: ServerLifecycle
    streams: StreamHub
    forwards: PortForwardService
    terminals: TerminalSessions

    @classmethod
    def build(cls, options: AppOptions) -> Services:
        clusters = ClusterService(
            ClusterSources.from_options(options), SettingsStore(options.config_dir), probe
        )
        catalogs = CatalogRegistry()
        lifecycle = ServerLifecycle()
        snapshots = SnapshotService(clusters, catalogs, FanOut(FANOUT_CONCURRENCY))
        streams = StreamHub(clusters, catalogs, lifecycle)
        forwards = PortForwardService(clusters, catalogs)
        streams.forwards = forwards
        terminals = TerminalSessions(clusters)
        return cls(clusters, catalogs, snapshots, lifecycle, streams, forwards, terminals)

    async def start(self) -> None:
        await self.clusters.pool.subscribe(CatalogFollowsPool(self.catalogs, self.snapshots))
        await self.clusters.pool.subscribe(self.forwards)
        await self.clusters.pool.subscribe(self.terminals)
        await self.clusters.start()
        await self.streams.start()

    async def stop(self) -> None:
        await self.forwards.close()
        await self.terminals.close()
        await self.streams.close()
        await self.clusters.stop()
        await self.catalogs.close()

    def api_routes(self) -> list[BaseRoute]:
        return [
            *snapshot_routes(self.snapshots),
            *search_routes(
                SearchService(
                    self.clusters, self.catalogs, self.snapshots, FanOut(FANOUT_CONCURRENCY)
                )
            ),
            *diagnostics_routes(
                self.clusters,
                self.catalogs,
                self.snapshots,
                self.lifecycle,
                self.terminals,
                self.streams,
            ),
            *stream_routes(
                self.clusters, self.catalogs, self.snapshots, self.lifecycle, hub=self.streams
            ),
            *cluster_settings_routes(self.clusters),
            *drift_routes(DriftService(self.clusters, self.catalogs)),
            *action_routes(self.clusters),
            *port_forward_routes(self.forwards),
            *terminal_routes(self.terminals),
        ]
