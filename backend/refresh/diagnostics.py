"""Diagnostics (contract §8): per cluster its connection, watches and permission issues."""

from __future__ import annotations

from datetime import datetime

from backend.clusters.service import ClusterService
from backend.contract.diagnostics import ClusterDiagnosticsEntry, Diagnostics, ServerDiagnostics
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.snapshots.service import cluster_name_of


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def diagnostics(
    clusters: ClusterService,
    catalogs: CatalogRegistry,
    lifecycle: ServerLifecycle,
    sorted_runs: int,
    open_terminals: int = 0,
    open_log_follows: int = 0,
) -> Diagnostics:
    service = clusters.diagnostics()
    connections = {c.cluster_id: c for c in service.clusters}
    entries = []
    total_rows = total_bytes = 0
    for cluster_id in clusters.selected_cluster_ids:
        connection = connections.get(cluster_id)
        answered = clusters.health.last_ready(cluster_id)
        status: str = connection.status if connection else "error"
        message = connection.message if connection else "No client for this cluster."
        if cluster_id in catalogs:
            report = catalogs.get(cluster_id).diagnostics()
            if status == "ready":  # a reachable cluster: the catalog knows more
                if report.status not in ("ready", "loading"):
                    status = report.status
                message = report.message
        else:
            report = ClusterDiagnosticsEntry(
                cluster_id=cluster_id,
                cluster_name=cluster_name_of(cluster_id),
                status=status,
                message=message,
                last_sync_at=None,
                api_latency_ms=None,
            )
        update = {
            "status": status,
            "message": message,
            "api_latency_ms": answered.latency_ms if answered else None,
            "api_latency_at": _rfc3339(answered.checked_at) if answered else None,
            "connection": connection,
        }
        entries.append(report.model_copy(update=update))
        total_rows += report.cached_rows
        total_bytes += report.estimated_bytes
    server = ServerDiagnostics(
        open_streams=lifecycle.open_streams,
        cached_rows=total_rows,
        estimated_bytes=total_bytes,
        sorted_runs=sorted_runs,
        open_terminals=open_terminals,
        open_log_follows=open_log_follows,
        notices=service.notices,
    )
    return Diagnostics(clusters=entries, server=server)
