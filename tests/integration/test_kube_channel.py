"""The WebSocket channel of backend/kube against the real clusters: exec and port-forward.

kwok runs exec commands on the test host for pods in shop/team-a/team-b with `REGATTA_CLUSTER`
naming the cluster, and forwards every port-forward to the harness's side process, whose HTTP
answer names the cluster — so each answer proves which cluster the channel reached.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import pytest

from backend.kube.channel import STDERR, STDOUT, ExecChannel, open_exec, open_port_forward
from backend.kube.cluster import ClusterApi
from backend.kube.errors import ApiError, Unreachable
from tests.clusters import ClusterEnv, topology
from tests.integration.test_catalog_support import api_client, kubectl_json

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

ANSWER_S = 30.0
"""Upper bound for one exec or forward to finish (a hang fails instead of blocking the run)."""

CONTEXTS = [
    ("alpha", "dev.yaml", "alpha"),
    ("beta", "dev.yaml", "beta"),
    (topology.GAMMA_ARN_CONTEXT, "prod.yaml", "gamma"),
]


@asynccontextmanager
async def cluster(
    env: ClusterEnv, context: str, file: str = "dev.yaml"
) -> AsyncIterator[ClusterApi]:
    client = await api_client(env, context, file)
    try:
        yield ClusterApi(client)
    finally:
        await client.close()


async def web_pod(env: ClusterEnv, context: str, file: str = "dev.yaml") -> str:
    """A running pod of Deployment shop/web (its name differs per cluster)."""
    pods = await kubectl_json(
        env, "get", "pods", "-n", "shop", "-l", "app=web", context=context, file=file
    )
    running = sorted(
        p["metadata"]["name"]
        for p in pods["items"]
        if p["status"].get("phase") == "Running" and not p["metadata"].get("deletionTimestamp")
    )
    assert running, f"no running shop/web pod on {context}"
    return str(running[0])


async def run(
    api: ClusterApi, pod: str, argv: Sequence[str], stdin: bytes | None = None
) -> tuple[bytes, bytes, ExecChannel]:
    """Run `argv` in shop/<pod>'s `web` container; its stdout, stderr and the ended channel."""
    channel = await open_exec(
        api.transport, "shop", pod, argv, container="web", stdin=stdin is not None
    )
    out, err = b"", b""
    async with channel:
        if stdin is not None:
            await channel.write(stdin)
            await channel.close_stdin()
        while (frame := await asyncio.wait_for(channel.read(), ANSWER_S)) is not None:
            stream, data = frame
            if stream == STDOUT:
                out += data
            elif stream == STDERR:
                err += data
    return out, err, channel


@pytest.mark.parametrize(("context", "file", "name"), CONTEXTS)
async def test_an_exec_runs_on_the_cluster_it_was_opened_on(
    clusters: ClusterEnv, context: str, file: str, name: str
) -> None:
    pod = await web_pod(clusters, context, file)
    async with cluster(clusters, context, file) as api:
        out, err, channel = await run(api, pod, ["printenv", "REGATTA_CLUSTER"])
    assert (out, err) == (f"{name}\n".encode(), b"")
    assert channel.exit_code == 0


async def test_the_exit_code_and_both_output_streams_come_back(clusters: ClusterEnv) -> None:
    pod = await web_pod(clusters, "alpha")
    async with cluster(clusters, "alpha") as api:
        out, err, channel = await run(api, pod, ["sh", "-c", "echo out; echo err >&2; exit 3"])
    assert (out, err, channel.exit_code) == (b"out\n", b"err\n", 3)
    assert channel.failure is not None


async def test_stdin_reaches_the_process(clusters: ClusterEnv) -> None:
    # `head -c`, not `cat`: kwok's local exec never closes the process's stdin pipe, so an
    # end of input (`close_stdin`) cannot end a process on these clusters.
    pod = await web_pod(clusters, "beta")
    async with cluster(clusters, "beta") as api:
        out, _, channel = await run(api, pod, ["head", "-c", "12"], stdin=b"hello\nworld\nnot this")
    assert channel.protocol == "v5.channel.k8s.io"
    assert (out, channel.exit_code) == (b"hello\nworld\n", 0)


async def http_get(api: ClusterApi, pod: str, path: str) -> dict[str, str]:
    """One HTTP/1.0 request through a port-forward of shop/<pod>'s port 8080."""
    stream = await open_port_forward(api.transport, "shop", pod, 8080)
    async with stream:
        await stream.write(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = await asyncio.wait_for(stream.read(), ANSWER_S)
            assert chunk, f"the connection ended early: {answer!r} ({stream.error})"
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 200") or head.startswith(b"HTTP/1.1 200"), head
    parsed: dict[str, str] = json.loads(body)
    return parsed


@pytest.mark.parametrize(("context", "file", "name"), [CONTEXTS[0], CONTEXTS[2]])
async def test_a_port_forward_reaches_the_pod_of_its_own_cluster(
    clusters: ClusterEnv, context: str, file: str, name: str
) -> None:
    pod = await web_pod(clusters, context, file)
    async with cluster(clusters, context, file) as api:
        answers = await asyncio.gather(*(http_get(api, pod, f"/n{i}") for i in range(5)))
    assert answers == [{"cluster": name, "path": f"/n{i}"} for i in range(5)]


async def test_refusals_are_api_errors_with_their_status(clusters: ClusterEnv) -> None:
    async with cluster(clusters, "alpha") as api:
        with pytest.raises(ApiError) as missing:
            await open_exec(api.transport, "shop", "no-such-pod", ["true"])
    assert missing.value.status == 404
    pod = await web_pod(clusters, "beta")
    async with cluster(clusters, "beta-viewer") as viewer:
        with pytest.raises(ApiError) as refused:
            await open_exec(viewer.transport, "shop", pod, ["true"], container="web")
        with pytest.raises(ApiError) as no_forward:
            await open_port_forward(viewer.transport, "shop", pod, 8080)
    assert (refused.value.status, no_forward.value.status) == (403, 403)


async def test_a_frozen_cluster_fails_within_the_connect_timeout(clusters: ClusterEnv) -> None:
    beta_pod, alpha_pod = await web_pod(clusters, "beta"), await web_pod(clusters, "alpha")
    async with cluster(clusters, "beta") as beta, cluster(clusters, "alpha") as alpha:
        with clusters.frozen("beta"):
            with pytest.raises(Unreachable) as frozen:
                await open_exec(beta.transport, "shop", beta_pod, ["true"], connect_timeout_s=2)
            out, _, _ = await run(alpha, alpha_pod, ["printenv", "REGATTA_CLUSTER"])
    assert frozen.value.timed_out
    assert out == b"alpha\n"


async def test_a_terminal_resize_reaches_the_process(clusters: ClusterEnv) -> None:
    pod = await web_pod(clusters, "alpha")
    script = "read a; stty size; read b; stty size"
    async with cluster(clusters, "alpha") as api:
        channel = await open_exec(
            api.transport, "shop", pod, ["sh", "-c", script], container="web", tty=True
        )
        async with channel:
            seen = b""
            for width, height in ((100, 30), (120, 40)):
                await channel.resize(width, height)
                await channel.write(b"go\n")
                while f"{height} {width}".encode() not in seen:
                    frame = await asyncio.wait_for(channel.read(), ANSWER_S)
                    assert frame is not None, seen
                    seen += frame[1]
            while await asyncio.wait_for(channel.read(), ANSWER_S) is not None:
                pass
    assert channel.exit_code == 0
