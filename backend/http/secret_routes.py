"""`POST /api/v1/secrets/reveal` — body `{"ref": {...}, "key": "..."}` — one Secret key's value,
asked for explicitly (`SecretReveal`); every failure is the contract's error shape."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.clusters.service import ClusterService
from backend.http.body import json_body

if TYPE_CHECKING:
    from backend.actions.secret_reveal import SecretRevealer


def secret_routes(clusters: ClusterService) -> list[BaseRoute]:
    @cache
    def revealer() -> SecretRevealer:
        """Built at the first reveal, not at start."""
        from backend.actions.secret_reveal import SecretRevealer

        return SecretRevealer(clusters)

    async def reveal(request: Request) -> Response:
        answer = await revealer().reveal(await json_body(request))
        return JSONResponse(answer.wire(), headers={"Cache-Control": "no-store"})

    return [Route("/api/v1/secrets/reveal", reveal, methods=["POST"])]
