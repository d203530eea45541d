"""The one cluster an action runs against: exactly `ref.clusterId`, never another.

A clusterId that no kubeconfig has is a 404 `unknown_cluster`; one that is known but not
selected (or is being deselected) is a 409 `cluster_not_active`; a selected cluster whose client
could not be built is a 503. There is no default and no fallback, and nothing here changes the
selection. Discovery and access answers are kept per cluster and dropped when the cluster's
client is replaced or the cluster leaves the selection.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.actions.access import AccessReviewer
from backend.actions.kubeapi import KubeApi
from backend.actions.resources import ResourceDiscovery
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError


@dataclass(frozen=True, slots=True)
class ActionTarget:
    """A selected cluster's client with its discovery and access caches."""

    handle: ClusterHandle
    api: KubeApi
    discovery: ResourceDiscovery
    access: AccessReviewer

    @property
    def cluster_id(self) -> str:
        return self.handle.cluster_id

    @property
    def cluster_name(self) -> str:
        return self.handle.cluster_name


class TargetResolver:
    """clusterId → `ActionTarget`, strictly."""

    def __init__(self, clusters: ClusterService) -> None:
        self._clusters = clusters
        self._targets: dict[str, ActionTarget] = {}

    def resolve(self, cluster_id: str) -> ActionTarget:
        selected = self._clusters.selected_cluster_ids
        for gone in [c for c in self._targets if c not in selected]:
            del self._targets[gone]
        if cluster_id not in selected:
            if self._clusters.inventory.get(cluster_id) is None:
                raise RegattaError(
                    404,
                    "unknown_cluster",
                    f"No discovered kubeconfig has the context `{cluster_id}`.",
                    clusterId=cluster_id,
                )
            raise RegattaError(
                409,
                "cluster_not_active",
                f"`{cluster_id}` is not a selected cluster; select it to act on its objects.",
                clusterId=cluster_id,
            )
        handle = self._clusters.pool.get(cluster_id)  # 409 while being removed, 503 if failed
        target = self._targets.get(cluster_id)
        if target is None or target.handle.api_client is not handle.api_client:
            api = KubeApi(handle.api_client)
            target = ActionTarget(handle, api, ResourceDiscovery(api), AccessReviewer(api))
            self._targets[cluster_id] = target
        return target
