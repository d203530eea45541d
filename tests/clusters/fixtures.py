"""pytest fixtures: one set of real clusters per test session (`clusters`), healed after each test.

Set REGATTA_TEST_CLUSTERS=<state dir of a running `python -m tests.clusters up`> to reuse those
clusters instead of starting new ones (faster when iterating; they are left running).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.clusters.env import ClusterEnv


@pytest.fixture(scope="session")
def clusters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ClusterEnv]:
    """Three seeded clusters (alpha, beta, gamma) for the whole session."""
    reuse = os.environ.get("REGATTA_TEST_CLUSTERS")
    if reuse:
        env = ClusterEnv.load(Path(reuse))
        yield env
        env.heal()
        return
    from tests.clusters import harness

    state_dir = tmp_path_factory.mktemp("clusters", numbered=True)
    env = harness.up(state_dir=state_dir, owner_pid=os.getpid())
    try:
        yield env
    finally:
        harness.down(state_dir)


@pytest.fixture(autouse=True)
def _restore_broken_clusters(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that used the clusters, bring back any apiserver it froze or stopped."""
    yield
    env = getattr(request.node, "funcargs", {}).get("clusters")
    if isinstance(env, ClusterEnv):
        env.heal()
