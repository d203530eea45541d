"""A kind cache's names in one searchable string, so a name search is a C-speed `str.find`.

The names (lower-cased) are joined shortest first, each after a newline; a match at a name's
first character is a prefix match (exact when the lengths agree too), anywhere else a substring
match. Because the names are in length order, the first matches found are the shortest, so a
search stops after `limit` hits of each class instead of ranking every match. The index is
rebuilt only when the cache's version moved (`NameIndexes`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from backend.kube.resources import KindKey
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.rows import Row


class Match(IntEnum):
    """How a name matches; lower ranks first."""

    EXACT = 0
    PREFIX = 1
    SUBSTRING = 2


@dataclass(frozen=True, slots=True)
class Found:
    match: Match
    row: Row


@dataclass(frozen=True, slots=True)
class Hits:
    """The best `limit` prefix (exact ones first) and substring matches, and how many names
    match at all (counted up to `count_cap`, past it only while substring hits are still
    wanted; `capped` when there may be more)."""

    prefix: list[Found]
    substring: list[Found]
    total: int
    capped: bool


class NameIndex:
    __slots__ = ("_blob", "_rows", "_starts")

    def __init__(self, rows: Iterable[Row]) -> None:
        ordered = sorted(rows, key=lambda r: (len(r.name), r.name, r.namespace))
        self._rows = ordered
        starts: list[int] = []
        parts: list[str] = []
        offset = 1
        for row in ordered:
            starts.append(offset)
            parts.append(row.name.lower())
            offset += len(row.name) + 1
        self._starts = starts
        self._blob = "\n" + "\n".join(parts) + "\n"

    def __len__(self) -> int:
        return len(self._rows)

    def search(
        self, text: str, limit: int, count_cap: int, keep: Callable[[Row], bool] | None = None
    ) -> Hits:
        """Names containing `text` (case-insensitive); `keep` narrows the rows (a namespace)."""
        query = text.lower()
        if not query or "\n" in query:
            return Hits([], [], 0, False)
        prefix = self._prefixes(query, limit, keep)
        substring: list[Found] = []
        blob, starts, rows = self._blob, self._starts, self._rows
        total = 0
        position = blob.find(query)
        # With `limit` prefix hits, no substring hit can make the cut (prefixes rank first).
        wanted = limit if len(prefix) < limit else 0
        while position >= 0:
            if total >= count_cap and len(substring) >= wanted:
                return Hits(prefix, substring, total, True)  # enough of both: stop scanning
            index = bisect_right(starts, position) - 1
            if keep is None or keep(rows[index]):
                total += 1
                if starts[index] != position and len(substring) < wanted:
                    substring.append(Found(Match.SUBSTRING, rows[index]))
            if index + 1 >= len(starts):
                break
            position = blob.find(query, starts[index + 1])
        return Hits(prefix, substring, total, False)

    def _prefixes(self, query: str, limit: int, keep: Callable[[Row], bool] | None) -> list[Found]:
        """Names that start with `query`, shortest first (an exact name is the shortest)."""
        found: list[Found] = []
        needle = "\n" + query
        position = self._blob.find(needle)
        while position >= 0 and len(found) < limit:
            index = bisect_right(self._starts, position + 1) - 1
            row = self._rows[index]
            position = self._blob.find(needle, position + 1)
            if keep is not None and not keep(row):
                continue
            match = Match.EXACT if len(row.name) == len(query) else Match.PREFIX
            found.append(Found(match, row))
        return found


class NameIndexes:
    """One `NameIndex` per kind cache, kept until the cache's version moves."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, KindKey], tuple[KindCache, int, NameIndex]] = {}

    def of(self, cache: KindCache) -> NameIndex:
        slot = (cache.cluster_id, cache.key)
        kept = self._kept.get(slot)
        if kept is not None and kept[0] is cache and kept[1] == cache.version:
            return kept[2]
        index = NameIndex(cache.rows())
        self._kept[slot] = (cache, cache.version, index)
        return index

    def keep_only(self, cluster_ids: Iterable[str]) -> None:
        """Drop the indexes of clusters no longer selected."""
        kept = set(cluster_ids)
        for slot in [s for s in self._kept if s[0] not in kept]:
            del self._kept[slot]
