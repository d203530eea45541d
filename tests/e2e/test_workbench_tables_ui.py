"""The workbench's rollouts and tables in Chromium, on real clusters.

A namespace of this module's own on alpha and beta holds Deployment `web` with two revisions
(app:1, then app:2; its pods labelled `tier=front` on alpha, `tier=db` on beta) and, on beta,
CronJob `report`. Rolling beta's `web` back to revision 1 changes beta only; triggering `report`
creates a manual Job; the column chooser shows what is ticked; a label selector narrows rows of
both clusters; the CSV export holds the filtered rows with their clusters; an alias set on a
chip names the cluster in chips and rows, and gamma's ARN shows as `cluster/gamma`.

Rollout history, column chooser and label filter are photographed at 1600×1000 and 1100×700,
light and dark, into /tmp/shots-workbench-b/.
"""

from __future__ import annotations

import csv
import io
import json
import re
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
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

SHOTS = Path("/tmp/shots-workbench-b")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""
CHANGE_TIMEOUT_S = 60.0
"""A hang guard for a controller's or the API server's effect, not a timing assertion."""


def deployment(ns: str, tier: str) -> str:
    return json.dumps(
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "web", "namespace": ns, "labels": {"app": "web", "tier": tier}},
            "spec": {
                "replicas": 1,
                "selector": {"matchLabels": {"app": "web"}},
                "template": {
                    "metadata": {"labels": {"app": "web", "tier": tier}},
                    "spec": {
                        "containers": [{"name": "app", "image": "example/app:1"}],
                        "terminationGracePeriodSeconds": 0,
                    },
                },
            },
        }
    )


CRONJOB = {
    "apiVersion": "batch/v1",
    "kind": "CronJob",
    "metadata": {"name": "report"},
    "spec": {
        "schedule": "0 0 1 1 *",
        "jobTemplate": {
            "spec": {
                "template": {
                    "spec": {
                        "restartPolicy": "Never",
                        "containers": [{"name": "run", "image": "example/report:1"}],
                    }
                }
            }
        },
    },
}


def kubectl(clusters: ClusterEnv, cluster: str, *args: str, input: str | None = None) -> str:
    return clusters.admin_kubectl(cluster, *args, input=input).stdout


def wait_until(check: object, what: str) -> None:
    deadline = time.monotonic() + CHANGE_TIMEOUT_S
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def namespace(clusters: ClusterEnv) -> Iterator[str]:
    ns = f"wbb-{uuid.uuid4().hex[:8]}"
    for cluster, tier in (("alpha", "front"), ("beta", "db")):
        clusters.create_namespace(cluster, ns)
        kubectl(clusters, cluster, "apply", "-f", "-", input=deployment(ns, tier))
        kubectl(clusters, cluster, "set", "image", "deployment/web", "app=example/app:2", "-n", ns)
    kubectl(clusters, "beta", "apply", "-n", ns, "-f", "-", input=json.dumps(CRONJOB))
    for cluster in ("alpha", "beta"):
        wait_until(
            lambda c=cluster: (
                kubectl(
                    clusters,
                    c,
                    "get",
                    "deployment",
                    "web",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}",
                )
                == "2"
            ),
            f"{cluster}'s revision 2",
        )
    yield ns
    for cluster in ("alpha", "beta"):
        clusters.admin_kubectl(
            cluster, "delete", "namespace", ns, "--wait=false", "--ignore-not-found", check=False
        )


def open_view(page: Page, app: RunningApp, view: str, text: str) -> None:
    set_size(page)
    page.goto(app.url)
    page.evaluate(f"window.location.hash = '#/{view}'")
    page.get_by_role("searchbox", name="Filter").fill(text)
    # the filter applies after a short pause (a new query): wait for it, or what the test does
    # next may meet the view while it reloads
    expect(page.get_by_role("button", name="Clear filters")).to_be_visible()


def rows_of(page: Page, grid: str) -> Locator:
    return page.get_by_role("grid", name=grid).locator("tbody tr:not([data-loading])")


def cluster_row(page: Page, grid: str, cluster: str, kind: str = "") -> Locator:
    row = rows_of(page, grid).filter(
        has=page.locator('td[data-column="clusterName"]', has_text=cluster)
    )
    if kind:
        row = row.filter(has=page.locator('td[data-column="kind"]', has_text=kind))
    return row


def photograph(page: Page, name: str, part: Locator | None = None) -> None:
    """The page at each size and theme; `part` (if given) checked to fit the window."""
    for width, height, theme in each_size_and_theme(page):
        if part is not None:
            box = part.bounding_box()
            assert box is not None
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, width, box)
        screenshot(page, SHOTS, name, width, height, theme)


def image_of(clusters: ClusterEnv, cluster: str, ns: str) -> str:
    return kubectl(
        clusters,
        cluster,
        "get",
        "deployment",
        "web",
        "-n",
        ns,
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    )


def test_rollback_beta_to_revision_1_leaves_alpha_alone(
    page: Page, app: RunningApp, clusters: ClusterEnv, namespace: str
) -> None:
    open_view(page, app, "workloads", namespace)
    row = cluster_row(page, "Workloads", "beta", "Deployment")
    expect(row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    # Widths use the space: the columns fill the view, the names are not cut.
    fill = page.evaluate(
        "() => { const s = document.querySelector('.grid-table');"
        " return [s.querySelector('table').offsetWidth, s.clientWidth]; }"
    )
    assert fill[0] >= fill[1] - 2, fill
    name_cell = row.locator('td[data-column="name"]')
    assert name_cell.evaluate("c => c.scrollWidth <= c.clientWidth")
    row.click()  # one click opens the panel
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    expect(panel).to_be_visible()
    panel.get_by_role("tab", name="Rollouts").click()

    revisions = panel.get_by_role("table", name="Revisions")
    expect(revisions.locator('[data-testid="revision-2"]')).to_contain_text("current")
    expect(revisions.locator('[data-testid="revision-2"]')).to_contain_text("example/app:2")
    expect(revisions.locator('[data-testid="revision-1"]')).to_contain_text("example/app:1")
    diff = panel.get_by_test_id("revision-diff")
    expect(diff).to_contain_text("- ")
    expect(diff.locator(".rollouts__line--removed")).to_contain_text("example/app:1")
    expect(diff.locator(".rollouts__line--added")).to_contain_text("example/app:2")
    photograph(page, "rollout-history", panel)

    panel.get_by_role("button", name="Roll back to revision 1").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(
        f"Roll back Deployment {namespace}/web on cluster beta to revision 1?"
    )
    dialog.get_by_role("button", name="Roll back to revision 1 on beta").click()
    expect(panel.get_by_role("status").filter(has_text="back to revision 1")).to_be_visible()

    assert image_of(clusters, "beta", namespace) == "example/app:1"
    assert image_of(clusters, "alpha", namespace) == "example/app:2"
    # The history follows: the old template is now the newest revision (3), current.
    expect(panel.locator('[data-testid="revision-3"]')).to_contain_text(
        "current", timeout=CHANGE_TIMEOUT_S * 1000
    )
    page.keyboard.press("Escape")  # Esc closes the panel
    expect(panel).to_have_count(0)


def test_cronjob_trigger_creates_a_job(
    page: Page, app: RunningApp, clusters: ClusterEnv, namespace: str
) -> None:
    open_view(page, app, "workloads", namespace)
    row = cluster_row(page, "Workloads", "beta", "CronJob")
    expect(row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    row.click()
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]')
    panel.get_by_role("tab", name="Rollouts").click()
    panel.get_by_role("button", name="Trigger now").click()
    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_contain_text(f"Run CronJob {namespace}/report on cluster beta now?")
    dialog.get_by_role("button", name="Start a Job on beta").click()
    expect(panel.get_by_role("status").filter(has_text="Started Job")).to_be_visible()

    jobs = json.loads(kubectl(clusters, "beta", "get", "jobs", "-n", namespace, "-o", "json"))
    assert len(jobs["items"]) == 1
    job = jobs["items"][0]
    assert job["metadata"]["name"].startswith("report-manual-")
    assert job["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"] == "manual"
    # The new Job shows in the table (the same cluster).
    page.get_by_role("searchbox", name="Filter").fill("report-manual")
    expect(cluster_row(page, "Workloads", "beta", "Job")).to_have_count(1, timeout=LOAD_TIMEOUT_MS)


def headers(page: Page, grid: str) -> list[str]:
    return page.get_by_role("grid", name=grid).get_by_role("columnheader").all_inner_texts()


def until_filtered(page: Page, grid: str, text: str) -> None:
    """Wait until the grid shows rows and every one has `text`: the typed filter has applied
    (it waits for a pause in typing, and the table shows "Loading…" while the new query loads)."""
    page.wait_for_function(
        """([grid, text]) => {
            const rows = [...document.querySelectorAll(
                `[role="grid"][aria-label="${grid}"] tbody tr:not([data-loading])`)];
            return rows.length > 0 && rows.every((row) => row.textContent.includes(text));
        }""",
        arg=[grid, text],
        timeout=LOAD_TIMEOUT_MS,
    )


def test_the_column_chooser_shows_what_is_ticked(
    page: Page, app: RunningApp, namespace: str
) -> None:
    open_view(page, app, "pods", namespace)
    until_filtered(page, "Pods", namespace)
    grid = page.get_by_role("grid", name="Pods")
    expect(grid.get_by_role("columnheader", name="Node")).to_be_visible()
    before = headers(page, "Pods")
    assert "Node" in before and "Name" in before

    page.get_by_role("button", name="Columns: All shown").click()
    chooser = page.get_by_test_id("column-chooser")
    node = chooser.get_by_role("checkbox", name="Node")
    expect(node).to_be_checked()
    expect(chooser.get_by_role("checkbox", name="Name", exact=True)).to_be_checked()
    node.uncheck()
    after = headers(page, "Pods")
    assert after == [h for h in before if h != "Node"]  # only Node went
    photograph(page, "column-chooser", chooser)
    node.check()
    assert headers(page, "Pods") == before

    chooser.get_by_role("checkbox", name="Restarts").uncheck()
    chooser.get_by_role("button", name="Reset columns").click()
    assert headers(page, "Pods") == before
    page.keyboard.press("Escape")

    # Remembered per view: a reload keeps a hidden column hidden.
    page.get_by_role("button", name="Columns: All shown").click()
    page.get_by_test_id("column-chooser").get_by_role("checkbox", name="Node").uncheck()
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")
    expect(grid.get_by_role("columnheader", name="Name", exact=True)).to_be_visible(
        timeout=LOAD_TIMEOUT_MS
    )
    expect(
        page.get_by_role("button", name="Columns: " + f"{len(before) - 1} of {len(before)}")
    ).to_be_visible()
    assert "Node" not in headers(page, "Pods")
    page.get_by_role("button", name=f"Columns: {len(before) - 1} of {len(before)}").click()
    page.get_by_test_id("column-chooser").get_by_role("button", name="Reset columns").click()


def test_label_selector_across_two_clusters_and_csv_export(
    page: Page, app: RunningApp, namespace: str
) -> None:
    open_view(page, app, "pods", namespace)
    selector = page.get_by_role("searchbox", name="Label selector")
    selector.fill("app=web")
    expect(cluster_row(page, "Pods", "alpha")).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    expect(cluster_row(page, "Pods", "beta")).to_have_count(1)

    selector.fill("app=web,tier!=db")
    expect(cluster_row(page, "Pods", "beta")).to_have_count(0, timeout=LOAD_TIMEOUT_MS)
    expect(cluster_row(page, "Pods", "alpha")).to_have_count(1)
    photograph(page, "label-filter", page.locator("search.filter-bar"))

    selector.fill("app in web")
    expect(page.get_by_text("labelSelector")).to_be_visible(timeout=LOAD_TIMEOUT_MS)

    selector.fill("app=web")
    expect(cluster_row(page, "Pods", "beta")).to_have_count(1, timeout=LOAD_TIMEOUT_MS)

    # Copy the kubectl command of beta's row: its own context, namespace and kubeconfig file.
    cluster_row(page, "Pods", "beta").click()
    page.get_by_role("button", name="Copy kubectl").click()
    note = page.get_by_test_id("table-tools-note")
    expect(note).to_contain_text(f"--context beta -n {namespace} get pod web-")
    expect(note).to_contain_text("--kubeconfig ")
    page.keyboard.press("Escape")

    # Drag the Name column wider by its edge: remembered for the view.
    grid = page.get_by_role("grid", name="Pods")
    name_head = grid.locator('th[data-column="name"]')
    before = name_head.bounding_box()
    handle = grid.get_by_test_id("resize-name").bounding_box()
    assert before is not None and handle is not None
    page.mouse.move(handle["x"] + 2, handle["y"] + 5)
    page.mouse.down()
    page.mouse.move(handle["x"] + 122, handle["y"] + 5, steps=5)
    page.mouse.up()
    after = name_head.bounding_box()
    assert after is not None and after["width"] >= before["width"] + 100, (before, after)
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('regatta.grid.pods'))")
    assert stored["columnWidths"]["name"] >= before["width"] + 100

    with page.expect_download() as downloaded:
        page.get_by_role("button", name="Export CSV").click()
    text = Path(downloaded.value.path()).read_text()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:2] == ["Cluster ID", "Cluster"]
    assert "Name" in table[0]
    by_cluster = {row[0] for row in table[1:]}
    assert by_cluster == {ALPHA, BETA}
    name_at = table[0].index("Name")
    assert all(row[name_at].startswith("web-") for row in table[1:])
    assert len(table) == 3


def test_an_alias_names_the_cluster_and_an_arn_shows_its_tail(
    page: Page, app: RunningApp, namespace: str
) -> None:
    open_view(page, app, "pods", namespace)
    expect(cluster_row(page, "Pods", "beta").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    chips = page.get_by_test_id("cluster-chips")
    gamma = chips.locator(f'li[data-cluster-id="{GAMMA}"]')
    expect(gamma.get_by_test_id("cluster-chip-name")).to_have_text("cluster/gamma")

    chips.get_by_role("button", name="Alias for beta").click()
    alias = chips.get_by_role("textbox", name="Alias for beta")
    alias.fill("b-short")
    # a new query (here a sort) reloads the table under the chips: the half-typed alias stays
    name = page.get_by_role("grid", name="Pods").get_by_role(
        "columnheader", name="Name", exact=True
    )
    name.get_by_role("button").click()
    expect(name).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    expect(cluster_row(page, "Pods", "beta").first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(alias).to_have_value("b-short")
    chips.get_by_role("button", name="Save").click()
    beta_chip = chips.locator(f'li[data-cluster-id="{BETA}"]')
    expect(beta_chip.get_by_test_id("cluster-chip-name")).to_have_text("b-short")
    expect(cluster_row(page, "Pods", "b-short").first).to_be_visible()
    expect(cluster_row(page, "Pods", "beta")).to_have_count(0)  # every beta row renamed
    # Kept in the settings by clusterId: a reload shows it again.
    page.goto(app.url)
    expect(
        page.get_by_test_id("cluster-chips")
        .locator(f'li[data-cluster-id="{BETA}"]')
        .get_by_test_id("cluster-chip-name")
    ).to_have_text("b-short", timeout=LOAD_TIMEOUT_MS)
