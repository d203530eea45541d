"""`cluster-overview`: one summary row per cluster — node readiness, pod phases, warnings.

Every figure is a count the caches keep as changes apply (`objectcatalog.indexes`), so the
overview of a cluster with 100k pods costs no more than one with ten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

from backend.contract.items import ClusterOverviewItem
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kindcache import KindCache

OVERVIEW_KINDS = (kinds.NODES, kinds.PODS, kinds.EVENTS, kinds.NAMESPACES)


def overview_item(
    catalog: ClusterCatalog, caches: dict[str, KindCache | None], version: str | None
) -> ClusterOverviewItem:
    """The cluster's row as of its caches (a ready cluster; the caller sets the part's status)."""
    nodes, pods, events = caches.get("nodes"), caches.get("pods"), caches.get("events")
    pod_phases = _counts(pods)
    return ClusterOverviewItem(
        cluster_id=catalog.cluster_id,
        cluster_name=catalog.cluster_name,
        name=catalog.cluster_name,
        namespace="",
        version=version,
        nodes_ready=_counts(nodes)["True"],
        nodes_total=len(nodes) if nodes is not None else 0,
        nodes_visible=nodes is not None,
        pod_phases=dict(sorted((str(k), n) for k, n in pod_phases.items())),
        pods_total=pod_phases.total(),
        warning_events=_counts(events)["Warning"],
        namespaces=len(catalog.namespaces().names),
        status="ready",
        message=None,
        stale=False,
    )


def _counts(cache: KindCache | None) -> Counter[Hashable]:
    return cache.counts() if cache is not None else Counter()
