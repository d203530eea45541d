"""Payload shapes of the HTTP/SSE contract: the single source for the generated TypeScript types.

Every model that crosses the wire lives in one module of this package and is listed in
`EXPORTED_MODELS` so `scripts/gen_types.py` emits it into `frontend/src/core/types.generated.ts`.
"""

from __future__ import annotations

from pydantic import BaseModel

from backend.contract.base import ContractModel
from backend.contract.health import Health

EXPORTED_MODELS: list[type[BaseModel]] = [Health]

from backend.contract.kubeconfig import (  # noqa: E402 - appended registration, see module doc
    BridgeCall,
    ClusterConnection,
    ClusterDiagnostics,
    ClusterNotice,
    KubeconfigContext,
    KubeconfigListing,
    KubeconfigSource,
    Selection,
)

EXPORTED_MODELS += [
    BridgeCall,
    KubeconfigSource,
    KubeconfigContext,
    KubeconfigListing,
    Selection,
    ClusterConnection,
    ClusterNotice,
    ClusterDiagnostics,
]

from backend.contract.diagnostics import (  # noqa: E402
    ClusterDiagnosticsEntry,
    Diagnostics,
    PermissionIssueInfo,
    ServerDiagnostics,
    WatchInfo,
)
from backend.contract.errors import ErrorBody, ErrorDetail  # noqa: E402
from backend.contract.items import (  # noqa: E402
    LIST_ITEMS,
    ClusterOverviewItem,
    InvolvedObject,
    ObjectDetailsItem,
    ObjectYamlItem,
)
from backend.contract.snapshots import (  # noqa: E402
    ObjectRef,
    ObjectSnapshot,
    RefreshClusterResult,
    RefreshRequest,
    RefreshResult,
    Snapshot,
    SnapshotClusterPart,
)
from backend.contract.streams import (  # noqa: E402
    CatalogChange,
    ClusterHealth,
    Dropped,
    KubeEvent,
    LogLine,
    SourceStatus,
)

EXPORTED_MODELS += [
    ErrorDetail,
    ErrorBody,
    SnapshotClusterPart,
    Snapshot,
    RefreshClusterResult,
    RefreshRequest,
    RefreshResult,
    ObjectRef,
    ObjectSnapshot,
    *LIST_ITEMS,
    ClusterOverviewItem,
    ObjectDetailsItem,
    ObjectYamlItem,
    LogLine,
    SourceStatus,
    Dropped,
    InvolvedObject,
    KubeEvent,
    CatalogChange,
    ClusterHealth,
    PermissionIssueInfo,
    WatchInfo,
    ClusterDiagnosticsEntry,
    ServerDiagnostics,
    Diagnostics,
]

from backend.contract.actions import (  # noqa: E402
    AccessCheckResult,
    ActionPermission,
    ActionPermissions,
    ActionRequest,
    ActionResult,
    ApplyParams,
    DeleteParams,
    DrainedPod,
    DrainParams,
    NoParams,
    PermissionQuery,
    ScaleParams,
)

EXPORTED_MODELS += [
    ActionRequest,
    NoParams,
    DeleteParams,
    ScaleParams,
    DrainParams,
    ApplyParams,
    DrainedPod,
    ActionResult,
    PermissionQuery,
    AccessCheckResult,
    ActionPermission,
    ActionPermissions,
]

__all__ = ["EXPORTED_MODELS", "ContractModel", "Health"]
