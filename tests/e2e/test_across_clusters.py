"""Across clusters in Chromium, on the real clusters: compare, drift, bulk delete, and clusters
you cannot hurt by accident (read-only disables the actions; confirm asks the cluster's name).

Each test works on Deployments `web` in a namespace of its own on alpha and beta, identical but
for what the test changes. Screenshots at 1600×1000 and 1100×700, light and dark, go to
/tmp/shots-compare/.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
    apply,
    each_size_and_theme,
    screenshot,
    set_size,
    web_deployment,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

SHOTS = Path("/tmp/shots-compare")
LOAD_TIMEOUT_MS = 30_000
CHANGE_TIMEOUT_MS = 60_000


@pytest.fixture
def twins(clusters: ClusterEnv, app: RunningApp) -> Iterator[str]:
    """A namespace of the test's own on alpha and beta, each with the same Deployment `web`."""
    namespace = f"across-{uuid.uuid4().hex[:8]}"
    deployment = web_deployment(namespace, 2, labels={"app": "web"})
    for cluster in ("alpha", "beta"):
        clusters.create_namespace(cluster, namespace)
        apply(clusters, cluster, deployment)
    yield namespace
    rules(app, [])
    for cluster in ("alpha", "beta"):
        clusters.admin_kubectl(
            cluster, "delete", "namespace", namespace, "--wait=false", "--ignore-not-found"
        )


def rules(app: RunningApp, entries: list[dict[str, str]]) -> None:
    answer = httpx.put(
        f"{app.base}/api/v1/cluster-settings",
        json={"rules": entries},
        headers=app.auth,
        timeout=30,
    )
    answer.raise_for_status()


def photograph(page: Page, name: str, fits: Locator | None = None) -> None:
    for width, height, theme in each_size_and_theme(page):
        if fits is not None:
            box = fits.bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (name, width, box)
        screenshot(page, SHOTS, name, width, height, theme)


def workload_rows(page: Page, app: RunningApp, namespace: str) -> Locator:
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/workloads'")
    page.get_by_role("searchbox", name="Filter").fill(namespace)
    rows = (
        page.get_by_role("grid", name="Workloads")
        .locator("tbody tr")
        .filter(has_text=namespace)
        .filter(has=page.locator('td[data-column="kind"]', has_text="Deployment"))
    )
    expect(rows).to_have_count(2, timeout=LOAD_TIMEOUT_MS)
    return rows


def row_of(page: Page, rows: Locator, cluster: str) -> Locator:
    return rows.filter(has=page.locator('td[data-column="clusterName"]', has_text=cluster))


def open_panel(page: Page, rows: Locator, cluster: str, cluster_id: str) -> Locator:
    """Panels of earlier tests are restored with the window; this one is told by its label."""
    namespace = rows.first.locator('td[data-column="namespace"]').inner_text()
    panel = page.locator(
        f'[data-testid="object-panel"][data-cluster-id="{cluster_id}"]'
        f'[aria-label="Deployment {namespace}/web on {cluster}"]'
    )
    row_of(page, rows, cluster).locator('td[data-column="name"]').click()  # one click opens
    expect(panel).to_be_visible()
    return panel


def test_compare_shows_exactly_the_image_changed_in_beta(
    page: Page, app: RunningApp, clusters: ClusterEnv, twins: str
) -> None:
    clusters.admin_kubectl(
        "beta", "set", "image", "deployment/web", "-n", twins, "web=registry.example/web:2"
    )
    rows = workload_rows(page, app, twins)
    panel = open_panel(page, rows, "alpha", ALPHA)
    panel.get_by_test_id("compare-open").click()
    dialog = page.get_by_role("dialog")
    paths = dialog.get_by_test_id("compare-paths")
    expect(paths.locator("caption")).to_have_text("1 differing paths", timeout=LOAD_TIMEOUT_MS)
    expect(paths.locator("tbody tr")).to_have_count(1)
    expect(paths.locator("tbody tr td").nth(0)).to_have_text(
        "spec.template.spec.containers.0.image"
    )
    expect(paths.locator("tbody tr td").nth(1)).to_have_text("registry.example/web:1")
    expect(paths.locator("tbody tr td").nth(2)).to_have_text("registry.example/web:2")
    expect(dialog.get_by_test_id("code-diff")).to_be_visible()
    photograph(page, "compare", dialog)

    dialog.get_by_role("checkbox", name="Show status and server-set fields").check()
    expect(paths.locator("tbody tr").filter(has_text="metadata.uid")).to_have_count(1)

    # Any object by choice: a name beta does not have is told as missing, not as a difference.
    dialog.get_by_role("checkbox", name="Show status and server-set fields").uncheck()
    dialog.get_by_role("textbox", name="Name on beta").fill("web-v2")
    expect(dialog.get_by_test_id("compare-missing")).to_contain_text(
        '"web-v2" not found', timeout=LOAD_TIMEOUT_MS
    )


def test_drift_shows_the_image_difference_most_different_first(
    page: Page, app: RunningApp, clusters: ClusterEnv, twins: str
) -> None:
    clusters.admin_kubectl(
        "beta", "set", "image", "deployment/web", "-n", twins, "web=registry.example/web:2"
    )
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/drift'")
    page.get_by_role("textbox", name="Namespace").fill(twins)
    table = page.get_by_test_id("drift-table")
    row = table.get_by_test_id("drift-row").filter(has_text=f"{twins}/web")
    expect(row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    cells = row.locator("td")
    expect(cells.nth(1)).to_have_text("image/web")
    expect(cells.nth(2)).to_contain_text("registry.example/web:1")
    expect(cells.nth(3)).to_contain_text("registry.example/web:2")
    photograph(page, "drift")


def test_a_read_only_cluster_disables_its_actions(
    page: Page, app: RunningApp, clusters: ClusterEnv, twins: str
) -> None:
    rules(app, [{"match": "beta", "protection": "read-only", "color": "#cc0000"}])
    rows = workload_rows(page, app, twins)
    expect(row_of(page, rows, "beta").locator(".protection-mark")).to_have_text("read-only")
    expect(row_of(page, rows, "alpha").locator(".protection-mark")).to_have_count(0)
    beta = open_panel(page, rows, "beta", BETA)
    delete = beta.get_by_role("button", name="Delete", exact=True)
    expect(delete).to_be_disabled(timeout=LOAD_TIMEOUT_MS)
    expect(delete).to_have_attribute("title", "Cluster beta is read-only in Regatta's settings.")
    expect(beta.get_by_test_id("object-cluster")).to_have_css("background-color", "rgb(204, 0, 0)")
    photograph(page, "protected-read-only")


def test_a_confirm_cluster_asks_its_name_before_a_delete(
    page: Page, app: RunningApp, clusters: ClusterEnv, twins: str
) -> None:
    rules(app, [{"match": ALPHA, "protection": "confirm"}])
    rows = workload_rows(page, app, twins)
    alpha = open_panel(page, rows, "alpha", ALPHA)
    alpha.get_by_role("button", name="Delete", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    confirm = dialog.get_by_role("button", name="Delete on alpha")
    expect(confirm).to_be_disabled()
    dialog.get_by_role("textbox", name="Type alpha to confirm").fill("alph")
    expect(confirm).to_be_disabled()
    photograph(page, "protected-confirm", dialog)
    dialog.get_by_role("textbox", name="Type alpha to confirm").fill("alpha")
    confirm.click()
    expect(alpha.get_by_role("status")).to_contain_text("Deleted", timeout=CHANGE_TIMEOUT_MS)
    assert not clusters.admin_kubectl(
        "alpha", "get", "deployment", "web", "-n", twins, "--ignore-not-found", "-o", "name"
    ).stdout.strip()
    assert clusters.admin_kubectl(
        "beta", "get", "deployment", "web", "-n", twins, "-o", "name"
    ).stdout.strip()


def test_bulk_delete_of_rows_from_two_clusters_lists_them_by_cluster(
    page: Page, app: RunningApp, clusters: ClusterEnv, twins: str
) -> None:
    rows = workload_rows(page, app, twins)
    for cluster in ("alpha", "beta"):
        row_of(page, rows, cluster).get_by_test_id("bulk-pick").check()
    bar = page.get_by_test_id("bulk-bar")
    expect(bar).to_contain_text("2 picked in 2 clusters")
    bar.get_by_role("button", name="Delete…").click()
    dialog = page.get_by_role("alertdialog")
    listing = dialog.get_by_test_id("bulk-confirm-list")
    expect(listing).to_contain_text("alpha (1)")
    expect(listing).to_contain_text("beta (1)")
    expect(listing).to_contain_text(f"Deployment {twins}/web")
    photograph(page, "bulk-confirm", dialog)
    dialog.get_by_role("button", name="Delete 2").click()
    results = page.get_by_test_id("bulk-results")
    expect(results).to_contain_text("delete: 2 of 2 done", timeout=CHANGE_TIMEOUT_MS)
    photograph(page, "bulk-results")
    for cluster in ("alpha", "beta"):
        assert not clusters.admin_kubectl(
            cluster, "get", "deployment", "web", "-n", twins, "--ignore-not-found", "-o", "name"
        ).stdout.strip()
