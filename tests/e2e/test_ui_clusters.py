"""The UI against real clusters: cluster picker, aggregated pods table, Clusters filter, per-cluster
namespaces, the duplicate-context rule, merged logs, and a frozen cluster's chip.

Runs the headless app on the session's clusters (alpha, beta, gamma) and drives it with Chromium.
Screenshots of the main views go to test-artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "ui-clusters"
STAGING_DEV = "dev.yaml:staging"
DUPLICATE_TOOLTIP = "`staging` is already active. Duplicate context names are not allowed."
LOAD_TIMEOUT_MS = 30_000
"""Cold caches of three clusters on a loaded 2-core machine: the first rows can take a while."""
FROZEN_NOTICE_TIMEOUT_MS = 60_000
"""A bound, not a wait: the catalog stream pushes a freeze within seconds (goal 5 s, benchmarked
in docs/benchmarks.md); a loaded 2-core machine can be much slower."""


@pytest.fixture
def ui(page: Page, app: RunningApp) -> Page:
    page.set_viewport_size({"width": 1500, "height": 900})
    return page


def select(app: RunningApp, cluster_ids: list[str]) -> None:
    """Set the selection through the bridge (test set-up; the first test uses the picker)."""
    request = urllib.request.Request(
        f"{app.base}/api/v1/bridge/set_selection",
        data=json.dumps({"args": [cluster_ids]}).encode(),
        headers={**app.auth, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert json.load(answer)["selectedClusterIds"] == cluster_ids


def open_view(page: Page, app: RunningApp, view: str) -> None:
    page.goto(app.url)
    page.evaluate(f"window.location.hash = '#/{view}'")


def screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def cluster_cells(grid: Locator) -> Locator:
    return grid.locator('td[data-column="clusterName"]')


def expect_clusters_in(grid: Locator, names: set[str], title: str = "Pods") -> None:
    """Wait until the rendered rows of the grid `title` belong to exactly these clusters."""
    expect(cluster_cells(grid).first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    grid.page.wait_for_function(
        """([selector, names]) => {
            const seen = new Set([...document.querySelectorAll(selector)]
                .map((cell) => cell.textContent.replace(/stale$/, '')));
            return names.length === seen.size && names.every((name) => seen.has(name));
        }""",
        arg=[f'[aria-label="{title}"] td[data-column="clusterName"]', sorted(names)],
        timeout=LOAD_TIMEOUT_MS,
    )


def test_select_two_clusters_in_the_picker_and_see_both_in_the_pods_table(
    ui: Page, app: RunningApp
) -> None:
    select(app, [])
    open_view(ui, app, "pods")
    expect(ui.get_by_test_id("selection-label")).to_have_text("No cluster selected")

    ui.get_by_test_id("cluster-picker").click()
    dev = ui.get_by_role("dialog", name="Kubeconfig contexts").get_by_role("group", name="dev.yaml")
    dev.get_by_role("checkbox", name="alpha", exact=True).check()
    expect(ui.get_by_test_id("selection-label")).to_have_text("alpha")
    dev.get_by_role("checkbox", name="beta", exact=True).check()
    expect(ui.get_by_test_id("selection-label")).to_have_text("alpha, beta")
    screenshot(ui, "cluster-picker")
    ui.keyboard.press("Escape")

    grid = ui.get_by_role("grid", name="Pods")
    expect(grid.get_by_role("columnheader", name="Cluster", exact=True)).to_be_visible()
    expect_clusters_in(grid, {"alpha", "beta"})
    expect(ui.get_by_test_id("cluster-summary")).to_have_text("2 of 2 clusters")
    # The seeded Deployment `web` exists in both clusters: same names, told apart by the column.
    web_rows = grid.locator("tbody tr").filter(has_text=re.compile(r"web-[0-9a-f]+-"))
    expect(
        web_rows.filter(has=ui.locator('td[data-column="clusterName"]', has_text="alpha")).first
    ).to_be_visible()
    expect(
        web_rows.filter(has=ui.locator('td[data-column="clusterName"]', has_text="beta")).first
    ).to_be_visible()
    screenshot(ui, "pods-two-clusters")


def test_clusters_filter_narrows_the_table(ui: Page, app: RunningApp) -> None:
    select(app, [ALPHA, BETA])
    open_view(ui, app, "pods")
    grid = ui.get_by_role("grid", name="Pods")
    expect_clusters_in(grid, {"alpha", "beta"})

    ui.get_by_role("button", name="Clusters: All clusters").click()
    ui.get_by_role("group", name="Clusters").get_by_role(
        "checkbox", name="beta", exact=True
    ).check()
    expect_clusters_in(grid, {"beta"})
    screenshot(ui, "pods-clusters-filter")

    ui.get_by_role("group", name="Clusters").get_by_role(
        "checkbox", name="beta", exact=True
    ).uncheck()
    expect_clusters_in(grid, {"alpha", "beta"})


def test_one_namespace_list_per_cluster(ui: Page, app: RunningApp) -> None:
    select(app, [ALPHA, BETA])
    open_view(ui, app, "pods")
    alpha = ui.get_by_role("region", name="Namespaces of alpha")
    beta = ui.get_by_role("region", name="Namespaces of beta")
    for section in (alpha, beta):
        for namespace in ("shop", "team-a", "team-b"):
            expect(section.get_by_role("button", name=namespace, exact=True)).to_be_visible(
                timeout=LOAD_TIMEOUT_MS
            )

    # Choosing `shop` in beta narrows beta's rows only.
    beta.get_by_role("button", name="shop", exact=True).click()
    expect(beta.get_by_role("button", name="shop", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(alpha.get_by_role("button", name="shop", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    grid = ui.get_by_role("grid", name="Pods")
    ui.wait_for_function(
        """() => {
            const rows = [...document.querySelectorAll('[aria-label="Pods"] tbody tr')];
            const of = (name) => rows.filter((row) =>
                row.querySelector('td[data-column="clusterName"]')?.textContent === name);
            const ns = (row) => row.querySelector('td[data-column="namespace"]')?.textContent;
            const beta = of('beta'), alpha = of('alpha');
            return beta.length > 0 && beta.every((row) => ns(row) === 'shop')
                && alpha.some((row) => ns(row) !== 'shop');
        }""",
        timeout=LOAD_TIMEOUT_MS,
    )
    screenshot(ui, "namespaces-per-cluster")
    beta.get_by_role("button", name="All namespaces").click()
    expect_clusters_in(grid, {"alpha", "beta"})

    # With one cluster the list is flat.
    select(app, [ALPHA])
    open_view(ui, app, "pods")
    sidebar = ui.get_by_role("region", name="Namespaces", exact=True)
    expect(sidebar.get_by_role("button", name="team-a", exact=True)).to_be_visible(
        timeout=LOAD_TIMEOUT_MS
    )
    expect(ui.get_by_role("region", name="Namespaces of alpha")).to_have_count(0)


def test_duplicate_context_is_disabled_with_the_tooltip(ui: Page, app: RunningApp) -> None:
    select(app, [STAGING_DEV])
    open_view(ui, app, "pods")
    expect(ui.get_by_test_id("selection-label")).to_have_text("staging")
    ui.get_by_test_id("cluster-picker").click()
    dialog = ui.get_by_role("dialog", name="Kubeconfig contexts")

    duplicate = dialog.get_by_role("group", name="prod.yaml").get_by_role(
        "checkbox", name="staging", exact=True
    )
    expect(duplicate).to_be_disabled()
    expect(duplicate).to_have_attribute("title", DUPLICATE_TOOLTIP)
    expect(duplicate).to_have_attribute("aria-description", DUPLICATE_TOOLTIP)
    expect(duplicate.locator("xpath=ancestor::label")).to_have_attribute("title", DUPLICATE_TOOLTIP)
    active = dialog.get_by_role("group", name="dev.yaml").get_by_role(
        "checkbox", name="staging", exact=True
    )
    expect(active).to_be_checked()
    expect(active).to_be_enabled()
    duplicate.locator("xpath=ancestor::label").hover()
    screenshot(ui, "duplicate-context-disabled")


def test_logs_view_merges_lines_from_two_clusters(ui: Page, app: RunningApp) -> None:
    select(app, [ALPHA, BETA])
    open_view(ui, app, "logs")
    ui.get_by_role("button", name="+ New session").click()
    ui.get_by_role("searchbox", name="Find pods").fill("web-")
    pods = ui.get_by_role("region", name="Pods")
    # One `shop/web-…` pod of each cluster: the same Deployment, two clusters, one stream.
    for name in ("alpha", "beta"):
        group = pods.get_by_role("group", name=re.compile(rf"^{name} shop\b"))
        pod = group.get_by_role("checkbox", name=re.compile(r"^web-")).first
        expect(pod).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        pod.check()

    lines = ui.get_by_role("log", name="Log lines")
    for name, cluster_id in (("alpha", ALPHA), ("beta", BETA)):
        line = lines.locator(f'.log-line[data-cluster-id="{cluster_id}"]').first
        expect(line).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        # The prefix names the line's own cluster (its chip; the full source in the tooltip): the
        # seeded lines end with `cluster=<name> seq=<n>`.
        source = line.locator(".log-line__source")
        expect(source.locator(".log-chip")).to_have_text(name)
        expect(source).to_have_attribute("title", re.compile(rf"^{cluster_id} shop\/web-"))
        expect(line.locator(".log-line__text")).to_contain_text(f"cluster={name}")
    ui.wait_for_function(
        """() => {
            const ids = [...document.querySelectorAll('.log-line')].map((l) => l.dataset.clusterId);
            return new Set(ids).size === 2;
        }""",
        timeout=LOAD_TIMEOUT_MS,
    )
    screenshot(ui, "logs-two-clusters")

    ui.get_by_role("searchbox", name="Filter lines").fill("cluster=beta")
    expect(lines.locator(f'.log-line[data-cluster-id="{ALPHA}"]')).to_have_count(0)
    expect(lines.locator(f'.log-line[data-cluster-id="{BETA}"]').first).to_be_visible()


def test_frozen_cluster_shows_its_chip_while_the_other_rows_stay(
    ui: Page, app: RunningApp, clusters: ClusterEnv
) -> None:
    """The catalog stream pushes beta's freeze (`event: cluster`); the chip, the namespace sidebar
    and the diagnostics then say the same word and the same sentence, and `ready` after the thaw."""
    select(app, [ALPHA, BETA])
    open_view(ui, app, "pods")
    grid = ui.get_by_role("grid", name="Pods")
    expect_clusters_in(grid, {"alpha", "beta"})
    beta_chip = ui.get_by_test_id("cluster-chips").locator(f'[data-cluster-id="{BETA}"]')
    expect(beta_chip).to_have_attribute("data-status", "ready")
    ui.get_by_role("button", name="Diagnostics").click()
    diagnostics = ui.get_by_test_id("diagnostics-panel").get_by_role(
        "region", name="Diagnostics of beta"
    )
    expect(diagnostics).to_have_attribute("data-status", "ready", timeout=LOAD_TIMEOUT_MS)
    sidebar = ui.get_by_role("region", name="Namespaces of beta")

    with clusters.frozen("beta"):
        expect(beta_chip).to_have_attribute(
            "data-status", "timeout", timeout=FROZEN_NOTICE_TIMEOUT_MS
        )
        expect(ui.get_by_test_id("cluster-summary")).to_have_text("1 of 2 clusters — beta timeout")
        expect(beta_chip.locator(".cluster-chip__status")).to_have_text("timeout")
        sentence = beta_chip.locator(".cluster-chip__message").inner_text()
        assert "did not answer within 2.5 s" in sentence
        expect(sidebar.get_by_test_id("namespace-cluster-status")).to_have_text(
            f"timeout: {sentence}"
        )
        expect(diagnostics.get_by_test_id("diagnostics-status")).to_have_text("timeout")
        expect(diagnostics.locator(".diagnostics__message")).to_have_text(sentence)
        alpha_chip = ui.get_by_test_id("cluster-chips").locator(f'[data-cluster-id="{ALPHA}"]')
        expect(alpha_chip).to_have_attribute("data-status", "ready")
        expect(cluster_cells(grid).filter(has_text="alpha").first).to_be_visible()
        screenshot(ui, "pods-beta-frozen")

    expect(beta_chip).to_have_attribute("data-status", "ready", timeout=FROZEN_NOTICE_TIMEOUT_MS)
    expect(sidebar.get_by_test_id("namespace-cluster-status")).to_have_count(0)
    expect(diagnostics.get_by_test_id("diagnostics-status")).to_have_text("ready")


def test_main_views_render_with_both_clusters(ui: Page, app: RunningApp) -> None:
    """Every view shows its rows (or its live stream) for two clusters; one screenshot each."""
    select(app, [ALPHA, BETA])
    for view, title in (
        ("overview", "Cluster overview"),
        ("nodes", "Nodes"),
        ("workloads", "Workloads"),
        ("config", "Config"),
        ("network", "Network"),
        ("storage", "Storage"),
        ("custom-resources", "Custom resources"),
        ("events", "Events"),
        ("browse", "Browse"),
    ):
        open_view(ui, app, view)
        grid = ui.get_by_role("grid", name=title)
        expect(cluster_cells(grid).filter(has_text="alpha").first).to_be_visible(
            timeout=LOAD_TIMEOUT_MS
        )
        expect(cluster_cells(grid).filter(has_text="beta").first).to_be_visible(
            timeout=LOAD_TIMEOUT_MS
        )
        screenshot(ui, view)

    open_view(ui, app, "pods")
    ui.get_by_role("button", name="Diagnostics").click()
    panel = ui.get_by_test_id("diagnostics-panel")
    expect(panel.get_by_role("region", name="Diagnostics of alpha")).to_be_visible(
        timeout=LOAD_TIMEOUT_MS
    )
    expect(panel.get_by_role("region", name="Diagnostics of beta")).to_be_visible()
    ui.get_by_role("button", name="Use dark theme").click()
    screenshot(ui, "diagnostics-dark")
