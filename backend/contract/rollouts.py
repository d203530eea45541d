"""Rollout history of a workload (contract additions: `POST /api/v1/rollouts/history`).

The body is `{"ref": {...}}` naming a Deployment, StatefulSet, DaemonSet or CronJob; the answer lists its
revisions, oldest first, each with the pod template it rolled out, so the UI can show what changed
between two revisions and offer `rollback` to one of them.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from backend.contract.base import ActionParams, ClusterModel, ContractModel
from backend.contract.snapshots import ObjectRef


class HistoryRequest(ContractModel):
    """The body of `POST /api/v1/rollouts/history`."""

    model_config = ConfigDict(extra="forbid")
    ref: ObjectRef


class Revision(ContractModel):
    """One revision: a ReplicaSet (Deployment) or a ControllerRevision (StatefulSet, DaemonSet)."""

    revision: int
    source_kind: str
    """`ReplicaSet` or `ControllerRevision`: the object that keeps this revision."""
    source_name: str
    created_at: str | None = None
    images: list[str] = Field(default_factory=list)
    change_cause: str | None = None
    """The `kubernetes.io/change-cause` annotation, when someone recorded one."""
    current: bool = False
    """The revision the workload runs now."""
    template: dict[str, Any] = Field(default_factory=dict)
    """The pod template of this revision (without the controller's `pod-template-hash` label)."""
    template_yaml: str = ""
    """The same template as YAML, for a line diff between revisions."""


class RolloutHistory(ClusterModel):
    ref: ObjectRef
    paused: bool = False
    """A Deployment's `spec.paused`, a CronJob's `spec.suspend` (a CronJob has no revisions)."""
    revisions: list[Revision]


class RollbackParams(ActionParams):
    """`rollback`: roll the workload's pod template back to this revision's."""

    revision: int = Field(ge=1, strict=True)
