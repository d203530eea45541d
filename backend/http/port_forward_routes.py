"""HTTP routes of port-forwards (contract §11).

`POST /api/v1/port-forwards` — body `{"ref", "remotePort", "localPort"?}` — starts a forward and
answers it (201); `GET /api/v1/port-forwards` lists them; `DELETE /api/v1/port-forwards/<id>`
stops one and answers 204 once its listener is closed.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.http.body import json_body
from backend.sessions.portforward import PortForwardService

_NO_STORE = {"Cache-Control": "no-store"}


def port_forward_routes(forwards: PortForwardService) -> list[BaseRoute]:
    async def create(request: Request) -> Response:
        forward = await forwards.create(await json_body(request))
        return JSONResponse(forward.wire(), status_code=201, headers=_NO_STORE)

    async def listing(_: Request) -> Response:
        return JSONResponse(forwards.listing().wire(), headers=_NO_STORE)

    async def stop(request: Request) -> Response:
        await forwards.stop(request.path_params["forward_id"])
        return Response(status_code=204, headers=_NO_STORE)

    return [
        Route("/api/v1/port-forwards", create, methods=["POST"]),
        Route("/api/v1/port-forwards", listing, methods=["GET"]),
        Route("/api/v1/port-forwards/{forward_id}", stop, methods=["DELETE"]),
    ]
