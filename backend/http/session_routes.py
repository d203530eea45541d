"""HTTP routes of a cluster's sessions: terminals (contract §10) and port-forwards (§11).

`GET /api/v1/terminal` is a WebSocket bridged to a container's exec stream. The door (token, Host,
Origin) has already run on the upgrade request. Everything known before the upgrade — a malformed
request, an unknown or unselected cluster, too many sessions — is answered as plain HTTP with the
error shape instead of accepting; the session does the rest.

`POST /api/v1/port-forwards` — body `{"ref", "remotePort", "localPort"?}` — starts a forward and
answers it (201); `GET /api/v1/port-forwards` lists them; `DELETE /api/v1/port-forwards/<id>`
stops one and answers 204 once its listener is closed.
"""

from __future__ import annotations

import contextlib

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from backend.errors import RegattaError
from backend.http.body import json_body
from backend.http.errors import error_response
from backend.sessions.portforward import PortForwardService
from backend.sessions.terminal import ClientGone, TerminalRequest, TerminalSessions

_GONE = (WebSocketDisconnect, RuntimeError, OSError)
"""What Starlette and uvicorn raise when the client is no longer there."""


class _Socket:
    """Starlette's WebSocket as the session's `TerminalSocket`."""

    def __init__(self, websocket: WebSocket) -> None:
        self._ws = websocket

    async def accept(self) -> None:
        try:
            await self._ws.accept()
        except _GONE as exc:
            raise ClientGone from exc

    async def receive(self) -> bytes | str | None:
        try:
            message = await self._ws.receive()
        except _GONE:
            return None
        if message["type"] == "websocket.disconnect":
            return None
        data: bytes | None = message.get("bytes")
        return data if data is not None else str(message.get("text") or "")

    async def send_bytes(self, data: bytes) -> None:
        try:
            await self._ws.send_bytes(data)
        except _GONE as exc:
            raise ClientGone from exc

    async def send_text(self, text: str) -> None:
        try:
            await self._ws.send_text(text)
        except _GONE as exc:
            raise ClientGone from exc

    async def close(self, code: int) -> None:
        if self._ws.application_state is WebSocketState.CONNECTED:
            with contextlib.suppress(*_GONE):
                await self._ws.close(code)


def _request(params: QueryParams) -> TerminalRequest:
    return TerminalRequest.parse(
        params.get("scope"), params.getlist("command"), params.get("tty"), params.get("debug")
    )


def terminal_routes(sessions: TerminalSessions) -> list[BaseRoute]:
    async def terminal(websocket: WebSocket) -> None:
        try:
            session = sessions.admit(_request(websocket.query_params))
        except RegattaError as refusal:
            await websocket.send_denial_response(error_response(refusal))
            return
        await session.run(_Socket(websocket))

    async def not_upgraded(request: Request) -> Response:
        """Without the upgrade: the refusal an upgrade would get, else 426 (the UI asks this to
        tell why a browser's WebSocket was refused; the browser does not show it the answer)."""
        sessions.check(_request(request.query_params))
        raise RegattaError(
            426,
            "upgrade_required",
            "The terminal is a WebSocket: connect with `Upgrade: websocket`.",
        )

    return [
        WebSocketRoute("/api/v1/terminal", terminal),
        Route("/api/v1/terminal", not_upgraded, methods=["GET"]),
    ]


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
