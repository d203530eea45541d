"""The aggregated list domains: which caches a cluster's part reads, and the merged page.

Rows stay the catalog's slim rows until the page is cut; only the rows of the page become
dicts. Each (cluster, kind, sort) run is sorted once and then follows the cache's changes
(`SortedRunCache`); so do its filtered copies.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, contains, or_
from typing import Any, cast

from backend.contract.snapshots import ClusterPartStatus
from backend.errors import RegattaError
from backend.kube.resources import ApiResource, KindKey
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows import Row
from backend.objectcatalog.rows.generic import CrdRow
from backend.objectcatalog.rows.nodes import NamespaceRow
from backend.refresh.list_query import ListQuery
from backend.refresh.merged_page import (
    MergedOrder,
    MergedOrderCache,
    SortedRun,
    SortedRunCache,
    SortSpec,
    merge_runs,
)
from backend.refresh.snapshots.domains import ListDomain
from backend.refresh.snapshots.parts import ClusterPart, KindRows
from backend.refresh.snapshots.usage import METRIC_WIRE_NAMES, usage_fields, usage_getter

NAMESPACE_RESOURCE = ApiResource("", "v1", "namespaces", "Namespace", False, frozenset())


def kind_matches(resource: ApiResource, wanted: frozenset[str]) -> bool:
    """`kind=` accepts the Kind (`Deployment`), the plural (`deployments`) or the key
    (`deployments.apps`), case-insensitively."""
    return not wanted or bool(
        {resource.kind.casefold(), resource.resource, str(resource.key)} & wanted
    )


async def domain_caches(
    catalog: ClusterCatalog, domain: ListDomain, query: ListQuery
) -> list[KindCache]:
    """Start (if needed) and return the caches a domain reads on this cluster."""
    keys = list(domain.kinds)
    if domain.name == "custom-resources":
        keys = await _custom_resource_keys(catalog)
    elif domain.name == "catalog":
        keys = sorted(
            {c.key for c in catalog.caches()} | set(kinds.STARTUP_KINDS) | _named(catalog, query)
        )
    caches: list[KindCache] = []
    for key in keys:
        resource = catalog.resolve(key)
        if resource is not None and not kind_matches(resource, query.kinds):
            continue
        try:
            caches.append(await catalog.ensure(key))
        except RegattaError as exc:
            if exc.code != "unknown_kind":  # a kind this cluster does not serve is simply absent
                raise
    return caches


def _named(catalog: ClusterCatalog, query: ListQuery) -> set[KindKey]:
    index = catalog.discovery
    if index is None or not query.kinds:
        return set()
    return {
        key
        for key, res in index.preferred.items()
        if res.watchable and kind_matches(res, query.kinds)
    }


async def _custom_resource_keys(catalog: ClusterCatalog) -> list[KindKey]:
    crds = await catalog.ensure(kinds.CUSTOM_RESOURCE_DEFINITIONS)
    await settle([crds])
    return sorted(
        {
            KindKey(row.group, row.plural)
            for row in crds.rows()
            if isinstance(row, CrdRow) and row.plural
        }
    )


async def settle(caches: Sequence[KindCache], within: float | None = None) -> None:
    """Wait for caches still on their first LIST, at most until `within` after that LIST began
    (later syncs never block reads). The first answer after a selection so waits for a quick
    cluster instead of showing it loading; the answers fetched again at each doorbell while a
    large cluster still lists do not wait the whole bound again for it."""
    now = time.monotonic()
    waits = []
    for cache in caches:
        if cache.state is SyncState.SYNCING and cache.last_sync_at is None:
            left = None if within is None else within - (now - cache.created_at)
            if left is None or left > 0:
                waits.append(cache.wait_settled(left))
    if waits:
        await asyncio.gather(*waits, return_exceptions=True)


def read_part(
    catalog: ClusterCatalog,
    domain: ListDomain,
    caches: Sequence[KindCache],
    namespaces: frozenset[str] | None,
) -> ClusterPart:
    """The cluster's part from its caches as they are now (no awaiting), with the rows of
    `namespaces` only (None: all): the state decides the status; a failing kind keeps its rows
    and marks the part stale."""
    if domain.name == "namespaces":
        return _namespaces_part(catalog, namespaces)
    part = ClusterPart(catalog.cluster_id, catalog.cluster_name, "ready")
    forbidden: list[str] = []
    failing: list[str] = []
    loading = False
    for cache in caches:
        state = cache.state
        if state is SyncState.FORBIDDEN:
            forbidden.append(cache.message or f"Not allowed to list {cache.key}.")
            continue
        if state is SyncState.SYNCING and cache.last_sync_at is None:
            loading = True
        if state is SyncState.ERROR:
            failing.append(f"{cache.key}: {cache.message}")
        version = cache.version if namespaces is None else cache.version_of(namespaces)
        rows = cache.read(namespaces)
        part.kinds.append(
            KindRows(cache.resource, rows, version, namespaces, cache.mark(namespaces))
        )
    if caches and len(forbidden) == len(caches):
        part.status, part.message = "forbidden", "; ".join(forbidden)
    elif failing:
        part.status, part.cause, part.message = "stale", "error", "; ".join(failing + forbidden)
    elif loading and not any(k.rows for k in part.kinds):
        part.status, part.message = "loading", None
    elif forbidden:
        part.message = "; ".join(forbidden)
    return part


def _namespaces_part(catalog: ClusterCatalog, namespaces: frozenset[str] | None) -> ClusterPart:
    listing = catalog.namespaces()
    cache = catalog.cache(kinds.NAMESPACES)
    if listing.source == "list":
        rows: Sequence[Row] = listing.rows
    else:
        rows = tuple(NamespaceRow(name, "", "", "") for name in listing.names)
    if namespaces is not None:  # like every cluster-scoped row: in no namespace
        rows = tuple(r for r in rows if r.namespace in namespaces)
    status: ClusterPartStatus = "loading" if listing.source == "loading" and not rows else "ready"
    listed = listing.source == "list"
    version = cache.version if cache is not None and listed else hash(listing.names)
    resource = cache.resource if cache is not None else NAMESPACE_RESOURCE
    part = ClusterPart(catalog.cluster_id, catalog.cluster_name, status, listing.message or None)
    part.kinds.append(KindRows(resource, rows, version, namespaces))
    return part


# --- sorting, filtering, paging ---------------------------------------------------------------


@dataclass(frozen=True)
class RunSource:
    part: ClusterPart
    kind: KindRows


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def value_getter(field: str, row_type: type) -> Callable[[Any], Any]:
    """Read a sort column from a slim row: an attribute when the row has one, else its fields."""
    attribute = _CAMEL.sub("_", field).lower()
    if hasattr(row_type, attribute):
        return attrgetter(attribute)
    return lambda row: row.fields().get(field)


def run_spec(source: RunSource, field: str, descending: bool) -> SortSpec[Row]:
    resource = source.kind.resource
    constants = {
        "clusterName": source.part.cluster_name,
        "clusterId": source.part.cluster_id,
        "kind": resource.kind,
        "group": resource.group,
        "version": resource.version,
    }
    if field in constants:
        constant = constants[field]
        value_of: Callable[[Row], Any] = lambda _row: constant  # noqa: E731
    elif field in METRIC_WIRE_NAMES:
        value_of = usage_getter(resource.kind, field, source.part.usage, nulls_low=descending)
    else:
        row_type = type(source.kind.rows[0]) if source.kind.rows else object
        value_of = value_getter(field, row_type)
    return SortSpec(field, descending, value_of, _namespace_name)


_namespace_name = attrgetter("namespace", "name")


SEARCHED_ATTRIBUTES = ("node", "status", "owner_name", "reason", "type")


class _Verdicts(dict[Hashable, bool]):
    """Whether the text occurs in a value, decided once per distinct value: the searched values
    repeat across rows (they are interned), so each is folded and tested once."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, value: Hashable) -> bool:
        verdict = self[value] = isinstance(value, str) and self.text in value.casefold()
        return verdict


class _AnyVerdicts(dict[tuple[Any, ...], bool]):
    """Whether the text occurs in one of a row's searched values, decided once per distinct
    tuple of them (the rows of one owner, node and status share theirs)."""

    __slots__ = ("each",)

    def __init__(self, each: _Verdicts) -> None:
        super().__init__()
        self.each = each

    def __missing__(self, values: tuple[Any, ...]) -> bool:
        verdict = self[values] = any(map(self.each.__getitem__, values))
        return verdict


def _searched_paths(row_type: type) -> list[str]:
    """The paths of a row's namespace and of those of `SEARCHED_ATTRIBUTES` its type has: where
    the row's attribute is a property reading a shared part (`ITEM_SOURCES`: `shape.status` for
    `status`), that part's path instead of the property."""
    sources: dict[str, str] = getattr(row_type, "ITEM_SOURCES", {})
    paths = ["namespace", *(a for a in SEARCHED_ATTRIBUTES if hasattr(row_type, a))]
    return [s if (s := sources.get(a, "")).endswith(f".{a}") else a for a in paths]


_SEARCHED: dict[type, Callable[[Any], tuple[Any, ...]]] = {}


def _searched_values(row_type: type) -> Callable[[Any], tuple[Any, ...]]:
    """Read a row's searched values in one C call."""
    getter = _SEARCHED.get(row_type)
    if getter is None:
        paths = _searched_paths(row_type)
        many = attrgetter(*paths)
        getter = _SEARCHED[row_type] = many if len(paths) > 1 else lambda row: (many(row),)
    return getter


_Pass = tuple[Callable[[Any], Any], Callable[[Any], tuple[Any, ...]] | None]
_PASSES: dict[type, list[_Pass]] = {}


def _passes(row_type: type) -> list[_Pass]:
    """The searched paths grouped by the row attribute they start at: a value of the row itself
    (`node`), or a shared part (`shape`) and a reader of its searched values."""
    passes = _PASSES.get(row_type)
    if passes is None:
        groups: dict[str, list[str]] = {}
        for path in _searched_paths(row_type):
            head, _, rest = path.partition(".")
            groups.setdefault(head, []).append(rest)
        passes = _PASSES[row_type] = [
            (attrgetter(head), None if rests == [""] else _part_values(rests))
            for head, rests in groups.items()
        ]
    return passes


def _part_values(rests: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    getters: list[Callable[[Any], Any]] = [attrgetter(rest) if rest else _itself for rest in rests]
    return lambda part: tuple(get(part) for get in getters)


def _itself(value: Any) -> Any:
    return value


_name = attrgetter("name")


class TextFilter:
    """`q` (already case-folded) matches a row's name, namespace, or (where the row has them)
    node, status, owner, reason, type — case-insensitively. Names are unique, so each is tested
    per row (not folded when it is ASCII lower-case, as names usually are); the other values
    once per distinct value through `_Verdicts`.

    A changed row is asked alone (`__call__`), a run's rows all at once (`select`): there no
    Python frame runs per row (#20: the first filter of 100k rows)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._each = _Verdicts(text)
        self._any = _AnyVerdicts(self._each)

    def __call__(self, row: Row) -> bool:
        text, name = self.text, row.name
        if text in name or (not (name.isascii() and name.islower()) and text in name.casefold()):
            return True
        return self._any[_searched_values(type(row))(row)]

    def select(self, rows: Sequence[Row]) -> list[Row]:
        """The rows (of one kind, so of one row type) that match, in their order. Each step
        maps a C function over the rows: a value of the row looked up in its verdicts; a shared
        part by its id in the verdicts of the distinct parts (hashing a part would read all its
        fields) — either pass skipped when none of its distinct values matches; `in` on the names — only if one of them can contain the text: the names joined
        and folded once tell whether any does and whether any needs folding (for ASCII,
        casefold is lower; both map each character on its own)."""
        if not rows:
            return []
        text = self.text
        hits: Iterable[bool] | None = None
        for head, part_values in _passes(type(rows[0])):
            keys: list[Any] = list(map(head, rows))
            verdicts: dict[Any, bool]
            if part_values is None:
                verdicts = self._each
                distinct: Iterable[Any] = set(keys)
            else:
                parts = dict(zip(map(id, keys), keys, strict=True))
                verdicts = {i: self._any[part_values(part)] for i, part in parts.items()}
                keys, distinct = list(map(id, keys)), parts
            if not any(map(verdicts.__getitem__, distinct)):
                continue  # no value of this pass matches: it adds no row
            found = map(verdicts.__getitem__, keys)
            hits = found if hits is None else map(or_, hits, found)
        names: Iterable[str] = list(map(_name, rows))
        joined = "\0".join(names)
        folded = joined.lower() if joined.isascii() else joined.casefold()
        if folded != joined:
            names = map(str.casefold, names)
        if text in folded:
            name_hits = map(contains, names, repeat(text))
            hits = name_hits if hits is None else map(or_, name_hits, hits)
        return [] if hits is None else list(compress(rows, hits))


def cut_page(
    parts: Sequence[ClusterPart],
    query: ListQuery,
    sort_field: str,
    runs_cache: SortedRunCache,
    orders: MergedOrderCache,
) -> tuple[list[dict[str, Any]], int]:
    """Filter, sort and page the rows of every part (already only those of the namespaces
    asked for); build dicts for the page's rows only."""
    sources: list[RunSource] = []
    runs: list[SortedRun[Row]] = []
    specs: list[SortSpec[Row]] = []
    selector = query.labels
    identity: list[Hashable] = [
        sort_field,
        query.descending,
        query.text,
        selector.text if selector else None,
    ]
    for part in sorted(parts, key=lambda p: p.cluster_id):
        for kind_rows in part.kinds:
            source = RunSource(part, kind_rows)
            spec = run_spec(source, sort_field, query.descending)
            key = (
                part.cluster_id,
                str(kind_rows.resource.key),
                kind_rows.namespaces,
                sort_field,
                query.descending,
            )
            version: Hashable = kind_rows.version
            context: Hashable = None
            if sort_field in METRIC_WIRE_NAMES and part.usage is not None:
                context = part.usage.version  # re-sorted when the usage changes
                version = (version, context)
            sources.append(source)
            runs.append(
                runs_cache.get(
                    key,
                    version,
                    spec,
                    _by_tiebreak(runs_cache, key, kind_rows),
                    kind_rows.mark,
                    context,
                )
            )
            specs.append(spec)
            identity.append((key, version, part.stale))
    text = TextFilter(query.text) if query.text else None
    wanted_key = (query.text, selector.text if selector else None)

    def labelled(row: Row) -> bool:
        if selector is None:
            return True
        labels = getattr(row, "label_pairs", None)  # kinds whose rows keep their labels
        return labels is not None and selector.matches(labels)

    def wanted(row: Row) -> bool:
        return (text is None or text(row)) and labelled(row)

    def select(rows: Sequence[Row]) -> list[Row]:
        kept = rows if text is None else text.select(rows)
        return [row for row in kept if labelled(row)] if selector else list(kept)

    def narrows(kept: Hashable) -> bool:
        """Whether every row this query keeps is among those the `kept` filter kept."""
        kept_text, kept_selector = cast(tuple[str, str | None], kept)
        return kept_selector == wanted_key[1] and kept_text in query.text

    def build() -> MergedOrder[Row]:
        kept: list[Sequence[Row]] = [run.rows for run in runs]
        if text is not None or selector is not None:
            kept = [run.filtered(wanted_key, wanted, narrows, select) for run in runs]
        return MergedOrder(merge_runs(kept, specs), lambda: sum(len(r) for r in kept))

    order = orders.get(tuple(identity), build)
    rows = order.slice(query.offset, query.limit)
    return [item(sources[index], row) for index, row in rows], order.total


_BY_TIEBREAK: SortSpec[Row] = SortSpec("", False, lambda _row: None, _namespace_name)


def _by_tiebreak(
    runs_cache: SortedRunCache, key: tuple[Hashable, ...], kind_rows: KindRows
) -> Callable[[], Sequence[Row]]:
    """The rows in tiebreak order (namespace, name), from a run kept for that: sorting them by a
    new column is then one sort by its values (the tiebreak sort is most of a cold sort)."""
    base_key = (*key[:3], "", False)
    return lambda: (
        runs_cache.get(
            base_key, kind_rows.version, _BY_TIEBREAK, lambda: kind_rows.rows, kind_rows.mark
        ).rows
    )


def item(source: RunSource, row: Row) -> dict[str, Any]:
    res = source.kind.resource
    return {
        "clusterId": source.part.cluster_id,
        "clusterName": source.part.cluster_name,
        "group": res.group,
        "version": res.version,
        "kind": res.kind,
        **row.fields(),
        **usage_fields(res.kind, row, source.part.usage),
        "stale": source.part.stale,
    }
