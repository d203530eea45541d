"""The rows of one watch scope, keyed by uid, and the changes each update makes.

Updates return what changed (ADDED / MODIFIED / DELETED with the row) so the cache can bump its
version and notify subscribers only when something a table shows really changed: an update that
leaves the slim row equal to the cached one (a node heartbeat, a status field no column shows)
is not a change.
"""

from __future__ import annotations

from collections.abc import Hashable
from enum import StrEnum

from backend.objectcatalog.rows import Row
from backend.objectcatalog.rows.codec import RowKey, uid_key


class ChangeType(StrEnum):
    ADDED = "ADDED"
    MODIFIED = "MODIFIED"
    DELETED = "DELETED"


Applied = list[tuple[ChangeType, Row]]


class ScopeStore:
    """Rows keyed by their codec's key (the uid, or a compact form of it)."""

    __slots__ = ("key", "rows")

    def __init__(self, key: RowKey = uid_key) -> None:
        self.key = key
        self.rows: dict[Hashable, Row] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def upsert(self, row: Row) -> Applied:
        key = self.key(row)
        old = self.rows.get(key)
        self.rows[key] = row
        if old is None:
            return [(ChangeType.ADDED, row)]
        if old != row:
            return [(ChangeType.MODIFIED, row)]
        return []

    def delete(self, row: Row) -> Applied:
        old = self.rows.pop(self.key(row), None)
        return [] if old is None else [(ChangeType.DELETED, old)]

    def replace(self, fresh: dict[Hashable, Row]) -> Applied:
        """Swap in a complete new list (after a LIST), reporting the difference."""
        old = self.rows
        applied: Applied = []
        for key, row in fresh.items():
            previous = old.get(key)
            if previous is None:
                applied.append((ChangeType.ADDED, row))
            elif previous != row:
                applied.append((ChangeType.MODIFIED, row))
        applied.extend((ChangeType.DELETED, row) for key, row in old.items() if key not in fresh)
        self.rows = fresh
        return applied

    def clear(self) -> Applied:
        return self.replace({})
