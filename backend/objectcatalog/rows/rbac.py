"""RBAC rows: Roles and ClusterRoles (rule count), RoleBindings and ClusterRoleBindings
(the role they grant and the subjects they name)."""

from __future__ import annotations

import msgspec

from backend.contract.items import RoleBindingItem, RoleItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import NamespacedRow, RowCodec, identity
from backend.objectcatalog.rows.wire import MetaWire


class RoleWire(msgspec.Struct):
    metadata: MetaWire | None = None
    rules: list[msgspec.Raw] | None = None


class RoleRow(NamespacedRow, gc=False):
    ITEM = RoleItem

    rules: int


def build_role(obj: RoleWire, intern: Interner) -> RoleRow:
    return RoleRow(*identity(obj.metadata, intern), len(obj.rules or ()))


class _RoleRef(msgspec.Struct):
    kind: str | None = None
    name: str | None = None


class _Subject(msgspec.Struct):
    kind: str | None = None
    name: str | None = None
    namespace: str | None = None


class BindingWire(msgspec.Struct, rename="camel"):
    metadata: MetaWire | None = None
    role_ref: _RoleRef | None = None
    subjects: list[_Subject] | None = None


class BindingRow(NamespacedRow, gc=False):
    ITEM = RoleBindingItem

    role_kind: str
    role_name: str
    subjects: tuple[str, ...]  # "Kind/name" or "Kind/namespace/name" for ServiceAccounts


def _subject_text(subject: _Subject) -> str:
    if subject.namespace:
        return f"{subject.kind}/{subject.namespace}/{subject.name}"
    return f"{subject.kind}/{subject.name}"


def build_binding(obj: BindingWire, intern: Interner) -> BindingRow:
    ref = obj.role_ref or _RoleRef()
    return BindingRow(
        *identity(obj.metadata, intern),
        intern[ref.kind or ""],
        intern[ref.name or ""],
        intern[tuple(_subject_text(s) for s in obj.subjects or ())],
    )


ROLE_CODEC = RowCodec(RoleWire, build_role)
BINDING_CODEC = RowCodec(BindingWire, build_binding)
