"""Usage in the browser (issue 15) on real clusters: the pod table's CPU and memory columns show
what kwok reports through metrics-server, sort on the server, and the object panel draws a pod's
usage chart with uPlot under the app's CSP.

Screenshots at 1600×1000 and 1100×700, light and dark, go to /tmp/shots-metrics/.
"""

from __future__ import annotations

import json
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
    GAMMA,
    app_on_clusters,
    each_size_and_theme,
    screenshot,
    set_size,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SHOTS = Path("/tmp/shots-metrics")
NAMESPACE = f"usage-ui-{uuid.uuid4().hex[:6]}"
USAGE = {"alpha": "250m", "beta": "100m", "gamma": "400m"}
METRICS_WAIT_S = 180.0
"""metrics-server reports a new pod's CPU after two scrapes, 15 s apart (a hang guard)."""
LOAD_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    for cluster, cpu in USAGE.items():
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {
                "name": "usage",
                "namespace": NAMESPACE,
                "annotations": {
                    "kwok.x-k8s.io/usage-cpu": cpu,
                    "kwok.x-k8s.io/usage-memory": "48Mi",
                },
            },
            "spec": {
                "containers": [
                    {"name": "main", "image": "busybox", "resources": {"requests": {"cpu": "1"}}},
                    {"name": "sidecar", "image": "busybox"},
                ],
                "terminationGracePeriodSeconds": 0,
            },
        }
        namespace = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}}
        clusters.admin_kubectl(
            cluster, "apply", "-f", "-", input=f"{json.dumps(namespace)}\n---\n{json.dumps(pod)}"
        )
    with app_on_clusters(
        clusters, tmp_path_factory, "metrics-ui-config", [ALPHA, BETA, GAMMA]
    ) as running:
        wait_for_usage(running)
        yield running
    for cluster in USAGE:
        clusters.admin_kubectl(cluster, "delete", "namespace", NAMESPACE, "--wait=false")


def wait_for_usage(app: RunningApp) -> None:
    deadline = time.monotonic() + METRICS_WAIT_S
    while time.monotonic() < deadline:
        answer = httpx.get(
            f"{app.base}/api/v1/snapshots/pods",
            params={"namespace": NAMESPACE},
            headers=app.auth,
            timeout=30,
        ).json()
        known = [r for r in answer["items"] if r["cpuMillicores"] is not None]
        if len(known) == 2:
            return
        time.sleep(1.0)
    raise AssertionError(f"no usage for {NAMESPACE} in alpha and gamma: {answer}")


def photograph(page: Page, name: str) -> None:
    for width, height, theme in each_size_and_theme(page):
        screenshot(page, SHOTS, name, width, height, theme)


SERIES_PIXELS = """(chart, colours) => {
    const rgbs = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
    return [...chart.querySelectorAll('canvas')].map((canvas) => {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
            const near = ([r, g, b]) =>
                Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 60;
            if (data[i + 3] > 128 && rgbs.some(near)) count += 1;
        }
        return count;
    });
}"""
"""How many pixels of each of a chart's canvases are drawn in one of `colours` (series')."""


def test_cpu_and_memory_columns_show_usage_sort_and_chart(page: Page, app: RunningApp) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")
    page.get_by_role("searchbox", name="Filter").fill(NAMESPACE)
    grid = page.get_by_role("grid", name="Pods")
    rows = grid.locator("tbody tr")
    expect(rows).to_have_count(3, timeout=LOAD_TIMEOUT_MS)

    def cell(cluster: str, column: str) -> str:
        row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text=cluster))
        return row.locator(f'td[data-column="{column}"]').inner_text().strip()

    expect(grid.get_by_role("columnheader", name="CPU", exact=True)).to_be_visible()
    expect(grid.get_by_role("columnheader", name="Memory", exact=True)).to_be_visible()
    # Two containers of 250m / 48Mi each (kwok's usage is per container).
    assert cell("alpha", "cpuMillicores") == "500m"
    assert cell("alpha", "memoryBytes") == "96.0 Mi"
    assert cell("alpha", "cpuRequestPercent") == "50%"
    assert cell("beta", "cpuMillicores") == "—"  # beta has no metrics-server
    photograph(page, "pods-usage")

    header = grid.get_by_role("columnheader", name="CPU", exact=True)
    clusters = rows.locator('td[data-column="clusterName"]')
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    expect(clusters).to_have_text(
        [re.compile("alpha"), re.compile("gamma"), re.compile("beta")], timeout=LOAD_TIMEOUT_MS
    )
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    expect(clusters).to_have_text(
        [re.compile("gamma"), re.compile("alpha"), re.compile("beta")], timeout=LOAD_TIMEOUT_MS
    )

    rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="alpha")).click()
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{ALPHA}"]')
    chart = panel.get_by_test_id("usage-chart")
    expect(chart.locator("canvas")).to_have_count(2, timeout=LOAD_TIMEOUT_MS)
    expect(chart).to_contain_text("main")
    expect(chart).to_contain_text("sidecar")
    # both charts draw their series (the containers' lines coincide: either colour counts),
    # already with the pod's first sample
    drawn = chart.evaluate(SERIES_PIXELS, ["#2f6fdf", "#d9822b"])
    assert len(drawn) == 2 and all(drawn), drawn
    photograph(page, "pod-chart")
    assert not [e for e in errors if "Content Security Policy" in e], errors

    page.evaluate("window.location.hash = '#/nodes'")
    page.get_by_role("searchbox", name="Filter").fill("kwok-node-0")
    nodes = page.get_by_role("grid", name="Nodes").locator("tbody tr")
    expect(nodes).to_have_count(3, timeout=LOAD_TIMEOUT_MS)
    node_grid = page.get_by_role("grid", name="Nodes")
    expect(node_grid.get_by_role("columnheader", name="CPU used", exact=True)).to_be_visible()
    photograph(page, "nodes-usage")

    page.evaluate("window.location.hash = '#/overview'")
    expect(page.get_by_test_id("fleet-totals")).to_contain_text("1 cluster without usage")
    photograph(page, "overview-usage")
