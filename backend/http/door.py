"""The local server's door: the per-launch token, Host/Origin checks, CSRF rules, security headers.

A desktop app's loopback server is reachable by every web page the user opens, so the token keeps
other local programs out, the Host check defeats DNS rebinding, and the Origin and Sec-Fetch-Site
checks stop cross-site requests from a browser tab. A state-changing request must say it is JSON:
a plain HTML form or a "simple" fetch cannot, so no other site can forge one without a CORS
preflight, which this server never grants. Implemented as plain ASGI middleware so that streaming
responses (SSE) pass through untouched, and so that a WebSocket upgrade meets the same checks
before it is accepted.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections import OrderedDict
from collections.abc import Iterable
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "regatta_session"
MAX_SESSIONS = 64
"""Session ids kept per launch: each `/?token=` visit makes one; the oldest are forgotten."""
URL_MAX_BYTES = 16 * 1024
REQUEST_HEAD_MAX_BYTES = 1024 * 1024
"""What uvicorn buffers of a request line and headers (its own default is 16 KiB, answered with a
bare 400 and a closed connection), so that a long URL reaches the door and gets its 414."""
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FOREIGN_SITES = frozenset({"cross-site", "same-site"})

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Radix dialogs add a <style> element at run time (scroll lock); styles cannot run code.
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)


class Refusal(Exception):
    """Why the door does not let a request in: an HTTP status and the contract's error shape."""

    def __init__(self, status: int, code: str, message: str, **context: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = json.dumps({"error": {"code": code, "message": message, **context}}).encode()


class LocalDoorMiddleware:
    """Checks every HTTP request and WebSocket upgrade: foreign Host/Origin (403), the token on
    /api/ (401), cross-site state changes (403), non-JSON state changes (415); trades /?token=
    for a session cookie; adds the security headers to every answer."""

    def __init__(self, app: ASGIApp, *, token: str, port: int) -> None:
        self.app = app
        self._token = token.encode()
        self._hosts = frozenset({f"127.0.0.1:{port}", f"localhost:{port}"})
        self._origins = frozenset(f"http://{host}" for host in self._hosts)
        self._sessions: OrderedDict[str, None] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        send = _with_security_headers(send)
        headers = _headers(scope["headers"])
        try:
            self._check(scope, headers)
            if scope["type"] == "http" and self._is_token_visit(scope):
                await self._exchange_token(scope, send)
                return
        except Refusal as refusal:
            await _refuse(scope, send, refusal)
            return
        await self.app(scope, receive, send)

    def _check(self, scope: Scope, headers: dict[str, str]) -> None:
        """Raise the first Refusal that applies; the same rules for HTTP and WebSocket."""
        host = headers.get("host", "")
        if host not in self._hosts:
            raise Refusal(
                403,
                "forbidden_host",
                "This server only answers to 127.0.0.1 and localhost.",
                host=host,
            )
        origin = headers.get("origin")
        if origin is not None and origin not in self._origins:
            raise Refusal(
                403, "forbidden_origin", "Cross-origin requests are not allowed.", origin=origin
            )
        url_bytes = len(scope.get("raw_path") or b"") + len(scope.get("query_string", b""))
        if url_bytes > URL_MAX_BYTES:
            raise Refusal(414, "url_too_long", f"The URL is longer than {URL_MAX_BYTES} bytes.")
        changes_state = scope["type"] == "http" and scope["method"] in STATE_CHANGING
        site = headers.get("sec-fetch-site", "")
        if changes_state and site in FOREIGN_SITES:
            raise Refusal(
                403,
                "cross_site_request",
                "Requests from another site may not change anything here.",
                secFetchSite=site,
            )
        if str(scope["path"]).startswith("/api/") and not self._authorised(headers):
            raise Refusal(
                401, "unauthorized", "A valid token is required: open the URL the app printed."
            )
        content_type = headers.get("content-type", "")
        if changes_state and _media_type(content_type) != "application/json":
            raise Refusal(
                415,
                "unsupported_media_type",
                "A request that changes something must send Content-Type: application/json.",
                contentType=content_type,
            )

    def _is_token_visit(self, scope: Scope) -> bool:
        return bool(scope["path"] == "/" and scope["method"] == "GET" and _token_param(scope))

    def _matches(self, candidate: str) -> bool:
        return hmac.compare_digest(candidate.encode(), self._token)

    def _authorised(self, headers: dict[str, str]) -> bool:
        auth = headers.get("authorization", "")
        if auth.startswith("Bearer ") and self._matches(auth[len("Bearer ") :]):
            return True
        return any(
            hmac.compare_digest(value.encode(), session.encode())
            for value in _cookie_values(headers.get("cookie", ""), SESSION_COOKIE)
            for session in self._sessions
        )

    async def _exchange_token(self, scope: Scope, send: Send) -> None:
        """`GET /?token=` sets a cookie holding a fresh random session id (never the token
        itself, which would then sit in the browser profile) and redirects to `/`."""
        if not self._matches(_token_param(scope)):
            raise Refusal(401, "unauthorized", "The token in the URL is not this launch's token.")
        session = secrets.token_urlsafe(32)
        self._sessions[session] = None
        while len(self._sessions) > MAX_SESSIONS:
            self._sessions.popitem(last=False)
        cookie = f"{SESSION_COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/"
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


def _token_param(scope: Scope) -> str:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return query["token"][0] if "token" in query else ""


def _headers(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}


def _media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _cookie_values(header: str, name: str) -> list[str]:
    """Every value of cookie `name`, read as browsers write them; other cookies in the same header,
    however malformed (another app on localhost sets its own), are skipped, not fatal."""
    values = []
    for part in header.split(";"):
        key, sep, value = part.partition("=")
        if sep and key.strip() == name:
            values.append(value.strip().strip('"'))
    return values


def _with_security_headers(send: Send) -> Send:
    async def send_with_headers(message: Message) -> None:
        if message["type"] in ("http.response.start", "websocket.http.response.start"):
            headers = list(message.get("headers", []))
            present = {name.lower() for name, _ in headers}
            headers += [h for h in SECURITY_HEADERS if h[0] not in present]
            message = {**message, "headers": headers}
        await send(message)

    return send_with_headers


async def _refuse(scope: Scope, send: Send, refusal: Refusal) -> None:
    """An HTTP answer with the error shape; for a WebSocket, the same answer instead of the
    upgrade where the server supports it (uvicorn does), else a close, which it answers 403."""
    prefix = "http"
    if scope["type"] == "websocket":
        if "websocket.http.response" not in scope.get("extensions", {}):
            await send({"type": "websocket.close", "code": 1008})
            return
        prefix = "websocket.http"
    start: Message = {
        "type": f"{prefix}.response.start",
        "status": refusal.status,
        "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(refusal.body)).encode()),
        ],
    }
    await send(start)
    await send({"type": f"{prefix}.response.body", "body": refusal.body})
