"""The real desktop window (pywebview + QtWebEngine, offscreen): the UI renders, js_api answers,
and a stop signal ends the whole process promptly."""

from __future__ import annotations

import asyncio
import signal
import socket
from pathlib import Path

import aiohttp
import pytest

from tests.app_process import running_app
from tests.e2e.cdp import open_page, wait_for_value

WINDOW_DEADLINE_S = 60.0
PWNED = "written from page JavaScript"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_kubeconfig(path: Path) -> None:
    path.write_text(
        """apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: u
  user: {token: not-a-real-token}
contexts:
- name: window-test
  context: {cluster: c, user: u}
"""
    )


@pytest.mark.asyncio
async def test_window_renders_ui_and_js_api_answers(tmp_path: Path) -> None:
    kubeconfig = tmp_path / "config.yaml"
    write_kubeconfig(kubeconfig)
    debug_port = free_port()
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{debug_port}",
        "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
    }
    args = ("--kubeconfig", str(kubeconfig), "--config-dir", str(tmp_path / "config"))
    with running_app(*args, env=env, headless=False) as app:
        # only headless mode prints the token (issue #10)
        assert app.launch == {"url": f"http://127.0.0.1:{app.port}/", "port": app.port}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + WINDOW_DEADLINE_S
        async with aiohttp.ClientSession() as session:
            page = await open_page(session, debug_port, f"http://127.0.0.1:{app.port}/", deadline)
            await wait_for_value(
                page,
                "document.querySelector('[data-testid=health-status]')?.textContent ?? null",
                "ok",
                deadline,
            )
            await wait_for_value(
                page, "typeof window.pywebview?.api?.list_kubeconfigs", "function", deadline
            )
            listing = await page.evaluate("window.pywebview.api.list_kubeconfigs()")
            # issue #10: a name outside the bridge, sent to pywebview's own dispatcher, is refused
            await page.evaluate(
                "window.pywebview._jsApiCallback("
                f"'_app.services.clusters.settings_store.path.write_text', ['{PWNED}'], 'door')"
            )
            selection = await page.evaluate("window.pywebview.api.get_selection()")
        assert [c["clusterName"] for c in listing["contexts"]] == ["window-test"]
        assert listing["contexts"][0]["clusterId"] == "config.yaml:window-test"
        assert selection == {"selectedClusterIds": []}
        settings = tmp_path / "config" / "settings.json"
        assert not settings.exists() or PWNED not in settings.read_text()

        # wait()'s timeout only guards against a hang; the stop time is measured in `make bench`.
        code = app.stop(signal.SIGTERM, timeout=10)
    assert code == 0, "".join(app.stderr_lines[-20:])
