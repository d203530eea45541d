"""Object search over the catalog caches of the selected clusters (`GET /api/v1/search`)."""

from __future__ import annotations

from typing import Literal

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.items import ClusterPartStatus
from backend.contract.snapshots import FailureCause

SearchMatch = Literal["exact", "prefix", "substring"]


class SearchHit(ContractModel):
    """One object whose name matches; enough to open it (contract §1's object reference)."""

    cluster_id: str
    group: str
    version: str
    kind: str
    resource: str
    namespace: str
    name: str
    uid: str
    match: SearchMatch


class SearchClusterGroup(ClusterModel):
    """One cluster's hits, best first, and the truth about the cluster: a `stale` cluster's
    hits come from caches that stopped being current."""

    status: ClusterPartStatus
    message: str | None = None
    cause: FailureCause | None = None
    hits: list[SearchHit]
    total: int
    """Names that match in this cluster (counted up to `SearchResult.totalCap`)."""
    total_capped: bool = False
    searched_kinds: int = 0
    """How many kind caches were searched."""


class SearchResult(ContractModel):
    query: str
    """The name part of `q` (after a leading kind word, when there was one)."""
    kind: str | None = None
    """The kind key searched (`deployments.apps`), from `kind=` or `q`'s first word."""
    limit: int
    total_cap: int
    clusters: list[SearchClusterGroup]
    duration_ms: float
