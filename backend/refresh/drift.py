"""The drift report: which namesakes differ across the selected clusters, and how.

Names come from each cluster's catalog cache of the kind (no request); only namesakes present
in two or more clusters are read whole (`get_object`), at most `DRIFT_MAX_ROWS` of them and
`DRIFT_READ_CONCURRENCY` at a time per cluster, each cluster under `DRIFT_CLUSTER_TIMEOUT_S`. A
cluster that fails or is slow is told in `clusters` with its status and its cells are marked
unread — it never hides or holds up the others.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any, Final

from backend.clusters.service import ClusterService
from backend.contract.drift import DriftCell, DriftCluster, DriftReport, DriftRow
from backend.errors import RegattaError
from backend.objectcatalog import kinds
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.drift_facts import differing, facts_of

DRIFT_MAX_ROWS: Final = 200
"""Namesakes read whole per report: enough for a namespace or a team's apps, bounded so one
click never turns into thousands of reads (the report says `truncated`)."""
DRIFT_READ_CONCURRENCY: Final = 8
DRIFT_CLUSTER_TIMEOUT_S: Final = 15.0
"""Default per-cluster time for the whole reads (`timeoutSeconds` may ask 1–60)."""
DRIFT_SETTLE_S: Final = 10.0
"""How long a cache that was just started may take to list before its cluster is `partial`."""

KINDS: Final[dict[str, tuple[Any, str, str]]] = {
    "Deployment": (kinds.DEPLOYMENTS, "apps", "v1"),
    "StatefulSet": (kinds.STATEFULSETS, "apps", "v1"),
    "DaemonSet": (kinds.DAEMONSETS, "apps", "v1"),
    "ConfigMap": (kinds.CONFIGMAPS, "", "v1"),
    "Secret": (kinds.SECRETS, "", "v1"),
}

Key = tuple[str, str]


class DriftService:
    def __init__(self, clusters: ClusterService, catalogs: CatalogRegistry) -> None:
        self._clusters = clusters
        self._catalogs = catalogs

    async def report(
        self, kind: str, namespace: str | None, timeout_s: float = DRIFT_CLUSTER_TIMEOUT_S
    ) -> DriftReport:
        if kind not in KINDS:
            raise RegattaError(
                400,
                "bad_request",
                f"`kind` must be one of {', '.join(KINDS)}, not `{kind}`.",
                field="kind",
            )
        ids = [i for i in self._clusters.selected_cluster_ids if i in self._catalogs]
        names = await asyncio.gather(*(self._names(i, kind, namespace) for i in ids))
        statuses = {i: status for i, (_, status) in zip(ids, names, strict=True)}
        present = {i: found for i, (found, _) in zip(ids, names, strict=True)}
        counts = Counter(key for found in present.values() for key in found)
        shared = sorted((k for k, n in counts.items() if n >= 2), key=lambda k: (-counts[k], k))
        chosen = shared[:DRIFT_MAX_ROWS]
        reads = await asyncio.gather(
            *(self._read(i, kind, [k for k in chosen if k in present[i]], timeout_s) for i in ids)
        )
        facts = dict(zip(ids, (r for r, _ in reads), strict=True))
        for cluster_id, (_, problem) in zip(ids, reads, strict=True):
            if problem is not None and statuses[cluster_id].status == "ready":
                statuses[cluster_id] = statuses[cluster_id].model_copy(
                    update={"status": problem[0], "message": problem[1]}
                )
        rows = [self._row(key, ids, present, facts) for key in chosen]
        rows.sort(key=lambda r: (-r.score, r.namespace, r.name))
        return DriftReport(
            kind=kind,
            clusters=[statuses[i] for i in ids],
            rows=rows,
            truncated=len(shared) > len(chosen),
        )

    async def _names(
        self, cluster_id: str, kind: str, namespace: str | None
    ) -> tuple[set[Key], DriftCluster]:
        catalog = self._catalogs.get(cluster_id)
        status = DriftCluster(
            cluster_id=cluster_id, cluster_name=catalog.cluster_name, status="ready"
        )
        try:
            cache = await catalog.ensure(KINDS[kind][0])
            try:
                await cache.wait_settled(DRIFT_SETTLE_S)
            except TimeoutError:
                status = status.model_copy(
                    update={"status": "partial", "message": f"{kind} objects still loading"}
                )
            found = {
                (row.namespace, row.name) for row in cache.rows([namespace] if namespace else None)
            }
        except RegattaError as exc:
            return set(), status.model_copy(update={"status": "error", "message": exc.message})
        return found, status

    async def _read(
        self, cluster_id: str, kind: str, keys: list[Key], timeout_s: float
    ) -> tuple[dict[Key, dict[str, str]], tuple[Any, str] | None]:
        catalog = self._catalogs.get(cluster_id)
        _, group, version = KINDS[kind]
        gate = asyncio.Semaphore(DRIFT_READ_CONCURRENCY)
        facts: dict[Key, dict[str, str]] = {}
        failures: list[str] = []

        async def one(key: Key) -> None:
            async with gate:
                try:
                    obj = await catalog.get_object(group, version, kind, key[0], key[1])
                except RegattaError as exc:
                    failures.append(exc.message)
                    return
                facts[key] = facts_of(kind, obj)

        try:
            async with asyncio.timeout(timeout_s):
                await asyncio.gather(*(one(k) for k in keys))
        except TimeoutError:
            return facts, (
                "timeout",
                f"Cluster {catalog.cluster_name} did not answer within "
                f"{timeout_s:g} s; its cells are unread.",
            )
        if failures:
            return facts, ("partial", f"{len(failures)} reads failed: {failures[0]}")
        return facts, None

    def _row(
        self,
        key: Key,
        ids: list[str],
        present: dict[str, set[Key]],
        facts: dict[str, dict[Key, dict[str, str]]],
    ) -> DriftRow:
        cells = [
            DriftCell(
                cluster_id=cluster_id,
                present=key in present[cluster_id],
                facts=facts[cluster_id].get(key, {}),
                read=key in facts[cluster_id] or key not in present[cluster_id],
            )
            for cluster_id in ids
        ]
        compared = [c.facts for c in cells if c.present and c.read]
        diff = differing(compared) if len(compared) >= 2 else []
        missing = [c.cluster_id for c in cells if not c.present]
        return DriftRow(
            namespace=key[0],
            name=key[1],
            differing=diff,
            missing=missing,
            score=len(diff) + len(missing),
            cells=cells,
        )
