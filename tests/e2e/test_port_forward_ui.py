"""Port-forward from the UI on a real cluster, in Chromium: "Forward port…" on a pod opens the
dialog with the pod's declared port, the forward answers on its local address with the cluster's
name, the Port-forwards panel lists it (cluster, target, address, status, connections), and Stop
closes its listener.

The dialog and the panel are photographed at 1600×1000 and 1100×700, light and dark, each time
checked to fit the window (screenshots in /tmp/shots-pf/).
"""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp, bridge
from tests.clusters.env import ClusterEnv
from tests.e2e.support import (
    ALPHA,
    BETA,
    apply,
    each_size_and_theme,
    own_namespace,
    screenshot,
    set_size,
)

pytestmark = [pytest.mark.clusters, pytest.mark.e2e]

SELECTION = [ALPHA, BETA]
"""Selected in the app of this module (the `app` fixture of tests/e2e/conftest.py)."""

SHOTS = Path("/tmp/shots-pf")
LOAD_TIMEOUT_MS = 30_000
"""Cold caches on a loaded 2-core machine: the first rows can take a while."""


@pytest.fixture
def pod_namespace(clusters: ClusterEnv) -> Iterator[str]:
    """A namespace of this test's own on alpha with a ready pod `api` declaring port 8080."""
    with own_namespace(clusters, "alpha", "pf-ui") as namespace:
        apply(clusters, "alpha", api_pod(namespace))
        clusters.admin_kubectl(
            "alpha", "wait", "-n", namespace, "--for=condition=Ready", "pod/api", "--timeout=60s"
        )
        yield namespace


def api_pod(namespace: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "api", "namespace": namespace},
        "spec": {
            "containers": [
                {
                    "name": "api",
                    "image": "registry.example/api:1",
                    "ports": [{"name": "http", "containerPort": 8080}],
                }
            ],
            "terminationGracePeriodSeconds": 0,
        },
    }


def fits(page: Page, element: Locator, name: str, width: int, height: int, theme: str) -> None:
    box = element.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0, (name, width, theme, box)
    assert box["x"] + box["width"] <= width + 0.5, (name, width, theme, box)
    assert box["y"] + box["height"] <= height + 0.5, (name, width, theme, box)
    overflowing = element.evaluate(
        "d => [d, ...d.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth + 1"
        " && getComputedStyle(e).overflowX !== 'visible').map(e => e.outerHTML.slice(0, 80))"
    )
    assert overflowing == [], (name, width, theme, overflowing)


def photograph(page: Page, element: Locator, name: str) -> None:
    """`element` at each size and theme, each time checked to fit inside the window."""
    for width, height, theme in each_size_and_theme(page):
        fits(page, element, name, width, height, theme)
        screenshot(page, SHOTS, name, width, height, theme)


def refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_forward_a_port_from_the_ui_fetch_it_and_stop_it(
    page: Page, app: RunningApp, pod_namespace: str
) -> None:
    set_size(page)
    page.goto(app.url)
    page.evaluate("window.location.hash = '#/pods'")
    page.get_by_role("searchbox", name="Filter").fill(pod_namespace)
    row = page.get_by_role("grid", name="Pods").locator("tbody tr").filter(has_text=pod_namespace)
    expect(row).to_have_count(1, timeout=LOAD_TIMEOUT_MS)
    row.click()  # one click opens the panel
    panel = page.locator(f'[data-testid="object-panel"][data-cluster-id="{ALPHA}"]')
    forward_button = panel.get_by_role("button", name="Forward port…")
    expect(forward_button).to_be_enabled(timeout=LOAD_TIMEOUT_MS)
    forward_button.click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"Pod {pod_namespace}/api on alpha")
    expect(dialog.get_by_label("Container port")).to_have_value("8080")
    photograph(page, dialog, "dialog")
    dialog.get_by_role("button", name="Forward on alpha").click()
    expect(dialog).to_be_hidden()

    page.get_by_test_id("forwards-button").click()
    forwards = page.get_by_test_id("forwards-panel")
    forward_row = forwards.get_by_test_id("forward-row").filter(has_text=pod_namespace)
    expect(forward_row).to_have_attribute("data-status", "active")
    expect(forward_row).to_have_attribute("data-cluster-id", ALPHA)
    address = forward_row.locator(".forwards__copy").inner_text()
    host, _, port = address.partition(":")
    assert host == "127.0.0.1"
    answer = httpx.get(f"http://{address}/from-the-ui", timeout=30)
    assert answer.json() == {"cluster": "alpha", "path": "/from-the-ui"}
    expect(forward_row.get_by_role("link", name="Open")).to_have_attribute(
        "href", f"http://{address}/"
    )
    expect(forward_row).to_contain_text("0 connections")
    photograph(page, forwards, "panel")

    forward_row.get_by_role("button", name="Stop").click()
    expect(forward_row).to_have_count(0)
    assert refused(int(port))
    expect(forwards).to_contain_text("No port is forwarded")


def test_a_restricted_user_sees_why_forwarding_is_disabled(
    page: Page, app: RunningApp, clusters: ClusterEnv
) -> None:
    bridge(app, "set_selection", [ALPHA, BETA, "dev.yaml:beta-viewer"])
    try:
        set_size(page)
        page.goto(app.url)
        page.evaluate("window.location.hash = '#/pods'")
        page.get_by_role("searchbox", name="Filter").fill("web-")
        rows = page.get_by_role("grid", name="Pods").locator("tbody tr")
        viewer_row = rows.filter(
            has=page.locator('td[data-column="clusterName"]', has_text="beta-viewer")
        ).filter(has_text="shop")
        expect(viewer_row.first).to_be_visible(timeout=LOAD_TIMEOUT_MS)
        viewer_row.first.click()  # one click opens the panel
        panel = page.locator('[data-testid="object-panel"][data-cluster-id="dev.yaml:beta-viewer"]')
        button = panel.get_by_role("button", name="Forward port…")
        expect(button).to_be_disabled(timeout=LOAD_TIMEOUT_MS)
        expect(button).to_have_attribute("title", re.compile("You may not create pods/portforward"))
    finally:
        bridge(app, "set_selection", [ALPHA, BETA])
