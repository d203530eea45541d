"""Pod rows: the pod table's columns in about 250 bytes per pod.

A pod row keeps what is particular to the pod (name, uid as a 128-bit int, node, ready count,
restarts, creation time) and points to a shared `PodShape` with what its siblings have in common
(namespace, phase, status, owner, container count, labels). Pods of one ReplicaSet in the same
phase share one shape; the node, the creation second and every string are interned.
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import msgspec

from backend.contract.items import PodItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import RowBase, RowCodec
from backend.objectcatalog.rows.quantities import byte_count, millicores
from backend.objectcatalog.rows.uids import pack_uid, unpack_uid
from backend.objectcatalog.rows.wire import RichMetaWire, controller_owner

Labels = tuple[tuple[str, str], ...]
NO_LABELS: Labels = ()
_NO_META = RichMetaWire()


class _StateDetail(msgspec.Struct):
    reason: str | None = None


class _ContainerState(msgspec.Struct):
    waiting: _StateDetail | None = None
    terminated: _StateDetail | None = None


class _ContainerStatus(msgspec.Struct, rename="camel"):
    ready: bool | None = None
    restart_count: int | None = None
    state: _ContainerState | None = None


class _Resources(msgspec.Struct):
    requests: dict[str, str] | None = None
    limits: dict[str, str] | None = None


class _Container(msgspec.Struct):
    """A container spec, read to be counted and for its requests and limits."""

    resources: _Resources | None = None


class PodResources(msgspec.Struct, frozen=True, gc=False):
    """Requests and limits summed over the pod's containers; None where no container sets one."""

    cpu_request: float | None = None
    cpu_limit: float | None = None
    memory_request: int | None = None
    memory_limit: int | None = None


NO_RESOURCES = PodResources()


class _PodSpec(msgspec.Struct, rename="camel"):
    node_name: str | None = None
    containers: list[_Container] | None = None


class _PodStatus(msgspec.Struct, rename="camel"):
    phase: str | None = None
    reason: str | None = None
    container_statuses: list[_ContainerStatus] | None = None
    init_container_statuses: list[_ContainerStatus] | None = None


class PodWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    spec: _PodSpec | None = None
    status: _PodStatus | None = None


class PodShape(msgspec.Struct, frozen=True, gc=False):
    """The part of a pod row its siblings share; interned per cluster."""

    namespace: str
    phase: str
    status: str
    owner_kind: str
    owner_name: str
    containers: int
    labels: Labels
    resources: PodResources = NO_RESOURCES


class PodRow(RowBase, gc=False):
    ITEM = PodItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {
        "ready": "ready_text",
        **{f: f"shape.{f}" for f in ("namespace", "phase", "status", "owner_kind", "owner_name")},
        "cpu_request_millicores": "shape.resources.cpu_request",
        "cpu_limit_millicores": "shape.resources.cpu_limit",
        "memory_request_bytes": "shape.resources.memory_request",
        "memory_limit_bytes": "shape.resources.memory_limit",
    }
    """The shape's fields are read through it (in C: no property calls on the page's path)."""

    shape: PodShape
    name: str
    uid_key: int | str  # see rows.uids
    node: str
    ready: int
    restarts: int
    created_at: str

    @property
    def uid(self) -> str:
        return unpack_uid(self.uid_key)

    @property
    def namespace(self) -> str:
        return self.shape.namespace

    @property
    def phase(self) -> str:
        return self.shape.phase

    @property
    def status(self) -> str:
        return self.shape.status

    @property
    def owner_kind(self) -> str:
        return self.shape.owner_kind

    @property
    def owner_name(self) -> str:
        return self.shape.owner_name

    @property
    def containers(self) -> int:
        return self.shape.containers

    @property
    def labels(self) -> dict[str, str]:
        return dict(self.shape.labels)

    @property
    def ready_text(self) -> str:
        return f"{self.ready}/{self.shape.containers}"

    @property
    def label_pairs(self) -> Labels:
        """The labels as (key, value) pairs, shared with the pod's siblings (no copy)."""
        return self.shape.labels


def _summed(values: list[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


@lru_cache(maxsize=4096)
def _resources(
    declared: tuple[tuple[str | None, str | None, str | None, str | None], ...],
) -> PodResources:
    """Requests and limits of containers declared as (cpu req, cpu limit, mem req, mem limit);
    cached: the pods of one template declare the same strings."""
    if not declared:
        return NO_RESOURCES
    memory_request = _summed([byte_count(d[2]) for d in declared])
    memory_limit = _summed([byte_count(d[3]) for d in declared])
    return PodResources(
        _summed([millicores(d[0]) for d in declared]),
        _summed([millicores(d[1]) for d in declared]),
        None if memory_request is None else int(memory_request),
        None if memory_limit is None else int(memory_limit),
    )


def _declared(containers: list[_Container]) -> PodResources:
    declared = []
    for c in containers:
        r = c.resources
        if r is None:
            continue
        req, lim = r.requests or {}, r.limits or {}
        declared.append((req.get("cpu"), lim.get("cpu"), req.get("memory"), lim.get("memory")))
    return _resources(tuple(declared))


def _container_reason(statuses: list[_ContainerStatus]) -> str:
    """The last waiting or terminated reason of the containers (kubectl's STATUS column)."""
    reason = ""
    for status in statuses:
        state = status.state
        if state is None:
            continue
        if state.waiting is not None and state.waiting.reason:
            reason = state.waiting.reason
        elif state.terminated is not None and state.terminated.reason:
            reason = state.terminated.reason
    return reason


def _init_reason(statuses: list[_ContainerStatus]) -> str:
    """`Init:<reason>` while an init container is waiting or failed; "" once they all succeeded."""
    for status in statuses:
        state = status.state
        if state is None:
            continue
        if state.terminated is not None and state.terminated.reason == "Completed":
            continue
        if state.waiting is not None and state.waiting.reason:
            return f"Init:{state.waiting.reason}"
        if state.terminated is not None and state.terminated.reason:
            return f"Init:{state.terminated.reason}"
    return ""


def build_pod(pod: PodWire, intern: Interner) -> PodRow:
    """The pod's row. Hot path (every pod of every LIST page): plain code, few calls."""
    meta = pod.metadata or _NO_META
    spec = pod.spec
    status = pod.status
    statuses = None
    ready = restarts = 0
    phase = shown = ""
    if status is not None:
        phase = status.phase or ""
        shown = status.reason or ""
        statuses = status.container_statuses
        if statuses:
            for container in statuses:
                if container.ready:
                    ready += 1
                restarts += container.restart_count or 0
        if not shown:
            if status.init_container_statuses:
                shown = _init_reason(status.init_container_statuses)
            if not shown and statuses:
                shown = _container_reason(statuses)
    phase = phase or "Unknown"
    if meta.deletion_timestamp and shown != "NodeLost":
        shown = "Terminating"

    owner_kind, owner_name = controller_owner(meta.owner_references)
    labels = meta.labels
    # The shape's own strings need no interning: the pooled shape is stored once for all pods
    # that share it. Label maps come from the API server with sorted keys.
    shape = intern[
        PodShape(
            meta.namespace or "",
            phase,
            shown or phase,
            owner_kind,
            owner_name,
            len(spec.containers or ()) if spec else 0,
            tuple(labels.items()) if labels else NO_LABELS,
            _declared(spec.containers) if spec and spec.containers else NO_RESOURCES,
        )
    ]
    return PodRow(
        shape,
        meta.name or "",
        pack_uid(meta.uid or ""),
        intern[(spec.node_name or "") if spec else ""],
        ready,
        restarts,
        intern[meta.creation_timestamp or ""],
    )


def pod_key(row: PodRow) -> int | str:
    return row.uid_key or f"{row.shape.namespace}/{row.name}"


POD_CODEC = RowCodec(PodWire, build_pod, key=pod_key)
