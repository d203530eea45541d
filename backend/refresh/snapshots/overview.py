"""`cluster-overview`: one summary row per cluster — node readiness, pod phases, warnings."""

from __future__ import annotations

from collections import Counter
from typing import Any

from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.rows.events import EventRow
from backend.objectcatalog.rows.nodes import NodeRow
from backend.objectcatalog.rows.pods import PodRow

OVERVIEW_KINDS = (kinds.NODES, kinds.PODS, kinds.EVENTS, kinds.NAMESPACES)


def overview_fields(
    catalog: ClusterCatalog, caches: dict[str, KindCache | None], version: str | None
) -> dict[str, Any]:
    nodes = [r for r in _rows(caches.get("nodes")) if isinstance(r, NodeRow)]
    pods = [r for r in _rows(caches.get("pods")) if isinstance(r, PodRow)]
    warnings = sum(
        1 for r in _rows(caches.get("events")) if isinstance(r, EventRow) and r.type == "Warning"
    )
    return {
        "name": catalog.cluster_name,
        "namespace": "",
        "version": version,
        "nodesReady": sum(1 for n in nodes if n.ready == "True"),
        "nodesTotal": len(nodes),
        "nodesVisible": caches.get("nodes") is not None,
        "podPhases": dict(sorted(Counter(p.phase for p in pods).items())),
        "podsTotal": len(pods),
        "warningEvents": warnings,
        "namespaces": len(catalog.namespaces().names),
    }


def _rows(cache: KindCache | None) -> list[Any]:
    return list(cache.rows()) if cache is not None else []
