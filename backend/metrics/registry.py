"""The metrics of every selected cluster, created on first use and closed on deselection."""

from __future__ import annotations

from backend.metrics.cluster import ClusterMetrics
from backend.objectcatalog.catalog import ClusterCatalog


class MetricsRegistry:
    def __init__(self) -> None:
        self._clusters: dict[str, ClusterMetrics] = {}

    def of(self, catalog: ClusterCatalog) -> ClusterMetrics:
        metrics = self._clusters.get(catalog.cluster_id)
        if metrics is None or metrics.catalog is not catalog:
            if metrics is not None:
                metrics.stop()  # the cluster was reselected: a new client, a new catalog
            metrics = self._clusters[catalog.cluster_id] = ClusterMetrics(catalog)
        return metrics

    def detach(self, cluster_id: str) -> ClusterMetrics | None:
        """Forget a deselected cluster's metrics; the caller stops them."""
        return self._clusters.pop(cluster_id, None)

    def stop(self) -> None:
        for cluster_id in list(self._clusters):
            self._clusters.pop(cluster_id).stop()

    def estimated_bytes(self) -> int:
        return sum(m.estimated_bytes() for m in self._clusters.values())
