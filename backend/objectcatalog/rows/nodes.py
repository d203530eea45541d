"""Node and Namespace rows: the cluster-scoped kinds the sidebar and overview show."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from backend.contract.items import NamespaceItem, NodeItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import ClusterScopedRow, RowCodec, cluster_identity
from backend.objectcatalog.rows.quantities import byte_count, millicores
from backend.objectcatalog.rows.wire import MetaWire, RichMetaWire

_ROLE_PREFIX = "node-role.kubernetes.io/"


class _Condition(msgspec.Struct):
    type: str | None = None
    status: str | None = None


class _NodeInfo(msgspec.Struct, rename="camel"):
    kubelet_version: str | None = None


class _NodeStatus(msgspec.Struct, rename="camel"):
    conditions: list[_Condition] | None = None
    node_info: _NodeInfo | None = None
    capacity: dict[str, str] | None = None
    allocatable: dict[str, str] | None = None


class _NodeSpec(msgspec.Struct):
    unschedulable: bool | None = None


class NodeWire(msgspec.Struct):
    metadata: RichMetaWire | None = None
    spec: _NodeSpec | None = None
    status: _NodeStatus | None = None


class NodeRow(ClusterScopedRow, gc=False):
    ITEM = NodeItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {
        "status": "status_text",
        "cpu_capacity": "cpu",
        "memory_capacity": "memory",
    }

    ready: str  # the Ready condition's status: "True", "False" or "Unknown"
    roles: tuple[str, ...]
    kubelet_version: str
    cpu: str
    memory: str
    unschedulable: bool
    cpu_allocatable_millicores: float | None = None
    memory_allocatable_bytes: int | None = None
    memory_capacity_bytes: int | None = None
    cpu_capacity_millicores: float | None = None

    @property
    def status_text(self) -> str:
        return "Ready" if self.ready == "True" else "NotReady"


def build_node(obj: NodeWire, intern: Interner) -> NodeRow:
    meta = obj.metadata or RichMetaWire()
    status = obj.status or _NodeStatus()
    ready = "Unknown"
    for condition in status.conditions or ():
        if condition.type == "Ready":
            ready = condition.status or "Unknown"
    roles = tuple(
        sorted(
            key[len(_ROLE_PREFIX) :] for key in meta.labels or () if key.startswith(_ROLE_PREFIX)
        )
    )
    capacity = status.capacity or {}
    allocatable = status.allocatable or capacity
    info = status.node_info
    return NodeRow(
        *cluster_identity(meta, intern),
        intern[ready],
        intern[roles],
        intern[info.kubelet_version or "" if info else ""],
        intern[capacity.get("cpu", "")],
        intern[capacity.get("memory", "")],
        bool(obj.spec and obj.spec.unschedulable),
        millicores(allocatable.get("cpu")),
        byte_count(allocatable.get("memory")),
        byte_count(capacity.get("memory")),
        millicores(capacity.get("cpu")),
    )


class _NamespaceStatus(msgspec.Struct):
    phase: str | None = None


class NamespaceWire(msgspec.Struct):
    metadata: MetaWire | None = None
    status: _NamespaceStatus | None = None


class NamespaceRow(ClusterScopedRow, gc=False):
    ITEM = NamespaceItem

    phase: str


def build_namespace(obj: NamespaceWire, intern: Interner) -> NamespaceRow:
    phase = obj.status.phase if obj.status else None
    return NamespaceRow(*cluster_identity(obj.metadata, intern), intern[phase or "Active"])


NODE_CODEC = RowCodec(NodeWire, build_node)
NAMESPACE_CODEC = RowCodec(NamespaceWire, build_namespace)
