"""One `ClusterCatalog` per selected cluster, keyed by clusterId."""

from __future__ import annotations

from collections.abc import Callable

from backend.errors import not_found
from backend.kube.cluster import ClusterApi
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.changes import ChangeHub, ChangeListener
from backend.objectcatalog.status import CatalogStats


class CatalogRegistry:
    """The catalogs of the selected clusters, and one change feed across all of them."""

    def __init__(self) -> None:
        self._catalogs: dict[str, ClusterCatalog] = {}
        self._unsubscribe: dict[str, Callable[[], None]] = {}
        self._hub = ChangeHub()

    async def add(
        self,
        cluster_id: str,
        cluster_name: str,
        api: ClusterApi,
        default_namespace: str | None,
    ) -> ClusterCatalog:
        """Create and start the catalog of a newly selected cluster. Adding an id that is
        already present replaces its catalog (the newest client wins)."""
        if cluster_id in self._catalogs:
            await self.remove(cluster_id)
        catalog = ClusterCatalog(cluster_id, cluster_name, api, default_namespace)
        self._catalogs[cluster_id] = catalog
        self._unsubscribe[cluster_id] = catalog.subscribe(self._hub.tell)
        await catalog.start()
        return catalog

    async def remove(self, cluster_id: str) -> CatalogStats | None:
        """Stop a deselected cluster's catalog and free its caches; None if it was not here."""
        catalog = self._catalogs.pop(cluster_id, None)
        if catalog is None:
            return None
        self._unsubscribe.pop(cluster_id)()
        return await catalog.stop()

    def get(self, cluster_id: str) -> ClusterCatalog:
        catalog = self._catalogs.get(cluster_id)
        if catalog is None:
            raise not_found(
                "unknown_cluster", f"No catalog for cluster `{cluster_id}`.", clusterId=cluster_id
            )
        return catalog

    def __contains__(self, cluster_id: object) -> bool:
        return cluster_id in self._catalogs

    def catalogs(self) -> list[ClusterCatalog]:
        return list(self._catalogs.values())

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Change batches of every cluster, present and future (catalog SSE stream)."""
        return self._hub.add(listener)

    async def close(self) -> None:
        """Stop every catalog (app shutdown)."""
        for cluster_id in list(self._catalogs):
            await self.remove(cluster_id)
