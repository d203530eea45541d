"""The msgspec wire types every kind shares: object metadata, LIST envelopes, WATCH events.

Wire types name only the JSON fields the catalog reads; msgspec skips every other field while it
parses, which is what makes the decode fast. Every field is optional because the API server omits
empty values. These types live only while a LIST page or WATCH event is decoded; the cache keeps
the slim rows built from them.
"""

from __future__ import annotations

from typing import Generic, TypeVar

import msgspec

T = TypeVar("T")


class OwnerWire(msgspec.Struct):
    kind: str | None = None
    name: str | None = None
    controller: bool | None = None


class MetaWire(msgspec.Struct, rename="camel"):
    name: str | None = None
    namespace: str | None = None
    uid: str | None = None
    creation_timestamp: str | None = None
    resource_version: str | None = None


class RichMetaWire(MetaWire):
    """Metadata for kinds whose rows show labels, owners or deletion."""

    labels: dict[str, str] | None = None
    owner_references: list[OwnerWire] | None = None
    deletion_timestamp: str | None = None


class ObjectWire(msgspec.Struct):
    """Any object, read for its metadata only (generic rows, bookmarks)."""

    metadata: MetaWire | None = None


class ListMetaWire(msgspec.Struct, rename="camel"):
    resource_version: str | None = None
    continue_: str | None = msgspec.field(default=None, name="continue")


class ListWire(msgspec.Struct, Generic[T]):
    """One LIST page: its items and the resourceVersion/continue token of the list."""

    items: list[T] | None = None
    metadata: ListMetaWire | None = None


class WatchEnvelope(msgspec.Struct):
    """One WATCH line. The object stays raw until the type says how to read it."""

    type: str
    object: msgspec.Raw


class StatusWire(msgspec.Struct):
    """A `Status` as sent in an ERROR watch event or an error response body."""

    code: int | None = None
    reason: str | None = None
    message: str | None = None


def controller_owner(owners: list[OwnerWire] | None) -> tuple[str, str]:
    """Kind and name of the owner reference marked controller, else of the first one."""
    if not owners:
        return "", ""
    for owner in owners:
        if owner.controller:
            break
    else:
        owner = owners[0]
    return owner.kind or "", owner.name or ""


status_decoder = msgspec.json.Decoder(StatusWire)
envelope_decoder = msgspec.json.Decoder(WatchEnvelope)
object_decoder = msgspec.json.Decoder(ObjectWire)
