"""Cluster health pushed to clients: the monitor tells of changes only, and the catalog stream
turns them into `event: cluster` (contract §14) for its own clusters.

The clusters' server is a closed local port (nobody listens), so every probe ends `unreachable`
at once; the freeze of a real API server is in tests/integration/test_cluster_health_events.py.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from backend.clusters.health import ProbeResult
from backend.clusters.service import ClusterService
from backend.contract.streams import ClusterHealth
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.catalog_stream import CatalogStream
from backend.refresh.streams.cluster_health import cluster_health
from backend.refresh.streams.events import ClusterScope
from backend.refresh.streams.merged_output import MergedOutput
from tests.unit.test_selection_service import DEAD_SERVER, kubeconfig, make_service, write

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
REFUSED = f"Cannot connect to the API server {DEAD_SERVER}: connection refused."


@pytest_asyncio.fixture
async def service(tmp_path: Path) -> AsyncIterator[ClusterService]:
    write(tmp_path / "home/.kube/dev.yaml", kubeconfig("alpha", "beta"))
    started = make_service(tmp_path / "home", tmp_path / "config")
    await started.start()
    yield started
    await started.stop()


@pytest.mark.asyncio
async def test_listeners_hear_of_a_change_once_not_of_every_probe(
    service: ClusterService,
) -> None:
    told: list[tuple[str, str, str | None]] = []
    service.health.subscribe(lambda cluster_id, r: told.append((cluster_id, r.status, r.message)))
    await service.set_selection([ALPHA])
    for _ in range(3):
        await service.health.check(ALPHA)
    assert told == [(ALPHA, "unreachable", REFUSED)]


@pytest.mark.asyncio
async def test_a_removed_listener_hears_nothing(service: ClusterService) -> None:
    told: list[str] = []
    unsubscribe = service.health.subscribe(lambda cluster_id, _: told.append(cluster_id))
    unsubscribe()
    await service.set_selection([ALPHA])
    await service.health.check(ALPHA)
    assert told == []


@pytest.mark.asyncio
async def test_the_catalog_stream_sends_the_known_health_of_its_own_clusters(
    service: ClusterService,
) -> None:
    await service.set_selection([ALPHA, BETA])
    await asyncio.gather(service.health.check(ALPHA), service.health.check(BETA))
    buffer = EventBuffer()
    stream = CatalogStream(
        CatalogRegistry(),
        service.health,
        [ClusterScope(f"{ALPHA}|", ALPHA, "alpha", None)],
        MergedOutput(buffer, 0.0),
    )
    running = asyncio.get_running_loop().create_task(stream.run())
    try:
        frame = await asyncio.wait_for(buffer.get(), 5)
        assert frame is not None
        event, data = _decode(frame)
        assert event == "cluster"
        assert ClusterHealth.model_validate(data).model_dump(by_alias=True) == data
        assert data == {
            "clusterId": ALPHA,
            "clusterName": "alpha",
            "status": "unreachable",
            "cause": "unreachable",
            "message": REFUSED,
        }
        assert buffer.get_nowait() is None, "beta is not in this stream's scopes"
    finally:
        running.cancel()
        await asyncio.gather(running, return_exceptions=True)
        stream.close()


def _decode(frame: bytes) -> tuple[str, dict[str, object]]:
    fields = dict(line.split(": ", 1) for line in frame.decode().splitlines() if ": " in line)
    return fields["event"], json.loads(fields["data"])


def _result(status: str, message: str | None = None) -> ProbeResult:
    return ProbeResult(status, message, None, datetime.now(UTC), None)  # type: ignore[arg-type]


def test_events_use_the_words_of_snapshot_parts() -> None:
    ready = cluster_health(ALPHA, _result("ready"))
    assert ready is not None
    assert (ready.status, ready.cause, ready.message) == ("ready", None, None)
    rejected = cluster_health(ALPHA, _result("auth_failed", "The API server rejected it."))
    assert rejected is not None
    assert (rejected.status, rejected.cause) == ("error", "auth_failed")
    timeout = cluster_health(ALPHA, _result("timeout", "No answer within 2.5 s."))
    assert timeout is not None
    assert (timeout.status, timeout.cause, timeout.message) == (
        "timeout",
        "timeout",
        "No answer within 2.5 s.",
    )
    assert cluster_health(ALPHA, _result("checking")) is None
