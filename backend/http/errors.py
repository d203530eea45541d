"""Turns every failure into the contract's error shape (§4)."""

from __future__ import annotations

import logging

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from backend.errors import RegattaError

log = logging.getLogger(__name__)


def error_response(error: RegattaError) -> JSONResponse:
    return JSONResponse(error.payload(), status_code=error.status)


async def regatta_error_handler(_: Request, exc: Exception) -> Response:
    assert isinstance(exc, RegattaError)
    return error_response(exc)


async def http_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(
        RegattaError(exc.status_code, code, str(exc.detail), path=request.url.path)
    )


async def unexpected_error_handler(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(
        RegattaError(
            500, "internal_error", f"Regatta failed on this request: {type(exc).__name__}."
        )
    )
