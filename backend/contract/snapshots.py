"""Snapshots, manual refresh and their per-cluster parts (contract §6); the rows are in `items`."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.items import ClusterPartStatus as ClusterPartStatus
from backend.contract.items import MetricsStatus, SnapshotItem

FailureCause = Literal["forbidden", "unreachable", "timeout", "auth_failed", "error"]


class SnapshotClusterPart(ClusterModel):
    status: ClusterPartStatus
    message: str | None = None
    item_count: int = 0
    duration_ms: float = 0
    cause: FailureCause | None = None
    """Why a `stale` part is stale (addition to §6): the failure behind the kept rows."""
    version: str = ""
    """This cluster's part of the snapshot version (addition to §6)."""
    metrics: MetricsStatus | None = None
    """pods, nodes, workloads, cluster-overview (§12): whether the rows carry usage."""


class Snapshot(ContractModel):
    domain: str
    selected_cluster_ids: list[str]
    scopes: list[str]
    version: str
    generated_at: str
    clusters: list[SnapshotClusterPart]
    items: list[SnapshotItem]
    total: int


class ObjectRef(ContractModel):
    """Names one object in one cluster (contract §1)."""

    cluster_id: str
    group: str
    version: str
    kind: str
    namespace: str
    name: str
    uid: str | None = None


class ObjectSnapshot(Snapshot):
    """A snapshot of one object's domain (`object-details`, `object-yaml`, `object-events`)."""

    cluster_id: str
    cluster_name: str
    object: ObjectRef


class RefreshRequest(ContractModel):
    """`POST /api/v1/refresh/{domain}`; no scopes means every selected cluster."""

    scopes: list[str] = Field(default_factory=list)


class RefreshClusterResult(ContractModel):
    cluster_id: str
    status: ClusterPartStatus
    message: str | None = None
    duration_ms: float = 0


class RefreshResult(ContractModel):
    clusters: list[RefreshClusterResult] = Field(default_factory=list)
