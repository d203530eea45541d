"""Find objects by name in every selected cluster's catalog caches (`GET /api/v1/search`).

Each cluster is searched in the fan-out under its own timeout; a cluster that stopped answering
is still searched in the caches it has, its hits marked stale (as list snapshots keep a failed
cluster's rows). Only running caches are searched (a kind nobody looks at is not watched), except
that a kind named in the query is started for it. Events are left out unless asked for by kind:
their names repeat their object's name and would bury it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from backend.clusters.service import ClusterService
from backend.contract.items import ClusterPartStatus
from backend.contract.search import SearchClusterGroup, SearchHit, SearchMatch, SearchResult
from backend.errors import RegattaError
from backend.kube.resources import ApiResource, KindKey
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kind_aliases import resolve_alias
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.name_index import Found, NameIndexes
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.rows import Row
from backend.refresh.fanout import FanOut, Outcome
from backend.refresh.limits import CLUSTER_PART_TIMEOUT_S, FIRST_SYNC_WAIT_S
from backend.refresh.snapshots.lists import settle
from backend.refresh.snapshots.liveness import require_live
from backend.refresh.snapshots.service import (
    CAUSES,
    FAILED_STATUS,
    SnapshotService,
    cluster_name_of,
    namespace_limits,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 200
TOTAL_CAP = 1000
"""Matching names are counted up to this many per cluster (a one-letter query matches all)."""


@dataclass(frozen=True)
class SearchQuery:
    text: str
    """The name part: what object names must contain."""
    kind_word: str | None
    """The word that names a kind (`deploy`), from `kind=` or the first word of `q`."""
    limit: int


def parse_search(q: str | None, kind: str | None, limit: str | None) -> SearchQuery:
    """`q` is `name` or `kind name` (`deploy web`); a first word counts as a kind only when it is
    one kubectl would accept (see `kind_aliases`)."""
    words = (q or "").split()
    if kind is not None and not kind.strip():
        raise RegattaError(400, "bad_kind", "`kind` is empty.", kind=kind)
    kind_word = kind.strip() if kind else None
    if kind_word is None and len(words) >= 2 and resolve_alias(words[0]) is not None:
        kind_word, words = words[0], words[1:]
    text = " ".join(words)
    if not text:
        raise RegattaError(
            400, "bad_query", "`q` needs a name to look for, as in `web` or `deploy web`.", q=q
        )
    return SearchQuery(text, kind_word, _limit(limit))


def _limit(text: str | None) -> int:
    if text is None:
        return DEFAULT_LIMIT
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_LIMIT:
        raise RegattaError(
            400, "bad_limit", f"`limit` must be a whole number from 1 to {MAX_LIMIT}.", limit=text
        )
    return value


class SearchService:
    def __init__(
        self,
        clusters: ClusterService,
        catalogs: CatalogRegistry,
        snapshots: SnapshotService,
        fanout: FanOut,
    ) -> None:
        self._clusters = clusters
        self._catalogs = catalogs
        self._snapshots = snapshots
        self._fanout = fanout
        self._indexes = NameIndexes()

    async def search(self, query: SearchQuery, scope_texts: Sequence[str]) -> SearchResult:
        started = time.perf_counter()
        scopes = self._snapshots.resolve_scopes(scope_texts)
        limits = namespace_limits(scopes, frozenset())
        cluster_ids = list(dict.fromkeys(s.cluster_id for s in scopes))
        self._indexes.keep_only(self._clusters.selected_cluster_ids)
        kind_keys = self._kind_keys(query, cluster_ids)

        async def compute(cluster_id: str) -> SearchClusterGroup:
            catalog = self._snapshots.catalog(cluster_id)
            await require_live(self._clusters.health, cluster_id)
            caches = await self._caches(catalog, kind_keys.get(cluster_id), ensure=True)
            await settle(caches, FIRST_SYNC_WAIT_S)
            return self._group(cluster_id, caches, query, limits[cluster_id], "ready")

        outcomes = await self._fanout.run(cluster_ids, compute, CLUSTER_PART_TIMEOUT_S)
        groups = [
            o.value if o.value is not None else await self._fallback(o, query, kind_keys, limits)
            for o in outcomes
        ]
        kind = next((str(k) for k in kind_keys.values() if k is not None), None)
        return SearchResult(
            query=query.text,
            kind=kind,
            limit=query.limit,
            total_cap=TOTAL_CAP,
            clusters=groups,
            duration_ms=round((time.perf_counter() - started) * 1000, 2),
        )

    def _kind_keys(
        self, query: SearchQuery, cluster_ids: Sequence[str]
    ) -> dict[str, KindKey | None]:
        """Per cluster, the kind the query names (None: every kind); 400 when no selected cluster
        serves a kind by that name."""
        if query.kind_word is None:
            return dict.fromkeys(cluster_ids)
        keys: dict[str, KindKey | None] = {}
        for cluster_id in cluster_ids:  # on a catalog's cluster, its custom resources too
            catalog = self._catalogs.get(cluster_id) if cluster_id in self._catalogs else None
            index = catalog.discovery if catalog else None
            served = tuple(index.preferred.values()) if index else ()
            keys[cluster_id] = resolve_alias(query.kind_word, served)
        if all(k is None for k in keys.values()):
            raise RegattaError(
                400,
                "unknown_kind",
                f"`{query.kind_word}` names no kind the selected clusters serve.",
                kind=query.kind_word,
            )
        return keys

    async def _caches(
        self, catalog: ClusterCatalog, kind: KindKey | None, ensure: bool
    ) -> list[KindCache]:
        if kind is None:
            return [c for c in catalog.caches() if c.key != kinds.EVENTS]
        if ensure and catalog.resolve(kind) is not None:
            return [await catalog.ensure(kind)]
        cache = catalog.cache(kind)
        return [cache] if cache is not None else []

    async def _fallback(
        self,
        outcome: Outcome[SearchClusterGroup],
        query: SearchQuery,
        kind_keys: dict[str, KindKey | None],
        limits: dict[str, frozenset[str] | None],
    ) -> SearchClusterGroup:
        """A failed cluster is searched in the caches it still holds; its hits are stale."""
        cluster_id = outcome.cluster_id
        failure = outcome.failure or "error"
        caches: list[KindCache] = []
        if cluster_id in self._catalogs:
            catalog = self._catalogs.get(cluster_id)
            caches = await self._caches(catalog, kind_keys.get(cluster_id), ensure=False)
        stale = any(len(c) for c in caches)
        status = "stale" if stale else FAILED_STATUS.get(failure, "error")
        group = self._group(cluster_id, caches, query, limits[cluster_id], status)
        group.message = outcome.message
        group.cause = CAUSES.get(failure, "error")
        return group

    def _group(
        self,
        cluster_id: str,
        caches: Sequence[KindCache],
        query: SearchQuery,
        namespaces: frozenset[str] | None,
        status: ClusterPartStatus,
    ) -> SearchClusterGroup:
        keep: Callable[[Row], bool] | None = None
        if namespaces is not None:
            keep = lambda row: row.namespace in namespaces or not row.namespace  # noqa: E731
        found: list[tuple[Found, ApiResource]] = []
        total, capped = 0, False
        for cache in caches:
            budget = max(TOTAL_CAP - total, 0)  # the count is capped per cluster, not per kind
            hits = self._indexes.of(cache).search(query.text, query.limit, budget, keep)
            found.extend((f, cache.resource) for f in hits.prefix)
            found.extend((f, cache.resource) for f in hits.substring)
            total += hits.total
            capped = capped or hits.capped
        found.sort(
            key=lambda pair: (
                pair[0].match,
                len(pair[0].row.name),
                pair[0].row.name,
                pair[1].kind,
                pair[0].row.namespace,
            )
        )
        return SearchClusterGroup(
            cluster_id=cluster_id,
            cluster_name=cluster_name_of(cluster_id),
            status=status,
            hits=[_hit(cluster_id, f, r) for f, r in found[: query.limit]],
            total=min(total, TOTAL_CAP),
            total_capped=capped or total > TOTAL_CAP,
            searched_kinds=len(caches),
        )


def _hit(cluster_id: str, found: Found, resource: ApiResource) -> SearchHit:
    row = found.row
    return SearchHit(
        cluster_id=cluster_id,
        group=resource.group,
        version=resource.version,
        kind=resource.kind,
        resource=resource.resource,
        namespace=row.namespace,
        name=row.name,
        uid=row.uid,
        match=cast(SearchMatch, found.match.name.lower()),  # Match's names are the wire's
    )
