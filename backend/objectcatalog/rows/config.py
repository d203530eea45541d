"""ConfigMap and Secret rows: key counts only.

A Secret's values are never kept, logged or even decoded into strings: the wire type reads each
value as an unparsed `Raw` slice of the response, counts the keys and drops it.
"""

from __future__ import annotations

import msgspec

from backend.contract.items import ConfigMapItem, SecretItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import NamespacedRow, RowCodec, identity
from backend.objectcatalog.rows.wire import MetaWire

_Values = dict[str, msgspec.Raw]


class KeyedWire(msgspec.Struct, rename="camel"):
    metadata: MetaWire | None = None
    type: str | None = None
    data: _Values | None = None
    binary_data: _Values | None = None
    string_data: _Values | None = None


class ConfigMapRow(NamespacedRow, gc=False):
    ITEM = ConfigMapItem

    keys: int


class SecretRow(NamespacedRow, gc=False):
    ITEM = SecretItem

    type: str
    keys: int


def _key_count(obj: KeyedWire) -> int:
    keys: set[str] = set()
    for values in (obj.data, obj.binary_data, obj.string_data):
        if values:
            keys.update(values)
    return len(keys)


def build_configmap(obj: KeyedWire, intern: Interner) -> ConfigMapRow:
    return ConfigMapRow(*identity(obj.metadata, intern), _key_count(obj))


def build_secret(obj: KeyedWire, intern: Interner) -> SecretRow:
    return SecretRow(
        *identity(obj.metadata, intern),
        intern[obj.type or "Opaque"],
        _key_count(obj),
    )


CONFIGMAP_CODEC = RowCodec(KeyedWire, build_configmap)
SECRET_CODEC = RowCodec(KeyedWire, build_secret)
