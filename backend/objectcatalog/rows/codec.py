"""What a cached row is, and how a kind's bytes become rows.

A `RowCodec` pairs a kind's wire type with the function that turns one decoded wire object into
the slim row the cache keeps. Its two decoders read a whole LIST page and one WATCH object
straight from bytes, without building dicts or generated models.

A row's wire fields are declared once, by its item model in `backend.contract.items`:
`RowBase.fields()` reads each of the model's fields from the row attribute of the same name
(or the one `ITEM_SOURCES` names) with one `attrgetter`, so no row spells its dict by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast

import msgspec

from backend.contract.items import METRIC_FIELDS, RUN_FIELDS, ObjectItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.wire import ListWire, MetaWire

W = TypeVar("W", bound=msgspec.Struct)


class Row(Protocol):
    """A cached object: identity, creation time and the columns of its kind's table."""

    @property
    def namespace(self) -> str: ...  # "" for cluster-scoped objects
    @property
    def name(self) -> str: ...
    @property
    def uid(self) -> str: ...
    @property
    def created_at(self) -> str: ...  # metadata.creationTimestamp, RFC 3339 as sent
    def fields(self) -> dict[str, Any]:
        """The row's table columns with the contract's camelCase names, JSON-ready."""
        ...


class RowBase(msgspec.Struct, gc=False):
    """Base of every slim row: its wire fields are those of its item model `ITEM`."""

    ITEM: ClassVar[type[ObjectItem]] = ObjectItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {}
    """Item field → row attribute, where the row keeps a field under another name or form."""

    def fields(self) -> dict[str, Any]:
        return _field_reader(type(self))(self)


class NamespacedRow(RowBase, gc=False):
    """Base of the rows of namespaced kinds: `identity()` gives their first four fields."""

    namespace: str
    name: str
    uid: str
    created_at: str


class ClusterScopedRow(RowBase, gc=False):
    """Base of the rows of cluster-scoped kinds (Node, Namespace, PersistentVolume, …):
    `cluster_identity()` gives their first three fields."""

    name: str
    uid: str
    created_at: str

    @property
    def namespace(self) -> str:
        return ""


_NO_META = MetaWire()


def identity(meta: MetaWire | None, intern: Interner) -> tuple[str, str, str, str]:
    """namespace, name, uid and creation time: the first fields of a namespaced kind's row."""
    meta = meta or _NO_META
    return (
        intern[meta.namespace or ""],
        meta.name or "",
        meta.uid or "",
        intern[meta.creation_timestamp or ""],
    )


def cluster_identity(meta: MetaWire | None, intern: Interner) -> tuple[str, str, str]:
    """name (interned: a node's is shared with its pods' rows), uid and creation time."""
    meta = meta or _NO_META
    return intern[meta.name or ""], meta.uid or "", intern[meta.creation_timestamp or ""]


@cache
def _field_reader(row_type: type[RowBase]) -> Callable[[Any], dict[str, Any]]:
    """Read the item's own fields (not the run's: cluster, group/version/kind, stale; nor the
    usage the metrics cache joins) from a row of `row_type` into a dict with the wire names."""
    model = row_type.ITEM
    names = [n for n in model.model_fields if n not in RUN_FIELDS and n not in METRIC_FIELDS]
    wire_names = tuple(model.model_fields[n].alias or n for n in names)
    read = attrgetter(*(row_type.ITEM_SOURCES.get(n, n) for n in names))
    return lambda row: dict(zip(wire_names, read(row), strict=True))


Build = Callable[[W, Interner], Row]
RowKey = Callable[[Any], Hashable]


def uid_key(row: Row) -> Hashable:
    """Rows are keyed by uid; an object replaced under the same name is a different row."""
    return row.uid or f"{row.namespace}/{row.name}"


@dataclass(frozen=True)
class RowCodec(Generic[W]):
    """Decoders for one kind's LIST pages and WATCH objects, and its row builder."""

    wire: type[W]
    build: Build[W]
    key: RowKey = uid_key
    """The row's key in its store (the uid, or a compact form of it)."""
    list_decoder: msgspec.json.Decoder[ListWire[W]] = field(init=False, repr=False)
    item_decoder: msgspec.json.Decoder[W] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        list_type = cast(type[ListWire[W]], ListWire[self.wire])  # type: ignore[name-defined]
        object.__setattr__(self, "list_decoder", msgspec.json.Decoder(list_type))
        object.__setattr__(self, "item_decoder", msgspec.json.Decoder(self.wire))

    def rows_of_page(self, body: bytes, intern: Interner) -> tuple[list[Row], str, str]:
        """Decode one LIST page: (rows, resourceVersion, continue token or "").

        Raises msgspec.DecodeError / ValidationError for bytes that are not such a page."""
        page = self.list_decoder.decode(body)
        build = self.build
        rows = [build(item, intern) for item in page.items or ()]
        meta = page.metadata
        if meta is None:
            return rows, "", ""
        return rows, meta.resource_version or "", meta.continue_ or ""
