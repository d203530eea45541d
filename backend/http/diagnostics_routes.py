"""`GET /api/v1/diagnostics` (contract §8)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.clusters.service import ClusterService
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.diagnostics import diagnostics
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.snapshots.service import SnapshotService
from backend.refresh.streams.hub import StreamHub
from backend.sessions.terminal import TerminalSessions


def diagnostics_routes(
    clusters: ClusterService,
    catalogs: CatalogRegistry,
    snapshots: SnapshotService,
    lifecycle: ServerLifecycle,
    terminals: TerminalSessions,
    streams: StreamHub,
) -> list[BaseRoute]:
    async def get_diagnostics(_: Request) -> Response:
        report = diagnostics(
            clusters,
            catalogs,
            lifecycle,
            len(snapshots.sorted_runs),
            open_terminals=terminals.count,
            open_log_follows=streams.follows.count,
        )
        return JSONResponse(report.wire())

    return [Route("/api/v1/diagnostics", get_diagnostics, methods=["GET"])]
