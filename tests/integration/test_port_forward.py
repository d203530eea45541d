"""Port-forwards through the real app process on the real clusters (contract §11).

kwok forwards every port-forward of a cluster to the harness's side process, whose HTTP answer
names the cluster, so each answer proves which cluster a forward reached. Every check of what
changed on a cluster is made with the harness's admin kubectl.
"""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.app_process import RunningApp, running_app
from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    ALPHA,
    BETA,
    GAMMA,
    VIEWER,
    admin,
    deployment_yaml,
    ref,
    unique,
)
from tests.integration.test_streams_support import SseReader

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

ANSWER_S = 30.0
"""Upper bound for one answer through a forward (a hang fails instead of blocking the run)."""

MOVE_S = 60.0
"""Deadline for a forward to move to another pod after its pod was deleted."""

SIDE_PORT = 8080
"""Any port: kwok sends every forward to the side process."""

_HTTP = {"name": "http", "containerPort": SIDE_PORT}


class Forwards:
    """The app, its namespace on alpha, beta and gamma, and HTTP helpers."""

    def __init__(self, app: RunningApp, namespace: str) -> None:
        self.app = app
        self.ns = namespace

    def post(self, body: Any) -> httpx.Response:
        return httpx.post(
            f"{self.app.base}/api/v1/port-forwards", json=body, headers=self.app.auth, timeout=60
        )

    def forward(self, target: dict[str, Any], remote: int = SIDE_PORT, **extra: Any) -> Any:
        answer = self.post({"ref": target, "remotePort": remote, **extra})
        assert answer.status_code == 201, answer.text
        return answer.json()

    def select(self, cluster_ids: list[str]) -> None:
        selected = httpx.post(
            f"{self.app.base}/api/v1/bridge/set_selection",
            json={"args": [cluster_ids]},
            headers=self.app.auth,
            timeout=60,
        )
        assert selected.status_code == 200, selected.text

    def items(self) -> list[Any]:
        listed = httpx.get(
            f"{self.app.base}/api/v1/port-forwards", headers=self.app.auth, timeout=30
        )
        assert listed.status_code == 200, listed.text
        items: list[Any] = listed.json()["items"]
        return items

    def stop(self, forward_id: str) -> httpx.Response:
        return httpx.delete(
            f"{self.app.base}/api/v1/port-forwards/{forward_id}",
            headers={**self.app.auth, "Content-Type": "application/json"},
            timeout=30,
        )


@pytest.fixture(scope="module")
def forwards(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Forwards]:
    tmp: Path = tmp_path_factory.mktemp("pf")
    home = tmp / "home"
    home.mkdir()
    ns = unique("pf")
    try:
        for cluster in ("alpha", "beta", "gamma"):
            clusters.create_namespace(cluster, ns)
            admin(clusters, cluster, "apply", "-f", "-", input=_pod(ns, "same"))
        named = [{"name": "app", "image": "example/app:1", "ports": [_HTTP]}]
        admin(
            clusters, "alpha", "apply", "-f", "-",
            input=deployment_yaml(ns, "web", 2, containers=named),
        )  # fmt: skip
        admin(clusters, "alpha", "apply", "-f", "-", input=_service(ns, "web"))
        for cluster in ("alpha", "beta", "gamma"):
            admin(
                clusters, cluster, "wait", "-n", ns, "--for=condition=Ready", "pod", "--all",
                "--timeout=60s",
            )  # fmt: skip
        admin(
            clusters, "alpha", "wait", "-n", ns, "--for=condition=Available", "deployment/web",
            "--timeout=60s",
        )  # fmt: skip
        with running_app(
            "--config-dir",
            str(tmp / "config"),
            "--kubeconfig-dir",
            str(clusters.kubeconfig_dir),
            env={"HOME": str(home), "KUBECONFIG": ""},
        ) as app:
            forwards = Forwards(app, ns)
            forwards.select([ALPHA, BETA, VIEWER, GAMMA])
            yield forwards
    finally:
        for cluster in ("alpha", "beta", "gamma"):
            admin(clusters, cluster, "delete", "namespace", ns, "--wait=false", check=False)


def _pod(namespace: str, name: str) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "namespace": namespace, "labels": {"app": name}},
            "spec": {
                "containers": [
                    {
                        "name": "app",
                        "image": "example/app:1",
                        "ports": [_HTTP],
                    }
                ],
                "terminationGracePeriodSeconds": 0,
            },
        }
    )


def _service(namespace: str, name: str) -> str:
    return json.dumps(
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": name, "namespace": namespace},
            "spec": {
                "selector": {"app": name},
                "ports": [
                    {"name": "by-number", "port": 80, "targetPort": SIDE_PORT},
                    {"name": "by-name", "port": 81, "targetPort": "http"},
                ],
            },
        }
    )


async def fetch(port: int, path: str = "/") -> dict[str, str]:
    """One HTTP GET through 127.0.0.1:`port`; the side process's JSON answer."""
    async with httpx.AsyncClient(timeout=ANSWER_S) as client:
        answer = await client.get(f"http://127.0.0.1:{port}{path}")
    assert answer.status_code == 200, answer.text
    parsed: dict[str, str] = answer.json()
    return parsed


def refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@asynccontextmanager
async def catalog_stream(app: RunningApp) -> AsyncIterator[SseReader]:
    async with (
        httpx.AsyncClient(timeout=httpx.Timeout(60, read=None)) as client,
        client.stream("GET", f"{app.base}/api/v1/streams/catalog", headers=app.auth) as response,
    ):
        assert response.status_code == 200
        yield SseReader(response)


async def test_same_named_pods_in_two_clusters_answer_their_own_cluster(
    forwards: Forwards,
) -> None:
    alpha = forwards.forward(ref(ALPHA, "Pod", "same", forwards.ns))
    gamma = forwards.forward(ref(GAMMA, "Pod", "same", forwards.ns))
    try:
        assert (alpha["status"], alpha["pod"]) == ("active", f"{forwards.ns}/same")
        assert gamma["clusterId"] == GAMMA and gamma["clusterName"].endswith("gamma")
        answers = await asyncio.gather(
            fetch(alpha["localPort"], "/a"), fetch(gamma["localPort"], "/g")
        )
        assert [a["cluster"] for a in answers] == ["alpha", "gamma"]
    finally:
        forwards.stop(alpha["id"])
        forwards.stop(gamma["id"])


async def test_a_service_resolves_its_target_port_and_a_deployment_its_pods(
    forwards: Forwards,
) -> None:
    by_number = forwards.forward(ref(ALPHA, "Service", "web", forwards.ns), remote=80)
    by_name = forwards.forward(ref(ALPHA, "Service", "web", forwards.ns), remote=81)
    deployment = forwards.forward(
        ref(ALPHA, "Deployment", "web", forwards.ns, group="apps"), remote=SIDE_PORT
    )
    started = (by_number, by_name, deployment)
    try:
        for forward in started:
            assert forward["pod"].startswith(f"{forwards.ns}/web-"), forward
            assert (await fetch(forward["localPort"], "/s"))["cluster"] == "alpha"
        not_a_port = forwards.post(
            {"ref": ref(ALPHA, "Service", "web", forwards.ns), "remotePort": 82}
        )
        assert (not_a_port.status_code, not_a_port.json()["error"]["field"]) == (400, "remotePort")
    finally:
        for forward in started:
            forwards.stop(forward["id"])


async def test_deleting_the_pod_moves_a_deployment_forward_to_another_pod(
    clusters: ClusterEnv, forwards: Forwards
) -> None:
    forward = forwards.forward(ref(ALPHA, "Deployment", "web", forwards.ns, group="apps"))
    first = forward["pod"]
    try:
        async with catalog_stream(forwards.app) as stream:
            admin(
                clusters, "alpha", "delete", "pod", "-n", forwards.ns, first.split("/")[1],
                "--wait=false",
            )  # fmt: skip

            def moved(events: list[Any]) -> bool:
                return any(
                    e.event == "port-forward"
                    and e.data["forward"]["id"] == forward["id"]
                    and e.data["forward"]["status"] == "active"
                    and e.data["forward"]["pod"] != first
                    for e in events
                )

            await stream.until(moved, MOVE_S)
            statuses = [
                e["forward"]["status"]
                for e in stream.of("port-forward")
                if e["forward"]["id"] == forward["id"]
            ]
        assert "reconnecting" in statuses
        now = next(f for f in forwards.items() if f["id"] == forward["id"])
        assert now["status"] == "active" and now["pod"] != first
        assert (await fetch(forward["localPort"], "/after"))["cluster"] == "alpha"
    finally:
        forwards.stop(forward["id"])


async def test_a_pod_forward_fails_when_its_pod_is_deleted(
    clusters: ClusterEnv, forwards: Forwards
) -> None:
    admin(clusters, "beta", "apply", "-f", "-", input=_pod(forwards.ns, "brief"))
    admin(
        clusters, "beta", "wait", "-n", forwards.ns, "--for=condition=Ready", "pod/brief",
        "--timeout=60s",
    )  # fmt: skip
    forward = forwards.forward(ref(BETA, "Pod", "brief", forwards.ns))
    try:
        async with catalog_stream(forwards.app) as stream:
            admin(clusters, "beta", "delete", "pod", "-n", forwards.ns, "brief", "--wait=false")
            await stream.until(
                lambda events: any(
                    e.event == "port-forward" and e.data["forward"]["status"] == "failed"
                    for e in events
                ),
                MOVE_S,
            )
        failed = next(f for f in forwards.items() if f["id"] == forward["id"])
        assert failed["status"] == "failed"
        assert "brief" in failed["message"]
        assert refused(forward["localPort"])
    finally:
        forwards.stop(forward["id"])


async def test_each_error_has_its_code(forwards: Forwards) -> None:
    taken = forwards.forward(ref(ALPHA, "Pod", "same", forwards.ns))
    try:
        cases: list[tuple[Any, int, str]] = [
            (
                {"ref": ref(ALPHA, "Pod", "same", forwards.ns), "remotePort": 80,
                 "localPort": taken["localPort"]},
                409, "port_in_use",
            ),
            ({"ref": ref("dev.yaml:nowhere", "Pod", "same", forwards.ns), "remotePort": 80},
             404, "unknown_cluster"),
            ({"ref": ref(ALPHA, "Pod", "nobody", forwards.ns), "remotePort": 80},
             404, "not_found"),
            ({"ref": ref(VIEWER, "Pod", "same", forwards.ns), "remotePort": 80},
             403, "forbidden"),
            ({"ref": ref(ALPHA, "Pod", "same", forwards.ns), "remotePort": "eighty"},
             400, "bad_request"),
            ({"ref": ref(ALPHA, "ConfigMap", "same", forwards.ns), "remotePort": 80},
             400, "bad_request"),
            ("not an object", 400, "bad_request"),
        ]  # fmt: skip
        for body, status, code in cases:
            answer = forwards.post(body)
            assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), (
                body,
                answer.text,
            )
        forbidden = forwards.post(cases[3][0]).json()["error"]
        assert "pods/portforward" in forbidden["message"]
        assert forwards.post(cases[4][0]).json()["error"]["field"] == "remotePort"
        assert forwards.post(cases[5][0]).json()["error"]["field"] == "ref.kind"
    finally:
        forwards.stop(taken["id"])


async def test_delete_closes_the_listener_and_announces_it(forwards: Forwards) -> None:
    async with catalog_stream(forwards.app) as stream:
        forward = forwards.forward(ref(ALPHA, "Pod", "same", forwards.ns))
        assert (await fetch(forward["localPort"]))["cluster"] == "alpha"
        # A connection left open (its stream to the pod too): the DELETE must end it.
        reader, writer = await asyncio.open_connection("127.0.0.1", forward["localPort"])
        writer.write(b"GET /held HTTP/1.0\r\nHost: localhost\r\n\r\n")
        held = await asyncio.wait_for(reader.readuntil(b'"path": "/held"}'), ANSWER_S)
        assert b'"cluster": "alpha"' in held
        assert [f["connections"] for f in forwards.items() if f["id"] == forward["id"]] == [1]
        stopped = forwards.stop(forward["id"])
        assert stopped.status_code == 204
        assert refused(forward["localPort"])
        assert await asyncio.wait_for(reader.read(), ANSWER_S) == b""
        writer.close()
        await stream.until(
            lambda events: any(
                e.event == "port-forward"
                and e.data == {"type": "removed", "forward": e.data["forward"]}
                and e.data["forward"]["id"] == forward["id"]
                for e in events
            )
        )
        created = [
            e["forward"] for e in stream.of("port-forward") if e["forward"]["id"] == forward["id"]
        ]
    assert created[0]["status"] == "active"
    assert created[-1]["connections"] == 0
    assert forward["id"] not in [f["id"] for f in forwards.items()]
    assert forwards.stop(forward["id"]).status_code == 404


async def test_fifty_concurrent_requests_through_one_forward_all_answer(
    forwards: Forwards,
) -> None:
    forward = forwards.forward(ref(GAMMA, "Pod", "same", forwards.ns))
    try:
        limits = httpx.Limits(max_connections=50, max_keepalive_connections=0)
        async with httpx.AsyncClient(timeout=ANSWER_S, limits=limits) as client:
            answers = await asyncio.gather(
                *(client.get(f"http://127.0.0.1:{forward['localPort']}/n{i}") for i in range(50))
            )
        assert [a.json() for a in answers] == [
            {"cluster": "gamma", "path": f"/n{i}"} for i in range(50)
        ]
    finally:
        forwards.stop(forward["id"])


async def test_a_frozen_cluster_fails_new_connections_while_others_go_on(
    clusters: ClusterEnv, forwards: Forwards
) -> None:
    beta = forwards.forward(ref(BETA, "Pod", "same", forwards.ns))
    alpha = forwards.forward(ref(ALPHA, "Pod", "same", forwards.ns))
    try:
        with clusters.frozen("beta"):
            started = time.monotonic()
            with pytest.raises(httpx.TransportError):
                await fetch(beta["localPort"], "/frozen")
            assert time.monotonic() - started < ANSWER_S
            assert (await fetch(alpha["localPort"], "/alive"))["cluster"] == "alpha"
            listed = {f["id"]: f for f in forwards.items()}
        assert "beta" in (listed[beta["id"]]["message"] or "")
        assert listed[alpha["id"]]["message"] is None
    finally:
        forwards.stop(beta["id"])
        forwards.stop(alpha["id"])


async def test_can_i_answers_port_forward_per_kind_and_user(forwards: Forwards) -> None:
    def answer(target: dict[str, Any]) -> dict[str, Any]:
        asked = httpx.post(
            f"{forwards.app.base}/api/v1/actions/can-i",
            json={"ref": target, "actions": ["port-forward"]},
            headers=forwards.app.auth,
            timeout=60,
        )
        assert asked.status_code == 200, asked.text
        only: dict[str, Any] = asked.json()["actions"][0]
        return only

    service = answer(ref(ALPHA, "Service", "web", forwards.ns))
    viewer = answer(ref(VIEWER, "Pod", "same", forwards.ns))
    config = answer(ref(ALPHA, "ConfigMap", "kube-root-ca.crt", forwards.ns))
    assert (service["applicable"], service["allowed"]) == (True, True)
    assert (viewer["applicable"], viewer["allowed"]) == (True, False)
    assert "create pods/portforward" in viewer["reason"]
    assert config["applicable"] is False


async def test_deselecting_a_cluster_stops_its_forwards(forwards: Forwards) -> None:
    gamma = forwards.forward(ref(GAMMA, "Pod", "same", forwards.ns))
    alpha = forwards.forward(ref(ALPHA, "Pod", "same", forwards.ns))
    try:
        forwards.select([ALPHA, BETA, VIEWER])
        assert [f["id"] for f in forwards.items()] == [alpha["id"]]
        assert refused(gamma["localPort"])
        unselected = forwards.post(
            {"ref": ref(GAMMA, "Pod", "same", forwards.ns), "remotePort": SIDE_PORT}
        )
        assert (unselected.status_code, unselected.json()["error"]["code"]) == (
            409,
            "cluster_not_active",
        )
    finally:
        forwards.stop(alpha["id"])


async def test_app_shutdown_closes_every_listener(
    clusters: ClusterEnv, forwards: Forwards, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with running_app(
        "--config-dir",
        str(tmp_path / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": ""},
    ) as app:
        own = Forwards(app, forwards.ns)
        own.select([ALPHA])
        forward = own.forward(ref(ALPHA, "Pod", "same", forwards.ns), localPort=0)
        assert forward["localPort"] > 0
        reader, writer = await asyncio.open_connection("127.0.0.1", forward["localPort"])
        writer.write(b"GET /held HTTP/1.0\r\nHost: localhost\r\n\r\n")
        await asyncio.wait_for(reader.readuntil(b'"path": "/held"}'), ANSWER_S)
        # A connection and its stream still open: shutdown ends them and exits cleanly.
        assert app.stop() == 0
        writer.close()
    assert refused(forward["localPort"])
