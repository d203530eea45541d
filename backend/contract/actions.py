"""Object actions and their permissions (contract §9).

`POST /api/v1/actions/<action>` takes an `ActionRequest`; `params` is checked against the
action's own params model below. `POST /api/v1/actions/can-i` takes a `PermissionQuery` and
answers `ActionPermissions`. Params models forbid unknown fields, so a misspelt parameter is a
400 naming it rather than silently ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from backend.contract.base import ActionParams, ClusterModel, ContractModel
from backend.contract.snapshots import ObjectRef

ActionName = Literal[
    "delete",
    "scale",
    "restart",
    "cordon",
    "uncordon",
    "drain",
    "apply",
    "rollback",
    "pause",
    "resume",
    "trigger",
    "helm-rollback",
    "helm-uninstall",
]
SessionName = Literal["exec", "debug", "port-forward"]
"""Sessions an object offers (a terminal, a debug container, contract §10; a port-forward, §11):
not actions, but can-i answers them with the actions so the panel asks once."""
PropagationPolicy = Literal["Orphan", "Background", "Foreground"]
DrainOutcome = Literal["evicted", "skipped", "failed"]


class NoParams(ActionParams):
    """`restart`, `cordon`, `uncordon` take no params."""


class DeleteParams(ActionParams):
    propagation_policy: PropagationPolicy | None = None
    grace_period_seconds: int | None = Field(default=None, ge=0, strict=True)


class ScaleParams(ActionParams):
    replicas: int = Field(ge=0, strict=True)


class DrainParams(ActionParams):
    grace_period_seconds: int | None = Field(default=None, ge=0, strict=True)
    """Passed to every eviction; null: each pod's own terminationGracePeriodSeconds."""
    timeout_seconds: float | None = Field(default=None, gt=0)
    """How long evictions refused by a PodDisruptionBudget are retried; null: the default."""
    force: bool = False
    """Also evict pods no controller manages (they will not come back), as `kubectl drain --force`."""
    delete_empty_dir_data: bool = False
    """Also evict pods with emptyDir volumes (their data is lost), as kubectl's flag of that name."""


class ApplyParams(ActionParams):
    yaml: str
    """One object, edited from what was loaded; its metadata.resourceVersion guards the update."""
    dry_run: bool = False
    """Answer what the server would store, changing nothing (for a diff preview)."""


class ActionRequest(ContractModel):
    """The body of `POST /api/v1/actions/<action>`."""

    ref: ObjectRef
    params: dict[str, Any] = Field(default_factory=dict)


class DrainedPod(ContractModel):
    """What a drain did with one pod of the node."""

    namespace: str
    name: str
    outcome: DrainOutcome
    reason: str | None = None
    """Why it was skipped or failed; for an evicted pod, a note such as `already gone`."""
    attempts: int = 0
    """Eviction requests sent (more than one when a PodDisruptionBudget refused at first)."""


class ActionResult(ContractModel):
    """The answer of a successful action (failures use the error shape, contract §4)."""

    action: ActionName
    cluster_id: str
    cluster_name: str
    ref: ObjectRef
    message: str
    """A sentence for a person: what was done, to what, on which cluster."""
    dry_run: bool = False
    object: dict[str, Any] | None = None
    """The object as the server answered (after scale/restart/cordon/apply, or a dry run)."""
    previous: dict[str, Any] | None = None
    """For an apply dry run: the object as it is on the server now, the other side of the diff."""
    pods: list[DrainedPod] = Field(default_factory=list)
    """For drain: every pod that was on the node, with what happened to it."""


class PermissionQuery(ContractModel):
    """The body of `POST /api/v1/actions/can-i`; `actions` null or absent: every action."""

    ref: ObjectRef
    actions: list[ActionName | SessionName] | None = None


class AccessCheckResult(ContractModel):
    """One access review behind an action: a verb on a resource, in a namespace or cluster-wide."""

    verb: str
    group: str
    resource: str
    subresource: str = ""
    namespace: str = ""
    allowed: bool
    reason: str | None = None


class ActionPermission(ContractModel):
    action: ActionName | SessionName
    applicable: bool
    """False when the action makes no sense for this kind (cordon a Pod, scale a ConfigMap)."""
    allowed: bool
    """True when applicable and every check below allows it: the UI enables the button."""
    reason: str | None = None
    """Why not, as a sentence (the button's tooltip)."""
    checks: list[AccessCheckResult] = Field(default_factory=list)


class ActionPermissions(ClusterModel):
    ref: ObjectRef
    actions: list[ActionPermission]
