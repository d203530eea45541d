"""The small parts of the stream wiring: source budget, query parameters, log scopes, change
coalescing, and the event payload against the contract model."""

from __future__ import annotations

import asyncio
import json
from typing import Any, cast

import pytest
from starlette.datastructures import Headers, QueryParams

from backend.clusters.identity import parse_scope
from backend.contract.streams import CatalogChange as CatalogChangeModel
from backend.contract.streams import KubeEvent
from backend.errors import RegattaError
from backend.kube.resources import KindKey
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import DEPLOYMENTS, PODS
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.rows.events import EventRow, InvolvedObject
from backend.objectcatalog.store import ChangeType
from backend.refresh.snapshots.domains import domains_for_kind
from backend.refresh.streams.budget import SourceBudget, SourceLimits
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.catalog_stream import CatalogStream, namespaces_by_cluster
from backend.refresh.streams.events import ClusterScope, event_payload, event_time_ns
from backend.refresh.streams.log_targets import (
    LogTarget,
    SourceError,
    check_log_scope,
)
from backend.refresh.streams.logs import LogOptions
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.query import last_event_id, log_options, reorder_window_s, signature

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"

# --- budget --------------------------------------------------------------------------------------


def test_the_budget_refuses_past_each_bound_and_names_it() -> None:
    budget = SourceBudget(SourceLimits(per_stream=5, per_cluster=4, per_process=6))
    with pytest.raises(RegattaError) as stream:
        budget.take({ALPHA: 3, BETA: 3}, 0)
    assert (stream.value.status, stream.value.code) == (400, "too_many_sources")
    assert stream.value.context["limit"] == 5 and stream.value.context["limitOf"] == "stream"
    assert budget.total == 0  # nothing was reserved

    budget.take({ALPHA: 3}, 0)
    with pytest.raises(RegattaError) as cluster:
        budget.take({ALPHA: 2}, 0)
    assert cluster.value.context["limitOf"] == "cluster"
    assert cluster.value.context["clusterId"] == ALPHA
    assert "4" in cluster.value.message

    budget.take({BETA: 3}, 0)
    with pytest.raises(RegattaError) as process:
        budget.take({ALPHA: 1}, 0)
    assert process.value.context["limitOf"] == "process"

    budget.release(BETA, 3)
    budget.take({ALPHA: 1}, 0)
    assert (budget.total, budget.reserved(ALPHA), budget.reserved(BETA)) == (4, 4, 0)
    with pytest.raises(ValueError):
        budget.release(BETA)


# --- query ---------------------------------------------------------------------------------------


def test_the_window_is_milliseconds_within_bounds() -> None:
    assert reorder_window_s(QueryParams("")) == 0.5
    assert reorder_window_s(QueryParams("window=250")) == 0.25
    assert reorder_window_s(QueryParams("window=0")) == 0.0
    for bad in ("-1", "abc", "10001", "nan", "inf", ""):
        with pytest.raises(RegattaError) as error:
            reorder_window_s(QueryParams({"window": bad}))
        assert (error.value.status, error.value.code) == (400, "bad_query")
        assert error.value.context["parameter"] == "window"


def test_log_options_are_checked() -> None:
    assert log_options(QueryParams("")) == LogOptions()
    assert log_options(QueryParams("tailLines=0&sinceSeconds=30&previous=true")) == LogOptions(
        tail_lines=0, since_seconds=30, previous=True
    )
    for bad in ("tailLines=-1", "tailLines=x", "sinceSeconds=0", "previous=maybe"):
        with pytest.raises(RegattaError) as error:
            log_options(QueryParams(bad))
        assert error.value.code == "bad_query"


def test_last_event_id_and_signature() -> None:
    assert last_event_id(Headers({})) is None
    assert last_event_id(Headers({"last-event-id": " 42 "})) == 42
    assert last_event_id(Headers({"last-event-id": "abc"})) == -1
    one = signature("/s", QueryParams("scope=a&scope=b&window=5"))
    assert one == signature("/s", QueryParams("window=5&scope=b&scope=a"))
    assert one != signature("/s", QueryParams("scope=a&window=5"))


# --- log scopes ----------------------------------------------------------------------------------


def test_log_scopes_are_pods_and_workloads_with_a_namespace() -> None:
    for ok in (
        f"{ALPHA}|pod:shop/web-1",
        f"{ALPHA}|pod:shop/web-1/web",
        f"{ALPHA}|object:apps/v1/Deployment/shop/web",
        f"{ALPHA}|object:batch/v1/Job/team-a/migrate",
        f"{ALPHA}|object:/v1/Pod/shop/web-1",
    ):
        check_log_scope(parse_scope(ok), ok)
    for bad in (
        f"{ALPHA}|",
        f"{ALPHA}|namespace:shop",
        f"{ALPHA}|object:/v1/ConfigMap/shop/settings",
        f"{ALPHA}|object:apps/v1/Deployment//web",
    ):
        with pytest.raises(SourceError) as error:
            check_log_scope(parse_scope(bad), bad)
        assert not error.value.transient


def test_a_log_target_names_its_source_and_sorts_by_cluster_pod_container() -> None:
    target = LogTarget(
        f"{ALPHA}|object:apps/v1/Deployment/shop/web", ALPHA, "alpha", "shop", "web-1", "log-agent"
    )
    assert target.source == f"{ALPHA}|pod:shop/web-1/log-agent"
    assert target.key[:3] == (ALPHA, "web-1", "log-agent")


# --- catalog doorbells ---------------------------------------------------------------------------


def change(
    cluster: str, key: KindKey, name: str, kind: str = "Pod", type: ChangeType = ChangeType.ADDED
) -> CatalogChange:
    return CatalogChange(cluster, key, kind, "shop", name, f"uid-{name}", type)


@pytest.mark.asyncio
async def test_changes_coalesce_to_the_last_per_cluster_and_kind_in_first_seen_order() -> None:
    buffer = EventBuffer()
    scopes = [
        ClusterScope(f"{ALPHA}|", ALPHA, "alpha", None),
        ClusterScope(f"{BETA}|", BETA, "beta", None),
    ]
    output = MergedOutput(buffer, 0.0)
    stream = CatalogStream(CatalogRegistry(), cast(Any, None), scopes, output, coalesce_s=0.0)

    async def sent(frames: int) -> list[tuple[str, str, str]]:
        """The change events among the next `frames` frames."""
        read = [await asyncio.wait_for(buffer.get(), 5) for _ in range(frames)]
        data = [json.loads(f.split(b"\ndata: ")[1]) for f in read if f and b"event: change" in f]
        return [(d["clusterId"], d["name"], d["type"]) for d in data]

    stream._on_changes(
        [
            change(ALPHA, PODS, "a"),
            change(BETA, PODS, "b"),
            change(ALPHA, DEPLOYMENTS, "web", "Deployment"),
            change(ALPHA, PODS, "c", type=ChangeType.DELETED),
        ]
    )
    assert await sent(3) == [(ALPHA, "c", "DELETED"), (BETA, "b", "ADDED"), (ALPHA, "web", "ADDED")]
    stream._on_changes([change(ALPHA, PODS, "a"), change(BETA, PODS, "b2")])
    await stream.cluster_removed(ALPHA)  # its pending change is forgotten (and a status sent)
    assert await sent(2) == [(BETA, "b2", "ADDED")]  # what was sent before is not sent again
    stream.close()


def test_a_whole_cluster_scope_wins_over_namespace_scopes_of_it() -> None:
    scopes = [
        ClusterScope(f"{ALPHA}|namespace:shop", ALPHA, "alpha", "shop"),
        ClusterScope(f"{ALPHA}|", ALPHA, "alpha", None),
        ClusterScope(f"{BETA}|namespace:shop", BETA, "beta", "shop"),
        ClusterScope(f"{BETA}|namespace:team-a", BETA, "beta", "team-a"),
    ]
    assert namespaces_by_cluster(scopes) == {ALPHA: None, BETA: {"shop", "team-a"}}


def test_a_change_payload_validates() -> None:
    payload = {
        "clusterId": ALPHA,
        "kind": "Deployment",
        "namespace": "shop",
        "name": "web",
        "type": "MODIFIED",
        "domains": domains_for_kind(DEPLOYMENTS, False),
    }
    model = CatalogChangeModel.model_validate(payload)
    assert model.wire() == payload
    assert "workloads" in model.domains


# --- events --------------------------------------------------------------------------------------


def event_row(timestamp: str = "2026-11-26T07:49:41Z") -> EventRow:
    return EventRow(
        "shop",
        "web.1",
        "uid-1",
        "2026-11-26T07:49:00Z",
        "Warning",
        "Unhealthy",
        "Readiness probe failed",
        3,
        InvolvedObject("v1", "Pod", "web-1", "shop", "uid-pod"),
        timestamp,
    )


def test_an_event_payload_validates_and_keeps_the_event_time_as_sent() -> None:
    scope = ClusterScope(f"{ALPHA}|namespace:shop", ALPHA, "alpha", "shop")
    payload = event_payload(scope, event_row())
    model = KubeEvent.model_validate(payload)
    assert model.wire() == payload
    assert payload["timestamp"] == "2026-11-26T07:49:41Z"
    assert payload["scope"] == f"{ALPHA}|namespace:shop"
    assert scope.covers(event_row())


def test_an_event_without_a_readable_time_falls_back_to_its_creation() -> None:
    assert event_time_ns(event_row("")) == event_time_ns(event_row("2026-11-26T07:49:00Z"))
