"""The one cluster an action runs against: exactly `ref.clusterId`, never another.

A clusterId that no kubeconfig has is a 404 `unknown_cluster`; one that is known but not
selected (or is being deselected) is a 409 `cluster_not_active`; a selected cluster whose client
could not be built is a 503. There is no default and no fallback, and nothing here changes the
selection. Discovery and access answers are the cluster's shared ones (`kube.cluster`), dropped
with its client.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.kube.cluster import ClusterApi, cluster_api


@dataclass(frozen=True, slots=True)
class ActionTarget:
    """A selected cluster and its API (transport, discovery, access reviews)."""

    handle: ClusterHandle
    api: ClusterApi

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

    def resolve(self, cluster_id: str, purpose: str = "act on its objects") -> ActionTarget:
        """The target, or the refusal; `purpose` ends the 409's sentence ("select it to …")."""
        if cluster_id not in self._clusters.selected_cluster_ids:
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
                f"`{cluster_id}` is not a selected cluster; select it to {purpose}.",
                clusterId=cluster_id,
            )
        handle = self._clusters.pool.get(cluster_id)  # 409 while being removed, 503 if failed
        return ActionTarget(handle, cluster_api(handle))
