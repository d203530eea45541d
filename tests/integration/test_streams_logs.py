"""The merged log stream against the real clusters: pods of several clusters merged in order, a
frozen or stopped API server that the others outlive, resume by Last-Event-ID, disconnects that
close every upstream follow, limits, and clusters that are deselected mid-stream.

kwok serves every pod of a (namespace, container) the same file, one new line a second, the
clusters taking turns within the second; so the three `web` pods of one cluster tie on every
timestamp and the tie rule (clusterId, then pod, then container) is exercised on every line.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from backend.contract.streams import Dropped, LogLine, SourceStatus
from backend.refresh.streams.budget import SourceLimits
from backend.refresh.streams.timestamps import parse_rfc3339_ns
from tests.clusters import ClusterEnv
from tests.integration.test_streams_support import (
    ALPHA,
    BETA,
    CLUSTER_NAMES,
    GAMMA,
    Sse,
    apiserver_metric,
    eventually,
    stream_backend,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

WEB_DEPLOYMENT = "object:apps/v1/Deployment/shop/web"


def lines(events: list[Sse]) -> list[dict[str, Any]]:
    return [e.data for e in events if e.event == "log"]


def source_of(line: dict[str, Any]) -> tuple[str, str, str, str]:
    return (line["clusterId"], line["namespace"], line["pod"], line["container"])


def merge_key(line: dict[str, Any]) -> tuple[int, str, str, str]:
    return (parse_rfc3339_ns(line["timestamp"]), line["clusterId"], line["pod"], line["container"])


def assert_per_source_order_without_repeats(log: list[dict[str, Any]]) -> None:
    """Per source: seq goes up by one, timestamps never go back, no line comes twice."""
    by_source: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for line in log:
        by_source[source_of(line)].append(line)
    for source, seen in by_source.items():
        seqs = [line["seq"] for line in seen]
        assert seqs == list(range(seqs[0], seqs[0] + len(seqs))), source
        stamps = [parse_rfc3339_ns(line["timestamp"]) for line in seen]
        assert stamps == sorted(stamps), source
        pairs = [(line["timestamp"], line["line"]) for line in seen]
        assert len(set(pairs)) == len(pairs), source


def live_count(log: list[dict[str, Any]], cluster_id: str, after_ns: int = 0) -> int:
    return sum(
        1
        for line in log
        if line["clusterId"] == cluster_id and parse_rfc3339_ns(line["timestamp"]) > after_ns
    )


def statuses(events: list[Sse], cluster_id: str | None = None) -> list[dict[str, Any]]:
    return [
        e.data
        for e in events
        if e.event == "status" and (cluster_id is None or e.data["clusterId"] == cluster_id)
    ]


async def test_logs_of_two_clusters_arrive_merged_in_timestamp_order(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        beta_pod = clusters.kubectl(
            "get",
            "pods",
            "-n",
            "shop",
            "-l",
            "app=web",
            "-o",
            "jsonpath={.items[0].metadata.name}",
            context="beta",
        ).stdout
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}", f"{BETA}|pod:shop/{beta_pod}"]
        async with backend.stream("logs", scopes, tailLines="5") as sse:
            # 3 alpha pods x 2 containers + 1 beta pod x 2 containers, each with a tail of 5.
            await sse.until(
                lambda ev: (
                    live_count(lines(ev), BETA) >= 5 * 2 + 2 * 3
                    and live_count(lines(ev), ALPHA) >= 5 * 6 + 6 * 3
                )
            )
            log = lines(sse.events)

            for line in log:
                LogLine.model_validate(line)
                assert line["clusterName"] == CLUSTER_NAMES[line["clusterId"]]
                assert line["scope"] == (scopes[0] if line["clusterId"] == ALPHA else scopes[1])
                assert len(line["timestamp"]) == len("2026-11-26T07:49:41.123456789Z")
            for data in statuses(sse.events):
                SourceStatus.model_validate(data)
            assert {source_of(line) for line in log} == {
                *(
                    (ALPHA, "shop", pod, c)
                    for pod in {ln["pod"] for ln in log if ln["clusterId"] == ALPHA}
                    for c in ("web", "log-agent")
                ),
                (BETA, "shop", beta_pod, "web"),
                (BETA, "shop", beta_pod, "log-agent"),
            }
            assert len({line["pod"] for line in log if line["clusterId"] == ALPHA}) == 3
            started = {d["source"] for d in statuses(sse.events) if d["status"] == "started"}
            assert len(started) == 8

            # Merged by (timestamp, clusterId, pod, container), each source's order kept. A line
            # may come after a larger one only if it reached the server after that one had left
            # (it then says `late: true`); with the default window there are none unless
            # the machine stalls a follow for longer than the window.
            out_of_order = 0
            largest = merge_key(log[0])
            for line in log:
                key = merge_key(line)
                if key < largest:
                    out_of_order += 1
                largest = max(largest, key)
            late = sum(1 for line in log if line["late"])
            assert out_of_order <= late
            assert_per_source_order_without_repeats(log)
            assert sse.retry_ms is not None
            assert all(e.id is not None for e in sse.events)


async def test_a_frozen_cluster_gets_a_status_and_the_others_go_on(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}", f"{BETA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="1") as sse:
            await sse.until(lambda ev: live_count(lines(ev), BETA) >= 6)
            with clusters.frozen("beta"):
                await sse.until(
                    lambda ev: any(d["status"] == "unreachable" for d in statuses(ev, BETA))
                )
                frozen_at = len(sse.events)
                last_alpha = max(
                    parse_rfc3339_ns(ln["timestamp"])
                    for ln in lines(sse.events)
                    if ln["clusterId"] == ALPHA
                )
                await sse.until(lambda ev: live_count(lines(ev), ALPHA, last_alpha) >= 6 * 3)
                assert live_count(lines(sse.events[frozen_at:]), BETA) == 0
            await sse.until(
                lambda ev: sum(1 for d in statuses(ev, BETA) if d["message"] == "reconnected") == 6
            )
            thawed_at = len(sse.events)
            await sse.until(
                lambda ev: (
                    len([ln for ln in lines(ev[thawed_at:]) if ln["clusterId"] == BETA]) >= 6 * 2
                )
            )
            beta = statuses(sse.events, BETA)
            kinds = [d["status"] for d in beta]
            assert kinds.count("started") == 12  # 6 at the start, 6 reconnected
            assert "reconnecting" in kinds
            assert_per_source_order_without_repeats(lines(sse.events))


async def test_a_stopped_apiserver_is_outlived_and_its_logs_resume_without_repeats(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        gamma_pod = clusters.kubectl(
            "get",
            "pods",
            "-n",
            "shop",
            "-l",
            "app=web",
            "-o",
            "jsonpath={.items[0].metadata.name}",
            context="arn:aws:eks:eu-west-1:123456789012:cluster/gamma",
            kubeconfig="prod.yaml",
        ).stdout
        scopes = [f"{GAMMA}|pod:shop/{gamma_pod}/web", f"{ALPHA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="3") as sse:
            await sse.until(lambda ev: live_count(lines(ev), GAMMA) >= 5)
            with clusters.apiserver_stopped("gamma"):
                await sse.until(
                    lambda ev: any(
                        d["status"] in ("reconnecting", "unreachable") for d in statuses(ev, GAMMA)
                    )
                )
                count = len(lines(sse.events))
                await sse.until(lambda ev: len(lines(ev)) >= count + 6 * 3)  # alpha goes on
            await sse.until(
                lambda ev: any(d["message"] == "reconnected" for d in statuses(ev, GAMMA))
            )
            resumed_at = len(sse.events)
            await sse.until(lambda ev: live_count(lines(ev[resumed_at:]), GAMMA) >= 3)
            assert_per_source_order_without_repeats(lines(sse.events))
            gamma = [ln for ln in lines(sse.events) if ln["clusterId"] == GAMMA]
            # kwok's file kept growing while the apiserver was down: nothing in between is lost.
            numbers = [int(ln["line"].rsplit("seq=", 1)[1]) for ln in gamma]
            assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


async def test_a_disconnect_closes_every_upstream_follow(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}", f"{BETA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="1") as sse:
            await sse.until(lambda ev: len(statuses(ev)) >= 12 and len(lines(ev)) >= 12)
            assert backend.hub.follows.count == 12
            assert backend.lifecycle.open_streams == 1
            assert (
                apiserver_metric(
                    clusters,
                    "alpha",
                    "apiserver_longrunning_requests",
                    resource="pods",
                    subresource="log",
                )
                >= 6
            )
        await eventually(lambda: backend.hub.follows.count == 0)
        await eventually(lambda: backend.lifecycle.open_streams == 0)
        for name in ("alpha", "beta"):
            await eventually(
                lambda name=name: (
                    apiserver_metric(  # type: ignore[misc]
                        clusters,
                        name,
                        "apiserver_longrunning_requests",
                        resource="pods",
                        subresource="log",
                    )
                    == 0
                )
            )


async def test_last_event_id_resumes_where_the_client_stopped(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="2") as first:
            await first.until(lambda ev: len(lines(ev)) >= 6 * 4)
        last_id = first.last_id
        assert last_id is not None
        assert backend.hub.sessions == 1
        async with backend.stream("logs", scopes, last_event_id=last_id, tailLines="2") as second:
            await second.until(lambda ev: len(lines(ev)) >= 6 * 3)
            assert second.events[0].id == last_id + 1  # nothing dropped, nothing repeated
            log = lines(first.events) + lines(second.events)
            assert_per_source_order_without_repeats(log)
            assert backend.hub.sessions == 1

        # An id this server never issued: a new stream that says it cannot know what was missed.
        async with backend.stream("logs", scopes, last_event_id=12345, tailLines="1") as third:
            first_event = await third.next()
            assert first_event.event == "dropped"
            Dropped.model_validate(first_event.data)
            assert first_event.data == {"count": None, "reason": "unknown_event_id", "source": None}


async def test_requests_that_cannot_be_served_are_refused_before_streaming(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    limits = SourceLimits(per_stream=4, per_cluster=40, per_process=300)
    async with stream_backend(clusters, tmp_path, selected=(ALPHA, BETA), limits=limits) as backend:
        status, body = await backend.get_error("logs", [f"{ALPHA}|{WEB_DEPLOYMENT}"])
        assert status == 400 and body["error"]["code"] == "too_many_sources"
        assert body["error"]["limit"] == 4 and "4" in body["error"]["message"]

        status, body = await backend.get_error("logs", [f"{ALPHA}|pod:shop/x"], window="-5")
        assert (status, body["error"]["code"]) == (400, "bad_query")
        status, body = await backend.get_error("logs", [f"{ALPHA}|namespace:shop"])
        assert (status, body["error"]["code"]) == (400, "bad_scope")
        status, body = await backend.get_error("logs", [])
        assert (status, body["error"]["code"]) == (400, "bad_scope")
        status, body = await backend.get_error("logs", [f"{GAMMA}|pod:shop/x"])
        assert (status, body["error"]["code"]) == (409, "cluster_not_active")
        status, body = await backend.get_error("events", [f"{ALPHA}|pod:shop/x"])
        assert (status, body["error"]["code"]) == (400, "bad_scope")
        assert backend.hub.budget.total == 0

        # A pod that does not exist is a status in the stream, not an error of the request.
        async with backend.stream("logs", [f"{ALPHA}|pod:shop/no-such-pod"]) as sse:
            event = await sse.next()
            assert event.event == "status"
            assert event.data["status"] == "not_found"
            assert event.data["source"] == f"{ALPHA}|pod:shop/no-such-pod"


async def test_a_deselected_cluster_ends_its_sources_and_the_stream_goes_on(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path) as backend:
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}", f"{BETA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="1") as sse:
            await sse.until(lambda ev: live_count(lines(ev), BETA) >= 6)
            await backend.clusters.set_selection([ALPHA, GAMMA])
            await sse.until(
                lambda ev: sum(1 for d in statuses(ev, BETA) if d["status"] == "ended") == 6
            )
            ended = [d for d in statuses(sse.events, BETA) if d["status"] == "ended"]
            assert {d["message"] for d in ended} == {"cluster deselected"}
            after = len(sse.events)
            await sse.until(lambda ev: live_count(lines(ev[after:]), ALPHA) >= 6 * 2)
            assert live_count(lines(sse.events[after:]), BETA) == 0
            assert backend.hub.budget.reserved(BETA) == 0
            await eventually(lambda: backend.hub.follows.count == 6)


async def test_a_forbidden_source_is_a_status_and_the_allowed_ones_stream(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    viewer = "dev.yaml:beta-viewer"  # may read pods/log in shop, nothing in team-b
    async with stream_backend(clusters, tmp_path, selected=(viewer,)) as backend:
        scopes = [
            f"{viewer}|{WEB_DEPLOYMENT}",
            f"{viewer}|pod:team-b/some-pod/worker",
            f"{viewer}|object:apps/v1/Deployment/team-b/worker",
        ]
        async with backend.stream("logs", scopes, tailLines="1") as sse:
            await sse.until(
                lambda ev: (
                    len([d for d in statuses(ev) if d["status"] == "forbidden"]) == 2
                    and live_count(lines(ev), viewer) >= 6
                )
            )
            forbidden = {d["source"] for d in statuses(sse.events) if d["status"] == "forbidden"}
            assert forbidden == {f"{viewer}|pod:team-b/some-pod/worker", scopes[2]}
            assert {line["namespace"] for line in lines(sse.events)} == {"shop"}
            assert backend.hub.budget.reserved(viewer) == 6  # the forbidden one gave its back
