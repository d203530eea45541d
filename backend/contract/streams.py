"""Server-Sent Event payloads of the log, event and catalog streams (contract §7)."""

from __future__ import annotations

from typing import Literal

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.items import InvolvedObject
from backend.contract.snapshots import FailureCause


class LogLine(ContractModel):
    """`event: log`. `scope` is the request's scope string exactly as sent."""

    scope: str
    cluster_id: str
    cluster_name: str
    namespace: str
    pod: str
    container: str
    timestamp: str
    line: str
    seq: int
    late: bool = False
    """The line arrived after lines stamped later had been sent (its source caught up after an
    outage); a client places it by its timestamp (addition)."""


SourceStatusKind = Literal[
    "started",
    "ended",
    "reconnecting",
    "forbidden",
    "not_found",
    "unreachable",
    "error",
    "rate_limited",
]


class SourceStatus(ContractModel):
    """`event: status`: a source started, ended, failed or reconnects."""

    cluster_id: str
    source: str
    status: SourceStatusKind
    message: str | None = None


class Dropped(ContractModel):
    """`event: dropped`: events were lost — `slow_consumer`, `resume_gap`, `unknown_event_id` or
    `rate_limited`. `count` is None when it cannot be known (a resume from an id never issued)."""

    count: int | None
    reason: str
    source: str | None = None
    """The scope whose lines a rate limit dropped (addition)."""


class KubeEvent(ContractModel):
    """`event: k8s-event`; `timestamp` is the event's own time."""

    scope: str
    cluster_id: str
    cluster_name: str
    namespace: str
    type: str
    reason: str
    message: str
    count: int
    involved_object: InvolvedObject
    timestamp: str


ChangeType = Literal["ADDED", "MODIFIED", "DELETED"]


class CatalogChange(ContractModel):
    """`event: change`: which snapshots to fetch again."""

    cluster_id: str
    kind: str
    namespace: str
    name: str
    type: ChangeType
    domains: list[str]


ClusterHealthStatus = Literal["ready", "unreachable", "timeout", "forbidden", "error"]


class ClusterHealth(ClusterModel):
    """`event: cluster` on the catalog stream (§14): a selected cluster's health changed.

    `status` and `cause` mean what they mean on a snapshot's cluster part, so the UI shows the
    pushed state and a fetched part in one wording: `cause` is null when ready, else why
    (`auth_failed` is status `error` with that cause). `message` is the health probe's sentence,
    the same one the diagnostics and the snapshot parts carry.
    """

    status: ClusterHealthStatus
    cause: FailureCause | None
    message: str | None
