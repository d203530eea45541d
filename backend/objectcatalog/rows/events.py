"""Event rows (core/v1 Event), with the event's own time as the stream and table show it."""

from __future__ import annotations

from typing import ClassVar

import msgspec

from backend.contract.items import EventItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import NamespacedRow, RowCodec, identity
from backend.objectcatalog.rows.wire import MetaWire


class _Involved(msgspec.Struct, rename="camel"):
    api_version: str | None = None
    kind: str | None = None
    name: str | None = None
    namespace: str | None = None
    uid: str | None = None


class _Series(msgspec.Struct, rename="camel"):
    count: int | None = None
    last_observed_time: str | None = None


class EventWire(msgspec.Struct, rename="camel"):
    metadata: MetaWire | None = None
    type: str | None = None
    reason: str | None = None
    message: str | None = None
    count: int | None = None
    involved_object: _Involved | None = None
    event_time: str | None = None
    series: _Series | None = None
    last_timestamp: str | None = None


class InvolvedObject(msgspec.Struct, frozen=True, gc=False, rename="camel"):
    """What an event is about; shared by all events of one object."""

    api_version: str
    kind: str
    name: str
    namespace: str
    uid: str


class EventRow(NamespacedRow, gc=False):
    ITEM = EventItem
    ITEM_SOURCES: ClassVar[dict[str, str]] = {"involved_object": "involved_fields"}

    type: str
    reason: str
    message: str
    count: int
    involved: InvolvedObject
    timestamp: str

    @property
    def involved_fields(self) -> dict[str, str]:
        fields: dict[str, str] = msgspec.to_builtins(self.involved)
        return fields


def event_timestamp(event: EventWire) -> str:
    """eventTime, else series.lastObservedTime, else lastTimestamp, else creationTimestamp."""
    if event.event_time:
        return event.event_time
    if event.series is not None and event.series.last_observed_time:
        return event.series.last_observed_time
    if event.last_timestamp:
        return event.last_timestamp
    return event.metadata.creation_timestamp or "" if event.metadata else ""


def build_event(obj: EventWire, intern: Interner) -> EventRow:
    inv = obj.involved_object or _Involved()
    count = obj.count or (obj.series.count if obj.series else None) or 1
    return EventRow(
        *identity(obj.metadata, intern),
        intern[obj.type or ""],
        intern[obj.reason or ""],
        obj.message or "",
        count,
        intern[
            InvolvedObject(
                intern[inv.api_version or ""],
                intern[inv.kind or ""],
                intern[inv.name or ""],
                intern[inv.namespace or ""],
                inv.uid or "",
            )
        ],
        intern[event_timestamp(obj)],
    )


EVENT_CODEC = RowCodec(EventWire, build_event)
