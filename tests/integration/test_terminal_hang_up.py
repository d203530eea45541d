"""A terminal session ends its process however the client's leaving shows, on the real clusters.

The session runs in-process with a double of the browser side (`TerminalSocket`, our own
interface) to choose which of its two pumps learns first that the client left; the exec is real,
on alpha, where kwok runs it on this host, so /proc shows whether the process still runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal

import pytest

from backend.actions.targets import ActionTarget
from backend.clusters.pool import ClusterHandle
from backend.kube.cluster import ClusterApi
from backend.sessions.terminal import ClientGone, TerminalRequest, TerminalSession
from tests.clusters import ClusterEnv
from tests.integration.actions_support import ALPHA
from tests.integration.test_catalog_support import api_client
from tests.integration.test_kube_channel import web_pod

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

ANSWER_S = 30.0
"""Hang guard for the session to end (a failure, not a timing)."""


class ClientGoneDuringOutput:
    """A client that left while output was on its way to it: the session learns it from the
    failed send before its read of the client's input says so (as when the process writes in
    the moment the client's close arrives)."""

    def __init__(self) -> None:
        self.output = b""
        self._left = asyncio.Event()

    async def accept(self) -> None:
        pass

    async def receive(self) -> bytes | str | None:
        await self._left.wait()
        return None

    async def send_bytes(self, data: bytes) -> None:
        self.output += data
        self._left.set()
        raise ClientGone

    async def send_text(self, text: str) -> None:
        raise ClientGone

    async def close(self, code: int) -> None:
        pass


async def test_a_client_gone_while_output_is_sent_still_ends_the_process(
    clusters: ClusterEnv,
) -> None:
    pod = await web_pod(clusters, "alpha")
    client = await api_client(clusters, "alpha")
    pid = None
    try:
        handle = ClusterHandle(ALPHA, "alpha", client, "default", clusters.cluster("alpha").server)
        command = ("sh", "-c", "echo pid=$$; exec cat")
        request = TerminalRequest(ALPHA, "shop", pod, "web", command)
        target = ActionTarget(handle, ClusterApi(client))
        session = TerminalSession(request, target, lambda _: None)
        socket = ClientGoneDuringOutput()
        async with asyncio.timeout(ANSWER_S):
            await session.run(socket)
        found = re.search(rb"pid=(\d+)", socket.output)
        assert found, socket.output
        pid = int(found[1])
        # The session ends once the exec stream ends, after kwok reaped the process.
        assert not os.path.exists(f"/proc/{pid}"), f"`cat` {pid} outlived its terminal"  # noqa: ASYNC240
    finally:
        await client.close()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # kwok's children ignore SIGHUP
