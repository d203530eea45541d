"""PersistentVolumeClaim, PersistentVolume and StorageClass rows."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from backend.contract.items import PersistentVolumeClaimItem, PersistentVolumeItem, StorageClassItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import (
    ClusterScopedRow,
    NamespacedRow,
    RowCodec,
    cluster_identity,
    identity,
)
from backend.objectcatalog.rows.wire import MetaWire

_MODE_SHORT = {
    "ReadWriteOnce": "RWO",
    "ReadOnlyMany": "ROX",
    "ReadWriteMany": "RWX",
    "ReadWriteOncePod": "RWOP",
}
_DEFAULT_CLASS_ANNOTATIONS = (
    "storageclass.kubernetes.io/is-default-class",
    "storageclass.beta.kubernetes.io/is-default-class",
)


def _modes(modes: list[str] | None) -> str:
    return ",".join(_MODE_SHORT.get(mode, mode) for mode in modes or ())


class _ClaimSpec(msgspec.Struct, rename="camel"):
    volume_name: str | None = None
    storage_class_name: str | None = None
    access_modes: list[str] | None = None


class _ClaimStatus(msgspec.Struct, rename="camel"):
    phase: str | None = None
    capacity: dict[str, str] | None = None


class ClaimWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _ClaimSpec | None = None
    status: _ClaimStatus | None = None


class ClaimRow(NamespacedRow, gc=False):
    ITEM = PersistentVolumeClaimItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {"status": "phase"}

    phase: str
    volume: str
    capacity: str
    access_modes: str
    storage_class: str


def build_claim(obj: ClaimWire, intern: Interner) -> ClaimRow:
    spec = obj.spec or _ClaimSpec()
    status = obj.status or _ClaimStatus()
    return ClaimRow(
        *identity(obj.metadata, intern),
        intern[status.phase or "Pending"],
        spec.volume_name or "",
        intern[(status.capacity or {}).get("storage", "")],
        intern[_modes(spec.access_modes)],
        intern[spec.storage_class_name or ""],
    )


class _ClaimRef(msgspec.Struct):
    namespace: str | None = None
    name: str | None = None


class _VolumeSpec(msgspec.Struct, rename="camel"):
    capacity: dict[str, str] | None = None
    access_modes: list[str] | None = None
    persistent_volume_reclaim_policy: str | None = None
    storage_class_name: str | None = None
    claim_ref: _ClaimRef | None = None


class _VolumeStatus(msgspec.Struct):
    phase: str | None = None


class VolumeWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _VolumeSpec | None = None
    status: _VolumeStatus | None = None


class VolumeRow(ClusterScopedRow, gc=False):
    ITEM = PersistentVolumeItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {"status": "phase"}

    capacity: str
    access_modes: str
    reclaim_policy: str
    phase: str
    claim: str  # "<namespace>/<name>" of the bound claim, or ""
    storage_class: str


def build_volume(obj: VolumeWire, intern: Interner) -> VolumeRow:
    spec = obj.spec or _VolumeSpec()
    ref = spec.claim_ref
    claim = f"{ref.namespace or ''}/{ref.name or ''}" if ref else ""
    return VolumeRow(
        *cluster_identity(obj.metadata, intern),
        intern[(spec.capacity or {}).get("storage", "")],
        intern[_modes(spec.access_modes)],
        intern[spec.persistent_volume_reclaim_policy or ""],
        intern[obj.status.phase or "" if obj.status else ""],
        claim,
        intern[spec.storage_class_name or ""],
    )


class _AnnotatedMeta(MetaWire):
    annotations: dict[str, str] | None = None


class StorageClassWire(msgspec.Struct, rename="camel"):
    metadata: _AnnotatedMeta | None = None
    provisioner: str | None = None
    reclaim_policy: str | None = None
    volume_binding_mode: str | None = None


class StorageClassRow(ClusterScopedRow, gc=False):
    ITEM = StorageClassItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {"volume_binding_mode": "binding_mode"}

    provisioner: str
    reclaim_policy: str
    binding_mode: str
    is_default: bool


def build_storage_class(obj: StorageClassWire, intern: Interner) -> StorageClassRow:
    meta = obj.metadata or _AnnotatedMeta()
    notes = meta.annotations or {}
    return StorageClassRow(
        *cluster_identity(meta, intern),
        intern[obj.provisioner or ""],
        intern[obj.reclaim_policy or "Delete"],
        intern[obj.volume_binding_mode or "Immediate"],
        any(notes.get(key) == "true" for key in _DEFAULT_CLASS_ANNOTATIONS),
    )


CLAIM_CODEC = RowCodec(ClaimWire, build_claim)
VOLUME_CODEC = RowCodec(VolumeWire, build_volume)
STORAGE_CLASS_CODEC = RowCodec(StorageClassWire, build_storage_class)
