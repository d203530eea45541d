"""WebSocket channels to a pod: exec, attach and port-forward, over the cluster's own session.

The API server multiplexes streams over one WebSocket with a channel byte in front of every
binary frame (`v5.channel.k8s.io`, falling back to `v4.channel.k8s.io`): 0 stdin, 1 stdout,
2 stderr, 3 the final `Status` (exit code), 4 terminal resize, and in v5 255 to close a stream.
A port-forward (`portforward.k8s.io` over `v4.channel.k8s.io`) carries one port per connection:
channel 0 its data, channel 1 its errors, each starting with the port number (2 bytes, little
endian). The connection is opened on the ApiClient's own aiohttp session, with the credentials
(bearer token, exec plugin, client certificate) and TLS of every other request to that cluster.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

import msgspec

from backend.kube import limits
from backend.kube.errors import ApiError, transport_errors, unreachable
from backend.kube.resources import resource_path
from backend.kube.transport import Transport

if TYPE_CHECKING:
    import aiohttp

STDIN, STDOUT, STDERR, ERROR, RESIZE = 0, 1, 2, 3, 4
CLOSE = 255
"""v5 only: `[255, channel]` closes one stream (stdin: the process reads end-of-file)."""

EXEC_PROTOCOLS = ("v5.channel.k8s.io", "v4.channel.k8s.io")
PORT_FORWARD_PROTOCOLS = ("v4.channel.k8s.io", "portforward.k8s.io")

_RELAYED_EXIT = re.compile(r"exit status (\d+)$")


async def _connect(
    transport: Transport,
    path: str,
    query: Sequence[tuple[str, str]],
    protocols: Sequence[str],
    connect_timeout_s: float,
    heartbeat_s: float = limits.CHANNEL_HEARTBEAT_S,
) -> aiohttp.ClientWebSocketResponse:
    """The upgraded connection; `ApiError` for a refusal (403, 404, 400), else `Unreachable`."""
    import aiohttp  # with the first channel, not at start-up

    client = transport.api_client
    rest = client.rest_client
    headers: dict[str, str] = dict(client.default_headers)
    try:
        async with asyncio.timeout(connect_timeout_s):
            await client.update_params_for_auth(headers, [], ["BearerToken"])
            ws: aiohttp.ClientWebSocketResponse = await rest.pool_manager.ws_connect(
                f"{client.configuration.host}{path}",
                params=list(query),
                protocols=tuple(protocols),
                headers=headers,
                heartbeat=heartbeat_s,
                proxy=rest.proxy,
                proxy_headers=rest.proxy_headers,
                max_msg_size=0,
                server_hostname=rest.server_hostname or None,
            )
            return ws
    except aiohttp.WSServerHandshakeError as exc:
        raise ApiError(exc.status, exc.message or "Refused", exc.message) from exc
    except transport_errors() as exc:
        raise unreachable(exc, transport.server, limit_s=connect_timeout_s, path=path) from exc


class _Frames:
    """Channel-numbered binary frames of one WebSocket (closed when an `async with` ends)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, server: str) -> None:
        self.ws = ws
        self._server = server

    async def next(self) -> tuple[int, bytes] | None:
        """The next (channel, data) frame; None once the server closed the connection."""
        from aiohttp import WSMsgType

        while True:
            try:
                message = await self.ws.receive()
            except transport_errors() as exc:
                raise unreachable(exc, self._server) from exc
            if message.type is WSMsgType.BINARY:
                data: bytes = message.data
                if data:
                    return data[0], data[1:]
            elif message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.CLOSED):
                return None
            elif message.type is WSMsgType.ERROR:
                raise unreachable(message.data, self._server)

    async def send(self, channel: int, data: bytes) -> None:
        try:
            await self.ws.send_bytes(bytes((channel,)) + data)
        except transport_errors() as exc:
            raise unreachable(exc, self._server) from exc

    async def close(self) -> None:
        """End the connection; the API server stops the exec stream or the port's connection."""
        if not self.ws.closed:
            await self.ws.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


class ExecChannel(_Frames):
    """A running exec (or attach): read its output, write its stdin, resize, learn its exit."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, server: str) -> None:
        super().__init__(ws, server)
        self.protocol = ws.protocol or ""
        self._status = b""
        self.exit_code: int | None = None
        """The process's exit code once `read` returned None (None: it did not say one)."""
        self.failure: str | None = None
        """Why the command could not run or was ended (the final Status's message), if it says."""

    async def read(self) -> tuple[int, bytes] | None:
        """The next (STDOUT or STDERR, bytes); None when the process has ended."""
        while True:
            frame = await self.next()
            if frame is None:
                self._finish()
                return None
            channel, data = frame
            if channel == ERROR:
                self._status += data
            elif channel in (STDOUT, STDERR) and data:
                return channel, data

    async def write(self, data: bytes) -> None:
        await self.send(STDIN, data)

    async def close_stdin(self) -> None:
        """End of input (v5; v4 has no way to say it, and the process keeps waiting)."""
        if self.protocol.startswith("v5."):
            await self.send(CLOSE, bytes((STDIN,)))

    async def resize(self, width: int, height: int) -> None:
        """Tell the terminal's new size (TTY sessions)."""
        await self.send(RESIZE, json.dumps({"Width": width, "Height": height}).encode())

    def _finish(self) -> None:
        if self._status:
            self.exit_code, self.failure = exit_status(self._status)


def exit_status(status: bytes) -> tuple[int | None, str | None]:
    """The exit code and failure sentence of the error channel's final `Status`.

    `Success` is exit code 0; `NonZeroExitCode` names the code in a cause. A runtime that relays
    the process's end as an internal error (kwok does) ends its message with Go's `exit status N`.
    Any other failure (the command does not exist, the container is gone) has no code.
    """
    try:
        decoded = msgspec.json.decode(status)
    except msgspec.DecodeError:
        return None, status.decode("utf-8", "replace")
    if not isinstance(decoded, dict):
        return None, None
    if decoded.get("status") == "Success":
        return 0, None
    failure = str(decoded.get("message") or decoded.get("reason") or "the command failed")
    details = decoded.get("details")
    for cause in (details.get("causes") if isinstance(details, dict) else None) or ():
        if isinstance(cause, dict) and cause.get("reason") == "ExitCode":
            with contextlib.suppress(ValueError):
                return int(cause.get("message", "")), failure
    relayed = _RELAYED_EXIT.search(failure)
    return (int(relayed.group(1)) if relayed else None), failure


async def open_exec(
    transport: Transport,
    namespace: str,
    pod: str,
    command: Sequence[str],
    *,
    container: str = "",
    stdin: bool = True,
    tty: bool = False,
    attach: bool = False,
    connect_timeout_s: float = limits.CONNECT_TIMEOUT_S,
    heartbeat_s: float = limits.CHANNEL_HEARTBEAT_S,
) -> ExecChannel:
    """Run `command` in the pod's container (or attach to its main process with `attach`).

    `heartbeat_s`: ping interval; a server that stops answering pings ends the channel within
    one and a half intervals (a person's terminal wants to know sooner than a log follow)."""
    query = [("command", part) for part in command] if not attach else []
    query += [
        ("stdin", str(stdin).lower()),
        ("stdout", "true"),
        ("stderr", str(not tty).lower()),  # a TTY merges stderr into stdout
        ("tty", str(tty).lower()),
    ]
    if container:
        query.append(("container", container))
    path = resource_path("", "v1", "pods", namespace, pod, "attach" if attach else "exec")
    ws = await _connect(transport, path, query, EXEC_PROTOCOLS, connect_timeout_s, heartbeat_s)
    return ExecChannel(ws, transport.server)


class PortForwardStream(_Frames):
    """One TCP connection to a pod's port, as a byte stream."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, server: str, port: int) -> None:
        super().__init__(ws, server)
        self.port = port
        self._prefix = {0: 2, 1: 2}
        """Bytes of the port-number header still to skip, per channel."""
        self.error: str | None = None
        """What the kubelet reported on the error channel (the port refused the connection…)."""

    async def read(self) -> bytes:
        """The next bytes from the port; b"" at the end of the connection."""
        while True:
            frame = await self.next()
            if frame is None:
                return b""
            channel, data = frame
            skip = self._prefix.get(channel, 0)
            if skip:
                self._prefix[channel] = max(skip - len(data), 0)
                data = data[skip:]
            if not data:
                continue
            if channel == 0:
                return data
            if channel == 1:
                self.error = (self.error or "") + data.decode("utf-8", "replace")

    async def write(self, data: bytes) -> None:
        await self.send(0, data)


async def open_port_forward(
    transport: Transport,
    namespace: str,
    pod: str,
    port: int,
    *,
    connect_timeout_s: float = limits.CONNECT_TIMEOUT_S,
) -> PortForwardStream:
    """A new connection to `port` of the pod, through the API server."""
    path = resource_path("", "v1", "pods", namespace, pod, "portforward")
    ws = await _connect(
        transport, path, [("ports", str(port))], PORT_FORWARD_PROTOCOLS, connect_timeout_s
    )
    return PortForwardStream(ws, transport.server, port)
