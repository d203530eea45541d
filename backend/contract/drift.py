"""`GET /api/v1/drift?kind=Deployment[&namespace=shop]`: where namesakes differ across clusters.

One row per (namespace, name) present in two or more selected clusters, a cell per cluster with
the facts people compare — images, replicas, resources, env keys, config/secret keys (never a
value), labels — and which of them differ; `missing` names the clusters without the object.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from backend.contract.base import ClusterModel, ContractModel

DriftKind = Literal["Deployment", "StatefulSet", "DaemonSet", "ConfigMap", "Secret"]


class DriftCluster(ClusterModel):
    status: Literal["ready", "partial", "timeout", "unreachable", "forbidden", "error"]
    message: str | None = None


class DriftCell(ContractModel):
    cluster_id: str
    present: bool
    facts: dict[str, str] = Field(default_factory=dict)
    """Fact name (`image/app`, `replicas`, `env/app`, `keys`, `labels`, …) → a short text."""
    read: bool = True
    """False when the object is in the catalog but its full read failed or was not made."""


class DriftRow(ContractModel):
    namespace: str
    name: str
    differing: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    score: int = 0
    """How different: differing facts plus clusters missing it ("most different" sorts by it)."""
    cells: list[DriftCell] = Field(default_factory=list)


class DriftReport(ContractModel):
    kind: DriftKind
    clusters: list[DriftCluster] = Field(default_factory=list)
    rows: list[DriftRow] = Field(default_factory=list)
    truncated: bool = False
    """More namesakes exist than were read (`limit` rows, most clusters first)."""
