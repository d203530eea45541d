"""The object panel against real clusters: a pod with the same name in alpha and beta, opened from
the aggregated pods table on beta, its YAML viewed, deleted after a confirmation that names the
cluster — and alpha's namesake untouched.

Screenshots go to test-artifacts/object-panel/ (gitignored).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.app_process import RunningApp, bridge
from tests.clusters.env import ClusterEnv
from tests.e2e import support
from tests.e2e.support import (
    ALPHA,
    BETA,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "object-panel"
NAMESPACE = "shop"
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""
DELETE_TIMEOUT_MS = 60_000
"""The pod's deletion, then the watch event that removes its row."""


@pytest.fixture
def namesake_pods(clusters: ClusterEnv) -> Iterator[str]:
    """A throwaway pod of the same name in `shop` on alpha and on beta."""
    name = f"panel-{uuid.uuid4().hex[:8]}"
    with support.namesake_pods(clusters, name, "registry.example/panel:1", NAMESPACE):
        yield name


def pod_exists(clusters: ClusterEnv, cluster: str, name: str) -> bool:
    done = clusters.admin_kubectl(
        cluster, "get", "pod", name, "-n", NAMESPACE, "--ignore-not-found", "-o", "name"
    )
    return done.stdout.strip() != ""


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_delete_betas_pod_from_the_panel_leaves_alphas_namesake(
    page: Page, app: RunningApp, clusters: ClusterEnv, namesake_pods: str
) -> None:
    name = namesake_pods
    bridge(app, "set_selection", [ALPHA, BETA])
    page.set_viewport_size({"width": 1500, "height": 900})
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")

    grid = page.get_by_role("grid", name="Pods")
    page.get_by_role("searchbox", name="Filter").fill(name)
    # the filter applies after a short pause (a new query reloads the rows): wait for it, or
    # the click below may land on a row that is being replaced
    expect(page.get_by_role("button", name="Clear filters")).to_be_visible()
    rows = grid.locator("tbody tr").filter(has_text=name)
    beta_row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="beta"))
    alpha_row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="alpha"))
    expect(beta_row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    expect(alpha_row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)

    beta_row.click()  # one click opens the panel
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    expect(panel).to_be_visible()
    expect(panel.get_by_test_id("object-cluster")).to_have_text("beta")
    expect(panel.get_by_role("heading")).to_have_text(f"Pod {NAMESPACE}/{name}")

    panel.get_by_role("tab", name="YAML").click()
    yaml_view = panel.get_by_test_id("object-yaml")
    expect(yaml_view).to_contain_text(f"name: {name}", timeout=LOAD_TIMEOUT_MS)
    expect(yaml_view).to_contain_text(f"namespace: {NAMESPACE}")
    screenshot(page, "yaml")

    delete = panel.get_by_role("button", name="Delete", exact=True)
    expect(delete).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    delete.click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Delete Pod {NAMESPACE}/{name} on cluster beta?")
    screenshot(page, "delete-confirmation")
    dialog.get_by_role("button", name="Delete on beta").click()

    expect(panel.get_by_role("status")).to_contain_text(name, timeout=LOAD_TIMEOUT_MS)
    expect(beta_row).to_have_count(0, timeout=DELETE_TIMEOUT_MS)
    expect(alpha_row).to_have_count(1)
    screenshot(page, "after-delete")
    assert pod_exists(clusters, "alpha", name)
