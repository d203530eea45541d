"""The rows of one watch scope, keyed by uid, and the changes each update makes.

Updates return what changed (ADDED / MODIFIED / DELETED with the row) so the cache can bump its
version and notify subscribers only when something a table shows really changed: an update that
leaves the slim row equal to the cached one (a node heartbeat, a status field no column shows)
is not a change.
"""

from __future__ import annotations

from enum import StrEnum

from backend.objectcatalog.rows import Row


class ChangeType(StrEnum):
    ADDED = "ADDED"
    MODIFIED = "MODIFIED"
    DELETED = "DELETED"


Applied = list[tuple[ChangeType, Row]]


def row_key(row: Row) -> str:
    """Rows are keyed by uid; an object replaced under the same name is a different row."""
    return row.uid or f"{row.namespace}/{row.name}"


class ScopeStore:
    __slots__ = ("rows",)

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def upsert(self, row: Row) -> Applied:
        key = row_key(row)
        old = self.rows.get(key)
        self.rows[key] = row
        if old is None:
            return [(ChangeType.ADDED, row)]
        if old != row:
            return [(ChangeType.MODIFIED, row)]
        return []

    def delete(self, row: Row) -> Applied:
        old = self.rows.pop(row_key(row), None)
        return [] if old is None else [(ChangeType.DELETED, old)]

    def replace(self, fresh: dict[str, Row]) -> Applied:
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
