"""Terminal sessions (contract §10): a WebSocket client bridged to one container's exec stream.

Admission happens before the WebSocket upgrade, so every refusal that can be known then is a
plain HTTP answer: a malformed request 400, an unknown cluster 404, an unselected one 409, a full
house 429. Everything after the upgrade ends in one frame: `exit` with the process's code, or
`error` with a code and a sentence naming the cluster. The exec runs on the scope's cluster only,
through that cluster's own client (`kube.channel`); the session holds its admission slot until
the exec stream on the API server is closed, so the count never hides an open stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shlex
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import msgspec
from pydantic import ValidationError

from backend.actions.protection import ClusterProtection
from backend.actions.targets import ActionTarget, TargetResolver
from backend.clusters.identity import PodTail, parse_scope
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.contract.terminal import TerminalError, TerminalExit, TerminalResize
from backend.errors import RegattaError
from backend.kube import limits as kube_limits
from backend.kube.access import AccessCheck
from backend.kube.channel import ExecChannel, open_exec
from backend.kube.errors import ApiError, KubeError, Unreachable
from backend.kube.resources import resource_path
from backend.sessions import limits
from backend.sessions.debug_container import IMAGE, add_debug_container

SHELL = ("/bin/sh", "-c", "[ -x /bin/bash ] && exec /bin/bash || exec /bin/sh")
"""Without a command: bash where the container has it, else sh (what kubectl users type by hand).
One exec instead of a probe and a second exec: the choice costs no extra round trip."""

HANG_UP = b"\x15\x04"
"""What a TTY session types when its terminal closes: kill the line, end of input (no ^C first:
a shell that sees one discards the input after it)."""

_NOT_FOUND = re.compile(r"not found|no such file or directory", re.IGNORECASE)

Ending = TerminalExit | TerminalError


class ClientGone(Exception):
    """The browser side of the WebSocket went away while the session wrote to it."""


class TerminalSocket(Protocol):
    """The client side of a session, as the HTTP layer adapts its WebSocket."""

    async def receive(self) -> bytes | str | None:
        """The next frame (bytes: stdin; str: a control message); None once the client left."""

    async def send_bytes(self, data: bytes) -> None:
        """Output; raises `ClientGone` when the client left."""

    async def send_text(self, text: str) -> None:
        """A control frame; raises `ClientGone` when the client left."""

    async def accept(self) -> None:
        """Complete the upgrade; raises `ClientGone` when the client left before."""

    async def close(self, code: int) -> None: ...


@dataclass(frozen=True, slots=True)
class TerminalRequest:
    """What `GET /api/v1/terminal` asks for, checked."""

    cluster_id: str
    namespace: str
    pod: str
    container: str
    command: tuple[str, ...] = ()
    """Empty: the shell (`SHELL`)."""
    tty: bool = True
    debug_image: str | None = None
    """Set: add an ephemeral debug container with this image and open the terminal in it."""

    @classmethod
    def parse(
        cls, scope: str | None, command: Sequence[str], tty: str | None, debug: str | None
    ) -> TerminalRequest:
        """The request, or a 400 naming the bad parameter (`bad_scope` for the scope)."""
        if not scope:
            raise RegattaError(
                400, "bad_scope", "`scope` is required: `<clusterId>|pod:<ns>/<pod>/<container>`."
            )
        parsed = parse_scope(scope)
        tail = parsed.tail
        if not isinstance(tail, PodTail) or tail.container is None:
            raise RegattaError(
                400,
                "bad_scope",
                f"`{scope}` is not a terminal scope: it must name a container, "
                "`<clusterId>|pod:<ns>/<pod>/<container>`.",
                scope=scope,
            )
        if tty not in (None, "true", "false"):
            raise RegattaError(
                400, "bad_request", f"`tty` must be true or false, not `{tty}`.", field="tty"
            )
        if debug is not None and not IMAGE.match(debug):
            raise RegattaError(
                400,
                "bad_request",
                "`debug` is not an image reference (letters, digits and . _ / : @ -, at most "
                f"255): `{debug}`.",
                field="debug",
            )
        return cls(
            parsed.cluster_id,
            tail.namespace,
            tail.pod,
            tail.container,
            tuple(command),
            tty != "false",
            debug,
        )

    @property
    def argv(self) -> tuple[str, ...]:
        return self.command or SHELL

    @property
    def label(self) -> str:
        """`container web of pod shop/web-1`: how messages name the session's target."""
        return f"container {self.container} of pod {self.namespace}/{self.pod}"


def ending(
    exit_code: int | None, failure: str | None, request: TerminalRequest, cluster: str
) -> Ending:
    """The frame for an exec that ended on its own (the channel's exit code and failure)."""
    if exit_code is not None:
        return TerminalExit(code=exit_code)
    where = f"{request.label} on cluster {cluster}"
    if failure is None:
        return TerminalError(
            code="connection_lost",
            message=f"The terminal in {where} ended without an exit status: "
            "the connection to the API server was lost.",
        )
    if _NOT_FOUND.search(failure) and not request.command:
        return TerminalError(
            code="no_shell",
            message=f"The {where} has no shell (/bin/sh); start a debug container to get one. "
            f"({failure})",
        )
    argv = shlex.join(request.argv)
    return TerminalError(
        code="command_failed", message=f"`{argv}` could not run in the {where}: {failure}"
    )


class TerminalSessions:
    """Every open terminal of this process: admission, the limit, and ending them together.

    Subscribed to the client pool: deselecting a cluster ends its sessions with a message."""

    def __init__(self, clusters: ClusterService) -> None:
        self._targets = TargetResolver(clusters)
        self._protection = ClusterProtection(clusters)
        self._open: set[TerminalSession] = set()
        self._closing = False

    @property
    def count(self) -> int:
        return len(self._open)

    def admit(self, request: TerminalRequest) -> TerminalSession:
        """A session holding one of the slots, or the refusal to answer instead of upgrading."""
        session = TerminalSession(request, self.check(request), self._open.discard)
        self._open.add(session)
        return session

    def check(self, request: TerminalRequest) -> ActionTarget:
        """The cluster a session would run on, or the refusal `admit` would answer (a browser
        cannot read a refused upgrade, so the UI asks this over plain HTTP to say why)."""
        target = self._targets.resolve(request.cluster_id, "open a terminal in it")
        self._protection.admit(target.cluster_id, "debug" if request.debug_image else "exec")
        if self._closing:
            raise RegattaError(503, "app_closing", "Regatta is closing; no new terminal opens.")
        if len(self._open) >= limits.MAX_TERMINALS:
            raise RegattaError(
                429,
                "too_many_terminals",
                f"At most {limits.MAX_TERMINALS} terminals can be open at once; close one first.",
                limit=limits.MAX_TERMINALS,
            )
        return target

    async def on_added(self, cluster: ClusterHandle) -> None:
        """Nothing: a terminal is opened by the person, never by a selection."""

    async def on_removed(self, cluster_id: str) -> None:
        for session in [s for s in self._open if s.target.cluster_id == cluster_id]:
            session.stop(
                TerminalError(
                    code="cluster_deselected",
                    message=f"Cluster {session.target.cluster_name} was deselected; "
                    "its terminal is closed.",
                )
            )

    async def close(self) -> None:
        """App shutdown: end every session and wait until their exec streams are closed."""
        self._closing = True
        sessions = list(self._open)
        for session in sessions:
            session.stop(TerminalError(code="app_closing", message="Regatta is closing."))
        await asyncio.gather(*(s.finished.wait() for s in sessions))


@dataclass(eq=False)
class TerminalSession:
    request: TerminalRequest
    target: ActionTarget
    _release: Callable[[TerminalSession], None]
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    _work: asyncio.Task[Ending | None] | None = None
    _stopped: Ending | None = None

    def stop(self, frame: TerminalError) -> None:
        """End the session from outside with `frame` as its last word."""
        if self._stopped is None:
            self._stopped = frame
        if self._work is not None:
            self._work.cancel()

    async def run(self, socket: TerminalSocket) -> None:
        """Bridge the accepted socket to the exec until either side ends, then say how it ended."""
        try:
            await socket.accept()
            frame = self._stopped
            if frame is None:
                self._work = asyncio.create_task(self._bridge(socket))
                try:
                    await asyncio.wait({self._work})
                finally:
                    if not self._work.done():
                        self._work.cancel()
                        with contextlib.suppress(asyncio.CancelledError):
                            await self._work
                frame = self._stopped if self._work.cancelled() else self._work.result()
            if frame is not None:
                with contextlib.suppress(ClientGone):
                    await socket.send_text(msgspec.json.encode(frame.wire()).decode())
                await socket.close(1000 if isinstance(frame, TerminalExit) else 1011)
        except ClientGone:
            pass
        finally:
            self._release(self)
            self.finished.set()

    async def _bridge(self, socket: TerminalSocket) -> Ending | None:
        try:
            channel = await self._open_channel(socket)
        except ClientGone:
            return None
        except KubeError as exc:
            return await self._refusal(exc)
        async with channel:
            output = asyncio.create_task(self._pump_output(channel, socket))
            keys = asyncio.create_task(self._pump_input(channel, socket))
            try:
                await asyncio.wait({output, keys}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in (output, keys):
                    task.cancel()
                await asyncio.gather(output, keys, return_exceptions=True)
                # The output pump returns once the process ended and fails with `Unreachable`
                # once the stream is lost; else (the client left, whichever pump saw it first)
                # the process may still run.
                if output.cancelled() or not isinstance(output.exception(), Unreachable | None):
                    await self._hang_up(channel)
            try:
                return (
                    output.result() if output.done() and not output.cancelled() else keys.result()
                )
            except Unreachable as exc:
                return self._lost(exc)
            except ClientGone:
                return None

    async def _hang_up(self, channel: ExecChannel) -> None:
        """The process outlives its terminal: end it as closing a terminal would.

        Neither Kubernetes nor every runtime ends an exec's process when its stream closes (a
        runtime without a controlling terminal never sends SIGHUP), and the API server keeps
        the exec stream open until the process ends. So the session ends the input: with a TTY
        ^U ^D (clear the line, end of input: a shell or `cat` exits), without one the end of
        stdin; and types it again every `HANG_UP_RETRY_S` until the process ends: a shell
        still starting drops what was typed before its prompt, and its start files can take
        seconds. A process that ignores its input gets `HANG_UP_TIMEOUT_S`."""
        with contextlib.suppress(KubeError, TimeoutError):
            async with asyncio.timeout(limits.HANG_UP_TIMEOUT_S):
                while True:
                    if self.request.tty:
                        await channel.write(HANG_UP)
                    else:
                        await channel.close_stdin()
                    try:
                        async with asyncio.timeout(limits.HANG_UP_RETRY_S):
                            while await channel.read() is not None:
                                pass
                        return
                    except TimeoutError:
                        continue

    async def _open_channel(self, socket: TerminalSocket) -> ExecChannel:
        request = self.request
        if request.debug_image is None:
            return await self._exec(request.container)
        container = await add_debug_container(
            self.target.api.transport,
            request.namespace,
            request.pod,
            request.container,
            request.debug_image,
        )
        await socket.send_bytes(
            f"Started debug container {container} ({request.debug_image}) "
            f"next to {request.container}…\r\n".encode()
        )
        # A new debug container refuses execs until its image is pulled and it runs.
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limits.DEBUG_START_TIMEOUT_S
        while True:
            try:
                return await self._exec(container)
            except ApiError as exc:
                if exc.forbidden or loop.time() + limits.DEBUG_RETRY_S > deadline:
                    raise
            await asyncio.sleep(limits.DEBUG_RETRY_S)

    async def _exec(self, container: str) -> ExecChannel:
        request = self.request
        return await open_exec(
            self.target.api.transport,
            request.namespace,
            request.pod,
            request.argv,
            container=container,
            stdin=True,
            tty=request.tty,
            connect_timeout_s=kube_limits.CONNECT_TIMEOUT_S,
            heartbeat_s=limits.TERMINAL_HEARTBEAT_S,
        )

    async def _pump_output(self, channel: ExecChannel, socket: TerminalSocket) -> Ending:
        while (frame := await channel.read()) is not None:
            await socket.send_bytes(frame[1])
        return ending(channel.exit_code, channel.failure, self.request, self.target.cluster_name)

    async def _pump_input(self, channel: ExecChannel, socket: TerminalSocket) -> Ending | None:
        while (message := await socket.receive()) is not None:
            if isinstance(message, bytes):
                await channel.write(message)
                continue
            try:
                resize = TerminalResize.model_validate_json(message)
            except ValidationError:
                return TerminalError(
                    code="bad_message",
                    message='A text frame must be {"type": "resize", "cols": N, "rows": N}; '
                    f"got {message[:80]!r}.",
                )
            await channel.resize(resize.cols, resize.rows)
        return None

    def _lost(self, exc: Unreachable) -> TerminalError:
        return TerminalError(
            code="connection_lost",
            message=f"The connection to cluster {self.target.cluster_name} was lost; the "
            f"terminal in {self.request.label} ended: {exc.message}",
        )

    async def _refusal(self, exc: KubeError) -> TerminalError:
        """Why the exec could not start, named precisely (the handshake only says a status)."""
        request, cluster = self.request, self.target.cluster_name
        if isinstance(exc, Unreachable):
            if exc.timed_out:
                return TerminalError(
                    code="cluster_timeout",
                    message=f"Cluster {cluster} did not answer within "
                    f"{kube_limits.CONNECT_TIMEOUT_S:g} s; the terminal could not start.",
                )
            return TerminalError(
                code="cluster_unreachable",
                message=f"Cluster {cluster} could not be reached: {exc.message}",
            )
        assert isinstance(exc, ApiError)
        if exc.forbidden:
            verb, sub = ("create", "exec")
            if request.debug_image is not None and "ephemeralcontainers" in exc.message:
                verb, sub = ("patch", "ephemeralcontainers")
            check = AccessCheck(verb, "", "pods", sub, namespace=request.namespace)
            return TerminalError(
                code="forbidden", message=f"You may not {check.describe(cluster)}."
            )
        # A 404 or 400: the pod or the container is missing, or the server says why not.
        path = resource_path("", "v1", "pods", request.namespace, request.pod)
        try:
            pod = await self.target.api.transport.call("GET", path)
        except ApiError as lookup:
            if lookup.not_found:
                return TerminalError(
                    code="pod_not_found",
                    message=f"Pod {request.namespace}/{request.pod} does not exist on cluster "
                    f"{cluster}.",
                )
        except Unreachable:
            pass
        else:
            spec = pod.get("spec") or {}
            names = [
                str(c.get("name"))
                for key in ("containers", "initContainers", "ephemeralContainers")
                for c in spec.get(key) or ()
                if isinstance(c, dict)
            ]
            if request.container not in names and request.debug_image is None:
                return TerminalError(
                    code="container_not_found",
                    message=f"Pod {request.namespace}/{request.pod} on cluster {cluster} has no "
                    f"container {request.container} (it has {', '.join(names) or 'none'}).",
                )
        what = "add a debug container to" if request.debug_image else "open a terminal in"
        return TerminalError(
            code="debug_failed" if request.debug_image else "exec_refused",
            message=f"Cluster {cluster} refused to {what} {request.label}: "
            f"{exc.status} {exc.message}",
        )
