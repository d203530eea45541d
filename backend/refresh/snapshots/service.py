"""Builds snapshots: scopes → per-cluster parts (fanned out) → merged, filtered, paged answer."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import QueryParams

from backend.clusters.identity import (
    HelmTail,
    NamespaceTail,
    ObjectTail,
    Scope,
    WholeCluster,
    parse_cluster_id,
    parse_scope,
)
from backend.clusters.service import ClusterService
from backend.contract.items import ClusterOverviewItem, MetricsStatus
from backend.contract.snapshots import (
    ClusterPartStatus,
    FailureCause,
    ObjectRef,
    RefreshClusterResult,
    RefreshResult,
    SnapshotClusterPart,
)
from backend.errors import RegattaError
from backend.metrics.registry import MetricsRegistry
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.helm.storage import ReleaseSummaries
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.status import ResyncResult
from backend.refresh.fanout import FanOut, Outcome
from backend.refresh.limits import (
    CLUSTER_PART_TIMEOUT_S,
    FIRST_SYNC_WAIT_S,
    MERGED_ORDERS_KEPT,
    REFRESH_TIMEOUT_S,
    SORTED_RUNS_KEPT,
)
from backend.refresh.list_query import ListQuery, parse_list_query
from backend.refresh.merged_page import MergedOrderCache, SortedRunCache
from backend.refresh.snapshots import helm, objects
from backend.refresh.snapshots.domains import (
    ALL_DOMAINS,
    HELM_RELEASE_DOMAIN,
    HELM_RELEASES_DOMAIN,
    LIST_DOMAINS,
    OBJECT_DOMAINS,
    OVERVIEW_DOMAIN,
    ListDomain,
)
from backend.refresh.snapshots.lists import cut_page, domain_caches, read_part, settle
from backend.refresh.snapshots.liveness import require_live
from backend.refresh.snapshots.overview import OVERVIEW_KINDS, overview_item
from backend.refresh.snapshots.parts import ClusterPart
from backend.refresh.snapshots.usage import (
    USAGE_DOMAINS,
    PartUsage,
    cluster_totals,
    object_metrics,
    workload_sums,
)

FAILED_STATUS: dict[str, ClusterPartStatus] = {
    "forbidden": "forbidden",
    "unreachable": "unreachable",
    "timeout": "timeout",
    "auth_failed": "error",
    "error": "error",
}


CAUSES: dict[str, FailureCause] = {
    "forbidden": "forbidden",
    "unreachable": "unreachable",
    "timeout": "timeout",
    "auth_failed": "auth_failed",
}


def cluster_name_of(cluster_id: str) -> str:
    return parse_cluster_id(cluster_id).cluster_name


class SnapshotService:
    def __init__(self, clusters: ClusterService, catalogs: CatalogRegistry, fanout: FanOut) -> None:
        self._clusters = clusters
        self._catalogs = catalogs
        self._fanout = fanout
        self.sorted_runs = SortedRunCache(SORTED_RUNS_KEPT)
        self.merged_orders = MergedOrderCache(MERGED_ORDERS_KEPT)
        self.metrics = MetricsRegistry()
        self._usage_memo: dict[tuple[str, str], tuple[Hashable, Any]] = {}
        """(cluster, what) → (the versions it was computed from, workload sums or totals)."""
        self._helm: dict[str, ReleaseSummaries] = {}

    # --- scopes ----------------------------------------------------------------------------------

    def resolve_scopes(self, scopes: Sequence[str]) -> list[Scope]:
        """Parsed scopes; none means every selected cluster. A scope for a cluster that is not
        selected is a 409 naming it; a malformed one a 400 (from `parse_scope`)."""
        selected = self._clusters.selected_cluster_ids
        if not scopes:
            return [Scope(cluster_id, WholeCluster()) for cluster_id in selected]
        parsed = [parse_scope(s) for s in scopes]
        for scope, text in zip(parsed, scopes, strict=True):
            if scope.cluster_id not in selected:
                raise RegattaError(
                    409,
                    "cluster_not_active",
                    f"Cluster `{cluster_name_of(scope.cluster_id)}` is not selected.",
                    scope=text,
                    clusterId=scope.cluster_id,
                )
        return parsed

    def catalog(self, cluster_id: str) -> ClusterCatalog:
        if cluster_id in self._catalogs:
            return self._catalogs.get(cluster_id)
        why = self._clusters.pool.failure(cluster_id) or "its client could not be created"
        raise RegattaError(
            503, "error", f"Cluster `{cluster_name_of(cluster_id)}` has no connection: {why}"
        )

    def forget_cluster(self, cluster_id: str) -> None:
        self.sorted_runs.forget(lambda key: isinstance(key, tuple) and key[0] == cluster_id)
        for memo in [k for k in self._usage_memo if k[0] == cluster_id]:
            del self._usage_memo[memo]
        metrics = self.metrics.detach(cluster_id)
        if metrics is not None:
            metrics.stop()
        self._helm.pop(cluster_id, None)

    def _memo(
        self, cluster_id: str, what: str, versions: Hashable, compute: Callable[[], Any]
    ) -> Any:
        hit = self._usage_memo.get((cluster_id, what))
        if hit is None or hit[0] != versions:
            hit = self._usage_memo[(cluster_id, what)] = (versions, compute())
        return hit[1]

    def _part_usage(
        self, catalog: ClusterCatalog, domain: str, namespaces: frozenset[str] | None
    ) -> PartUsage:
        """The part's usage as last polled (never waits; starts polling on first use)."""
        metrics = self.metrics.of(catalog)
        if domain == "nodes":
            view = metrics.nodes_view()
            return PartUsage(view.status, view.version, view)
        view = metrics.pods_view(namespaces)
        if domain == "pods":
            return PartUsage(view.status, view.version, view)
        pods, replicasets = catalog.cache(kinds.PODS), catalog.cache(kinds.REPLICASETS)
        versions = (
            view.version,
            pods.version if pods is not None else None,
            replicasets.version if replicasets is not None else None,
            namespaces,
        )
        sums = self._memo(
            catalog.cluster_id,
            "workloads",
            versions,
            lambda: workload_sums(
                view,
                pods.rows(namespaces) if pods is not None else (),
                replicasets.rows(namespaces) if replicasets is not None else (),
            ),
        )
        return PartUsage(view.status, versions, view, sums)

    # --- snapshots -------------------------------------------------------------------------------

    async def snapshot(
        self,
        domain: str,
        scope_texts: Sequence[str],
        params: QueryParams,
        if_none_match: str | None,
    ) -> dict[str, Any] | None:
        """The snapshot as a JSON-ready dict, or None when `if_none_match` is its version."""
        _check_domain(domain)
        scopes = self.resolve_scopes(scope_texts)
        if domain in OBJECT_DOMAINS or domain == HELM_RELEASE_DOMAIN:
            return await self._one_object(domain, scopes, scope_texts, if_none_match)
        query = parse_list_query(params)
        namespaces = namespace_limits(scopes, query.namespaces)
        cluster_ids = list(dict.fromkeys(s.cluster_id for s in scopes))
        if domain == OVERVIEW_DOMAIN:
            parts, items = await self._overview(cluster_ids)
        elif domain == HELM_RELEASES_DOMAIN:
            parts = await self._helm_parts(cluster_ids, namespaces)
        else:
            parts = await self._list_parts(LIST_DOMAINS[domain], cluster_ids, query, namespaces)
        version = _version(domain, [s.format() for s in scopes], params, parts)
        if _unchanged(if_none_match, version):
            return None
        if domain == OVERVIEW_DOMAIN:
            total = len(items)
        else:
            listed = LIST_DOMAINS.get(domain)
            sort_field = query.sort or (listed.default_sort if listed is not None else "name")
            items, total = cut_page(parts, query, sort_field, self.sorted_runs, self.merged_orders)
        return self._answer(domain, scopes, version, parts, items, total)

    def _answer(
        self,
        domain: str,
        scopes: Sequence[Scope],
        version: str,
        parts: Sequence[ClusterPart],
        items: list[dict[str, Any]],
        total: int,
    ) -> dict[str, Any]:
        def item_count(part: ClusterPart) -> int:
            if domain == OVERVIEW_DOMAIN:
                return 1
            if domain in OBJECT_DOMAINS or domain == HELM_RELEASE_DOMAIN:
                return len(items)
            return sum(len(k.rows) for k in part.kinds)

        return {
            "domain": domain,
            "selectedClusterIds": self._clusters.selected_cluster_ids,
            "scopes": [s.format() for s in scopes],
            "version": version,
            "generatedAt": datetime.now(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "clusters": [
                SnapshotClusterPart(
                    cluster_id=p.cluster_id,
                    cluster_name=p.cluster_name,
                    status=p.status,
                    message=p.message,
                    item_count=item_count(p),
                    duration_ms=p.duration_ms,
                    cause=p.cause,
                    version=p.version,
                    metrics=_metrics_status(domain, p),
                ).wire()
                for p in parts
            ],
            "items": items,
            "total": total,
        }

    async def _list_parts(
        self,
        domain: ListDomain,
        cluster_ids: Sequence[str],
        query: ListQuery,
        namespaces: dict[str, frozenset[str] | None],
    ) -> list[ClusterPart]:
        async def compute(cluster_id: str) -> ClusterPart:
            catalog = self.catalog(cluster_id)
            await require_live(self._clusters.health, cluster_id)
            caches = await domain_caches(catalog, domain, query)
            if domain.name == "workloads":  # the workloads' usage is summed over their pods
                with contextlib.suppress(RegattaError):
                    await catalog.ensure(kinds.PODS)
            await settle(caches, FIRST_SYNC_WAIT_S)
            part = read_part(catalog, domain, caches, namespaces[cluster_id])
            if domain.name in USAGE_DOMAINS:
                part.usage = self._part_usage(catalog, domain.name, namespaces[cluster_id])
            return part

        def kept(cluster_id: str) -> ClusterPart | None:
            """A failed cluster keeps the rows its caches still hold, marked stale."""
            if cluster_id not in self._catalogs:
                return None
            catalog = self._catalogs.get(cluster_id)
            caches = [c for k in domain.kinds if (c := catalog.cache(k)) is not None]
            if domain.name in ("catalog", "custom-resources"):
                caches = catalog.caches()
            return read_part(catalog, domain, caches, namespaces[cluster_id])

        return await self._fan(cluster_ids, compute, kept)

    async def _helm_parts(
        self, cluster_ids: Sequence[str], namespaces: dict[str, frozenset[str] | None]
    ) -> list[ClusterPart]:
        async def compute(cluster_id: str) -> ClusterPart:
            catalog = self.catalog(cluster_id)
            await require_live(self._clusters.health, cluster_id)
            summaries = self._helm.setdefault(
                cluster_id, ReleaseSummaries(catalog.transport, catalog.cluster_name)
            )
            return await helm.releases_part(catalog, summaries, namespaces[cluster_id])

        return await self._fan(cluster_ids, compute)

    async def _overview(
        self, cluster_ids: Sequence[str]
    ) -> tuple[list[ClusterPart], list[dict[str, Any]]]:
        counted: dict[str, ClusterOverviewItem] = {}

        async def compute(cluster_id: str) -> ClusterPart:
            catalog = self.catalog(cluster_id)
            probe = await require_live(self._clusters.health, cluster_id)
            caches: dict[str, KindCache | None] = {}
            for key in OVERVIEW_KINDS:
                try:
                    caches[key.resource] = await catalog.ensure(key)
                except RegattaError:
                    caches[key.resource] = None
            await settle([c for c in caches.values() if c is not None], FIRST_SYNC_WAIT_S)
            readable = {
                k: c for k, c in caches.items() if c is not None and c.state.value != "forbidden"
            }
            item = overview_item(catalog, dict(readable), probe.version)
            part = ClusterPart(cluster_id, catalog.cluster_name, "ready")
            part.read_versions = repr(sorted((k, c.version) for k, c in readable.items()))
            metrics = self.metrics.of(catalog)
            metrics.pods_view(None)
            view = metrics.nodes_view()
            nodes, pods = readable.get("nodes"), readable.get("pods")
            totals = self._memo(
                cluster_id,
                "overview",
                (view.version, nodes.version if nodes else None, pods.version if pods else None),
                lambda: cluster_totals(
                    nodes.rows() if nodes else (), pods.rows() if pods else (), view
                ),
            )
            part.usage = PartUsage(view.status, view.version, view)
            counted[cluster_id] = item.model_copy(update={**totals, "metrics": view.status})
            return part

        parts = await self._fan(cluster_ids, compute)
        items = []
        for part in parts:
            item = counted.get(part.cluster_id) or ClusterOverviewItem(
                cluster_id=part.cluster_id,
                cluster_name=part.cluster_name,
                name=part.cluster_name,
                namespace="",
                status=part.status,
                message=None,
                stale=True,
            )
            ready = part.status == "ready"
            message = None if ready else part.message
            update = {"status": part.status, "message": message, "stale": not ready}
            items.append(item.model_copy(update=update).wire())
        return parts, items

    async def _one_object(
        self,
        domain: str,
        scopes: Sequence[Scope],
        scope_texts: Sequence[str],
        if_none_match: str | None,
    ) -> dict[str, Any] | None:
        """The domains about one object (`object-*`) or one Helm release (`helm-release`)."""
        helm_release = domain == HELM_RELEASE_DOMAIN
        if len(scopes) != 1 or not isinstance(
            scopes[0].tail, HelmTail if helm_release else ObjectTail
        ):
            form = (
                "helm:<ns>/<name>"
                if helm_release
                else "object:<group>/<version>/<kind>/<ns>/<name>"
            )
            raise RegattaError(
                400,
                "bad_scope",
                f"`{domain}` needs exactly one scope of the form `<clusterId>|{form}`.",
                scope=scope_texts[0] if scope_texts else "",
            )
        scope, tail = scopes[0], scopes[0].tail
        catalog = self.catalog(scope.cluster_id)
        if isinstance(tail, HelmTail):
            items = [await helm.release_detail(catalog, tail)]
        elif domain == "object-details":
            items = [await objects.object_details(catalog, tail)]
        elif domain == "object-yaml":
            items = [await objects.object_yaml(catalog, tail)]
        elif domain == "object-metrics":
            items = [object_metrics(self.metrics.of(catalog), tail)]
        else:
            items = await objects.object_events(catalog, tail)
        digest = hashlib.sha1(repr(items).encode()).hexdigest()[:20]
        if _unchanged(if_none_match, digest):
            return None
        part = ClusterPart(scope.cluster_id, catalog.cluster_name, "ready")
        answer = self._answer(domain, scopes, digest, [part], items, len(items))
        answer.update(clusterId=scope.cluster_id, clusterName=catalog.cluster_name)
        if isinstance(tail, ObjectTail):
            answer["object"] = ObjectRef(cluster_id=scope.cluster_id, **asdict(tail)).wire()
        return answer

    # --- manual refresh ----------------------------------------------------------------------------

    async def refresh(self, domain: str, scope_texts: Sequence[str]) -> RefreshResult:
        """A fresh LIST (not a cache read) of the domain's kinds in each cluster the scopes name;
        every cluster gets its own result, whatever happens in another."""
        _check_domain(domain)
        cluster_ids = list(dict.fromkeys(s.cluster_id for s in self.resolve_scopes(scope_texts)))
        list_domain = LIST_DOMAINS.get(domain)
        kinds = list_domain.kinds if list_domain is not None and list_domain.kinds else None
        if domain in (HELM_RELEASES_DOMAIN, HELM_RELEASE_DOMAIN):
            kinds = ()  # Helm's storage is read live: nothing cached to list again

        async def resync(cluster_id: str) -> ResyncResult:
            return await self.catalog(cluster_id).resync(kinds)

        return RefreshResult(
            clusters=[
                RefreshClusterResult(
                    cluster_id=o.cluster_id,
                    status=_part_status(o.value.status if o.value else o.failure or "error"),
                    message=o.value.message if o.value else o.message,
                    duration_ms=o.value.duration_ms if o.value else o.duration_ms,
                )
                for o in await self._fanout.run(cluster_ids, resync, REFRESH_TIMEOUT_S)
            ]
        )

    async def _fan(
        self,
        cluster_ids: Sequence[str],
        compute: Callable[[str], Awaitable[ClusterPart]],
        kept: Callable[[str], ClusterPart | None] = lambda _cluster_id: None,
    ) -> list[ClusterPart]:
        """Each cluster's part; a failed cluster's is what `kept` still holds (else none), with
        the failure."""
        parts = []
        for outcome in await self._fanout.run(cluster_ids, compute, CLUSTER_PART_TIMEOUT_S):
            part = outcome.value
            if part is None:
                part = kept(outcome.cluster_id) or ClusterPart(
                    outcome.cluster_id, cluster_name_of(outcome.cluster_id), "error"
                )
                _failed(part, outcome)
            part.duration_ms = outcome.duration_ms
            parts.append(part)
        return parts


def _metrics_status(domain: str, part: ClusterPart) -> MetricsStatus | None:
    """§12: the usage-carrying domains say whether their rows have usage; a failed part has none."""
    if part.usage is not None:
        return part.usage.status
    return "unavailable" if domain in USAGE_DOMAINS or domain == OVERVIEW_DOMAIN else None


def _check_domain(domain: str) -> None:
    if domain not in ALL_DOMAINS:
        raise RegattaError(
            404, "unknown_domain", f"There is no snapshot domain `{domain}`.", domain=domain
        )


def _part_status(state: str) -> ClusterPartStatus:
    """A cluster's status from a resync state or a fan-out failure."""
    return "ready" if state == "ready" else FAILED_STATUS.get(state, "error")


def _failed(part: ClusterPart, outcome: Outcome[ClusterPart]) -> None:
    failure = outcome.failure or "error"
    part.status = (
        "stale" if any(k.rows for k in part.kinds) else FAILED_STATUS.get(failure, "error")
    )
    part.cause = CAUSES.get(failure, "error")
    part.message = outcome.message


def _unchanged(if_none_match: str | None, version: str) -> bool:
    return if_none_match is not None and if_none_match.strip('"') == version


def namespace_limits(
    scopes: Sequence[Scope], wanted: frozenset[str]
) -> dict[str, frozenset[str] | None]:
    """Per cluster, the only namespaces a list reads (None: all): those its scopes name (a
    whole-cluster scope names all), narrowed to `wanted` (`namespace=`) when it names any."""
    named: dict[str, set[str] | None] = {}
    for scope in scopes:
        if isinstance(scope.tail, WholeCluster):
            named[scope.cluster_id] = None
        elif isinstance(scope.tail, NamespaceTail):
            current = named.setdefault(scope.cluster_id, set())
            if current is not None:
                current.add(scope.tail.namespace)
        else:
            raise RegattaError(
                400,
                "bad_scope",
                "List domains take whole-cluster (`<clusterId>|`) or namespace scopes.",
                scope=scope.format(),
            )
    limits: dict[str, frozenset[str] | None] = {}
    for cluster_id, names in named.items():
        if names is None:
            limits[cluster_id] = wanted or None
        else:
            limits[cluster_id] = frozenset(names & wanted) if wanted else frozenset(names)
    return limits


def _version(
    domain: str, scopes: Sequence[str], params: QueryParams, parts: Sequence[ClusterPart]
) -> str:
    """Changes iff any cluster's part (state or rows) or the question changed."""
    digest = hashlib.sha1()
    digest.update(f"{domain}\n{sorted(scopes)}\n{sorted(params.multi_items())}\n".encode())
    for part in parts:
        digest.update(f"{part.cluster_id}:{part.version}\n".encode())
    return digest.hexdigest()[:20]
