"""One running forward: a listener on 127.0.0.1, and per TCP connection one port-forward stream.

Each accepted connection opens its own stream over the cluster's port-forward subresource
(`kube.channel.open_port_forward`) to the pod chosen now, and copies bytes both ways until either
side ends. When that pod goes away, a forward to a Service or workload chooses another ready pod
(`reconnecting`, then `active`; connections made meanwhile wait for it); a forward to a Pod
becomes `failed`, closing its listener. A cluster that does not answer fails each new connection
within the connect timeout and says so in `message`; other forwards are not touched.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from backend.actions.targets import ActionTarget
from backend.clusters.health import HealthMonitor
from backend.contract.portforward import ForwardStatus, PortForward
from backend.errors import RegattaError
from backend.kube.channel import PortForwardStream, open_port_forward
from backend.kube.errors import ApiError, KubeError, Unreachable
from backend.sessions import limits
from backend.sessions.portforward_target import NoReadyPod, PodPort, TargetReader

log = logging.getLogger(__name__)


class Forward:
    """A forward's listener, its chosen pod, its status and its open connections."""

    def __init__(
        self,
        forward_id: str,
        target: ActionTarget,
        reader: TargetReader,
        health: HealthMonitor,
        pod: PodPort,
        on_change: Callable[[Forward], None],
    ) -> None:
        self.id = forward_id
        self.target = target
        self.local_port = 0
        self._health = health
        self._reader = reader
        self.pod = pod
        """The pod connections go to; while reconnecting, the one that went away."""
        self.status: ForwardStatus = "active"
        self.message: str | None = None
        self._on_change = on_change
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()
        self._ready = asyncio.Event()
        self._ready.set()
        self._wake = asyncio.Event()
        self._follow: asyncio.Task[None] | None = None
        self._closed = False

    async def listen(self, local_port: int) -> None:
        """Bind 127.0.0.1:`local_port` (0: a free port); OSError as the OS raised it."""
        self._server = await asyncio.start_server(
            self._serve, host="127.0.0.1", port=local_port, reuse_address=True
        )
        self.local_port = int(self._server.sockets[0].getsockname()[1])

    def view(self) -> PortForward:
        return PortForward(
            id=self.id,
            cluster_id=self.target.cluster_id,
            cluster_name=self.target.cluster_name,
            ref=self._reader.ref,
            remote_port=self._reader.remote_port,
            local_port=self.local_port,
            pod=self.pod.label,
            status=self.status,
            message=self.message,
            connections=len(self._connections),
        )

    # --- the chosen pod ------------------------------------------------------------------------

    def pod_changed(self, namespace: str, name: str, deleted: bool) -> None:
        """A catalog change of a pod in this cluster: ours went away, or one may have become
        ready while we wait for one."""
        pod = self.pod
        if deleted and (pod.namespace, pod.pod) == (namespace, name):
            self._pod_gone(f"Pod {pod.label} was deleted.")
        elif self.status == "reconnecting" and namespace == self._reader.ref.namespace:
            self._wake.set()

    def _pod_gone(self, why: str) -> None:
        if self._closed or self.status == "failed":
            return
        if self._reader.is_pod:
            self._fail(why)
            return
        if self.status == "reconnecting":
            return
        gone = self.pod.pod
        self._set("reconnecting", why)
        self._follow = asyncio.create_task(self._choose_again(why, gone))

    async def _choose_again(self, why: str, gone: str | None) -> None:
        while self.status == "reconnecting":
            self._wake.clear()
            try:
                pod = await self._reader.resolve(avoid=gone)
            except NoReadyPod as exc:
                self._set("reconnecting", f"{why} Waiting for a ready pod: {exc}.")
            except RegattaError as exc:
                self._fail(f"{why} {exc.message}")
                return
            except KubeError as exc:
                self._set("reconnecting", f"{why} Choosing another pod failed: {exc}.")
            else:
                self._set("active", None, pod)
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), limits.FORWARD_RETRY_S)

    def _fail(self, why: str) -> None:
        self._set("failed", why)
        self._stop_listening()

    def _set(self, status: ForwardStatus, message: str | None, pod: PodPort | None = None) -> None:
        self.status, self.message = status, message
        if pod is not None:
            self.pod = pod
        if status == "active":
            self._ready.set()
        else:
            self._ready.clear()
        self._on_change(self)

    def _note(self, message: str | None) -> None:
        if message != self.message:
            self.message = message
            self._on_change(self)

    # --- connections ---------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        self._on_change(self)
        try:
            stream = await self._open()
            if stream is not None:
                async with stream:
                    await _copy_both_ways(reader, writer, stream)
                if stream.error:
                    self._note(f"Pod {stream.port}: {stream.error.strip()}")
        except (ConnectionError, OSError):
            pass  # the local client went away
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
            self._connections.discard(task)
            self._on_change(self)

    async def _open(self) -> PortForwardStream | None:
        """A stream to the chosen pod, or None (the reason is in `message`)."""
        try:
            await asyncio.wait_for(self._ready.wait(), limits.FORWARD_POD_WAIT_S)
        except TimeoutError:
            return None
        pod = self.pod
        health = self._health.result(self.target.cluster_id)
        if health is not None and health.status in ("unreachable", "timeout"):
            self._note(
                f"Cluster {self.target.cluster_name} is not answering ({health.status}); "
                "new connections are closed until it does."
            )
            return None
        try:
            stream = await open_port_forward(
                self.target.api.transport,
                pod.namespace,
                pod.pod,
                pod.port,
                connect_timeout_s=limits.FORWARD_CONNECT_TIMEOUT_S,
            )
        except ApiError as exc:
            if exc.status == 404:
                self._pod_gone(f"Pod {pod.label} is gone.")
            elif exc.status == 403:
                self._note(f"You may not forward ports of pod {pod.label}: {exc.message}")
            else:
                self._note(f"A connection to pod {pod.label} failed: {exc}")
            return None
        except Unreachable as exc:
            self._note(f"A connection failed: cluster {self.target.cluster_name}: {exc.message}")
            return None
        self._note(None)
        return stream

    # --- ending --------------------------------------------------------------------------------

    def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()
        current = asyncio.current_task()
        for task in list(self._connections):
            if task is not current:
                task.cancel()

    async def close(self) -> None:
        """Close the listener and every connection and stream; returns when they are closed."""
        self._closed = True
        if self._follow is not None:
            self._follow.cancel()
        self._stop_listening()
        pending = [*self._connections, *([self._follow] if self._follow else [])]
        await asyncio.gather(*pending, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()


async def _copy_both_ways(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stream: PortForwardStream
) -> None:
    """Bytes both ways until either side ends (the channel has no half-close, so the local
    client's end of input ends the connection, as closing the socket does)."""

    async def upstream() -> None:
        while data := await reader.read(limits.FORWARD_CHUNK_BYTES):
            await stream.write(data)

    async def downstream() -> None:
        while data := await stream.read():
            writer.write(data)
            await writer.drain()

    tasks = [asyncio.create_task(upstream()), asyncio.create_task(downstream())]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    for task in done:
        exc = task.exception()
        if isinstance(exc, KubeError):
            log.debug("forwarded connection ended: %s", exc)
        elif exc is not None and not isinstance(exc, (ConnectionError, OSError)):
            raise exc
