"""`python -m backend --headless` as contract §2–§4 describe it, over real HTTP."""

from __future__ import annotations

import re
import signal
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
