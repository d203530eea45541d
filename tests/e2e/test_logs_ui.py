"""Logs where the work is, on real clusters in Chromium: a Deployment's Logs tab shows lines from
all its pods; the session moves to the Logs view and survives a trip to another view (lines,
filter, follow state, scroll position); the pod picker reaches every pod at 1100×700 by scrolling.

Screenshots of the Logs tab and the Logs view at 1600×1000 and 1100×700, light and dark, go to
/tmp/shots-logs/ (each checked to fit the window, with nothing cut off sideways).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
    apply,
    each_size_and_theme,
    own_namespace,
    screenshot,
    set_size,
    web_deployment,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

SHOTS = Path("/tmp/shots-logs")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""
LINES_TIMEOUT_MS = 60_000
"""A hang guard: three pods' follows opened and their first lines through the merge."""
OVERFLOWING = (
    "root => [root, ...root.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1"
    " && !['visible', 'auto', 'scroll'].includes(getComputedStyle(e).overflowX)"
    " && !e.closest('.log-viewer__lines')).map(e => e.outerHTML.slice(0, 100))"
)
"""Elements whose content is cut off sideways (the lines area scrolls sideways by design)."""


@pytest.fixture
def web_namespace(clusters: ClusterEnv) -> Iterator[str]:
    """A namespace of this test's own on beta with Deployment `web` at 3 replicas."""
    with own_namespace(clusters, "beta", "logs") as namespace:
        apply(clusters, "beta", web_deployment(namespace, 3))
        yield namespace


MANY_PODS = 33
"""As many pods as the issue's picker could not show."""


@pytest.fixture
def many_pods(clusters: ClusterEnv) -> Iterator[str]:
    """A namespace of this test's own on alpha with 33 pods (a Deployment), its name returned."""
    with own_namespace(clusters, "alpha", "picker") as namespace:
        yield many_pods_in(clusters, namespace)


def many_pods_in(clusters: ClusterEnv, namespace: str) -> str:
    deployment = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "many", "namespace": namespace},
        "spec": {
            "replicas": MANY_PODS,
            "selector": {"matchLabels": {"app": "many"}},
            "template": {
                "metadata": {"labels": {"app": "many"}},
                "spec": {
                    "containers": [{"name": "app", "image": "registry.example/app:1"}],
                    "terminationGracePeriodSeconds": 0,
                },
            },
        },
    }
    apply(clusters, "alpha", deployment)
    clusters.admin_kubectl(
        "alpha", "rollout", "status", "deployment/many", "-n", namespace, "--timeout=120s"
    )
    return namespace


def pods_of(clusters: ClusterEnv, cluster: str, namespace: str | None = None) -> set[str]:
    where = ["-n", namespace] if namespace else ["-A"]
    done = clusters.admin_kubectl(
        cluster, "get", "pods", *where, "-o", "jsonpath={.items[*].metadata.name}"
    )
    return set(done.stdout.split())


def photograph(page: Page, name: str, region: Locator) -> None:
    """The page at each size and theme; `region` must fit the window and cut nothing off."""
    for width, height, theme in each_size_and_theme(page):
        box = region.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0, (name, width, theme, box)
        assert box["x"] + box["width"] <= width + 1, (name, width, theme, box)
        assert box["y"] + box["height"] <= height + 1, (name, width, theme, box)
        assert region.evaluate(OVERFLOWING) == [], (name, width, theme)
        screenshot(page, SHOTS, name, width, height, theme)


def shown_pods(viewer: Locator) -> set[str]:
    """The pods of the lines shown, read from each line's full source (its tooltip)."""
    sources = viewer.locator(".log-line__source").evaluate_all("els => els.map(e => e.title)")
    return {source.split(" ", 1)[1].split("/")[1] for source in sources}


def test_a_deployments_logs_tab_follows_every_pod_and_the_session_survives_views(
    page: Page, app: RunningApp, clusters: ClusterEnv, web_namespace: str
) -> None:
    namespace = web_namespace
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/workloads'")
    page.get_by_role("searchbox", name="Filter").fill(namespace)
    row = page.get_by_role("grid", name="Workloads").locator("tbody tr").filter(has_text=namespace)
    row = row.filter(has=page.locator('td[data-column="kind"]', has_text="Deployment"))
    expect(row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    row.click()  # one click opens the panel
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    panel.get_by_role("tab", name="Logs").click()
    viewer = panel.get_by_test_id("log-viewer")

    pods = pods_of(clusters, "beta", namespace)
    assert len(pods) == 3
    expect(viewer.locator(".log-line").first).to_be_visible(timeout=LINES_TIMEOUT_MS)
    page.wait_for_function(
        "n => new Set([...document.querySelectorAll('[data-testid=object-panel] .log-line__source')]"
        ".map(e => e.title.split(' ')[1].split('/')[1])).size >= n",
        arg=3,
        timeout=LINES_TIMEOUT_MS,
    )
    assert shown_pods(viewer) == pods
    photograph(page, "logs-tab", panel)

    # Into the Logs view; away to another view and back: the same session, lines and filter.
    panel.get_by_role("button", name="Open in Logs view").click()
    view = page.locator('[data-view="logs"]')
    expect(view.get_by_role("tab", name="web")).to_be_visible()
    view.get_by_role("searchbox", name="Filter lines").fill("seq=")
    view.get_by_role("button", name="Following").click()  # stop following, then scroll up
    lines_area = view.get_by_role("log", name="Log lines")
    lines_area.evaluate("e => { e.scrollTop = 240; }")
    page.wait_for_function(
        "() => document.querySelector('[data-view=logs] [role=log]').scrollTop === 240"
    )
    # The panel beside the view shows the same session; reading it there moves its own lines
    # only, not the place the Logs view comes back to.
    panel_lines = panel.get_by_role("log", name="Log lines")
    panel_lines.evaluate("e => { e.scrollTop = 0; }")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=object-panel] [role=log]').scrollTop === 0"
    )
    count_before = view.get_by_test_id("log-line-count").inner_text()
    page.evaluate("window.location.hash = '#/pods'")
    expect(view).to_have_count(0)
    page.evaluate("window.location.hash = '#/logs'")
    expect(view.get_by_role("tab", name="web")).to_be_visible()
    expect(view.get_by_role("searchbox", name="Filter lines")).to_have_value("seq=")
    expect(view.get_by_role("button", name="Follow", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    assert lines_area.evaluate("e => e.scrollTop") == 240  # where it was left
    view.get_by_role("button", name="Follow", exact=True).click()
    assert shown_pods(view.get_by_test_id("log-viewer")) == pods
    count_after = view.get_by_test_id("log-line-count").inner_text()
    assert int(count_after.split()[-2]) >= int(count_before.split()[-2])  # it kept following
    photograph(page, "logs-view", view)


def test_the_picker_reaches_every_pod_at_1100x700(
    page: Page, app: RunningApp, clusters: ClusterEnv, many_pods: str
) -> None:
    page.set_viewport_size({"width": 1100, "height": 700})
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/logs'")
    page.get_by_role("button", name="+ New session").click()
    page.get_by_role("searchbox", name="Find pods").fill(many_pods)
    listing = page.get_by_role("region", name="Pods")
    expect(listing).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expected = pods_of(clusters, "alpha", many_pods)
    assert len(expected) == MANY_PODS
    pods = listing.locator(".log-picker__pod")
    expect(pods).to_have_count(MANY_PODS, timeout=LOAD_TIMEOUT_MS)
    assert set(pods.all_inner_texts()) == expected
    box = listing.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 700

    last = pods.last
    assert not last.evaluate(
        "e => { const r = e.getBoundingClientRect(), l = e.closest('section').getBoundingClientRect();"
        " return r.bottom <= l.bottom; }"
    ), "every pod fits without scrolling: the test would prove nothing"
    listing.hover()
    for _ in range(200):
        page.mouse.wheel(0, 400)
        if listing.evaluate("l => l.scrollTop + l.clientHeight >= l.scrollHeight - 1"):
            break
    assert last.evaluate(
        "e => { const r = e.getBoundingClientRect(), l = e.closest('section').getBoundingClientRect();"
        " return r.top >= l.top && r.bottom <= l.bottom + 1; }"
    ), "the wheel did not bring the last pod into view"
    last.locator("input").check()
    expect(page.get_by_role("button", name="Clear selection (1)")).to_be_visible()
