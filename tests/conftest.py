"""Shared pytest set-up: the real-cluster fixtures, and the order of the session."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.clusters.fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last.

    Playwright's sync API keeps its event loop running on the main thread from its first test
    to the end of the session, after which pytest-asyncio cannot start a loop of its own
    ("Runner.run() cannot be called from a running event loop"). Moving the tests that use a
    Playwright page to the end keeps one session, and so one set of real clusters, for all.
    """
    items.sort(key=lambda item: "page" in getattr(item, "fixturenames", ()))
