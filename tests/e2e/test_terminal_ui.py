"""The terminal in Chromium against the real clusters: a pod of beta opened from the pods table,
its Terminal tab, a session in the bottom dock labelled with the cluster, a command typed and its
answer seen (kwok runs it on this host with REGATTA_CLUSTER=beta), a command pasted with the
Paste button run, `exit` shown as
"Session ended (exit 0)" with Reconnect. The dock is photographed at 1600×1000 and 1100×700,
light and dark (/tmp/shots-terminal/), and checked to fit the window.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp, bridge
from tests.clusters.env import ClusterEnv
from tests.e2e import support
from tests.e2e.support import (
    ALPHA,
    BETA,
    SIZES,
    each_size_and_theme,
    screenshot,
    set_size,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SHOTS = Path("/tmp/shots-terminal")
NAMESPACE = "shop"
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""


@pytest.fixture
def namesake_pods(clusters: ClusterEnv) -> Iterator[str]:
    """A pod of the same name in `shop` on alpha and on beta, running."""
    name = f"term-ui-{uuid.uuid4().hex[:6]}"
    with support.namesake_pods(clusters, name, "registry.example/t:1", NAMESPACE, "120s"):
        yield name


def check_fits(page: Page, part: Locator, what: str, width: int, height: int) -> None:
    box = part.bounding_box()
    assert box is not None, what
    assert box["x"] >= 0 and box["y"] >= 0, (what, width, box)
    assert box["x"] + box["width"] <= width + 0.5, (what, width, box)
    assert box["y"] + box["height"] <= height + 0.5, (what, height, box)


def type_line(page: Page, screen: Locator, line: str) -> None:
    screen.click()
    page.keyboard.type(line)
    page.keyboard.press("Enter")


def test_a_terminal_in_a_pod_of_beta(page: Page, app: RunningApp, namesake_pods: str) -> None:
    name = namesake_pods
    bridge(app, "set_selection", [ALPHA, BETA])
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")
    grid = page.get_by_role("grid", name="Pods")
    page.get_by_role("searchbox", name="Filter").fill(name)
    rows = grid.locator("tbody tr").filter(has_text=name)
    beta_row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="beta"))
    expect(beta_row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    beta_row.click()  # one click opens the panel

    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    panel.get_by_role("tab", name="Terminal").click()
    expect(panel.get_by_label("Container", exact=True)).to_have_value(name, timeout=LOAD_TIMEOUT_MS)
    open_terminal = panel.get_by_role("button", name="Open terminal")
    expect(open_terminal).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    open_terminal.click()

    dock = page.get_by_test_id("terminal-dock")
    tab = dock.get_by_role("tab", selected=True)
    expect(tab).to_contain_text("beta")
    expect(tab).to_contain_text(f"{NAMESPACE} / {name} / {name}")
    status = dock.get_by_test_id("terminal-status")
    expect(status).to_have_text("Connected", timeout=LOAD_TIMEOUT_MS)
    screen = dock.get_by_test_id("terminal-screen")
    expect(screen).to_contain_text("#", timeout=LOAD_TIMEOUT_MS)  # the shell's prompt
    type_line(page, screen, "echo answer=$((6*7)) cluster=$REGATTA_CLUSTER")
    expect(screen).to_contain_text("answer=42 cluster=beta", timeout=LOAD_TIMEOUT_MS)
    assert bridge(app, "get_selection") == {"selectedClusterIds": [ALPHA, BETA]}
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("navigator.clipboard.writeText('echo pasted=$((1+2))')")
    dock.get_by_role("button", name="Paste").click()
    screen.click()
    page.keyboard.press("Enter")
    expect(screen).to_contain_text("pasted=3", timeout=LOAD_TIMEOUT_MS)

    # The session survives a change of view and the panel closing.
    page.evaluate("window.location.hash = '#/nodes'")
    expect(page.get_by_role("grid", name="Nodes")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    page.get_by_role("button", name="Close object").click()
    expect(screen).to_contain_text("answer=42 cluster=beta")

    for width, height, theme in each_size_and_theme(page):
        for part, what in (
            (dock, "dock"),
            (tab, "tab"),
            (status, "status"),
            (dock.get_by_role("button", name="Paste"), "paste"),
        ):
            check_fits(page, part, what, width, height)
        screenshot(page, SHOTS, "dock", width, height, theme)

    type_line(page, screen, "exit")
    expect(status).to_have_text("Session ended (exit 0)", timeout=LOAD_TIMEOUT_MS)
    reconnect = dock.get_by_role("button", name="Reconnect")
    expect(reconnect).to_be_visible()
    page.screenshot(path=str(SHOTS / "dock-ended-1600x1000-light.png"))
    reconnect.click()
    expect(status).to_have_text("Connected", timeout=LOAD_TIMEOUT_MS)


def test_the_terminal_tab_at_both_sizes(page: Page, app: RunningApp, namesake_pods: str) -> None:
    name = namesake_pods
    bridge(app, "set_selection", [ALPHA, BETA])
    set_size(page, SIZES[1])
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")
    page.get_by_role("searchbox", name="Filter").fill(name)
    rows = page.get_by_role("grid", name="Pods").locator("tbody tr").filter(has_text=name)
    beta_row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="beta"))
    expect(beta_row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    beta_row.click()  # one click opens the panel
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    panel.get_by_role("tab", name="Terminal").click()
    expect(panel.get_by_role("button", name="Open terminal")).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    panel.get_by_text("No shell in the container? Debug container…").click()
    for width, height, theme in each_size_and_theme(page):
        for what in ("Open terminal", "Start debug container", "Reload"):
            check_fits(page, panel.get_by_role("button", name=what), what, width, height)
        check_fits(page, panel, "panel", width, height)
        screenshot(page, SHOTS, "tab", width, height, theme)
