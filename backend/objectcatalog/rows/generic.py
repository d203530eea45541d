"""Generic rows for every kind without its own table (custom resources included), and the
CustomResourceDefinition row whose changes trigger a new discovery."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from backend.contract.items import CustomResourceDefinitionItem, ObjectItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import (
    ClusterScopedRow,
    NamespacedRow,
    RowCodec,
    cluster_identity,
    identity,
)
from backend.objectcatalog.rows.wire import MetaWire, ObjectWire


class GenericRow(NamespacedRow, gc=False):
    """namespace/name/uid/createdAt; group, version and kind come from the row's cache."""

    ITEM = ObjectItem


def build_generic(obj: ObjectWire, intern: Interner) -> GenericRow:
    return GenericRow(*identity(obj.metadata, intern))


class _CrdNames(msgspec.Struct):
    kind: str | None = None
    plural: str | None = None


class _CrdVersion(msgspec.Struct):
    name: str | None = None
    served: bool | None = None


class _CrdSpec(msgspec.Struct):
    group: str | None = None
    scope: str | None = None
    names: _CrdNames | None = None
    versions: list[_CrdVersion] | None = None


class _CrdCondition(msgspec.Struct):
    type: str | None = None
    status: str | None = None


class _CrdStatus(msgspec.Struct):
    conditions: list[_CrdCondition] | None = None


class CrdWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _CrdSpec | None = None
    status: _CrdStatus | None = None


class CrdRow(ClusterScopedRow, gc=False):
    ITEM = CustomResourceDefinitionItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {"spec_group": "group", "spec_kind": "kind"}

    group: str
    kind: str
    plural: str
    scope: str
    versions: tuple[str, ...]  # served versions
    established: bool


def build_crd(obj: CrdWire, intern: Interner) -> CrdRow:
    spec = obj.spec or _CrdSpec()
    names = spec.names or _CrdNames()
    established = any(
        c.type == "Established" and c.status == "True"
        for c in (obj.status.conditions or () if obj.status else ())
    )
    return CrdRow(
        *cluster_identity(obj.metadata, intern),
        intern[spec.group or ""],
        intern[names.kind or ""],
        intern[names.plural or ""],
        intern[spec.scope or ""],
        intern[tuple(v.name for v in spec.versions or () if v.served and v.name)],
        established,
    )


GENERIC_CODEC = RowCodec(ObjectWire, build_generic)
CRD_CODEC = RowCodec(CrdWire, build_crd)
