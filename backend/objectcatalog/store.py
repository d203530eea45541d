"""The rows of one watch scope, grouped by namespace and keyed by uid; the changes each update
makes; and the kind's indexes, kept current as every change applies.

Updates return what changed (ADDED / MODIFIED / DELETED with the row) so the cache can bump its
version and notify subscribers only when something a table shows really changed: an update that
leaves the slim row equal to the cached one (a node heartbeat, a status field no column shows)
is not a change. An object never changes namespace, so a row's key is looked up in its own
namespace's rows; keeping them apart costs nothing per row and makes "rows of namespace X" a
lookup.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from enum import StrEnum
from typing import NamedTuple

from backend.objectcatalog.indexes import NO_INDEXES, RowIndexes
from backend.objectcatalog.rows import Row
from backend.objectcatalog.rows.codec import RowKey, uid_key


class ChangeType(StrEnum):
    ADDED = "ADDED"
    MODIFIED = "MODIFIED"
    DELETED = "DELETED"


class Change(NamedTuple):
    type: ChangeType
    row: Row
    """The row now (ADDED, MODIFIED) or the cached row that went (DELETED)."""
    before: Row | None
    """The cached row it replaced (MODIFIED) or removed (DELETED): readers that keep rows in
    an order find it by its old values."""


Applied = list[Change]


class ScopeStore:
    """Rows by namespace, each keyed by their codec's key (the uid, or a compact form of it)."""

    __slots__ = ("counts", "groups", "indexes", "key", "namespaces")

    def __init__(self, key: RowKey = uid_key, indexes: RowIndexes = NO_INDEXES) -> None:
        self.key = key
        self.indexes = indexes
        self.namespaces: dict[str, dict[Hashable, Row]] = {}
        """Namespace ("" for cluster-scoped objects) → its rows; a namespace without rows has
        no entry."""
        self.groups: dict[Hashable, tuple[Row, ...]] = {}
        """`indexes.group_by` value → the rows with it (a tuple: groups are small)."""
        self.counts: Counter[Hashable] = Counter()
        """`indexes.count_by` value → how many rows have it (no zero entries)."""

    def __len__(self) -> int:
        return sum(map(len, self.namespaces.values()))

    def rows(self, namespaces: Iterable[str] | None = None) -> Iterator[Row]:
        """Every row, or the rows of the given namespaces."""
        if namespaces is None:
            return itertools.chain.from_iterable(r.values() for r in self.namespaces.values())
        found = (self.namespaces.get(ns) for ns in namespaces)
        return itertools.chain.from_iterable(r.values() for r in found if r)

    def get(self, namespace: str, key: Hashable) -> Row | None:
        rows = self.namespaces.get(namespace)
        return rows.get(key) if rows is not None else None

    def upsert(self, row: Row) -> Applied:
        key = self.key(row)
        rows = self.namespaces.get(row.namespace)
        if rows is None:
            rows = self.namespaces[row.namespace] = {}
        old = rows.get(key)
        if old == row:
            return []  # the cached row stays: the indexes hold it
        rows[key] = row
        self._reindex(key, old, row)
        return [Change(ChangeType.ADDED if old is None else ChangeType.MODIFIED, row, old)]

    def delete(self, row: Row) -> Applied:
        rows = self.namespaces.get(row.namespace)
        key = self.key(row)
        old = rows.pop(key, None) if rows is not None else None
        if old is None:
            return []
        if not rows:
            del self.namespaces[row.namespace]
        self._reindex(key, old, None)
        return [Change(ChangeType.DELETED, old, old)]

    def replace(self, fresh: dict[str, dict[Hashable, Row]]) -> Applied:
        """Swap in a complete new list (after a LIST; rows by namespace, as they are kept here)
        and report the difference. Taking the rows grouped already means one dict per
        namespace, never a second copy of the whole list."""
        applied: Applied = []
        for namespace, rows in fresh.items():
            old = self.namespaces.get(namespace, {})
            for key, row in rows.items():
                previous = old.get(key)
                if previous is None:
                    applied.append(Change(ChangeType.ADDED, row, None))
                elif previous != row:
                    applied.append(Change(ChangeType.MODIFIED, row, previous))
        for namespace, rows in self.namespaces.items():
            kept = fresh.get(namespace, {})
            applied.extend(
                Change(ChangeType.DELETED, r, r) for key, r in rows.items() if key not in kept
            )
        self.namespaces = {namespace: rows for namespace, rows in fresh.items() if rows}
        self._rebuild_indexes()
        return applied

    def clear(self) -> Applied:
        return self.replace({})

    # --- indexes -------------------------------------------------------------------------------

    def _reindex(self, key: Hashable, old: Row | None, new: Row | None) -> None:
        count_by, group_by = self.indexes.count_by, self.indexes.group_by
        if count_by is not None:
            if old is not None:
                value = count_by(old)
                self.counts[value] -= 1
                if not self.counts[value]:
                    del self.counts[value]
            if new is not None:
                self.counts[count_by(new)] += 1
        if group_by is not None:
            if old is not None:
                value = group_by(old)
                kept = tuple(r for r in self.groups.get(value, ()) if self.key(r) != key)
                if kept:
                    self.groups[value] = kept
                else:
                    self.groups.pop(value, None)
            if new is not None:
                value = group_by(new)
                self.groups[value] = (*self.groups.get(value, ()), new)

    def _rebuild_indexes(self) -> None:
        count_by, group_by = self.indexes.count_by, self.indexes.group_by
        if count_by is not None:
            self.counts = Counter(map(count_by, self.rows()))
        if group_by is not None:
            groups: dict[Hashable, list[Row]] = {}
            for row in self.rows():
                groups.setdefault(group_by(row), []).append(row)
            self.groups = {value: tuple(rows) for value, rows in groups.items()}
