"""The one reader of JSON request bodies: every route that takes a body reads it here.

A body is refused before any route logic sees it when it is larger than 4 MiB (413), not UTF-8,
not JSON, holds a NUL anywhere (a name with a NUL would reach a Kubernetes path or a file name), or
nests deeper than 64 levels (a decoder or a walk of the tree must never run out of stack) — all
400 `bad_request` naming what is wrong.
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec
from pydantic import BaseModel, ValidationError
from starlette.requests import Request

from backend.errors import RegattaError

M = TypeVar("M", bound=BaseModel)

BODY_MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 64


async def json_body(request: Request) -> Any:
    """The decoded JSON body (an empty body is `{}`); RegattaError 400/413 otherwise."""
    body = await _read_capped(request)
    if not body:
        return {}
    if b"\x00" in body:
        raise _bad("The request body contains a NUL byte.")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(f"The request body is not UTF-8 (byte {exc.start}).") from None
    try:
        data = msgspec.json.decode(body)
    except msgspec.DecodeError as exc:
        raise _bad(f"The request body is not JSON: {exc}.") from None
    except RecursionError:
        raise _bad(f"The request body nests deeper than {MAX_DEPTH} levels.") from None
    problem = _nesting_problem(data)
    if problem is not None:
        raise _bad(problem)
    return data


async def model_body(
    request: Request, model: type[M], shape: str, code: str = "bad_request", **context: str
) -> M:
    """The body parsed as its contract model; a body of another shape is a 400 showing `shape`."""
    data = await json_body(request)
    try:
        return model.model_validate(data)
    except ValidationError:
        raise RegattaError(400, code, f"The body must be {shape}.", **context) from None


async def _read_capped(request: Request) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > BODY_MAX_BYTES:
        raise _too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BODY_MAX_BYTES:
            raise _too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def _nesting_problem(data: Any) -> str | None:
    """Walks the decoded tree without recursion: deeper than MAX_DEPTH, or a NUL in a key or a
    string (a `\\u0000` escape decodes to a NUL the byte check cannot see)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "The request body contains a NUL character."
        elif isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                return f"The request body nests deeper than {MAX_DEPTH} levels."
            children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
            pending.extend((child, depth + 1) for child in children)
    return None


def _bad(message: str) -> RegattaError:
    return RegattaError(400, "bad_request", message)


def _too_large() -> RegattaError:
    return RegattaError(
        413, "too_large", f"The request body is larger than {BODY_MAX_BYTES} bytes (4 MiB)."
    )
