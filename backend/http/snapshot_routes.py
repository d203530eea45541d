"""HTTP routes of snapshots and manual refresh (contract §6)."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.contract.snapshots import ClusterPartStatus, RefreshClusterResult, RefreshResult
from backend.errors import RegattaError
from backend.refresh.fanout import FanOut
from backend.refresh.limits import CLUSTER_PART_TIMEOUT_S
from backend.refresh.snapshots.domains import ALL_DOMAINS, LIST_DOMAINS, OBJECT_DOMAINS
from backend.refresh.snapshots.service import SnapshotService

REFRESH_TIMEOUT_S = CLUSTER_PART_TIMEOUT_S * 5
"""A manual refresh relists for real, so it may take longer than a cached snapshot."""


def snapshot_routes(snapshots: SnapshotService, fanout: FanOut) -> list[BaseRoute]:
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
        domain = request.path_params["domain"]
        if domain not in ALL_DOMAINS:
            raise RegattaError(
                404, "unknown_domain", f"There is no snapshot domain `{domain}`.", domain=domain
            )
        scopes = _scopes_of(await request.body())
        cluster_ids = list(dict.fromkeys(s.cluster_id for s in snapshots.resolve_scopes(scopes)))
        kinds = None
        if domain in LIST_DOMAINS and LIST_DOMAINS[domain].kinds:
            kinds = list(LIST_DOMAINS[domain].kinds)
        elif domain in OBJECT_DOMAINS:
            kinds = []

        async def resync(cluster_id: str) -> RefreshClusterResult:
            catalog = snapshots.catalog(cluster_id)
            result = await catalog.resync(kinds if kinds else None)
            return RefreshClusterResult(
                cluster_id=cluster_id,
                status=_refresh_status(result.status),
                message=result.message,
                duration_ms=result.duration_ms,
            )

        outcomes = await fanout.run(cluster_ids, resync, REFRESH_TIMEOUT_S)
        results = [
            o.value
            if o.value is not None
            else RefreshClusterResult(
                cluster_id=o.cluster_id,
                status=_refresh_status(o.failure or "error"),
                message=o.message,
                duration_ms=o.duration_ms,
            )
            for o in outcomes
        ]
        return JSONResponse(RefreshResult(clusters=results).wire())

    return [
        Route("/api/v1/snapshots/{domain}", get_snapshot, methods=["GET"]),
        Route("/api/v1/refresh/{domain}", post_refresh, methods=["POST"]),
    ]


def _refresh_status(status: str) -> ClusterPartStatus:
    known: dict[str, ClusterPartStatus] = {
        "ready": "ready",
        "forbidden": "forbidden",
        "timeout": "timeout",
        "unreachable": "unreachable",
    }
    return known.get(status, "error")


def _scopes_of(body: bytes) -> list[str]:
    try:
        data: Any = json.loads(body or b"{}")
    except json.JSONDecodeError as exc:
        raise RegattaError(400, "bad_request", f"The request body is not JSON: {exc}.") from exc
    scopes = data.get("scopes", []) if isinstance(data, dict) else None
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise RegattaError(
            400, "bad_request", 'The body must be {"scopes": ["<clusterId>|", ...]}.'
        )
    return scopes
