"""Terminals (contract §10) through the real app process and its uvicorn, on the real clusters.

kwok runs exec commands on the test host for pods in shop/team-a/team-b, with `REGATTA_CLUSTER`
naming the cluster, so each answer proves which cluster a terminal reached; a process it started
is visible in /proc, so a test can see that the exec stream behind a closed terminal is gone.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import signal
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from backend.sessions import limits
from tests.app_process import RunningApp, running_app
from tests.clusters import ClusterEnv
from tests.integration.actions_support import ALPHA, BETA, GAMMA, VIEWER, admin, admin_json, ref

pytestmark = [pytest.mark.clusters]

ANSWER_S = 30.0
"""Hang guard for one answer through a terminal (a failure, not a timing)."""
NAMESPACE = "team-a"


def start_app(clusters: ClusterEnv, tmp_path: Path) -> Any:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return running_app(
        "--config-dir",
        str(tmp_path / "config"),
        "--kubeconfig-dir",
        str(clusters.kubeconfig_dir),
        env={"HOME": str(home), "KUBECONFIG": ""},
    )


def select(app: RunningApp, cluster_ids: list[str]) -> list[str]:
    answer = httpx.post(
        f"{app.base}/api/v1/bridge/set_selection",
        json={"args": [cluster_ids]},
        headers=app.auth,
        timeout=120,
    )
    assert answer.status_code == 200, answer.text
    return list(answer.json()["selectedClusterIds"])


def selection(app: RunningApp) -> list[str]:
    answer = httpx.post(
        f"{app.base}/api/v1/bridge/get_selection", json={"args": []}, headers=app.auth
    )
    return list(answer.json()["selectedClusterIds"])


@pytest.fixture(scope="module")
def app(clusters: ClusterEnv, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with start_app(clusters, tmp_path_factory.mktemp("terminal-app")) as running:
        select(running, [ALPHA, BETA, VIEWER])
        yield running


@pytest.fixture(scope="module")
def twin_pod(clusters: ClusterEnv) -> Iterator[str]:
    """A pod of the same name in team-a on alpha and on beta, running."""
    name = f"term-{random.randbytes(3).hex()}"
    for cluster in ("alpha", "beta"):
        node = admin_json(clusters, cluster, "get", "nodes")["items"][0]["metadata"]["name"]
        pod = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": name, "namespace": NAMESPACE},
            "spec": {
                "nodeName": node,
                "terminationGracePeriodSeconds": 0,
                "containers": [{"name": "app", "image": "example/app:1"}],
            },
        }
        admin(clusters, cluster, "apply", "-f", "-", input=json.dumps(pod))
    for cluster in ("alpha", "beta"):
        admin(
            clusters, cluster, "wait", "--for=condition=Ready", f"pod/{name}", "-n", NAMESPACE,
            "--timeout=120s",
        )  # fmt: skip
    yield name
    for cluster in ("alpha", "beta"):
        admin(clusters, cluster, "delete", "pod", name, "-n", NAMESPACE, "--wait=false")


def scope(cluster_id: str, pod: str, container: str = "app", namespace: str = NAMESPACE) -> str:
    return f"{cluster_id}|pod:{namespace}/{pod}/{container}"


def terminal_url(app: RunningApp, params: Sequence[tuple[str, str]]) -> str:
    return f"ws://127.0.0.1:{app.port}/api/v1/terminal?{urlencode(list(params))}"


@asynccontextmanager
async def terminal(
    app: RunningApp,
    target: str,
    command: Sequence[str] = (),
    *,
    extra: Sequence[tuple[str, str]] = (),
    headers: dict[str, str] | None = None,
) -> AsyncIterator[ClientConnection]:
    params = [("scope", target), *(("command", c) for c in command), *extra]
    async with connect(
        terminal_url(app, params),
        additional_headers=app.auth if headers is None else headers,
        origin=None,
        open_timeout=ANSWER_S,
    ) as ws:
        yield ws


_ESCAPE = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def lines(output: bytes) -> list[str]:
    """The output as a person reads it: lines without control sequences and carriage returns."""
    plain = _ESCAPE.sub(b"", output).replace(b"\r", b"")
    return [line.strip() for line in plain.decode(errors="replace").split("\n")]


async def read_until(ws: ClientConnection, needle: bytes | re.Pattern[bytes]) -> bytes:
    """Output up to `needle` (bytes or a pattern); a control frame before it fails the test."""
    seen = b""

    def found() -> bool:
        return bool(needle.search(seen)) if isinstance(needle, re.Pattern) else needle in seen

    async with asyncio.timeout(ANSWER_S):
        while not found():
            frame = await ws.recv()
            assert isinstance(frame, bytes), f"control frame before {needle!r}: {frame}"
            seen += frame
    return seen


async def prompt(ws: ClientConnection) -> None:
    """Wait for the shell's prompt: input typed before it may be flushed as the shell starts."""
    seen = b""
    async with asyncio.timeout(ANSWER_S):
        while not lines(seen)[-1].endswith(("$", "#")):
            frame = await ws.recv()
            assert isinstance(frame, bytes), f"control frame before the prompt: {frame}"
            seen += frame


async def shell_pid(ws: ClientConnection) -> int:
    """The shell's process id (kwok runs it on this host)."""
    await prompt(ws)
    await ws.send(b"echo pid=$$\n")
    output = await read_until(ws, re.compile(rb"[\r\n]pid=\d+\r\n"))
    return int(re.findall(rb"[\r\n]pid=(\d+)\r\n", output)[-1])


async def until_end(ws: ClientConnection) -> tuple[bytes, dict[str, Any], int | None]:
    """All further output, the final control frame and the close code."""
    output = b""
    final: dict[str, Any] = {}
    async with asyncio.timeout(ANSWER_S):
        try:
            while True:
                frame = await ws.recv()
                if isinstance(frame, bytes):
                    output += frame
                else:
                    final = json.loads(frame)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
    return output, final, code


async def refused(app: RunningApp, target: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    with pytest.raises(InvalidStatus) as refusal:
        async with terminal(app, target, **kwargs):
            pass
    response = refusal.value.response
    return response.status_code, json.loads(response.body or b"{}")


async def raw_upgrade_status(
    app: RunningApp, target: str, *, host: str | None = None, cookie: str | None = None
) -> int:
    """The status of an upgrade request written by hand (a client library sets Host itself)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", app.port)
    auth = f"Cookie: {cookie}" if cookie else f"Authorization: Bearer {app.token}"
    writer.write(
        (
            f"GET /api/v1/terminal?{urlencode({'scope': target})} HTTP/1.1\r\n"
            f"Host: {host or f'127.0.0.1:{app.port}'}\r\n{auth}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
        ).encode()
    )
    async with asyncio.timeout(ANSWER_S):
        status_line = await reader.readline()
    writer.close()
    return int(status_line.split()[1])


@pytest.mark.asyncio
async def test_each_terminal_runs_on_its_own_cluster(app: RunningApp, twin_pod: str) -> None:
    before = selection(app)
    for cluster_id, name in ((ALPHA, "alpha"), (BETA, "beta")):
        async with terminal(app, scope(cluster_id, twin_pod)) as ws:
            await prompt(ws)
            await ws.send(b"printenv REGATTA_CLUSTER\n")
            output = await read_until(ws, re.compile(rb"[\r\n](alpha|beta)\r\n"))
            await ws.send(b"exit\n")
            _, final, code = await until_end(ws)
        assert name in lines(output), output
        assert (final, code) == ({"type": "exit", "code": 0}, 1000)
    assert selection(app) == before


@pytest.mark.asyncio
async def test_a_shell_answers_resizes_and_exits_with_its_code(
    app: RunningApp, twin_pod: str
) -> None:
    async with terminal(app, scope(BETA, twin_pod)) as ws:
        await prompt(ws)
        await ws.send(b"echo $((6*7))\n")
        assert "42" in lines(await read_until(ws, b"42\r\n"))
        await ws.send(json.dumps({"type": "resize", "cols": 123, "rows": 45}))
        await ws.send(b"stty size\n")
        assert "45 123" in lines(await read_until(ws, b"45 123\r\n"))
        await ws.send(b"exit 3\n")
        _, final, code = await until_end(ws)
    assert (final, code) == ({"type": "exit", "code": 3}, 1000)


@pytest.mark.asyncio
async def test_a_command_runs_without_a_tty(app: RunningApp, twin_pod: str) -> None:
    argv = ["sh", "-c", "echo out; echo err >&2; test -t 0 || echo no-tty; exit 5"]
    async with terminal(app, scope(ALPHA, twin_pod), argv, extra=[("tty", "false")]) as ws:
        output, final, code = await until_end(ws)
    assert sorted(output.splitlines()) == [b"err", b"no-tty", b"out"]
    assert (final, code) == ({"type": "exit", "code": 5}, 1000)


@pytest.mark.asyncio
async def test_refusals_before_the_upgrade_are_plain_answers(
    app: RunningApp, twin_pod: str
) -> None:
    good = scope(ALPHA, twin_pod)
    assert (await refused(app, good, headers={}))[0] == 401
    status, body = await refused(app, good, headers={**app.auth, "Origin": "http://evil.example"})
    assert (status, body["error"]["code"]) == (403, "forbidden_origin")
    assert await raw_upgrade_status(app, good, host=f"evil.example:{app.port}") == 403
    assert await raw_upgrade_status(app, good, cookie="regatta_session=guess") == 401
    status, body = await refused(app, scope("dev.yaml:nowhere", twin_pod))
    assert (status, body["error"]["code"]) == (404, "unknown_cluster")
    status, body = await refused(app, scope(GAMMA, twin_pod))
    assert (status, body["error"]["code"]) == (409, "cluster_not_active")
    for malformed in (f"{ALPHA}|pod:{NAMESPACE}/{twin_pod}", f"{ALPHA}|pod:a/b/c/d", "alpha"):
        status, body = await refused(app, malformed)
        assert (status, body["error"]["code"]) == (400, "bad_scope"), malformed
    status, body = await refused(app, good, extra=[("tty", "maybe")])
    assert (status, body["error"]["field"]) == (400, "tty")
    plain = await asyncio.to_thread(
        httpx.get, f"{app.base}/api/v1/terminal", params={"scope": good}, headers=app.auth
    )
    assert (plain.status_code, plain.json()["error"]["code"]) == (426, "upgrade_required")
    why = await asyncio.to_thread(
        httpx.get,
        f"{app.base}/api/v1/terminal",
        params={"scope": scope(GAMMA, twin_pod)},
        headers=app.auth,
    )
    assert (why.status_code, why.json()["error"]["code"]) == (409, "cluster_not_active")
    assert selection(app) == [ALPHA, BETA, VIEWER]


@pytest.mark.asyncio
async def test_failures_after_the_upgrade_are_error_frames(
    clusters: ClusterEnv, app: RunningApp, twin_pod: str
) -> None:
    async with terminal(app, scope(ALPHA, "no-such-pod")) as ws:
        _, missing, code = await until_end(ws)
    assert (missing["type"], missing["code"], code) == ("error", "pod_not_found", 1011)
    assert "no-such-pod" in missing["message"] and "alpha" in missing["message"]

    async with terminal(app, scope(ALPHA, twin_pod, container="nope")) as ws:
        _, wrong, _ = await until_end(ws)
    assert wrong["code"] == "container_not_found" and "nope" in wrong["message"]

    web = admin_json(clusters, "beta", "get", "pods", "-n", "shop", "-l", "app=web")["items"][0]
    async with terminal(app, scope(VIEWER, web["metadata"]["name"], "web", "shop")) as ws:
        _, denied, _ = await until_end(ws)
    assert denied["code"] == "forbidden"
    assert "create pods/exec in namespace shop on cluster beta-viewer" in denied["message"]


@pytest.mark.asyncio
async def test_can_i_answers_exec_and_debug_for_pods(app: RunningApp, twin_pod: str) -> None:
    def can_i(cluster_id: str, name: str, namespace: str) -> dict[str, Any]:
        body = {"ref": ref(cluster_id, "Pod", name, namespace), "actions": ["exec", "debug"]}
        answer = httpx.post(
            f"{app.base}/api/v1/actions/can-i", json=body, headers=app.auth, timeout=60
        )
        assert answer.status_code == 200, answer.text
        return {a["action"]: a for a in answer.json()["actions"]}

    mine = can_i(ALPHA, twin_pod, NAMESPACE)
    assert (mine["exec"]["allowed"], mine["debug"]["allowed"]) == (True, True)
    viewer = can_i(VIEWER, "web", "shop")
    assert viewer["exec"]["allowed"] is False
    assert "create pods/exec in namespace shop on cluster beta-viewer" in viewer["exec"]["reason"]
    assert "patch pods/ephemeralcontainers" in viewer["debug"]["reason"]
    service = can_i(ALPHA, twin_pod, NAMESPACE)
    body = {"ref": ref(ALPHA, "Service", "web", "shop"), "actions": ["exec"]}
    not_pod = await asyncio.to_thread(
        httpx.post, f"{app.base}/api/v1/actions/can-i", json=body, headers=app.auth
    )
    assert not_pod.json()["actions"][0]["applicable"] is False
    assert service["exec"]["applicable"] is True


@pytest.mark.asyncio
async def test_a_debug_container_gets_a_terminal(
    clusters: ClusterEnv, app: RunningApp, twin_pod: str
) -> None:
    async with terminal(app, scope(ALPHA, twin_pod), extra=[("debug", "busybox")]) as ws:
        started = await read_until(ws, b"\r\n")
        await prompt(ws)
        await ws.send(b"printenv REGATTA_CLUSTER\n")
        output = await read_until(ws, re.compile(rb"[\r\n]alpha\r\n"))
        await ws.send(b"exit\n")
        _, final, _ = await until_end(ws)
    assert started.startswith(b"Started debug container debugger-")
    assert "alpha" in lines(output) and final == {"type": "exit", "code": 0}
    pod = admin_json(clusters, "alpha", "get", "pod", twin_pod, "-n", NAMESPACE)
    [debug] = pod["spec"]["ephemeralContainers"]
    assert (debug["image"], debug["targetContainerName"]) == ("busybox", "app")
    assert started.decode().split()[3] == debug["name"]


async def until_gone(pid: int) -> None:
    """Wait for the process to end: its exec stream on the API server ends with it."""
    deadline = time.monotonic() + ANSWER_S
    while os.path.exists(f"/proc/{pid}"):  # noqa: ASYNC240 (a stat of /proc)
        assert time.monotonic() < deadline, f"the terminal's shell {pid} is still running"
        await asyncio.sleep(0.1)


@pytest.mark.asyncio
async def test_closing_the_terminal_ends_its_shell(app: RunningApp, twin_pod: str) -> None:
    async with terminal(app, scope(BETA, twin_pod)) as ws:
        pid = await shell_pid(ws)
        await ws.send(b"sleep 1; echo half-typed")  # a line in progress, no newline
        assert os.path.exists(f"/proc/{pid}")  # noqa: ASYNC240
    await until_gone(pid)


def shells(cluster: str) -> set[int]:
    """Shells kwok runs on this host for `cluster`'s terminals."""
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if (
                entry.name.isdigit()
                and (entry / "cmdline").read_bytes() == b"/bin/bash\0"
                and f"REGATTA_CLUSTER={cluster}".encode() in (entry / "environ").read_bytes()
            ):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.asyncio
async def test_closing_a_terminal_before_its_prompt_ends_its_shell(
    app: RunningApp, twin_pod: str
) -> None:
    before = await asyncio.to_thread(shells, "alpha")
    async with terminal(app, scope(ALPHA, twin_pod)) as ws:
        await ws.recv()  # the shell is running; its prompt may not be there yet
        started = await asyncio.to_thread(shells, "alpha") - before
    assert started  # this terminal's shell (and any shell another test started meanwhile)
    deadline = time.monotonic() + ANSWER_S
    while left := started & await asyncio.to_thread(shells, "alpha"):
        assert time.monotonic() < deadline, f"shells still running: {left}"
        await asyncio.sleep(0.1)


SLOW_START_S = 5
"""Longer than the few seconds a closed terminal once typed its hang-up for: a shell's start files
can take that long (pyenv init took 6 s on the loaded 2-core machine)."""


@pytest.mark.asyncio
async def test_closing_a_terminal_while_its_shell_starts_slowly_ends_it(
    app: RunningApp, twin_pod: str
) -> None:
    slow_shell = ["sh", "-c", f"echo pid=$$; sleep {SLOW_START_S}; exec /bin/bash"]
    async with terminal(app, scope(ALPHA, twin_pod), slow_shell) as ws:
        output = await read_until(ws, re.compile(rb"pid=\d+\r\n"))
    # Closed before bash started: the hang-up typed meanwhile is lost when bash takes the input.
    await until_gone(int(re.findall(rb"pid=(\d+)", output)[-1]))


@pytest.mark.asyncio
async def test_a_frozen_cluster_ends_its_terminal_and_others_go_on(
    clusters: ClusterEnv, app: RunningApp, twin_pod: str
) -> None:
    async with (
        terminal(app, scope(BETA, twin_pod)) as beta,
        terminal(app, scope(ALPHA, twin_pod)) as alpha,
    ):
        stranded = await shell_pid(beta)
        await prompt(alpha)
        try:
            with clusters.frozen("beta"):
                _, lost, code = await until_end(beta)
                async with terminal(app, scope(BETA, twin_pod)) as late:
                    _, timed_out, _ = await until_end(late)
                await alpha.send(b"echo $((6*7))\n")
                assert "42" in lines(await read_until(alpha, b"42\r\n"))
        finally:
            # The connection was lost, so nothing could end the shell; kwok runs it without a
            # controlling terminal, so no hangup reaches it either (a container runtime's would).
            os.kill(stranded, signal.SIGHUP)
    assert (lost["code"], code) == ("connection_lost", 1011)
    assert "beta" in lost["message"]
    assert timed_out["code"] == "cluster_timeout" and "beta" in timed_out["message"]


@pytest.mark.asyncio
async def test_deselecting_a_cluster_closes_its_terminals(app: RunningApp, twin_pod: str) -> None:
    try:
        async with terminal(app, scope(BETA, twin_pod)) as beta:
            await shell_pid(beta)
            select(app, [ALPHA, VIEWER])
            _, closed, code = await until_end(beta)
    finally:
        select(app, [ALPHA, BETA, VIEWER])
    assert (closed["code"], code) == ("cluster_deselected", 1011)
    assert "beta" in closed["message"]


async def open_terminals(app: RunningApp) -> int:
    """The sessions holding a slot, as diagnostics count them."""
    async with httpx.AsyncClient(headers=app.auth, timeout=ANSWER_S) as client:
        answer = await client.get(f"{app.base}/api/v1/diagnostics")
    assert answer.status_code == 200, answer.text
    return int(answer.json()["server"]["openTerminals"])


async def until_open_terminals(app: RunningApp, count: int) -> None:
    """Wait until `count` sessions hold a slot: a closed terminal keeps its slot until the exec
    stream behind it is closed, after the client saw the close."""
    deadline = time.monotonic() + ANSWER_S
    while (now := await open_terminals(app)) != count:
        assert time.monotonic() < deadline, f"{now} terminals still open, expected {count}"
        await asyncio.sleep(0.1)


@pytest.mark.asyncio
async def test_at_most_twenty_terminals_at_once(app: RunningApp, twin_pod: str) -> None:
    await until_open_terminals(app, 0)  # the earlier tests' terminals have given their slots back
    opened: list[ClientConnection] = []
    try:
        for _ in range(limits.MAX_TERMINALS):
            params = [("scope", scope(ALPHA, twin_pod)), ("command", "cat")]
            ws = await connect(terminal_url(app, params), additional_headers=app.auth)
            opened.append(ws)
        assert await open_terminals(app) == limits.MAX_TERMINALS
        status, body = await refused(app, scope(ALPHA, twin_pod))
        assert (status, body["error"]["code"]) == (429, "too_many_terminals")
        await opened.pop().close()
        await until_open_terminals(app, limits.MAX_TERMINALS - 1)
        async with terminal(app, scope(ALPHA, twin_pod), ["true"]) as ws:
            assert (await until_end(ws))[1] == {"type": "exit", "code": 0}
    finally:
        for ws in opened:
            await ws.close()


def test_stopping_the_app_ends_every_terminal(
    clusters: ClusterEnv, tmp_path: Path, twin_pod: str
) -> None:
    with start_app(clusters, tmp_path) as running:
        select(running, [ALPHA])

        async def open_and_stop() -> tuple[int, dict[str, Any]]:
            async with terminal(running, scope(ALPHA, twin_pod)) as ws:
                pid = await shell_pid(ws)
                running.process.send_signal(signal.SIGTERM)
                return pid, (await until_end(ws))[1]

        pid, final = asyncio.run(open_and_stop())
        assert running.process.wait(ANSWER_S) == 0
    assert final["code"] == "app_closing"
    asyncio.run(until_gone(pid))
