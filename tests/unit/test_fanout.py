"""Fan-out: every cluster gets an outcome; failures (of any kind) and timeouts stay with their
cluster."""

from __future__ import annotations

import asyncio

import pytest

from backend.errors import RegattaError
from backend.refresh.fanout import FanOut


class PluginFailed(Exception):
    """An exception of a lower layer that carries its sentence in `message`."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@pytest.mark.asyncio
async def test_each_cluster_gets_its_own_outcome_in_order() -> None:
    never = asyncio.Event()

    async def compute(cluster_id: str) -> int:
        if cluster_id == "slow:x":
            await never.wait()
        if cluster_id == "denied:x":
            raise RegattaError(403, "forbidden", "pods are forbidden")
        if cluster_id == "down:x":
            raise RegattaError(503, "unreachable", "connection refused")
        if cluster_id == "odd:x":
            raise RegattaError(500, "weird_code", "something else")
        if cluster_id == "plugin:x":
            raise PluginFailed("The exec credential plugin `sso` failed with exit status 1: bye")
        if cluster_id == "bug:x":
            raise KeyError("spec")
        return len(cluster_id)

    ids = ["ok:x", "slow:x", "denied:x", "down:x", "odd:x", "plugin:x", "bug:x"]
    outcomes = await FanOut(4).run(ids, compute, timeout_s=0.05)
    assert [o.cluster_id for o in outcomes] == ids
    assert [(o.value, o.failure) for o in outcomes] == [
        (4, None),
        (None, "timeout"),
        (None, "forbidden"),
        (None, "unreachable"),
        (None, "error"),
        (None, "error"),
        (None, "error"),
    ]
    assert outcomes[2].message == "pods are forbidden"
    assert outcomes[5].message == "The exec credential plugin `sso` failed with exit status 1: bye"
    assert outcomes[6].message == "'spec'"


@pytest.mark.asyncio
async def test_concurrency_limit_is_shared_and_respected() -> None:
    running = 0
    peak = 0
    release = asyncio.Event()
    two_running = asyncio.Event()

    async def compute(_: str) -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        if running == 2:
            two_running.set()
        await release.wait()
        running -= 1

    fan = FanOut(2)
    task = asyncio.ensure_future(fan.run([f"c{i}:x" for i in range(6)], compute, timeout_s=5))
    await two_running.wait()
    for _ in range(20):  # give the four waiting clusters every chance to sneak in
        await asyncio.sleep(0)
    assert peak == 2
    release.set()
    outcomes = await task
    assert all(o.failure is None for o in outcomes)
