"""`cluster-overview`: one summary row per cluster — node readiness, pod phases, warnings.

Every figure is a count the caches keep as changes apply (`objectcatalog.indexes`), so the
overview of a cluster with 100k pods costs no more than one with ten.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import Any

from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kindcache import KindCache

OVERVIEW_KINDS = (kinds.NODES, kinds.PODS, kinds.EVENTS, kinds.NAMESPACES)


def overview_fields(
    catalog: ClusterCatalog, caches: dict[str, KindCache | None], version: str | None
) -> dict[str, Any]:
    nodes, pods, events = caches.get("nodes"), caches.get("pods"), caches.get("events")
    pod_phases = _counts(pods)
    return {
        "name": catalog.cluster_name,
        "namespace": "",
        "version": version,
        "nodesReady": _counts(nodes)["True"],
        "nodesTotal": len(nodes) if nodes is not None else 0,
        "nodesVisible": nodes is not None,
        "podPhases": dict(sorted((str(k), n) for k, n in pod_phases.items())),
        "podsTotal": pod_phases.total(),
        "warningEvents": _counts(events)["Warning"],
        "namespaces": len(catalog.namespaces().names),
    }


def _counts(cache: KindCache | None) -> Counter[Hashable]:
    return cache.counts() if cache is not None else Counter()
