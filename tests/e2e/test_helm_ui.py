"""The Helm view in Chromium on real clusters: releases of every cluster in one table (the corrupt
one as a row with its error), a release's panel with its values in the code viewer, the chart's
defaults on request, values compared across clusters, and an uninstall that asks first, naming
release, cluster and revision.

Screenshots at 1600×1000 and 1100×700, light and dark, go to /tmp/shots-helm/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters import helm_releases as releases
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

SHOTS = Path("/tmp/shots-helm")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""


def photograph(page: Page, name: str, subject: Locator) -> None:
    """The page at each size and theme; `subject` must stay inside the window."""
    for width, height, theme in each_size_and_theme(page):
        box = subject.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, width, box)
        screenshot(page, SHOTS, name, width, height, theme)


def row_of(page: Page, cluster: str, text: str) -> Locator:
    rows = page.get_by_role("grid", name="Helm releases").locator("tbody tr").filter(has_text=text)
    return rows.filter(has=page.locator('td[data-column="clusterName"]', has_text=cluster))


def test_the_helm_view_lists_releases_and_shows_a_releases_values(
    page: Page, app: RunningApp
) -> None:
    refused: list[str] = []
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/helm'")
    expect(row_of(page, "alpha", releases.RELEASE)).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    expect(row_of(page, "gamma", releases.RELEASE)).to_have_count(1)
    broken = row_of(page, "beta", releases.BROKEN_RELEASE)
    expect(broken).to_contain_text("could not be read")
    photograph(page, "helm-view", page.locator('section[data-view="helm"]'))

    # A click makes the row active (and, where one click opens, opens it); Enter opens it.
    row_of(page, "gamma", releases.RELEASE).click()
    page.get_by_role("grid", name="Helm releases").press("Enter")
    panel = page.locator(f'[data-testid="helm-release-panel"][data-cluster-id="{GAMMA}"]')
    expect(panel).to_be_visible()
    values = panel.get_by_test_id("code-view")
    expect(values).to_contain_text("greeting: hola", timeout=LOAD_TIMEOUT_MS)
    expect(values).not_to_contain_text("registry.example.com")
    photograph(page, "helm-values", panel)

    panel.get_by_role("checkbox", name="computed values").check()
    expect(values).to_contain_text("registry.example.com/shop/storefront")
    expect(values).to_contain_text("greeting: hola")

    panel.get_by_role("button", name="Compare values across clusters").click()
    diff = panel.get_by_test_id("code-diff")
    expect(diff).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(diff).to_contain_text("hola")
    expect(diff.locator(".code-diff__titles")).to_contain_text("alpha")
    photograph(page, "helm-compare", panel)

    panel.get_by_role("tab", name="Manifest").click()
    expect(panel.get_by_test_id("code-view")).to_contain_text("kind: Deployment")
    panel.get_by_role("tab", name="History").click()
    expect(panel.get_by_role("table", name="Revisions")).to_contain_text("Install complete")

    # The objects the manifest names open in the object panel, on the release's own cluster.
    panel.get_by_role("tab", name="Resources").click()
    panel.get_by_role("button", name=f"Deployment shop/{releases.RELEASE}").click()
    objects = page.locator(f'[data-testid="object-panel"][data-cluster-id="{GAMMA}"]')
    expect(objects).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(objects).to_contain_text(f"Deployment shop/{releases.RELEASE}")
    photograph(page, "helm-resource-opened", objects)
    objects.get_by_role("button", name="Close object").click()

    panel.get_by_role("button", name="Uninstall…").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Uninstall release shop/{releases.RELEASE} (revision")
    expect(dialog).to_contain_text("on cluster arn:aws:eks:eu-west-1:123456789012:cluster/gamma?")
    photograph(page, "helm-uninstall-confirm", dialog)
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)
    assert refused == []
