"""The Starlette application: routes, error mapping, the static frontend, the local door."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from backend import __version__
from backend.contract import Health
from backend.contract.kubeconfig import BridgeCall
from backend.errors import RegattaError
from backend.http.body import model_body
from backend.http.door import LocalDoorMiddleware
from backend.http.errors import (
    http_error_handler,
    regatta_error_handler,
    unexpected_error_handler,
)
from backend.refresh.lifecycle import ServerLifecycle

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class BridgeCaller(Protocol):
    """The one bridge object behind js_api and `POST /api/v1/bridge/<method>` (contract §5)."""

    async def call(self, method: str, args: list[Any]) -> Any: ...


@dataclass
class ServerContext:
    token: str
    port: int
    lifecycle: ServerLifecycle
    bridge: BridgeCaller
    static_dir: Path = STATIC_DIR
    api_routes: list[BaseRoute] = field(default_factory=list)
    """The domain routes (snapshots, streams, diagnostics, actions), built by the app's wiring."""


def create_app(ctx: ServerContext) -> ASGIApp:
    async def call_bridge(request: Request) -> Response:
        method = request.path_params["method"]
        body = await model_body(
            request, BridgeCall, '{"args": [...]}', code="bad_arguments", method=method
        )
        result = await ctx.bridge.call(method, body.args)
        if isinstance(result, BaseModel):
            result = result.model_dump(mode="json", by_alias=True)
        return JSONResponse(result)

    async def frontend_missing(_: Request) -> Response:
        raise RegattaError(
            503,
            "frontend_not_built",
            f"The user interface is not built: {ctx.static_dir} is missing. Run `make build`.",
        )

    routes: list[BaseRoute] = [
        Route("/api/v1/health", _health, methods=["GET"]),
        Route("/api/v1/bridge/{method}", call_bridge, methods=["POST"]),
        *ctx.api_routes,
        Route("/api/{rest:path}", _unknown_api, methods=["GET", "POST", "PUT", "DELETE", "PATCH"]),
    ]
    if ctx.static_dir.is_dir():
        routes.append(Mount("/", app=StaticFiles(directory=ctx.static_dir, html=True), name="ui"))
    else:
        routes.append(Route("/{rest:path}", frontend_missing))
    app = Starlette(
        routes=routes,
        exception_handlers={
            RegattaError: regatta_error_handler,
            HTTPException: http_error_handler,
            Exception: unexpected_error_handler,
        },
    )
    app.state.ctx = ctx
    return LocalDoorMiddleware(app, token=ctx.token, port=ctx.port)


async def _health(_: Request) -> Response:
    return JSONResponse(Health(status="ok", version=__version__).wire())


async def _unknown_api(request: Request) -> Response:
    raise RegattaError(404, "not_found", "No such API endpoint.", path=request.url.path)
