"""The object workbench in Chromium on the real clusters: YAML edited in CodeMirror (a syntax
error shows inline and sends nothing; a valid edit goes through the dry-run merge view to apply),
a Deployment's related pod opened in the same cluster, and a Secret key revealed on purpose.

Details (Pod, Deployment, Node), YAML with an error and the merge view are photographed at
1600×1000 and 1100×700, light and dark, into /tmp/shots-workbench/, each checked to fit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp
from tests.clusters.env import ClusterEnv
from tests.e2e import support
from tests.e2e.support import (
    ALPHA,
    BETA,
    SIZES,
    apply,
    beta_row,
    each_size_and_theme,
    screenshot,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

SHOTS = Path("/tmp/shots-workbench")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""
CHANGE_TIMEOUT_MS = 60_000
SECRET_VALUE = "s3cret-wb-value"


@pytest.fixture
def own_namespace(clusters: ClusterEnv) -> Iterator[str]:
    """A namespace of this test's own on beta with ConfigMap `settings` and Secret `creds`."""
    with support.own_namespace(clusters, "beta", "wb") as namespace:
        apply(clusters, "beta", settings_and_creds(namespace))
        yield namespace


def settings_and_creds(namespace: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "List",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": {"name": "settings", "namespace": namespace},
                "data": {"color": "red"},
            },
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "creds", "namespace": namespace},
                "stringData": {"password": SECRET_VALUE},
            },
        ],
    }


def open_row(
    page: Page, app: RunningApp, view: str, grid: str, text: str, kind: str, namespace: str = ""
) -> Locator:
    """Opens beta's row of `kind` containing `text` (in `namespace`) and returns its panel."""
    row = beta_row(page, app, view, grid, text, kind, namespace, timeout_ms=LOAD_TIMEOUT_MS)
    row.click()  # one click opens the panel (a second one could land on a shifted row)
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{BETA}"]:visible')
    expect(panel).to_be_visible()
    return panel


def photograph(page: Page, name: str, panel: Locator) -> None:
    """The page at each size and theme; the panel must fit the window and cut nothing off."""
    for width, height, theme in each_size_and_theme(page):
        box = panel.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, width, box)
        cut = panel.evaluate(
            "p => [...p.querySelectorAll('td, th, dd, dt, .chip, button')]"
            ".filter(e => e.scrollWidth > e.clientWidth + 1"
            " && getComputedStyle(e).overflowX === 'hidden')"
            ".map(e => e.outerHTML.slice(0, 80))"
        )
        assert cut == [], (name, width, theme, cut)
        raw_json = panel.evaluate(
            "p => [...p.querySelectorAll('.object-details td, .object-details dd')]"
            ".map(e => e.textContent).filter(t => /^[\\[{]\"/.test(t || ''))"
        )
        assert raw_json == [], (name, raw_json)
        screenshot(page, SHOTS, name, width, height, theme)


def replace_text(page: Page, panel: Locator, text: str) -> None:
    """Replaces the editor's text as a person pasting would (select all, insert)."""
    panel.locator('[data-testid="code-editor"] .cm-content').click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def test_yaml_error_inline_sends_nothing_and_a_valid_edit_goes_through_the_merge_view(
    page: Page, app: RunningApp, clusters: ClusterEnv, own_namespace: str
) -> None:
    applies: list[str] = []
    page.on(
        "request",
        lambda request: (
            applies.append(request.post_data or "")
            if "/api/v1/actions/apply" in request.url
            else None
        ),
    )
    panel = open_row(page, app, "config", "Config", "settings", "ConfigMap", own_namespace)
    panel.get_by_role("tab", name="YAML").click()
    expect(panel.get_by_test_id("object-yaml")).to_contain_text("color: red")
    expect(panel.locator(".cm-lineNumbers").first).to_be_visible()
    # Managed fields are hidden until asked for.
    expect(panel.get_by_test_id("object-yaml")).not_to_contain_text("managedFields")
    panel.get_by_role("checkbox", name="Managed fields").check()
    expect(panel.get_by_test_id("object-yaml")).to_contain_text("managedFields")
    panel.get_by_role("checkbox", name="Managed fields").uncheck()

    panel.get_by_role("button", name="Edit").click()
    original = panel.locator('[data-testid="code-editor"] .cm-content').inner_text()
    assert "color: red" in original and "resourceVersion" in original
    broken = original.replace("\n  name: settings\n", "\n  name: settings\n bad: indent\n")
    replace_text(page, panel, broken)
    problems = panel.get_by_role("alert", name="YAML errors")
    expect(problems).to_contain_text("All mapping items must start at the same column")
    expect(problems).to_contain_text(f"Line {broken.splitlines().index(' bad: indent') + 1},")
    expect(panel.locator(".cm-lintRange-error").first).to_be_visible()
    expect(panel.get_by_role("button", name="Preview changes")).to_be_disabled()
    photograph(page, "yaml-error", panel)
    assert applies == []  # nothing was sent while the YAML did not parse

    replace_text(page, panel, original.replace("color: red", "color: blue"))
    expect(problems).to_have_count(0)
    panel.get_by_role("button", name="Preview changes").click()
    diff = panel.get_by_test_id("code-diff")
    expect(diff).to_be_visible(timeout=CHANGE_TIMEOUT_MS)
    expect(diff).to_contain_text("On the cluster now")
    expect(diff.locator(".cm-mergeViewEditor").first).to_contain_text("color: red")
    expect(diff.locator(".cm-mergeViewEditor").last).to_contain_text("color: blue")
    assert len(applies) == 1 and json.loads(applies[0])["params"]["dryRun"] is True
    photograph(page, "yaml-merge", panel)

    panel.get_by_role("button", name="Apply").click()
    expect(panel.get_by_role("status").first).to_be_visible(timeout=CHANGE_TIMEOUT_MS)
    expect(panel.get_by_test_id("object-yaml")).to_contain_text(
        "color: blue", timeout=CHANGE_TIMEOUT_MS
    )
    stored = clusters.admin_kubectl(
        "beta", "get", "configmap", "settings", "-n", own_namespace, "-o", "jsonpath={.data.color}"
    )
    assert stored.stdout == "blue"
    alpha = clusters.admin_kubectl(
        "alpha", "get", "namespace", own_namespace, "--ignore-not-found", "-o", "name"
    )
    assert alpha.stdout.strip() == ""  # only beta was ever touched


def test_a_deployment_leads_to_a_pod_of_its_own_cluster(
    page: Page, app: RunningApp, clusters: ClusterEnv
) -> None:
    panel = open_row(page, app, "workloads", "Workloads", "web", "Deployment", "shop")
    related = panel.get_by_role("table", name="Related objects")
    pod_links = related.locator('[data-testid="related-link"][data-kind="Pod"]')
    expect(pod_links.first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    expect(panel.get_by_role("table", name="Images")).to_contain_text("web")
    photograph(page, "details-deployment", panel)

    # Widened to the full width beside the sidebar, then back to the side.
    side = page.locator(".shell__side")
    narrow = side.bounding_box()
    page.get_by_role("button", name="Full width").click()
    expect(page.locator(".shell__main")).to_be_hidden()
    wide = side.bounding_box()
    assert narrow is not None and wide is not None
    assert wide["width"] > SIZES[0][0] - 300 > narrow["width"], (narrow, wide)
    page.get_by_role("button", name="Back to the side").click()
    expect(page.locator(".shell__main")).to_be_visible()

    beta_pods = json.loads(
        clusters.admin_kubectl("beta", "get", "pods", "-n", "shop", "-o", "json").stdout
    )["items"]
    alpha_pods = json.loads(
        clusters.admin_kubectl("alpha", "get", "pods", "-n", "shop", "-o", "json").stdout
    )["items"]
    link_text = pod_links.first.inner_text()
    pod_name = link_text.split("/", 1)[1]
    assert pod_name in {p["metadata"]["name"] for p in beta_pods}
    assert pod_name not in {p["metadata"]["name"] for p in alpha_pods}
    pod_links.first.click()

    pod_panel = page.locator('[data-testid="object-panel"]:visible')
    expect(pod_panel).to_have_attribute("data-cluster-id", BETA)
    expect(pod_panel.get_by_role("heading")).to_contain_text(f"Pod shop/{pod_name}")
    expect(pod_panel.get_by_test_id("object-cluster")).to_have_text("beta")
    containers = pod_panel.get_by_role("table", name="Containers")
    expect(containers).to_contain_text("registry.example.com/shop/web", timeout=LOAD_TIMEOUT_MS)
    photograph(page, "details-pod", pod_panel)

    node_link = pod_panel.get_by_role("table", name="Related objects").locator(
        '[data-testid="related-link"][data-kind="Node"]'
    )
    node_link.click()
    node_panel = page.locator('[data-testid="object-panel"]:visible')
    expect(node_panel).to_have_attribute("data-cluster-id", BETA)
    expect(node_panel.get_by_role("table", name="Capacity")).to_be_visible(timeout=LOAD_TIMEOUT_MS)
    photograph(page, "details-node", node_panel)


def test_a_secret_key_is_revealed_only_when_asked(
    page: Page, app: RunningApp, own_namespace: str
) -> None:
    reveals: list[str] = []
    page.on(
        "request",
        lambda request: (
            reveals.append(request.post_data or "")
            if "/api/v1/secrets/reveal" in request.url
            else None
        ),
    )
    panel = open_row(page, app, "config", "Config", "creds", "Secret", own_namespace)
    panel.get_by_role("tab", name="YAML").click()
    expect(panel.get_by_test_id("object-yaml")).to_contain_text("password: ••••••")
    assert SECRET_VALUE not in page.content()
    assert reveals == []
    panel.get_by_role("button", name="Reveal password").click()
    expect(panel.get_by_test_id("secret-decoded")).to_have_text(SECRET_VALUE)
    expect(panel.get_by_test_id("secret-base64")).to_have_text("czNjcmV0LXdiLXZhbHVl")
    assert len(reveals) == 1 and json.loads(reveals[0])["ref"]["clusterId"] == BETA
    panel.get_by_role("button", name="Hide").click()
    expect(panel.get_by_test_id("secret-decoded")).to_have_count(0)
