"""Rows of the workload kinds: Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs,
CronJobs — the replica and completion counts their tables show."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from backend.contract.items import (
    CronJobItem,
    DaemonSetItem,
    DeploymentItem,
    JobItem,
    ReplicaSetItem,
    StatefulSetItem,
)
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import NamespacedRow, RowCodec, identity
from backend.objectcatalog.rows.wire import RichMetaWire, controller_owner

Labels = tuple[tuple[str, str], ...]


def label_pairs(labels: dict[str, str] | None) -> Labels:
    return tuple(labels.items()) if labels else ()


class WorkloadRow(NamespacedRow, kw_only=True, gc=False):
    label_pairs: Labels = ()
    """The object's labels, for label selectors (not a column)."""


class _ReadyRow(WorkloadRow, gc=False):
    """A row whose `ready` column is ready of wanted replicas ("1/2")."""

    ITEM_SOURCES: ClassVar[dict[str, str]] = {"ready": "ready_text", "ready_replicas": "ready"}

    replicas: int
    ready: int

    @property
    def ready_text(self) -> str:
        return f"{self.ready}/{self.replicas}"


class _Replicas(msgspec.Struct, rename="camel"):
    """Spec and status counters shared by the replicated kinds (absent means 0)."""

    replicas: int | None = None
    ready_replicas: int | None = None
    updated_replicas: int | None = None
    available_replicas: int | None = None
    current_replicas: int | None = None


class ReplicatedWire(msgspec.Struct):
    """A Deployment, StatefulSet or ReplicaSet."""

    metadata: RichMetaWire | None = None
    spec: _Replicas | None = None
    status: _Replicas | None = None


class DeploymentRow(_ReadyRow, gc=False):
    ITEM = DeploymentItem

    up_to_date: int
    available: int


def _spec_replicas(spec: _Replicas | None) -> int:
    # An omitted spec.replicas means the API default of 1.
    return 1 if spec is None or spec.replicas is None else spec.replicas


def build_deployment(obj: ReplicatedWire, intern: Interner) -> DeploymentRow:
    meta = obj.metadata or RichMetaWire()
    status = obj.status or _Replicas()
    return DeploymentRow(
        *identity(meta, intern),
        _spec_replicas(obj.spec),
        status.ready_replicas or 0,
        status.updated_replicas or 0,
        status.available_replicas or 0,
        label_pairs=label_pairs(meta.labels),
    )


class StatefulSetRow(_ReadyRow, gc=False):
    ITEM = StatefulSetItem

    current: int
    up_to_date: int


def build_statefulset(obj: ReplicatedWire, intern: Interner) -> StatefulSetRow:
    meta = obj.metadata or RichMetaWire()
    status = obj.status or _Replicas()
    return StatefulSetRow(
        *identity(meta, intern),
        _spec_replicas(obj.spec),
        status.ready_replicas or 0,
        status.current_replicas or 0,
        status.updated_replicas or 0,
        label_pairs=label_pairs(meta.labels),
    )


class _DaemonSetStatus(msgspec.Struct, rename="camel"):
    desired_number_scheduled: int | None = None
    current_number_scheduled: int | None = None
    number_ready: int | None = None
    updated_number_scheduled: int | None = None
    number_available: int | None = None


class DaemonSetWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    status: _DaemonSetStatus | None = None


class DaemonSetRow(WorkloadRow, gc=False):
    ITEM = DaemonSetItem

    desired: int
    current: int
    ready: int
    up_to_date: int
    available: int


def build_daemonset(obj: DaemonSetWire, intern: Interner) -> DaemonSetRow:
    meta = obj.metadata or RichMetaWire()
    s = obj.status or _DaemonSetStatus()
    return DaemonSetRow(
        *identity(meta, intern),
        s.desired_number_scheduled or 0,
        s.current_number_scheduled or 0,
        s.number_ready or 0,
        s.updated_number_scheduled or 0,
        s.number_available or 0,
        label_pairs=label_pairs(meta.labels),
    )


class ReplicaSetRow(WorkloadRow, gc=False):
    ITEM = ReplicaSetItem

    desired: int
    current: int
    ready: int
    owner_kind: str
    owner_name: str


def build_replicaset(obj: ReplicatedWire, intern: Interner) -> ReplicaSetRow:
    meta = obj.metadata or RichMetaWire()
    status = obj.status or _Replicas()
    owner_kind, owner_name = controller_owner(meta.owner_references)
    return ReplicaSetRow(
        *identity(meta, intern),
        _spec_replicas(obj.spec),
        status.replicas or 0,
        status.ready_replicas or 0,
        intern[owner_kind],
        intern[owner_name],
        label_pairs=label_pairs(meta.labels),
    )


class _JobSpec(msgspec.Struct):
    completions: int | None = None
    parallelism: int | None = None


class _JobStatus(msgspec.Struct, rename="camel"):
    active: int | None = None
    succeeded: int | None = None
    failed: int | None = None
    start_time: str | None = None
    completion_time: str | None = None


class JobWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    spec: _JobSpec | None = None
    status: _JobStatus | None = None


class JobRow(WorkloadRow, gc=False):
    ITEM = JobItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {
        "completions": "completions_text",
        "start_time": "started",
        "completion_time": "completed",
    }

    completions: int
    succeeded: int
    failed: int
    active: int
    started: str | None
    completed: str | None
    owner_kind: str
    owner_name: str

    @property
    def completions_text(self) -> str:
        return f"{self.succeeded}/{self.completions}"


def build_job(obj: JobWire, intern: Interner) -> JobRow:
    meta = obj.metadata or RichMetaWire()
    spec = obj.spec or _JobSpec()
    s = obj.status or _JobStatus()
    owner_kind, owner_name = controller_owner(meta.owner_references)
    return JobRow(
        *identity(meta, intern),
        spec.completions if spec.completions is not None else 1,
        s.succeeded or 0,
        s.failed or 0,
        s.active or 0,
        s.start_time or None,
        s.completion_time or None,
        intern[owner_kind],
        intern[owner_name],
        label_pairs=label_pairs(meta.labels),
    )


class _CronJobSpec(msgspec.Struct):
    schedule: str | None = None
    suspend: bool | None = None


class _CronJobStatus(msgspec.Struct, rename="camel"):
    active: list[msgspec.Raw] | None = None
    last_schedule_time: str | None = None


class CronJobWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    spec: _CronJobSpec | None = None
    status: _CronJobStatus | None = None


class CronJobRow(WorkloadRow, gc=False):
    ITEM = CronJobItem

    schedule: str
    suspend: bool
    active: int
    last_schedule: str | None


def build_cronjob(obj: CronJobWire, intern: Interner) -> CronJobRow:
    meta = obj.metadata or RichMetaWire()
    spec = obj.spec or _CronJobSpec()
    s = obj.status or _CronJobStatus()
    return CronJobRow(
        *identity(meta, intern),
        intern[spec.schedule or ""],
        bool(spec.suspend),
        len(s.active or ()),
        s.last_schedule_time or None,
        label_pairs=label_pairs(meta.labels),
    )


DEPLOYMENT_CODEC = RowCodec(ReplicatedWire, build_deployment)
STATEFULSET_CODEC = RowCodec(ReplicatedWire, build_statefulset)
DAEMONSET_CODEC = RowCodec(DaemonSetWire, build_daemonset)
REPLICASET_CODEC = RowCodec(ReplicatedWire, build_replicaset)
JOB_CODEC = RowCodec(JobWire, build_job)
CRONJOB_CODEC = RowCodec(CronJobWire, build_cronjob)
