"""`GET`/`PUT /api/v1/cluster-settings`: per-cluster alias, colour and protection rules."""

from __future__ import annotations

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.actions.action import validation_error
from backend.clusters.service import ClusterService
from backend.contract.clustersettings import ClusterRulesUpdate
from backend.http.body import json_body


def cluster_settings_routes(clusters: ClusterService) -> list[BaseRoute]:
    async def get_settings(_: Request) -> Response:
        view = await clusters.cluster_settings_view()
        return JSONResponse(view.wire(), headers={"Cache-Control": "no-store"})

    async def put_settings(request: Request) -> Response:
        try:
            update = ClusterRulesUpdate.model_validate(await json_body(request))
        except ValidationError as exc:
            raise validation_error("", exc) from None
        view = await clusters.set_cluster_rules(update.rules)
        return JSONResponse(view.wire(), headers={"Cache-Control": "no-store"})

    return [
        Route("/api/v1/cluster-settings", get_settings, methods=["GET"]),
        Route("/api/v1/cluster-settings", put_settings, methods=["PUT"]),
    ]
