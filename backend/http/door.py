"""The local server's door: the per-launch token, and Host/Origin checks (contract §3).

A desktop app's loopback server is reachable by every web page the user opens, so the token keeps
other local programs out, the Host check defeats DNS rebinding, and the Origin check stops
cross-site requests from a browser tab. Implemented as plain ASGI middleware so that streaming
responses (SSE) pass through untouched.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Iterable
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "regatta_session"


def allowed_hosts(port: int) -> frozenset[str]:
    return frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})


def allowed_origins(port: int) -> frozenset[str]:
    return frozenset(f"http://{host}" for host in allowed_hosts(port))


class LocalDoorMiddleware:
    """Rejects foreign Host/Origin (403), requires the token on /api/ (401), trades /?token= for a
    session cookie."""

    def __init__(self, app: ASGIApp, *, token: str, port: int) -> None:
        self.app = app
        self._token = token.encode()
        self._hosts = allowed_hosts(port)
        self._origins = allowed_origins(port)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope["headers"])
        host = headers.get("host", "")
        if host not in self._hosts:
            await _error(
                send,
                403,
                "forbidden_host",
                "This server only answers to 127.0.0.1 and localhost.",
                host=host,
            )
            return
        origin = headers.get("origin")
        if origin is not None and origin not in self._origins:
            await _error(
                send,
                403,
                "forbidden_origin",
                "Cross-origin requests are not allowed.",
                origin=origin,
            )
            return
        path: str = scope["path"]
        if path == "/" and scope["method"] == "GET":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if "token" in query:
                await self._exchange_token(query["token"][0], send)
                return
        if path.startswith("/api/") and not self._authorised(headers):
            await _error(
                send,
                401,
                "unauthorized",
                "A valid token is required: open the URL the app printed.",
            )
            return
        await self.app(scope, receive, send)

    def _matches(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode(), self._token)

    def _authorised(self, headers: dict[str, str]) -> bool:
        auth = headers.get("authorization", "")
        if auth.startswith("Bearer ") and self._matches(auth[len("Bearer ") :]):
            return True
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is simply not a session
            return False
        morsel = cookie.get(SESSION_COOKIE)
        return morsel is not None and self._matches(morsel.value)

    async def _exchange_token(self, token: str, send: Send) -> None:
        if not self._matches(token):
            await _error(
                send, 401, "unauthorized", "The token in the URL is not this launch's token."
            )
            return
        cookie = f"{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", b"/"),
                    (b"set-cookie", cookie.encode()),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}


async def _error(send: Send, status: int, code: str, message: str, **context: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message, **context}}).encode()
    start: Message = {
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ],
    }
    await send(start)
    await send({"type": "http.response.body", "body": body})
