"""The command palette and the shortcuts on real clusters, in Chromium, keyboard only (issue 22):
open the palette, find `web` in every selected cluster, open beta's Deployment, `l` for its logs,
Esc back to the table, `/` and type a filter; `?` lists the shortcuts.

The palette and the `?` overlay are photographed at 1600×1000 and 1100×700, light and dark, and
checked to fit the window (screenshots in /tmp/shots-palette/).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.e2e.support import (
    ALPHA,
    BETA,
    GAMMA,
    each_size_and_theme,
    screenshot,
    set_size,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA, GAMMA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

SHOTS = Path("/tmp/shots-palette")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""


def photograph(page: Page, dialog: Locator, name: str) -> None:
    """The open dialog at each size and theme, each time checked to fit inside the window."""
    for width, height, theme in each_size_and_theme(page):
        box = dialog.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0, (name, width, theme, box)
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        screenshot(page, SHOTS, name, width, height, theme)


def selected_item(page: Page) -> Locator:
    return page.locator('[cmdk-item][data-selected="true"]')


def test_keyboard_only_palette_search_logs_and_filter(page: Page, app: RunningApp) -> None:
    set_size(page)
    page.goto(app.url)
    keyboard = page.keyboard
    palette = page.get_by_role("dialog", name="Command palette")
    # The shortcuts listen once the app shell is up: a key pressed before that goes nowhere.
    expect(page.get_by_role("navigation", name="Views and namespaces")).to_be_visible(
        timeout=30_000
    )

    # A k9s command: `:deploy` goes to the Workloads table.
    keyboard.press("Control+k")
    expect(palette).to_be_visible()
    keyboard.type(":deploy")
    keyboard.press("Enter")
    expect(palette).to_have_count(0)
    grid = page.get_by_role("grid", name="Workloads")
    expect(grid).to_be_visible(timeout=LOAD_TIMEOUT_MS)

    # Find `web` in every selected cluster: one group per cluster, beta's Deployment among them.
    keyboard.press("Control+k")
    keyboard.type("web")
    for cluster_id in (ALPHA, BETA, GAMMA):
        hits = palette.locator(f'[cmdk-item][data-cluster-id="{cluster_id}"]')
        expect(hits.filter(has_text="Deployment ·").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    photograph(page, page.locator(".palette__content"), "palette-web")
    # Down to beta's Deployment `web` (other tests' namespaces may hold more than shop's).
    for _ in range(60):
        chosen = selected_item(page)
        label = chosen.locator(".palette__label").text_content()
        if (
            chosen.get_attribute("data-cluster-id") == BETA
            and label == "web"
            and "Deployment ·" in (chosen.text_content() or "")
        ):
            break
        keyboard.press("ArrowDown")
    expect(selected_item(page)).to_have_attribute("data-cluster-id", BETA)
    expect(selected_item(page)).to_contain_text("Deployment ·")
    namespace = (selected_item(page).text_content() or "").rsplit("· ", 1)[1].strip()
    keyboard.press("Enter")

    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading")).to_contain_text(f"Deployment {namespace}/web")

    # `l`: the panel's Logs tab.
    keyboard.press("l")
    expect(panel.get_by_role("tab", name="Logs")).to_have_attribute("aria-selected", "true")

    # Esc: the panel closes and the table has the focus again.
    keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(grid).to_be_focused()

    # `/` and a filter typed straight away.
    keyboard.press("/")
    search = page.get_by_role("searchbox", name="Filter")
    expect(search).to_be_focused()
    keyboard.type("web")
    expect(search).to_have_value("web")
    rows = grid.locator("tbody tr")
    expect(rows.filter(has_text="web").first).to_be_visible()

    # Typed into the filter, `?` and `l` are text, never shortcuts.
    keyboard.type("?l")
    expect(search).to_have_value("web?l")
    expect(page.get_by_role("dialog")).to_have_count(0)
    keyboard.press("Backspace")
    keyboard.press("Backspace")

    # Outside a field, `?` opens the shortcuts overlay (Esc closes it).
    grid.focus()
    keyboard.press("?")
    overlay = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(overlay).to_be_visible()
    expect(overlay).to_contain_text("Command palette")
    photograph(page, overlay, "shortcuts")
    keyboard.press("Escape")
    expect(overlay).to_have_count(0)
