"""HTTP routes of object actions (contract §9).

`POST /api/v1/actions/can-i` — body `{"ref": {...}, "actions": [...]?}` — answers per action
whether it fits the object and whether the user may do it (`ActionPermissions`).
`POST /api/v1/actions/<action>` — body `{"ref": {...}, "params": {...}}` — runs the action on
`ref.clusterId` and answers `ActionResult`; every failure is the contract's error shape.
`POST /api/v1/rollouts/history` — body `{"ref": {...}}` — a workload's revisions (`RolloutHistory`).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.clusters.service import ClusterService
from backend.http.body import json_body

if TYPE_CHECKING:
    from backend.actions.service import ActionService


def action_routes(clusters: ClusterService) -> list[BaseRoute]:
    @cache
    def service() -> ActionService:
        """Built, with every action's module, at the first action request, not at start."""
        from backend.actions.service import ActionService

        return ActionService(clusters)

    async def can_i(request: Request) -> Response:
        answer = await service().permissions(await json_body(request))
        return JSONResponse(answer.wire(), headers={"Cache-Control": "no-store"})

    async def run_action(request: Request) -> Response:
        result = await service().run(request.path_params["action"], await json_body(request))
        return JSONResponse(result.wire(), headers={"Cache-Control": "no-store"})

    async def rollout_history(request: Request) -> Response:
        answer = await service().history(await json_body(request))
        return JSONResponse(answer.wire(), headers={"Cache-Control": "no-store"})

    return [
        Route("/api/v1/rollouts/history", rollout_history, methods=["POST"]),
        Route("/api/v1/actions/can-i", can_i, methods=["POST"]),
        Route("/api/v1/actions/{action}", run_action, methods=["POST"]),
    ]
