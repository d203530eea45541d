"""Diagnostics (contract §8): per cluster its connection, watches and permission issues."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.clusters.service import ClusterService
from backend.contract.diagnostics import (
    ClusterDiagnosticsEntry,
    Diagnostics,
    PermissionIssueInfo,
    ServerDiagnostics,
    WatchInfo,
)
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.status import KindStatus
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.snapshots.service import cluster_name_of


def _time(epoch: float | None) -> str | None:
    if epoch is None:
        return None
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _watch(status: KindStatus) -> WatchInfo:
    return WatchInfo(
        kind=status.kind,
        group=status.group,
        version=status.version,
        resource=status.key.resource,
        namespaced=status.namespaced,
        state=status.state.value,
        message=status.message,
        items=status.items,
        last_sync_at=_time(status.last_sync_at),
        scopes=[w.namespace or "*" for w in status.watches],
        list_requests=sum(w.list_requests for w in status.watches),
        watch_requests=sum(w.watch_requests for w in status.watches),
        relists_after_gone=sum(w.relists_after_gone for w in status.watches),
        errors=sum(w.errors for w in status.watches),
    )


def diagnostics(
    clusters: ClusterService,
    catalogs: CatalogRegistry,
    lifecycle: ServerLifecycle,
    sorted_runs: int,
) -> Diagnostics:
    service = clusters.diagnostics()
    connections = {c.cluster_id: c for c in service.clusters}
    entries = []
    total_rows = total_bytes = 0
    for cluster_id in clusters.selected_cluster_ids:
        connection = connections.get(cluster_id)
        answered = clusters.health.last_ready(cluster_id)
        entry = ClusterDiagnosticsEntry(
            cluster_id=cluster_id,
            cluster_name=cluster_name_of(cluster_id),
            status=connection.status if connection else "error",
            message=connection.message if connection else "No client for this cluster.",
            last_sync_at=None,
            api_latency_ms=answered.latency_ms if answered else None,
            api_latency_at=_rfc3339(answered.checked_at) if answered else None,
            connection=connection,
        )
        if cluster_id in catalogs:
            report = catalogs.get(cluster_id).diagnostics()
            if entry.status == "ready" and report.status.value not in ("ready", "loading"):
                entry.status, entry.message = report.status.value, report.message
            elif entry.status == "ready":
                entry.message = report.message
            entry.last_sync_at = _time(report.last_sync_at)
            entry.watches = [_watch(w) for w in report.watches]
            entry.permission_issues = [
                PermissionIssueInfo(
                    group=i.group,
                    resource=i.resource,
                    verb=i.verb,
                    namespace=i.namespace,
                    message=i.message,
                )
                for i in report.permission_issues
            ]
            entry.namespace_source = report.namespace_source
            entry.cached_rows = report.rows
            entry.estimated_bytes = report.estimated_bytes
            entry.access_reviews = report.access_reviews
            total_rows += report.rows
            total_bytes += report.estimated_bytes
        entries.append(entry)
    server = ServerDiagnostics(
        open_streams=lifecycle.open_streams,
        cached_rows=total_rows,
        estimated_bytes=total_bytes,
        sorted_runs=sorted_runs,
        notices=service.notices,
    )
    return Diagnostics(clusters=entries, server=server)
