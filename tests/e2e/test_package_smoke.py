"""The built Linux bundle (build/dist/regatta), run as a user would run it.

Headless, it prints its JSON line and serves the API behind the token. Windowed (offscreen Qt,
driven over raw CDP), it renders the UI on the real local clusters, answers js_api calls with
results and with contract errors, keeps the app window on the app (other addresses go to the
system browser), remembers its size, logs without secrets and stops on SIGTERM.

The bundle is built here (PyInstaller, as `make package` does) when it is missing or older than
anything it is made from, so `make test` covers it and a warm run does not rebuild.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest

from tests.app_process import RunningApp
from tests.clusters import ClusterEnv
from tests.e2e.cdp import CdpPage, open_page, wait_for_value

pytestmark = [pytest.mark.e2e, pytest.mark.clusters]

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build" / "regatta.spec"
DIST = ROOT / "build" / "dist"
EXECUTABLE = DIST / "regatta" / "regatta"
ARTIFACTS = ROOT / "test-artifacts"
BUILD_TIMEOUT_S = 1800.0  # a cold PyInstaller build on a busy 2-core machine
START_TIMEOUT_S = 90.0
WINDOW_DEADLINE_S = 120.0
STOP_TIMEOUT_S = 10.0  # only a guard against a hang; the stop time is measured in benchmarks
SELECTED = ["dev.yaml:alpha", "dev.yaml:beta"]
REMEMBERED = {"version": 1, "width": 1100, "height": 760, "x": 0, "y": 0}


def bundle_inputs() -> Iterator[Path]:
    """Everything the bundle is made of: a change to any of them means a rebuild."""
    yield from (ROOT / "backend").rglob("*.py")
    yield from (p for p in (ROOT / "backend" / "static").rglob("*") if p.is_file())
    yield from (ROOT / "build" / name for name in ("regatta.spec", "regatta_main.py"))
    yield ROOT / "build" / "icons" / "regatta.png"
    yield ROOT / "uv.lock"


def bundle_is_stale() -> bool:
    if not EXECUTABLE.is_file():
        return True
    built = EXECUTABLE.stat().st_mtime
    return any(path.stat().st_mtime > built for path in bundle_inputs())


@pytest.fixture(scope="module")
def bundle() -> Path:
    if bundle_is_stale():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(DIST),
                "--workpath",
                str(ROOT / "build" / "work"),
                str(SPEC),
            ],
            cwd=ROOT,
            check=True,
            timeout=BUILD_TIMEOUT_S,
        )
    assert not bundle_is_stale(), "the build left an executable older than its sources"
    return EXECUTABLE


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_bundle(executable: Path, *args: str, env: dict[str, str]) -> Iterator[RunningApp]:
    """Start the bundle, wait for its JSON line; SIGTERM (then kill) afterwards."""
    proc = subprocess.Popen(
        [str(executable), *args],
        env={**os.environ, "NO_PROXY": "127.0.0.1,localhost", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stderr is not None
    stderr_lines: list[str] = []
    threading.Thread(target=lambda: stderr_lines.extend(proc.stderr or []), daemon=True).start()
    first_line: list[str] = []
    reader = threading.Thread(target=lambda: first_line.append(proc.stdout.readline()))  # type: ignore[union-attr]
    reader.start()
    reader.join(START_TIMEOUT_S)
    try:
        if not first_line or not first_line[0]:
            raise AssertionError(
                f"no JSON line within {START_TIMEOUT_S}s (exit code {proc.poll()}):\n"
                + "".join(stderr_lines[-30:])
            )
        info = json.loads(first_line[0])
        yield RunningApp(proc, info["url"], info["port"], info.get("token", ""), stderr_lines, info)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def test_bundle_headless_prints_its_line_and_serves_behind_the_token(
    bundle: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "kube"
    empty.mkdir()
    args = ("--headless", "--config-dir", str(tmp_path / "config"), "--kubeconfig-dir", str(empty))
    env = {"REGATTA_LOG_DIR": str(tmp_path / "log"), "HOME": str(tmp_path), "KUBECONFIG": ""}
    with running_bundle(bundle, *args, env=env) as app:
        assert app.url == f"http://127.0.0.1:{app.port}/?token={app.token}"
        assert httpx.get(f"{app.base}/api/v1/health").status_code == 401
        health = httpx.get(f"{app.base}/api/v1/health", headers=app.auth)
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        ui = httpx.get(app.url, follow_redirects=True)
        assert ui.status_code == 200 and '<div id="root">' in ui.text
        listing = httpx.post(
            f"{app.base}/api/v1/bridge/list_kubeconfigs", json={"args": []}, headers=app.auth
        )
        assert listing.json() == {"sources": [], "contexts": []}
        code = app.stop(signal.SIGTERM, timeout=STOP_TIMEOUT_S)
    assert code == 0, "".join(app.stderr_lines[-30:])
    log_text = (tmp_path / "log" / "regatta.log").read_text()
    assert "Regatta 0.1.0 starting (frozen: True" in log_text
    assert app.token not in log_text


async def capture_screenshot(session: aiohttp.ClientSession, debug_port: int, url: str) -> bytes:
    """Page.captureScreenshot over a second DevTools connection to the same page."""
    async with session.get(f"http://127.0.0.1:{debug_port}/json/list") as response:
        targets = await response.json(content_type=None)
    target = next(t for t in targets if t.get("url", "").startswith(url))
    async with session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
        await ws.send_str(json.dumps({"id": 1, "method": "Page.captureScreenshot", "params": {}}))
        async for message in ws:
            data = json.loads(message.data)
            if data.get("id") == 1:
                return base64.b64decode(data["result"]["data"])
    raise AssertionError("the DevTools connection closed before the screenshot")


def lines_of(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


async def wait_for_file_line(path: Path, line: str, deadline: float) -> None:
    loop = asyncio.get_running_loop()
    while loop.time() < deadline:
        if line in await asyncio.to_thread(lines_of, path):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{line!r} never reached {path}")


def write_browser_recorder(folder: Path) -> tuple[Path, Path, Path]:
    """A stand-in for the system browser ($BROWSER): it appends each URL it gets to one file and
    the LD_LIBRARY_PATH it was started with to another."""
    opened, library_paths = folder / "opened.txt", folder / "library-paths.txt"
    script = folder / "browser.sh"
    script.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "${{LD_LIBRARY_PATH:-unset}}" >> "{library_paths}"\n'
        f'printf "%s\\n" "$1" >> "{opened}"\n'
    )
    script.chmod(0o755)
    return script, opened, library_paths


def kubeconfig_tokens(folder: Path) -> list[str]:
    import yaml

    tokens = []
    for path in folder.glob("*.yaml"):
        for user in yaml.safe_load(path.read_text()).get("users", []):
            token = (user.get("user") or {}).get("token")
            if token:
                tokens.append(token)
    return tokens


async def js_api_error(page: CdpPage, call: str) -> Any:
    """The contract error a js_api promise rejects with (its message is the error's JSON)."""
    return await page.evaluate(
        f"{call}.then(() => null, (error) => JSON.parse(error.message ?? String(error)))"
    )


@pytest.mark.asyncio
async def test_bundle_window_shows_the_clusters_and_keeps_to_the_app(
    bundle: Path, clusters: ClusterEnv, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "window.json").write_text(json.dumps(REMEMBERED))
    browser, opened, library_paths = write_browser_recorder(tmp_path)
    debug_port = free_port()
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{debug_port}",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        "REGATTA_LOG_DIR": str(tmp_path / "log"),
        "BROWSER": str(browser),
        "HOME": str(tmp_path),
        "KUBECONFIG": "",
    }
    args = ("--config-dir", str(config), "--kubeconfig-dir", str(clusters.kubeconfig_dir))
    health = "document.querySelector('[data-testid=health-status]')?.textContent ?? null"
    summary = "document.querySelector('[data-testid=cluster-summary]')?.textContent ?? null"
    with running_bundle(bundle, *args, env=env) as app:
        origin = f"http://127.0.0.1:{app.port}/"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WINDOW_DEADLINE_S
        async with aiohttp.ClientSession() as session:
            page = await open_page(session, debug_port, origin, deadline)
            await wait_for_value(page, health, "ok", deadline)
            await wait_for_value(
                page, "typeof window.pywebview?.api?.set_selection", "function", deadline
            )
            assert await page.evaluate("window.innerWidth") == REMEMBERED["width"]

            listing = await page.evaluate("window.pywebview.api.list_kubeconfigs()")
            ids = {c["clusterId"] for c in listing["contexts"]}
            assert set(SELECTED) <= ids and "prod.yaml:staging" in ids
            unknown = await js_api_error(
                page, "window.pywebview.api.set_selection(['nope.yaml:x'])"
            )
            assert unknown["error"]["code"] == "unknown_cluster" and unknown["status"] == 404
            chosen = await page.evaluate(
                f"window.pywebview.api.set_selection({json.dumps(SELECTED)})"
            )
            assert chosen == {"selectedClusterIds": SELECTED}

            await page.evaluate("location.reload()")
            page = await open_page(session, debug_port, origin, deadline)
            await wait_for_value(page, summary, "2 of 2 clusters", deadline)
            await wait_for_value(
                page,
                "document.querySelector('[data-testid=row-count]')?.textContent?.endsWith('rows') ?? false",
                True,
                deadline,
            )
            ARTIFACTS.mkdir(exist_ok=True)
            (ARTIFACTS / "package-window.png").write_bytes(
                await capture_screenshot(session, debug_port, origin)
            )

            await wait_for_value(page, "window.__regattaLinkGuard === true", True, deadline)
            await page.evaluate(
                "(() => { const a = document.createElement('a'); a.href = 'https://example.invalid/docs';"
                " document.body.append(a); a.click(); a.remove(); })()"
            )
            await page.evaluate("location.href = 'https://example.invalid/scripted'")
            await wait_for_file_line(opened, "https://example.invalid/docs", deadline)
            await wait_for_file_line(opened, "https://example.invalid/scripted", deadline)
            assert await page.evaluate("location.href") == origin
            # the browser runs with the user's libraries, not the bundle's (LD_LIBRARY_PATH)
            assert not [p for p in lines_of(library_paths) if str(bundle.parent) in p]
            assert await page.evaluate(summary) == "2 of 2 clusters"

        code = app.stop(signal.SIGTERM, timeout=STOP_TIMEOUT_S)
    assert code == 0, "".join(app.stderr_lines[-30:])
    assert json.loads((config / "window.json").read_text()) == REMEMBERED
    log_text = (tmp_path / "log" / "regatta.log").read_text()
    assert "opening https://example.invalid/scripted in the system browser" in log_text
    assert "token" not in app.launch  # the window prints no token (issue #10)
    for secret in kubeconfig_tokens(clusters.kubeconfig_dir):
        assert secret not in log_text
