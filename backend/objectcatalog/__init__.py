"""Object catalog: per cluster, which kinds and namespaces exist, what the user may read, and
the watch caches every snapshot is read from.

Kind keys are version-less `backend.kube.resources.KindKey(group, resource)` values, written like
kubectl's `deployments.apps` (see `kinds`). `CatalogRegistry` holds one `ClusterCatalog` per
clusterId.
"""

from __future__ import annotations

from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.changes import CatalogChange, ChangeListener
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.kinds import STARTUP_KINDS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.rows import Row
from backend.objectcatalog.status import (
    CatalogStats,
    ClusterStatus,
    NamespaceListing,
    ResyncResult,
)
from backend.objectcatalog.store import ChangeType
from backend.objectcatalog.watch_plan import PermissionIssue

__all__ = [
    "STARTUP_KINDS",
    "CatalogChange",
    "CatalogRegistry",
    "CatalogStats",
    "ChangeListener",
    "ChangeType",
    "ClusterCatalog",
    "ClusterStatus",
    "KindCache",
    "NamespaceListing",
    "PermissionIssue",
    "ResyncResult",
    "Row",
    "SyncState",
]
