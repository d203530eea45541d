"""Issue #10: the UI runs under its strict Content-Security-Policy in Chromium, and the policy
still lets the page open a WebSocket to its own server (the terminal of issue 12) but nowhere
else."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.app_process import RunningApp, running_app

OPEN_SOCKET = """async (url) => {
  const blocked = [];
  document.addEventListener('securitypolicyviolation', (e) => blocked.push(e.blockedURI));
  const socket = new WebSocket(url);
  await new Promise((done) => { socket.onerror = done; socket.onopen = done; });
  socket.close();
  return blocked;
}"""


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("home")
    with running_app(
        "--config-dir", str(home / "config"), "--kubeconfig-dir", str(home / "kube")
    ) as running:
        yield running


def test_the_ui_renders_without_a_policy_violation(page: Page, app: RunningApp) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(app.url)
    expect(page.get_by_test_id("health-status")).to_have_text("ok")
    assert violations == []


def test_connect_src_self_allows_a_websocket_to_the_app_only(page: Page, app: RunningApp) -> None:
    page.goto(app.url)
    expect(page.get_by_test_id("health-status")).to_have_text("ok")
    own = page.evaluate(OPEN_SOCKET, f"ws://127.0.0.1:{app.port}/api/v1/terminal")
    foreign = page.evaluate(OPEN_SOCKET, f"ws://127.0.0.1:{app.port + 1}/elsewhere")
    assert own == []
    assert foreign == [f"ws://127.0.0.1:{app.port + 1}/elsewhere"]
