"""`python -m backend --headless` as contract §2–§4 and issue #10 describe it, over real HTTP
against the real uvicorn server (whose own limits could answer before the app)."""

from __future__ import annotations

import json
import re
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.app_process import RunningApp, running_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("home")
    with running_app(
        "--config-dir", str(home / "config"), "--kubeconfig-dir", str(home / "kube")
    ) as running:
        yield running


def test_prints_one_json_line_with_url_port_token(app: RunningApp) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[A-Za-z0-9_\-]+", app.url)
    assert app.url == f"http://127.0.0.1:{app.port}/?token={app.token}"
    assert len(app.token) >= 32


def test_health_needs_the_token(app: RunningApp) -> None:
    assert httpx.get(f"{app.base}/api/v1/health").status_code == 401
    r = httpx.get(f"{app.base}/api/v1/health", headers=app.auth)
    assert r.status_code == 200
    assert r.json()["status"] == "ok"


def test_token_url_cookie_opens_the_api(app: RunningApp) -> None:
    with httpx.Client(base_url=app.base) as client:
        r = client.get(app.url, follow_redirects=True)
        assert r.status_code == 200
        assert '<div id="root">' in r.text
        assert client.get("/api/v1/health").status_code == 200


def test_foreign_host_and_origin_are_refused(app: RunningApp) -> None:
    host = httpx.get(
        f"{app.base}/api/v1/health", headers={**app.auth, "Host": f"attacker.test:{app.port}"}
    )
    origin = httpx.get(
        f"{app.base}/api/v1/health", headers={**app.auth, "Origin": "http://attacker.test"}
    )
    assert (host.status_code, origin.status_code) == (403, 403)


def test_listens_on_loopback_only(app: RunningApp) -> None:
    import psutil  # only this test needs it

    listening = [
        c.laddr
        for c in psutil.Process(app.process.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening and all(addr.ip == "127.0.0.1" for addr in listening)


def test_sigterm_stops_cleanly(tmp_path: Path) -> None:
    with running_app(
        "--config-dir", str(tmp_path / "c"), "--kubeconfig-dir", str(tmp_path / "k")
    ) as running:
        assert httpx.get(f"{running.base}/api/v1/health", headers=running.auth).status_code == 200
        assert running.stop(signal.SIGTERM) == 0
        assert not any("Traceback" in line for line in running.stderr_lines)


def test_token_visit_sets_a_session_id_not_the_token(app: RunningApp) -> None:
    with httpx.Client(base_url=app.base) as client:
        visit = client.get(app.url)
        session = client.cookies.get("regatta_session")
        assert visit.status_code == 303 and session and app.token not in session
        assert client.get("/api/v1/health").status_code == 200
    forged = httpx.get(
        f"{app.base}/api/v1/health", headers={"Cookie": f"regatta_session={app.token}"}
    )
    assert forged.status_code == 401


def test_every_answer_has_the_security_headers_and_the_page_no_inline_script(
    app: RunningApp,
) -> None:
    page = httpx.get(f"{app.base}/")
    answers = [page, httpx.get(f"{app.base}/api/v1/health", headers=app.auth)]
    answers.append(httpx.get(f"{app.base}/api/v1/health"))
    for answer in answers:
        csp = answer.headers["content-security-policy"]
        assert "script-src 'self';" in csp and "connect-src 'self';" in csp
        assert "frame-ancestors 'none'" in csp and "unsafe-eval" not in csp
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", page.text, re.I)  # no inline handlers


def test_state_changes_need_json_and_the_same_site(app: RunningApp) -> None:
    url = f"{app.base}/api/v1/bridge/get_selection"
    form = httpx.post(url, data={"args": "[]"}, headers=app.auth)
    cross = httpx.post(url, json={"args": []}, headers={**app.auth, "Sec-Fetch-Site": "cross-site"})
    ok = httpx.post(url, json={"args": []}, headers={**app.auth, "Sec-Fetch-Site": "same-origin"})
    assert (form.status_code, form.json()["error"]["code"]) == (415, "unsupported_media_type")
    assert (cross.status_code, cross.json()["error"]["code"]) == (403, "cross_site_request")
    assert ok.status_code == 200


def raw_request(app: RunningApp, request: bytes) -> bytes:
    """Send a request in two halves, as a slow client would, and read the whole answer.

    The pause is the slowness itself (the server must see an unfinished request line), not a wait
    for something to happen."""
    half = len(request) // 2
    with socket.create_connection(("127.0.0.1", app.port), timeout=30) as sock:
        sock.sendall(request[:half])
        time.sleep(0.2)
        sock.sendall(request[half:])
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_a_long_url_is_414_with_the_error_shape_even_sent_slowly(app: RunningApp) -> None:
    request = (
        f"GET /api/v1/snapshots/pods?q={'x' * 64 * 1024} HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{app.port}\r\nAuthorization: Bearer {app.token}\r\n"
        "Connection: close\r\n\r\n"
    ).encode()
    head, _, body = raw_request(app, request).partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 ")
    assert json.loads(body)["error"]["code"] == "url_too_long"


@pytest.mark.parametrize("streamed", [False, True])
def test_a_body_over_4_mib_is_413_not_a_reset(app: RunningApp, streamed: bool) -> None:
    piece = b" " * (1024 * 1024)
    body = iter([piece] * 8) if streamed else piece * 8
    r = httpx.post(
        f"{app.base}/api/v1/refresh/pods",
        content=body,
        headers={**app.auth, "Content-Type": "application/json"},
        timeout=60,
    )
    assert r.status_code == 413
    assert r.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize(
    ("extra", "status", "code"),
    [("", 401, "unauthorized"), ("Origin: http://attacker.test\r\n", 403, "forbidden_origin")],
)
def test_a_websocket_upgrade_meets_the_door_as_plain_http(
    app: RunningApp, extra: str, status: int, code: str
) -> None:
    auth = f"Authorization: Bearer {app.token}\r\n" if extra else ""
    request = (
        "GET /api/v1/terminal?scope=x HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{app.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        f"{auth}{extra}\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", app.port), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode())
    assert json.loads(body)["error"]["code"] == code
