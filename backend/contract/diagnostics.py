"""`GET /api/v1/diagnostics` (contract §8): the truth about each cluster and the server."""

from __future__ import annotations

from pydantic import Field

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.kubeconfig import ClusterConnection, ClusterNotice


class PermissionIssueInfo(ContractModel):
    group: str
    resource: str
    verb: str
    namespace: str
    message: str


class WatchInfo(ContractModel):
    """One kind's cache in one cluster, and its list+watch loops."""

    kind: str
    group: str
    version: str
    resource: str
    namespaced: bool
    state: str
    message: str
    items: int
    last_sync_at: str | None
    scopes: list[str]
    """`*` for a cluster-wide watch, else the namespaces watched one by one."""
    list_requests: int
    watch_requests: int
    relists_after_gone: int
    errors: int


class ClusterDiagnosticsEntry(ClusterModel):
    status: str
    message: str | None
    last_sync_at: str | None
    api_latency_ms: float | None
    """The latency of the last health probe that got an answer, however old (see `apiLatencyAt`)."""
    api_latency_at: str | None = None
    """RFC 3339 time of that probe (addition): a frozen cluster's figure shows its age."""
    watches: list[WatchInfo] = Field(default_factory=list)
    permission_issues: list[PermissionIssueInfo] = Field(default_factory=list)
    connection: ClusterConnection | None = None
    """The last health probe, incl. the auth details of a failing exec plugin (addition)."""
    namespace_source: str | None = None
    aggregated_discovery: bool | None = None
    """Whether the cluster answered discovery in one aggregated request (addition)."""
    cached_rows: int = 0
    estimated_bytes: int = 0
    access_reviews: int = 0


class ServerDiagnostics(ContractModel):
    open_streams: int
    cached_rows: int
    estimated_bytes: int
    sorted_runs: int
    open_terminals: int = 0
    """Terminal sessions holding a slot (addition): a closed one counts until its exec ends."""
    open_log_follows: int = 0
    """Pod log requests open to the clusters, across all streams (addition)."""
    notices: list[ClusterNotice] = Field(default_factory=list)


class Diagnostics(ContractModel):
    clusters: list[ClusterDiagnosticsEntry]
    server: ServerDiagnostics
