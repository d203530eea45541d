"""Chromium loads the UI through the token URL and the UI reaches the API with the cookie."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.app_process import RunningApp, running_app

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    home = tmp_path_factory.mktemp("home")
    with running_app(
        "--config-dir", str(home / "config"), "--kubeconfig-dir", str(home / "kube")
    ) as running:
        yield running


def test_ui_loads_through_token_url(page: Page, app: RunningApp) -> None:
    page.goto(app.url)
    assert page.url == f"{app.base}/"
    expect(page.get_by_test_id("health-status")).to_have_text("ok")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "shell.png"))


def test_ui_without_token_cannot_read_the_api(page: Page, app: RunningApp) -> None:
    page.goto(f"{app.base}/")
    expect(page.get_by_test_id("health-status")).not_to_have_text("ok")
