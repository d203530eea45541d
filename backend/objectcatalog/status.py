"""Read-only reports the catalog gives out: per-kind status, diagnostics, refresh results,
namespace listings and memory figures. Plain data; the HTTP layer maps them to the contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from backend.kube.resources import KindKey
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows.nodes import NamespaceRow
from backend.objectcatalog.watch_plan import PermissionIssue


class ClusterStatus(StrEnum):
    LOADING = "loading"
    READY = "ready"
    DEGRADED = "degraded"  # reachable, but some kinds are in error
    UNREACHABLE = "unreachable"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class WatchStatus:
    """One list+watch loop: a kind in one namespace (or cluster-wide: namespace None)."""

    namespace: str | None
    state: SyncState
    message: str
    items: int
    resource_version: str
    last_sync_at: float | None
    list_requests: int
    watch_requests: int
    relists_after_gone: int
    errors: int


@dataclass(frozen=True, slots=True)
class KindStatus:
    key: KindKey
    group: str
    version: str
    kind: str
    namespaced: bool
    state: SyncState
    message: str
    items: int
    version_counter: int  # increases with every change of the kind's rows (ETags)
    last_sync_at: float | None
    watches: tuple[WatchStatus, ...] = ()


@dataclass(frozen=True, slots=True)
class NamespaceListing:
    """The cluster's namespaces, and where the list came from.

    source "list": the user can list namespaces (rows are the Namespace objects). source
    "fallback": they cannot; names are the context's namespace plus namespaces seen in the
    objects the user can read, and `message` says so.
    """

    source: str  # "list" | "fallback" | "loading"
    names: tuple[str, ...]
    rows: tuple[NamespaceRow, ...]
    message: str


@dataclass(frozen=True, slots=True)
class CatalogDiagnostics:
    """CONTRACT §8's per-cluster entry, in Python names."""

    cluster_id: str
    cluster_name: str
    status: ClusterStatus
    message: str | None
    last_sync_at: float | None
    api_latency_ms: float | None
    watches: tuple[KindStatus, ...]
    permission_issues: tuple[PermissionIssue, ...]
    namespace_source: str
    aggregated_discovery: bool | None
    rows: int
    estimated_bytes: int
    access_reviews: int


@dataclass(frozen=True, slots=True)
class ResyncResult:
    """A manual refresh of one cluster (CONTRACT §6's refresh answer, in Python names)."""

    cluster_id: str
    status: str  # "ready" | "forbidden" | "error" | "timeout" | "unreachable"
    message: str | None
    duration_ms: int
    kinds: dict[KindKey, SyncState] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CatalogStats:
    rows: int
    rows_by_kind: dict[KindKey, int]
    interned_values: int
    estimated_bytes: int
