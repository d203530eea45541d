"""What a kind's stores index as changes apply, so a question asked per request is a lookup.

client-go's indexers are the model: an index function maps a row to a value, and the store keeps
the index current on every add, update and delete. Rows by namespace need no index function:
every store keeps its rows grouped by namespace. Counts cost nothing per row, so the overview's
questions (pods by phase, nodes by readiness, events by type) are counts; a group holds its rows
and is used where the rows themselves are wanted (events by the object they are about).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from backend.kube.resources import KindKey
from backend.objectcatalog import kinds

ObjectKey = tuple[str, str, str]
"""(kind, namespace, name) of an object, as an event's involvedObject names it."""


@dataclass(frozen=True)
class RowIndexes:
    group_by: Callable[[Any], Hashable] | None = None
    """Rows grouped by this value (their rows kept in the group)."""
    count_by: Callable[[Any], Hashable] | None = None
    """Rows counted by this value."""


NO_INDEXES = RowIndexes()


def involved_key(kind: str, namespace: str, name: str) -> ObjectKey:
    """The `group_by` value of the events about an object."""
    return (kind, namespace, name)


def involved_object(row: Any) -> ObjectKey:
    """The object an event row is about."""
    involved = row.involved
    return involved_key(involved.kind, involved.namespace, involved.name)


_INDEXES: dict[KindKey, RowIndexes] = {
    kinds.EVENTS: RowIndexes(group_by=involved_object, count_by=attrgetter("type")),
    kinds.PODS: RowIndexes(count_by=attrgetter("phase")),
    kinds.NODES: RowIndexes(count_by=attrgetter("ready")),
}


def indexes_for(key: KindKey) -> RowIndexes:
    return _INDEXES.get(key, NO_INDEXES)
