"""Rows of the workload kinds: Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs,
CronJobs — the replica and completion counts their tables show."""

from __future__ import annotations

from typing import Any

import msgspec

from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import RowCodec
from backend.objectcatalog.rows.wire import MetaWire, RichMetaWire, controller_owner


class _Replicas(msgspec.Struct, rename="camel"):
    """Spec and status counters shared by the replicated kinds (absent means 0)."""

    replicas: int | None = None
    ready_replicas: int | None = None
    updated_replicas: int | None = None
    available_replicas: int | None = None
    current_replicas: int | None = None


class DeploymentWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _Replicas | None = None
    status: _Replicas | None = None


class DeploymentRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    replicas: int
    ready: int
    up_to_date: int
    available: int

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "replicas": self.replicas,
            "ready": f"{self.ready}/{self.replicas}",
            "readyReplicas": self.ready,
            "upToDate": self.up_to_date,
            "available": self.available,
        }


def _spec_replicas(spec: _Replicas | None) -> int:
    # An omitted spec.replicas means the API default of 1.
    return 1 if spec is None or spec.replicas is None else spec.replicas


def build_deployment(obj: DeploymentWire, intern: Interner) -> DeploymentRow:
    meta = obj.metadata or MetaWire()
    status = obj.status or _Replicas()
    return DeploymentRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        _spec_replicas(obj.spec),
        status.ready_replicas or 0,
        status.updated_replicas or 0,
        status.available_replicas or 0,
    )


class StatefulSetRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    replicas: int
    ready: int
    current: int
    up_to_date: int

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "replicas": self.replicas,
            "ready": f"{self.ready}/{self.replicas}",
            "readyReplicas": self.ready,
            "current": self.current,
            "upToDate": self.up_to_date,
        }


def build_statefulset(obj: DeploymentWire, intern: Interner) -> StatefulSetRow:
    meta = obj.metadata or MetaWire()
    status = obj.status or _Replicas()
    return StatefulSetRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        _spec_replicas(obj.spec),
        status.ready_replicas or 0,
        status.current_replicas or 0,
        status.updated_replicas or 0,
    )


class _DaemonSetStatus(msgspec.Struct, rename="camel"):
    desired_number_scheduled: int | None = None
    current_number_scheduled: int | None = None
    number_ready: int | None = None
    updated_number_scheduled: int | None = None
    number_available: int | None = None


class DaemonSetWire(msgspec.Struct):
    metadata: MetaWire | None = None
    status: _DaemonSetStatus | None = None


class DaemonSetRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    desired: int
    current: int
    ready: int
    up_to_date: int
    available: int

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "desired": self.desired,
            "current": self.current,
            "ready": self.ready,
            "upToDate": self.up_to_date,
            "available": self.available,
        }


def build_daemonset(obj: DaemonSetWire, intern: Interner) -> DaemonSetRow:
    meta = obj.metadata or MetaWire()
    s = obj.status or _DaemonSetStatus()
    return DaemonSetRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        s.desired_number_scheduled or 0,
        s.current_number_scheduled or 0,
        s.number_ready or 0,
        s.updated_number_scheduled or 0,
        s.number_available or 0,
    )


class ReplicaSetWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    spec: _Replicas | None = None
    status: _Replicas | None = None


class ReplicaSetRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    desired: int
    current: int
    ready: int
    owner_kind: str
    owner_name: str

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "desired": self.desired,
            "current": self.current,
            "ready": self.ready,
            "ownerKind": self.owner_kind,
            "ownerName": self.owner_name,
        }


def build_replicaset(obj: ReplicaSetWire, intern: Interner) -> ReplicaSetRow:
    meta = obj.metadata or RichMetaWire()
    status = obj.status or _Replicas()
    owner = controller_owner(meta.owner_references)
    return ReplicaSetRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        _spec_replicas(obj.spec),
        status.replicas or 0,
        status.ready_replicas or 0,
        intern[owner.kind or "" if owner else ""],
        intern[owner.name or "" if owner else ""],
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


class JobRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    completions: int
    succeeded: int
    failed: int
    active: int
    started: str
    completed: str
    owner_kind: str
    owner_name: str

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "completions": f"{self.succeeded}/{self.completions}",
            "succeeded": self.succeeded,
            "failed": self.failed,
            "active": self.active,
            "startTime": self.started or None,
            "completionTime": self.completed or None,
            "ownerKind": self.owner_kind,
            "ownerName": self.owner_name,
        }


def build_job(obj: JobWire, intern: Interner) -> JobRow:
    meta = obj.metadata or RichMetaWire()
    spec = obj.spec or _JobSpec()
    s = obj.status or _JobStatus()
    owner = controller_owner(meta.owner_references)
    return JobRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        spec.completions if spec.completions is not None else 1,
        s.succeeded or 0,
        s.failed or 0,
        s.active or 0,
        s.start_time or "",
        s.completion_time or "",
        intern[owner.kind or "" if owner else ""],
        intern[owner.name or "" if owner else ""],
    )


class _CronJobSpec(msgspec.Struct):
    schedule: str | None = None
    suspend: bool | None = None


class _CronJobStatus(msgspec.Struct, rename="camel"):
    active: list[msgspec.Raw] | None = None
    last_schedule_time: str | None = None


class CronJobWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _CronJobSpec | None = None
    status: _CronJobStatus | None = None


class CronJobRow(msgspec.Struct, gc=False):
    namespace: str
    name: str
    uid: str
    created: str
    schedule: str
    suspend: bool
    active: int
    last_schedule: str

    def fields(self) -> dict[str, Any]:
        return {
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
            "createdAt": self.created,
            "schedule": self.schedule,
            "suspend": self.suspend,
            "active": self.active,
            "lastSchedule": self.last_schedule or None,
        }


def build_cronjob(obj: CronJobWire, intern: Interner) -> CronJobRow:
    meta = obj.metadata or MetaWire()
    spec = obj.spec or _CronJobSpec()
    s = obj.status or _CronJobStatus()
    return CronJobRow(
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
        intern[spec.schedule or ""],
        bool(spec.suspend),
        len(s.active or ()),
        s.last_schedule_time or "",
    )


DEPLOYMENT_CODEC = RowCodec(DeploymentWire, build_deployment)
STATEFULSET_CODEC = RowCodec(DeploymentWire, build_statefulset)
DAEMONSET_CODEC = RowCodec(DaemonSetWire, build_daemonset)
REPLICASET_CODEC = RowCodec(ReplicaSetWire, build_replicaset)
JOB_CODEC = RowCodec(JobWire, build_job)
CRONJOB_CODEC = RowCodec(CronJobWire, build_cronjob)
