"""Contract §3–§4: token, cookie exchange, Host and Origin checks, error shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.errors import RegattaError
from backend.http.app import ServerContext, create_app
from backend.refresh.lifecycle import ServerLifecycle

TOKEN = "launch-token-123"
PORT = 48123


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
        malformed = await client.post("/api/v1/bridge/get_selection", content=b"{", headers=auth)
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
