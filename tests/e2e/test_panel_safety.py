"""The object panel's dangerous actions on real clusters, in Chromium: Scale starts at the
object's real replicas and confirms `3 → 1` naming the cluster; Restart and Drain confirm (Drain
with kubectl's options); Cordon/Uncordon follow the node's state; a frozen cluster's actions are
disabled with the reason.

Every dialog is also photographed at 1600×1000 and 1100×700, light and dark, and checked to fit
the window (screenshots in test-artifacts/panel-safety/, gitignored).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
    apply,
    beta_row,
    each_size_and_theme,
    own_namespace,
    screenshot,
    web_deployment,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "panel-safety"
NODE = "kwok-node-1"
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""
CHANGE_TIMEOUT_MS = 60_000
"""An action's effect reaching the panel: the API server, the watch, the doorbell, the refetch."""
FREEZE_NOTICED_TIMEOUT_MS = 90_000
"""A hang guard, not a timing assertion: until cluster health is pushed on the catalog stream,
the UI learns of a frozen API server from the diagnostics poll and the snapshots (tens of s)."""


@pytest.fixture
def web_namespace(clusters: ClusterEnv) -> Iterator[str]:
    """A namespace of this test's own on beta with Deployment `web` at 3 replicas."""
    with own_namespace(clusters, "beta", "panel") as namespace:
        apply(clusters, "beta", web_deployment(namespace, 3))
        yield namespace


def open_from_table(
    page: Page, app: RunningApp, view: str, grid: str, text: str, kind: str = ""
) -> Locator:
    """Opens beta's row containing `text` (of `kind`, in a view of several) and returns its panel."""
    beta_row(page, app, view, grid, text, kind, timeout_ms=LOAD_TIMEOUT_MS).click()
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    expect(panel).to_be_visible()
    return panel


def photograph_dialog(page: Page, name: str) -> None:
    """The open dialog at each size and theme, each time checked to fit inside the window."""
    dialog = page.get_by_role("alertdialog")
    for width, height, theme in each_size_and_theme(page):
        box = dialog.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0, (name, width, theme, box)
        assert box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        overflowing = dialog.evaluate(
            "d => [d, ...d.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX !== 'visible').map(e => e.outerHTML.slice(0, 80))"
        )
        assert overflowing == [], (name, width, theme, overflowing)
        screenshot(page, ARTIFACTS, name, width, height, theme)


def replicas_of(clusters: ClusterEnv, namespace: str) -> int:
    done = clusters.admin_kubectl(
        "beta", "get", "deployment", "web", "-n", namespace, "-o", "jsonpath={.spec.replicas}"
    )
    return int(done.stdout)


def until(predicate: Callable[[], bool], within_s: float, what: str) -> None:
    deadline = time.monotonic() + within_s
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not hold within {within_s:g}s")
        time.sleep(0.2)


def test_scale_starts_at_the_real_replicas_and_confirms_3_to_1_on_beta(
    page: Page, app: RunningApp, clusters: ClusterEnv, web_namespace: str
) -> None:
    namespace = web_namespace
    panel = open_from_table(page, app, "workloads", "Workloads", namespace, "Deployment")
    replicas = panel.get_by_role("spinbutton", name="Replicas")
    expect(replicas).to_have_value("3", timeout=LOAD_TIMEOUT_MS)

    replicas.fill("1")
    scale = panel.get_by_role("button", name="Scale", exact=True)
    expect(scale).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    scale.click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Scale Deployment {namespace}/web on cluster beta?")
    expect(dialog.get_by_test_id("replica-change")).to_have_text("Replicas: 3 → 1")
    photograph_dialog(page, "scale")
    assert replicas_of(clusters, namespace) == 3  # nothing happens before the confirmation

    dialog.get_by_role("button", name="Scale on beta").click()
    done = panel.get_by_role("status").filter(has_text="to 1 replica")
    expect(done).to_have_count(1, timeout=CHANGE_TIMEOUT_MS)
    assert replicas_of(clusters, namespace) == 1
    expect(replicas).to_have_value("1", timeout=CHANGE_TIMEOUT_MS)

    replicas.fill("0")
    scale.click()
    expect(dialog).to_contain_text(f"This stops every pod of Deployment {namespace}/web")
    photograph_dialog(page, "scale-to-zero")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)

    # The box follows the object when it changes elsewhere.
    clusters.admin_kubectl("beta", "scale", "deployment", "web", "-n", namespace, "--replicas=2")
    expect(replicas).to_have_value("2", timeout=CHANGE_TIMEOUT_MS)

    panel.get_by_role("button", name="Restart", exact=True).click()
    expect(dialog).to_contain_text(f"Restart Deployment {namespace}/web on cluster beta?")
    photograph_dialog(page, "restart")
    dialog.get_by_role("button", name="Cancel").click()

    panel.get_by_role("button", name="Delete", exact=True).click()
    expect(dialog).to_contain_text(f"Delete Deployment {namespace}/web on cluster beta?")
    photograph_dialog(page, "delete")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)


def test_drain_offers_kubectls_options_and_cordon_follows_the_node(
    page: Page, app: RunningApp, clusters: ClusterEnv
) -> None:
    panel = open_from_table(page, app, "nodes", "Nodes", NODE)
    cordon = panel.get_by_role("button", name="Cordon", exact=True)
    uncordon = panel.get_by_role("button", name="Uncordon", exact=True)
    expect(cordon).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    expect(uncordon).to_be_disabled()
    expect(uncordon).to_have_attribute("title", "The node is not cordoned.")

    panel.get_by_role("button", name="Drain", exact=True).click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Drain Node {NODE} on cluster beta?")
    for option in ("Force", "Delete emptyDir data", "Ignore DaemonSets"):
        expect(dialog.get_by_role("checkbox", name=option)).to_be_visible()
    expect(dialog.get_by_role("spinbutton", name="Grace period")).to_be_visible()
    expect(dialog.get_by_role("spinbutton", name="Timeout")).to_have_value("120")
    photograph_dialog(page, "drain")
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_have_count(0)

    try:
        cordon.click()
        expect(uncordon).to_be_enabled(timeout=CHANGE_TIMEOUT_MS)
        expect(cordon).to_be_disabled()
        expect(cordon).to_have_attribute("title", "The node is already cordoned.")
        uncordon.click()
        expect(cordon).to_be_enabled(timeout=CHANGE_TIMEOUT_MS)
        expect(uncordon).to_be_disabled()
    finally:
        clusters.admin_kubectl("beta", "uncordon", NODE, check=False)


def test_a_frozen_clusters_actions_are_disabled_with_the_reason(
    page: Page, app: RunningApp, clusters: ClusterEnv
) -> None:
    panel = open_from_table(page, app, "nodes", "Nodes", NODE)
    drain = panel.get_by_role("button", name="Drain", exact=True)
    expect(drain).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    blocked = panel.get_by_test_id("actions-blocked")

    with clusters.frozen("beta"):
        expect(blocked).to_contain_text("Cluster beta is", timeout=FREEZE_NOTICED_TIMEOUT_MS)
        expect(drain).to_be_disabled()
        # the notice and the button's tooltip are read together: the state moves on (stale,
        # then timing out) between two separate reads
        page.wait_for_function(
            """panel => {
                const blocked = panel.querySelector('[data-testid="actions-blocked"]');
                const drain = [...panel.querySelectorAll('button')]
                    .find(b => b.textContent.trim() === 'Drain');
                return blocked && drain && blocked.textContent.trim() === drain.title;
            }""",
            arg=panel.element_handle(),
            timeout=FREEZE_NOTICED_TIMEOUT_MS,
        )
        reason = blocked.inner_text()
        assert any(state in reason for state in ("timing out", "unreachable", "stale")), reason
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "frozen.png"))

    expect(blocked).to_have_count(0, timeout=FREEZE_NOTICED_TIMEOUT_MS)
    expect(drain).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
