"""Read-only reports the catalog gives out besides its diagnostics (which are the contract's own
models): cluster status, refresh results, namespace listings and memory figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from backend.kube.resources import KindKey
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows.nodes import NamespaceRow


class ClusterStatus(StrEnum):
    LOADING = "loading"
    READY = "ready"
    DEGRADED = "degraded"  # reachable, but some kinds are in error
    UNREACHABLE = "unreachable"
    STOPPED = "stopped"


def rfc3339(epoch: float | None) -> str | None:
    """A wall-clock time as diagnostics show it (whole seconds, UTC)."""
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


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
    estimated_bytes: int
