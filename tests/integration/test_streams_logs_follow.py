"""The log stream as the Logs tab uses it, on the real clusters: a workload whose pods change,
the previous container's log, lines that come late after an outage, filters on the server.

A container is restarted through the harness's restart stage (tests/clusters/kwokconfig.py,
annotation `regatta.test/restart`): restartCount + 1 and lastState.terminated, as after a crash.
kwok then serves the previous container's log from its `previousLogsFile`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from backend.contract.streams import LogLine
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.store import ChangeType
from tests.clusters import ClusterEnv
from tests.clusters.kwokconfig import RESTART_ANNOTATION, RESTART_EXIT_CODE
from tests.integration.actions_support import admin, admin_json, deployment_yaml, namespace_in
from tests.integration.test_streams_logs import (
    WEB_DEPLOYMENT,
    assert_per_source_order_without_repeats,
    lines,
    live_count,
    merge_key,
    statuses,
)
from tests.integration.test_streams_support import ALPHA, BETA, EVENT_S, stream_backend, unique

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]


def pods_of(log: list[dict[str, Any]]) -> set[str]:
    return {line["pod"] for line in log}


async def test_a_workload_stream_takes_in_pods_created_after_it_opened(
    clusters: ClusterEnv, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="backend.refresh.streams.logs")
    with namespace_in(clusters, unique("logs-follow"), ("alpha",)) as namespace:
        admin(clusters, "alpha", "apply", "-f", "-", input=deployment_yaml(namespace, "app", 1))
        async with stream_backend(clusters, tmp_path, selected=(ALPHA,)) as backend:
            scope = f"{ALPHA}|object:apps/v1/Deployment/{namespace}/app"
            async with backend.stream("logs", [scope], tailLines="2") as sse:
                await sse.until(lambda ev: len(pods_of(lines(ev))) == 1)
                (first,) = pods_of(lines(sse.events))
                admin(clusters, "alpha", "scale", "-n", namespace, "deployment/app", "--replicas=2")
                await sse.until(lambda ev: len(pods_of(lines(ev))) == 2)
                (second,) = pods_of(lines(sse.events)) - {first}
                joined = [
                    d["status"]
                    for d in statuses(sse.events, ALPHA)
                    if f"/{second}/app" in d["source"]
                ]
                # named as soon as it is added, the pod may not be placed or started yet
                assert "started" in joined
                assert set(joined[: joined.index("started")]) <= {"reconnecting"}
                for line in lines(sse.events):
                    LogLine.model_validate(line)
                    assert line["scope"] == scope


class Logged(logging.Handler):
    """Sets `seen` when a record whose message starts with `prefix` is logged."""

    def __init__(self, prefix: str) -> None:
        super().__init__(logging.INFO)
        self.prefix = prefix
        self.seen = asyncio.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith(self.prefix):
            self.seen.set()


async def test_a_new_pod_whose_naming_found_the_api_server_frozen_joins_once_it_answers(
    clusters: ClusterEnv, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The stream names a workload's pods again when the catalog sees one added. If that naming
    fails for a reason that may pass, nothing else would wake it: it must be retried."""
    caplog.set_level(logging.DEBUG, logger="backend.refresh.streams.logs")
    with namespace_in(clusters, unique("logs-renamed"), ("alpha",)) as namespace:
        admin(clusters, "alpha", "apply", "-f", "-", input=deployment_yaml(namespace, "app", 1))
        async with stream_backend(clusters, tmp_path, selected=(ALPHA,)) as backend:
            scope = f"{ALPHA}|object:apps/v1/Deployment/{namespace}/app"
            failed = Logged(f"naming the pods of {scope} failed")
            logging.getLogger("backend.refresh.streams.logs").addHandler(failed)
            frozen: list[str] = []

            def freeze_when_the_new_pod_is_added(changes: Sequence[CatalogChange]) -> None:
                # called after the stream's own listener woke it, before its naming runs
                added = [
                    c
                    for c in changes
                    if c.kind_key == PODS
                    and c.type is ChangeType.ADDED
                    and c.namespace == namespace
                    and c.name != first
                ]
                if added and not frozen:
                    clusters.freeze("alpha")
                    frozen.append(added[0].name)

            try:
                async with backend.stream("logs", [scope], tailLines="2") as sse:
                    await sse.until(lambda ev: len(pods_of(lines(ev))) == 1)
                    (first,) = pods_of(lines(sse.events))
                    unsubscribe = backend.catalogs.subscribe(freeze_when_the_new_pod_is_added)
                    try:
                        admin(
                            clusters,
                            "alpha",
                            "scale",
                            "-n",
                            namespace,
                            "deployment/app",
                            "--replicas=2",
                        )
                        await asyncio.wait_for(failed.seen.wait(), EVENT_S)
                    finally:
                        unsubscribe()
                        if frozen:
                            await asyncio.to_thread(clusters.resume, "alpha")
                    await sse.until(lambda ev: len(pods_of(lines(ev))) == 2)
                    assert pods_of(lines(sse.events)) == {first, *frozen}
            finally:
                logging.getLogger("backend.refresh.streams.logs").removeHandler(failed)


async def test_the_same_workload_in_every_cluster_is_one_stream_and_a_missing_one_a_status(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    with namespace_in(clusters, unique("logs-every"), ("alpha", "beta")) as namespace:
        admin(clusters, "alpha", "apply", "-f", "-", input=deployment_yaml(namespace, "app", 2))
        async with stream_backend(clusters, tmp_path, selected=(ALPHA, BETA)) as backend:
            tail = f"object:apps/v1/Deployment/{namespace}/app"
            scopes = [f"{ALPHA}|{tail}", f"{BETA}|{tail}"]
            async with backend.stream("logs", scopes, tailLines="2") as sse:
                await sse.until(lambda ev: len(pods_of(lines(ev))) == 2)
                missing = [d for d in statuses(sse.events, BETA) if d["source"] == scopes[1]]
                assert [d["status"] for d in missing] == ["not_found"]
                assert {line["clusterId"] for line in lines(sse.events)} == {ALPHA}


async def test_previous_reads_the_log_of_the_container_that_restarted(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    with namespace_in(clusters, unique("logs-previous"), ("alpha",)) as namespace:
        admin(clusters, "alpha", "apply", "-f", "-", input=two_container_pod(namespace, "crashy"))
        pod = ("-n", namespace, "pod/crashy")
        admin(clusters, "alpha", "wait", *pod, "--for=condition=Ready", "--timeout=45s")
        admin(clusters, "alpha", "annotate", *pod, f"{RESTART_ANNOTATION}=app")
        restarted = "--for=jsonpath={.status.containerStatuses[?(@.name=='app')].restartCount}=1"
        admin(clusters, "alpha", "wait", *pod, restarted, "--timeout=45s")
        (app,) = [
            c
            for c in admin_json(clusters, "alpha", "get", *pod)["status"]["containerStatuses"]
            if c["name"] == "app"
        ]
        assert app["lastState"]["terminated"]["exitCode"] == RESTART_EXIT_CODE

        async with stream_backend(clusters, tmp_path, selected=(ALPHA,)) as backend:
            scope = f"{ALPHA}|pod:{namespace}/crashy/app"
            async with backend.stream("logs", [scope], previous="true") as sse:
                await sse.until(lambda ev: any(d["status"] == "ended" for d in statuses(ev)))
                assert [line["line"] for line in lines(sse.events)] == [
                    "starting cluster=alpha",
                    "panic: lost connection cluster=alpha",
                ]
                assert {line["container"] for line in lines(sse.events)} == {"app"}


def two_container_pod(namespace: str, name: str) -> str:
    containers = [{"name": c, "image": f"example/{c}:1"} for c in ("app", "sidecar")]
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {"containers": containers, "terminationGracePeriodSeconds": 0},
        }
    )


async def test_lines_a_thawed_cluster_catches_up_on_are_marked_late(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path, selected=(ALPHA, BETA)) as backend:
        scopes = [f"{ALPHA}|{WEB_DEPLOYMENT}", f"{BETA}|{WEB_DEPLOYMENT}"]
        async with backend.stream("logs", scopes, tailLines="1") as sse:
            await sse.until(lambda ev: live_count(lines(ev), BETA) >= 6)
            with clusters.frozen("beta"):
                await sse.until(
                    lambda ev: any(d["status"] == "unreachable" for d in statuses(ev, BETA))
                )
                frozen_at = len(lines(sse.events))
                await sse.until(lambda ev: len(lines(ev)) >= frozen_at + 6 * 3)  # alpha goes on
            await sse.until(lambda ev: any(line.get("late") for line in lines(ev)))
            thawed = len(lines(sse.events))
            await sse.until(lambda ev: len(lines(ev)) >= thawed + 12)

            log = lines(sse.events)
            # `late` is exactly "sorts before a line already sent": nothing else is out of order.
            highest = merge_key(log[0])
            for line in log[1:]:
                key = merge_key(line)
                assert line["late"] == (key < highest), line
                highest = max(highest, key)
            late_after_freeze = [line for line in log[frozen_at:] if line["late"]]
            assert {line["clusterId"] for line in late_after_freeze} == {BETA}
            assert_per_source_order_without_repeats(log)


async def test_include_and_exclude_filters_apply_before_the_wire(
    clusters: ClusterEnv, tmp_path: Path
) -> None:
    async with stream_backend(clusters, tmp_path, selected=(ALPHA,)) as backend:
        scope = f"{ALPHA}|{WEB_DEPLOYMENT}"
        async with backend.stream("logs", [scope], tailLines="40", include="LEVEL=ERROR") as sse:
            await sse.until(lambda ev: len(lines(ev)) >= 6 * 3)
            assert all("level=error" in line["line"] for line in lines(sse.events))
        async with backend.stream("logs", [scope], tailLines="40", exclude="level=error") as sse:
            await sse.until(lambda ev: len(lines(ev)) >= 6 * 30)
            assert not any("level=error" in line["line"] for line in lines(sse.events))
        async with backend.stream(
            "logs", [scope], tailLines="40", includeRegex=r"seq=\d*7$", excludeRegex="^x"
        ) as sse:
            await sse.until(lambda ev: len(lines(ev)) >= 6 * 3)
            assert all(line["line"].endswith("7") for line in lines(sse.events))

        status, body = await backend.get_error("logs", [scope], excludeRegex="(unclosed")
        assert (status, body["error"]["code"]) == (400, "bad_query")
        assert body["error"]["parameter"] == "excludeRegex"
        assert "(unclosed" in body["error"]["message"]
