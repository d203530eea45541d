"""`POST /api/v1/actions/bulk`: one action on objects of several clusters, a result per object.

The backend fans out per cluster concurrently, each cluster under its own timeout, so a slow or
frozen cluster's objects are told as `timeout` while the other clusters' objects are done.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.snapshots import ObjectRef

BulkActionName = Literal["delete", "scale", "restart", "cordon", "uncordon"]
BulkOutcome = Literal[
    "ok",
    "forbidden",
    "read_only",
    "confirmation_required",
    "not_found",
    "timeout",
    "unreachable",
    "failed",
]


class BulkRequest(ContractModel):
    model_config = ConfigDict(extra="forbid")

    action: BulkActionName
    refs: list[ObjectRef] = Field(min_length=1, max_length=500)
    params: dict[str, Any] = Field(default_factory=dict)
    """The action's params, the same for every object (`{"replicas": 3}` for scale)."""
    confirm_cluster_names: dict[str, str] = Field(default_factory=dict)
    """clusterId → the name the person typed, for clusters whose protection is `confirm`."""
    timeout_seconds: float = Field(default=20.0, gt=0, le=300)
    """Per cluster: objects of a cluster not done by then are `timeout`."""


class BulkItem(ClusterModel):
    ref: ObjectRef
    outcome: BulkOutcome
    message: str
    code: str | None = None
    """The error code behind a failed outcome (`forbidden`, `cluster_read_only`, …)."""


class BulkResult(ContractModel):
    action: BulkActionName
    items: list[BulkItem]
    """One per ref, in the order asked."""
