"""HTTP route of object search: `GET /api/v1/search?q=&kind=&scope=&limit=`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from backend.refresh.search import SearchService, parse_search


def search_routes(search: SearchService) -> list[BaseRoute]:
    async def get_search(request: Request) -> Response:
        params = request.query_params
        query = parse_search(params.get("q"), params.get("kind"), params.get("limit"))
        result = await search.search(query, params.getlist("scope"))
        return JSONResponse(result.wire(), headers={"Cache-Control": "no-cache"})

    return [Route("/api/v1/search", get_search, methods=["GET"])]
