"""HTTP routes of snapshots and manual refresh (contract §6)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.contract.snapshots import RefreshRequest
from backend.http.body import model_body
from backend.refresh.snapshots.service import SnapshotService


def snapshot_routes(snapshots: SnapshotService) -> list[BaseRoute]:
    async def get_snapshot(request: Request) -> Response:
        domain = request.path_params["domain"]
        params = request.query_params
        answer = await snapshots.snapshot(
            domain, params.getlist("scope"), params, request.headers.get("if-none-match")
        )
        if answer is None:
            return Response(status_code=304)
        etag = f'"{answer["version"]}"'
        return JSONResponse(answer, headers={"ETag": etag, "Cache-Control": "no-cache"})

    async def post_refresh(request: Request) -> Response:
        body = await model_body(request, RefreshRequest, '{"scopes": ["<clusterId>|", ...]}')
        result = await snapshots.refresh(request.path_params["domain"], body.scopes)
        return JSONResponse(result.wire())

    return [
        Route("/api/v1/snapshots/{domain}", get_snapshot, methods=["GET"]),
        Route("/api/v1/refresh/{domain}", post_refresh, methods=["POST"]),
    ]
