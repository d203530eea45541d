"""`POST /api/v1/actions/bulk` — one action on objects of several clusters (`BulkResult`)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.clusters.service import ClusterService
from backend.http.body import json_body

if TYPE_CHECKING:
    from backend.actions.bulk import BulkActions


def bulk_routes(clusters: ClusterService) -> list[BaseRoute]:
    """Mounted before the single-action routes, which would take `bulk` as an action name."""

    @cache
    def bulk() -> BulkActions:
        """Built at the first bulk request, not at start."""
        from backend.actions.bulk import BulkActions
        from backend.actions.service import ActionService

        return BulkActions(clusters, ActionService(clusters))

    async def run_bulk(request: Request) -> Response:
        result = await bulk().run(await json_body(request))
        return JSONResponse(result.wire(), headers={"Cache-Control": "no-store"})

    return [Route("/api/v1/actions/bulk", run_bulk, methods=["POST"])]
