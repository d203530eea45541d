"""HTTP routes of object actions (contract §9), bulk actions and Secret reveals.

`POST /api/v1/actions/can-i` — body `{"ref": {...}, "actions": [...]?}` — answers per action
whether it fits the object and whether the user may do it (`ActionPermissions`).
`POST /api/v1/actions/<action>` — body `{"ref": {...}, "params": {...}}` — runs the action on
`ref.clusterId` and answers `ActionResult`.
`POST /api/v1/actions/bulk` — one action on objects of several clusters (`BulkResult`); routed
before `<action>`, which would take `bulk` as an action name.
`POST /api/v1/rollouts/history` — body `{"ref": {...}}` — a workload's revisions (`RolloutHistory`).
`POST /api/v1/secrets/reveal` — body `{"ref": {...}, "key": "..."}` — one Secret key's value,
asked for explicitly (`SecretReveal`).

Every failure is the contract's error shape. The services, with every action's module, are built
at the first request, not at start.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.clusters.service import ClusterService
from backend.contract.base import ContractModel
from backend.http.body import json_body

if TYPE_CHECKING:
    from backend.actions.bulk import BulkActions
    from backend.actions.secret_reveal import SecretRevealer
    from backend.actions.service import ActionService

Answer = Callable[[Request, Any], Awaitable[ContractModel]]


def action_routes(clusters: ClusterService) -> list[BaseRoute]:
    @cache
    def service() -> ActionService:
        from backend.actions.service import ActionService

        return ActionService(clusters)

    @cache
    def bulk() -> BulkActions:
        from backend.actions.bulk import BulkActions

        return BulkActions(clusters, service())

    @cache
    def revealer() -> SecretRevealer:
        from backend.actions.secret_reveal import SecretRevealer

        return SecretRevealer(clusters)

    def post(path: str, answer: Answer) -> Route:
        async def endpoint(request: Request) -> Response:
            result = await answer(request, await json_body(request))
            return JSONResponse(result.wire(), headers={"Cache-Control": "no-store"})

        return Route(path, endpoint, methods=["POST"])

    return [
        post("/api/v1/actions/bulk", lambda _, body: bulk().run(body)),
        post("/api/v1/rollouts/history", lambda _, body: service().history(body)),
        post("/api/v1/actions/can-i", lambda _, body: service().permissions(body)),
        post(
            "/api/v1/actions/{action}",
            lambda request, body: service().run(request.path_params["action"], body),
        ),
        post("/api/v1/secrets/reveal", lambda _, body: revealer().reveal(body)),
    ]
