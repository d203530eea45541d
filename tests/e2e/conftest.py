"""Playwright drives Debian's Chromium (browser downloads do not work on these machines)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.app_process import RunningApp
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.clusters.env import ClusterEnv
from tests.e2e.support import app_on_clusters


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def app(
    request: pytest.FixtureRequest, clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningApp]:
    """The app on the test clusters for one test module, with a config folder of its own and
    the module's `SELECTION` selected (nothing, when the module has none). A module that needs
    more defines its own `app`."""
    module = request.module
    name = module.__name__.rsplit(".", 1)[-1]
    selection = getattr(module, "SELECTION", None)
    with app_on_clusters(clusters, tmp_path_factory, f"{name}-config", selection) as running:
        yield running
