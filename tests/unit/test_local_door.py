"""Contract §3–§4 and issue #10: token, session cookie, Host/Origin, cross-site and content-type
rules for state changes, security headers, WebSocket upgrades, request bodies and URL length."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient, WebSocketDenialResponse
from starlette.types import ASGIApp
from starlette.websockets import WebSocket

from backend.errors import RegattaError
from backend.http.app import ServerContext, create_app
from backend.http.door import SESSION_COOKIE, LocalDoorMiddleware
from backend.refresh.lifecycle import ServerLifecycle

TOKEN = "launch-token-123"
PORT = 48123
AUTH = {"Authorization": f"Bearer {TOKEN}"}
JSON = {"Content-Type": "application/json"}


class RecordingBridge:
    """Stands in for the bridge object: records calls, answers or raises as told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any]]] = []

    async def call(self, method: str, args: list[Any]) -> Any:
        self.calls.append((method, args))
        if method == "set_selection":
            raise RegattaError(404, "unknown_cluster", "No such cluster.", clusterId=args[0][0])
        return {"selectedClusterIds": []}


def make_client(tmp_path: Path, bridge: RecordingBridge | None = None) -> httpx.AsyncClient:
    static = tmp_path / "static"
    static.mkdir()
    (static / "index.html").write_text("<html><body>regatta ui</body></html>")
    ctx = ServerContext(
        token=TOKEN,
        port=PORT,
        lifecycle=ServerLifecycle(),
        bridge=bridge or RecordingBridge(),
        static_dir=static,
    )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(ctx)), base_url=f"http://127.0.0.1:{PORT}"
    )


@pytest.mark.asyncio
async def test_api_without_token_is_401_with_error_shape(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get("/api/v1/health")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.json()["error"]["message"]


@pytest.mark.asyncio
async def test_wrong_token_is_401(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get("/api/v1/health", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401


@pytest.mark.asyncio
async def test_bearer_token_is_accepted(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get("/api/v1/health", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


@pytest.mark.asyncio
async def test_token_url_sets_strict_httponly_cookie_that_authorises(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get(f"/?token={TOKEN}")
        assert r.status_code == 303
        assert r.headers["location"] == "/"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie
        assert "SameSite=Strict" in cookie
        r = await client.get("/api/v1/health")
    assert r.status_code == 200


@pytest.mark.asyncio
async def test_token_url_with_wrong_token_sets_no_cookie(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get("/?token=wrong")
        assert r.status_code == 401
        assert "set-cookie" not in r.headers
        assert (await client.get("/api/v1/health")).status_code == 401


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "host", ["evil.example:48123", "127.0.0.1:1", "localhost", "0.0.0.0:48123"]
)
async def test_foreign_host_is_403_even_with_token(tmp_path: Path, host: str) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get(
            "/api/v1/health", headers={"Host": host, "Authorization": f"Bearer {TOKEN}"}
        )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden_host"


@pytest.mark.asyncio
@pytest.mark.parametrize("host", [f"127.0.0.1:{PORT}", f"localhost:{PORT}"])
async def test_both_loopback_names_are_accepted(tmp_path: Path, host: str) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get(
            "/api/v1/health", headers={"Host": host, "Authorization": f"Bearer {TOKEN}"}
        )
    assert r.status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "origin",
    ["http://evil.example", "null", f"http://127.0.0.1:{PORT + 1}", f"https://127.0.0.1:{PORT}"],
)
async def test_cross_origin_is_403(tmp_path: Path, origin: str) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get(
            "/api/v1/health", headers={"Origin": origin, "Authorization": f"Bearer {TOKEN}"}
        )
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden_origin"


@pytest.mark.asyncio
async def test_same_origin_is_accepted(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get(
            "/api/v1/health",
            headers={"Origin": f"http://127.0.0.1:{PORT}", "Authorization": f"Bearer {TOKEN}"},
        )
    assert r.status_code == 200


@pytest.mark.asyncio
async def test_ui_is_served_without_token_but_host_checked(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        assert "regatta ui" in (await client.get("/")).text
        assert (await client.get("/", headers={"Host": "evil.example"})).status_code == 403


@pytest.mark.asyncio
async def test_unknown_api_path_is_404_error_shape(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        r = await client.get("/api/v1/nope", headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "not_found"


@pytest.mark.asyncio
async def test_bridge_route_passes_args_and_maps_errors(tmp_path: Path) -> None:
    bridge = RecordingBridge()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    async with make_client(tmp_path, bridge) as client:
        ok = await client.post("/api/v1/bridge/get_selection", json={"args": []}, headers=auth)
        bad = await client.post(
            "/api/v1/bridge/set_selection", json={"args": [["x:y"]]}, headers=auth
        )
        malformed = await client.post(
            "/api/v1/bridge/get_selection", content=b"{", headers={**auth, **JSON}
        )
        wrong_shape = await client.post(
            "/api/v1/bridge/get_selection", json={"args": "x"}, headers=auth
        )
    assert ok.status_code == 200 and ok.json() == {"selectedClusterIds": []}
    assert bad.status_code == 404
    assert bad.json() == {
        "error": {"code": "unknown_cluster", "message": "No such cluster.", "clusterId": "x:y"}
    }
    assert malformed.status_code == 400
    assert wrong_shape.status_code == 400 and wrong_shape.json()["error"]["code"] == "bad_arguments"
    assert bridge.calls == [("get_selection", []), ("set_selection", [["x:y"]])]


def session_cookie(response: httpx.Response) -> str:
    name, _, rest = response.headers["set-cookie"].partition("=")
    assert name == SESSION_COOKIE
    return rest.split(";", 1)[0]


@pytest.mark.asyncio
async def test_session_cookie_holds_a_random_session_id_not_the_token(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        first = session_cookie(await client.get(f"/?token={TOKEN}"))
        second = session_cookie(await client.get(f"/?token={TOKEN}"))
        client.cookies.clear()
        with_token = await client.get(
            "/api/v1/health", headers={"Cookie": f"{SESSION_COOKIE}={TOKEN}"}
        )
        with_session = await client.get(
            "/api/v1/health", headers={"Cookie": f"{SESSION_COOKIE}={first}"}
        )
    assert TOKEN not in (first, second) and first != second and len(first) >= 32
    assert with_token.status_code == 401
    assert with_session.status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "foreign",
    [
        'other="unterminated',
        "a=b; {weird}=[1,2]",
        "broken; x=\\",
        'json={"a":1}',
    ],
)
async def test_a_malformed_foreign_cookie_does_not_lock_the_user_out(
    tmp_path: Path, foreign: str
) -> None:
    async with make_client(tmp_path) as client:
        session = session_cookie(await client.get(f"/?token={TOKEN}"))
        client.cookies.clear()
        before = await client.get(
            "/api/v1/health", headers={"Cookie": f"{foreign}; {SESSION_COOKIE}={session}"}
        )
        after = await client.get(
            "/api/v1/health", headers={"Cookie": f"{SESSION_COOKIE}={session}; {foreign}"}
        )
    assert (before.status_code, after.status_code) == (200, 200)


@pytest.mark.asyncio
async def test_every_answer_carries_the_security_headers(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        answers = [
            await client.get("/"),
            await client.get("/api/v1/health", headers=AUTH),
            await client.get("/api/v1/health"),
            await client.get("/api/v1/nope", headers=AUTH),
            await client.get(f"/?token={TOKEN}"),
            await client.get("/", headers={"Host": "evil.example"}),
            await client.post("/api/v1/bridge/get_selection", headers=AUTH),
        ]
    for answer in answers:
        csp = answer.headers.get("content-security-policy", "")
        directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ") if d}
        assert directives["script-src"] == ["'self'"], answer
        assert directives["connect-src"] == ["'self'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["default-src"] == ["'self'"]
        assert "'unsafe-eval'" not in csp and "'unsafe-inline'" not in directives["script-src"]
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


@pytest.mark.asyncio
@pytest.mark.parametrize("method", ["POST", "DELETE", "PUT", "PATCH"])
@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
    ],
)
async def test_state_changes_must_be_json(
    tmp_path: Path, method: str, content_type: str | None
) -> None:
    headers = {**AUTH, **({"Content-Type": content_type} if content_type else {})}
    async with make_client(tmp_path) as client:
        r = await client.request(
            method, "/api/v1/bridge/get_selection", headers=headers, content=b'{"args": []}'
        )
    assert r.status_code == 415
    assert r.json()["error"]["code"] == "unsupported_media_type"


@pytest.mark.asyncio
async def test_json_with_parameters_is_json(tmp_path: Path) -> None:
    headers = {**AUTH, "Content-Type": "Application/JSON; charset=utf-8"}
    async with make_client(tmp_path) as client:
        r = await client.post(
            "/api/v1/bridge/get_selection", headers=headers, content=b'{"args": []}'
        )
    assert r.status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("site", ["cross-site", "same-site"])
@pytest.mark.parametrize("method", ["POST", "DELETE"])
async def test_state_changes_from_another_site_are_refused(
    tmp_path: Path, site: str, method: str
) -> None:
    headers = {**AUTH, **JSON, "Sec-Fetch-Site": site}
    async with make_client(tmp_path) as client:
        r = await client.request(
            method, "/api/v1/bridge/get_selection", headers=headers, content=b'{"args": []}'
        )
        read = await client.get("/api/v1/health", headers={**AUTH, "Sec-Fetch-Site": site})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "cross_site_request"
    assert read.status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize("site", ["same-origin", "none"])
async def test_state_changes_from_the_app_itself_pass(tmp_path: Path, site: str) -> None:
    headers = {**AUTH, **JSON, "Sec-Fetch-Site": site}
    async with make_client(tmp_path) as client:
        r = await client.post("/api/v1/bridge/get_selection", headers=headers, json={"args": []})
    assert r.status_code == 200


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        (b'{"args": ["\xff\xfe"]}', 400, "not UTF-8"),
        (b'{"args": ["a\x00b"]}', 400, "NUL"),
        (b'{"args": ["a\\u0000b"]}', 400, "NUL"),
        (b'{"args\\u0000": []}', 400, "NUL"),
        (b'{"args": ' + b"[" * 64 + b"]" * 64 + b"}", 400, "deeper than 64"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "deeper than 64"),
        (b'{"args": []', 400, "not JSON"),
        (b'{"args": ["' + b"x" * (4 * 1024 * 1024) + b'"]}', 413, "4 MiB"),
    ],
)
async def test_bad_bodies_are_400_or_413_with_the_error_shape(
    tmp_path: Path, body: bytes, status: int, words: str
) -> None:
    bridge = RecordingBridge()
    async with make_client(tmp_path, bridge) as client:
        r = await client.post(
            "/api/v1/bridge/get_selection", content=body, headers={**AUTH, **JSON}
        )
    assert r.status_code == status
    assert words in r.json()["error"]["message"]
    assert bridge.calls == []


@pytest.mark.asyncio
async def test_a_body_of_exactly_the_limits_is_accepted(tmp_path: Path) -> None:
    nested: object = []  # 62 lists deep, in the args list, in the body object: 64 levels
    for _ in range(61):
        nested = [nested]
    bridge = RecordingBridge()
    async with make_client(tmp_path, bridge) as client:
        deep = await client.post(
            "/api/v1/bridge/get_selection", json={"args": [nested]}, headers=AUTH
        )
    assert deep.status_code == 200


@pytest.mark.asyncio
async def test_a_streamed_body_over_the_limit_is_413_without_a_length(tmp_path: Path) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(5):
            yield b" " * (1024 * 1024)

    async with make_client(tmp_path) as client:
        r = await client.post(
            "/api/v1/bridge/get_selection", content=chunks(), headers={**AUTH, **JSON}
        )
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


@pytest.mark.asyncio
async def test_a_url_over_16_kib_is_414(tmp_path: Path) -> None:
    async with make_client(tmp_path) as client:
        long = await client.get("/api/v1/health?q=" + "x" * (16 * 1024), headers=AUTH)
        fine = await client.get("/api/v1/health?q=" + "x" * (15 * 1024), headers=AUTH)
    assert long.status_code == 414 and long.json()["error"]["code"] == "url_too_long"
    assert fine.status_code == 200


ECHO = f"ws://127.0.0.1:{PORT}/api/v1/echo"


def websocket_app() -> ASGIApp:
    """A minimal WebSocket route behind the door, the way the terminal will sit behind it."""

    async def echo(websocket: WebSocket) -> None:
        await websocket.accept()
        await websocket.send_text("open")
        await websocket.close()

    app = Starlette(routes=[WebSocketRoute("/api/v1/echo", echo)])
    return LocalDoorMiddleware(app, token=TOKEN, port=PORT)


def refused_upgrade(headers: dict[str, str], path: str = ECHO) -> httpx.Response:
    client = TestClient(websocket_app(), base_url=f"http://127.0.0.1:{PORT}")
    with (
        pytest.raises(WebSocketDenialResponse) as refused,
        client.websocket_connect(path, headers=headers),
    ):
        pass
    response = refused.value
    assert isinstance(response, httpx.Response)
    return response


def test_websocket_upgrade_with_the_token_is_accepted() -> None:
    client = TestClient(websocket_app(), base_url=f"http://127.0.0.1:{PORT}")
    with client.websocket_connect(ECHO, headers=AUTH) as websocket:
        assert websocket.receive_text() == "open"


def test_websocket_upgrade_with_the_session_cookie_is_accepted() -> None:
    client = TestClient(
        websocket_app(), base_url=f"http://127.0.0.1:{PORT}", follow_redirects=False
    )
    session = session_cookie(client.get(f"/?token={TOKEN}"))
    with client.websocket_connect(
        ECHO, headers={"Cookie": f"{SESSION_COOKIE}={session}"}
    ) as websocket:
        assert websocket.receive_text() == "open"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer nope"}, 401, "unauthorized"),
        ({"Cookie": f"{SESSION_COOKIE}={TOKEN}"}, 401, "unauthorized"),
        ({**AUTH, "Origin": "http://evil.example"}, 403, "forbidden_origin"),
        ({**AUTH, "Host": "evil.example"}, 403, "forbidden_host"),
    ],
)
def test_websocket_upgrade_meets_the_same_door_as_http(
    headers: dict[str, str], status: int, code: str
) -> None:
    response = refused_upgrade(headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert response.headers["x-content-type-options"] == "nosniff"
