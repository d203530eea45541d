"""`GET /api/v1/drift?kind=…[&namespace=…]` — the drift report (`DriftReport`)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.errors import RegattaError
from backend.refresh.drift import DRIFT_CLUSTER_TIMEOUT_S, DriftService


def drift_routes(service: DriftService) -> list[BaseRoute]:
    async def drift(request: Request) -> Response:
        kind = request.query_params.get("kind", "Deployment")
        namespace = request.query_params.get("namespace") or None
        report = await service.report(kind, namespace, _timeout(request))
        return JSONResponse(report.wire(), headers={"Cache-Control": "no-store"})

    return [Route("/api/v1/drift", drift, methods=["GET"])]


def _timeout(request: Request) -> float:
    raw = request.query_params.get("timeoutSeconds")
    if raw is None:
        return DRIFT_CLUSTER_TIMEOUT_S
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 1 <= value <= 60:
        raise RegattaError(
            400,
            "bad_request",
            f"`timeoutSeconds` must be a number of seconds from 1 to 60, not `{raw}`.",
            field="timeoutSeconds",
        )
    return value
