"""`GET /api/v1/drift?kind=…[&namespace=…]` — the drift report (`DriftReport`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.refresh.drift import DriftService


def drift_routes(service: DriftService) -> list[BaseRoute]:
    async def drift(request: Request) -> Response:
        kind = request.query_params.get("kind", "Deployment")
        namespace = request.query_params.get("namespace") or None
        report = await service.report(kind, namespace)
        return JSONResponse(report.wire(), headers={"Cache-Control": "no-store"})

    return [Route("/api/v1/drift", drift, methods=["GET"])]
