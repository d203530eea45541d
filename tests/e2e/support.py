"""What the UI tests on real clusters share: the app on the test clusters, namespaces of a test's
own, a Deployment to fill them, opening beta's row of a table, and each size and theme in turn.

Each test file keeps its own specifics (what fits, where screenshots go, its timeouts)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters.env import ClusterEnv

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
SIZES = [(1600, 1000), (1100, 700)]
"""The window sizes every view is checked at: a large desktop window and a small one."""
THEMES = ("light", "dark")


@contextmanager
def app_on_clusters(
    clusters: ClusterEnv,
    tmp_path_factory: pytest.TempPathFactory,
    config_name: str,
    selection: Sequence[str] | None = None,
) -> Iterator[RunningApp]:
    """The app reading the test clusters' kubeconfigs, with a config folder of its own and, when
    given, `selection` selected."""
    config = tmp_path_factory.mktemp(config_name)
    with running_app(
        "--kubeconfig-dir", str(clusters.kubeconfig_dir), "--config-dir", str(config)
    ) as running:
        if selection is not None:
            bridge(running, "set_selection", list(selection))
        yield running


@contextmanager
def own_namespace(clusters: ClusterEnv, cluster: str, prefix: str) -> Iterator[str]:
    """A new namespace `<prefix>-<random>` on `cluster`, deleted (without waiting) afterwards."""
    namespace = f"{prefix}-{uuid.uuid4().hex[:8]}"
    clusters.create_namespace(cluster, namespace)
    yield namespace
    clusters.admin_kubectl(
        cluster, "delete", "namespace", namespace, "--wait=false", "--ignore-not-found", check=False
    )


def apply(clusters: ClusterEnv, cluster: str, manifest: dict[str, Any]) -> None:
    clusters.admin_kubectl(cluster, "apply", "-f", "-", input=json.dumps(manifest))


def web_deployment(
    namespace: str, replicas: int, labels: dict[str, str] | None = None
) -> dict[str, Any]:
    """Deployment `web` (image `registry.example/web:1`, pods that stop at once)."""
    metadata: dict[str, Any] = {"name": "web", "namespace": namespace}
    if labels is not None:
        metadata["labels"] = labels
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": metadata,
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {
                    "containers": [{"name": "web", "image": "registry.example/web:1"}],
                    "terminationGracePeriodSeconds": 0,
                },
            },
        },
    }


def set_size(page: Page, size: tuple[int, int] = SIZES[0]) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})


def beta_row(
    page: Page,
    app: RunningApp,
    view: str,
    grid: str,
    text: str,
    kind: str = "",
    namespace: str = "",
    timeout_ms: float = 30_000,
) -> Locator:
    """Beta's one row containing `text` (of `kind`, in `namespace`) in `view`'s table, filtered
    to `text`, at the first size."""
    set_size(page)
    page.goto(app.url)
    page.evaluate(f"window.location.hash = '#/{view}'")
    page.get_by_role("searchbox", name="Filter").fill(text)
    rows = page.get_by_role("grid", name=grid).locator("tbody tr").filter(has_text=text)
    row = rows.filter(has=page.locator('td[data-column="clusterName"]', has_text="beta"))
    if kind:
        row = row.filter(has=page.locator('td[data-column="kind"]', has_text=kind))
    if namespace:
        row = row.filter(has=page.locator('td[data-column="namespace"]', has_text=namespace))
    expect(row).to_have_count(1, timeout=timeout_ms)
    return row


def each_size_and_theme(page: Page) -> Iterator[tuple[int, int, str]]:
    """The page at each size and theme in turn; afterwards light at the first size again."""
    for width, height in SIZES:
        set_size(page, (width, height))
        for theme in THEMES:
            page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
            yield width, height, theme
    page.evaluate("document.documentElement.dataset.theme = 'light'")
    set_size(page)


def screenshot(page: Page, folder: Path, name: str, width: int, height: int, theme: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}-{width}x{height}-{theme}.png"))


@contextmanager
def namesake_pods(
    clusters: ClusterEnv, name: str, image: str, namespace: str, ready_timeout: str = ""
) -> Iterator[str]:
    """Pod `name` in `namespace` on alpha and on beta (waited for to be Ready within
    `ready_timeout`, when given); deleted afterwards, wherever it still is."""
    for cluster in ("alpha", "beta"):
        clusters.admin_kubectl(
            cluster, "run", name, "-n", namespace, f"--image={image}", "--restart=Never"
        )
    if ready_timeout:
        for cluster in ("alpha", "beta"):
            clusters.admin_kubectl(
                cluster, "wait", "--for=condition=Ready", f"pod/{name}", "-n", namespace,
                f"--timeout={ready_timeout}",
            )  # fmt: skip
    yield name
    for cluster in ("alpha", "beta"):
        clusters.admin_kubectl(
            cluster, "delete", "pod", name, "-n", namespace, "--ignore-not-found", "--wait=false",
            check=False,
        )  # fmt: skip
