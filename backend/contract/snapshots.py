"""Snapshots, manual refresh and their per-cluster parts (contract §6).

`Snapshot.items` rows are built straight from the catalog's slim rows for speed; the per-domain
item models below describe those rows for the generated TypeScript types, and unit tests check
that the rows the server builds validate against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from backend.contract.base import ContractModel

ClusterPartStatus = Literal[
    "ready", "loading", "stale", "forbidden", "unreachable", "timeout", "error"
]
FailureCause = Literal["forbidden", "unreachable", "timeout", "auth_failed", "error"]


class SnapshotClusterPart(ContractModel):
    cluster_id: str
    cluster_name: str
    status: ClusterPartStatus
    message: str | None = None
    item_count: int = 0
    duration_ms: float = 0
    cause: FailureCause | None = None
    """Why a `stale` part is stale (addition to §6): the failure behind the kept rows."""
    version: str = ""
    """This cluster's part of the snapshot version (addition to §6)."""


class Snapshot(ContractModel):
    domain: str
    selected_cluster_ids: list[str]
    scopes: list[str]
    version: str
    generated_at: str
    clusters: list[SnapshotClusterPart]
    items: list[dict[str, Any]]
    total: int


class RefreshClusterResult(ContractModel):
    cluster_id: str
    status: ClusterPartStatus
    message: str | None = None
    duration_ms: float = 0


class RefreshResult(ContractModel):
    clusters: list[RefreshClusterResult] = Field(default_factory=list)


class ObjectRef(ContractModel):
    """Names one object in one cluster (contract §1)."""

    cluster_id: str
    group: str
    version: str
    kind: str
    namespace: str
    name: str
    uid: str | None = None


class RowIdentity(ContractModel):
    """What every aggregated row carries."""

    cluster_id: str
    cluster_name: str
    stale: bool = False
    """True when the row is the last good data of a cluster that is failing now."""


class NamespaceItem(RowIdentity):
    name: str
    phase: str
    created_at: str


class PodItem(RowIdentity):
    namespace: str
    name: str
    uid: str
    phase: str
    status: str
    ready: str
    restarts: int
    node: str
    created_at: str
    owner_kind: str
    owner_name: str


class CatalogItem(RowIdentity):
    group: str
    version: str
    kind: str
    namespace: str
    name: str
    uid: str
    created_at: str
