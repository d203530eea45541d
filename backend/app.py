"""Wiring: one asyncio loop thread owns the cluster services and the uvicorn server.

The desktop window owns the main thread (Qt), so everything asynchronous lives on a single
background loop; the window and the js_api bridge hop into it with `submit`. Kubernetes clients
are bound to the loop they were created in, which is another reason there is exactly one.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import secrets
import socket
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar, cast

import uvicorn

from backend.http.app import ServerContext, create_app
from backend.http.door import REQUEST_HEAD_MAX_BYTES
from backend.options import AppOptions
from backend.wiring import Services

log = logging.getLogger(__name__)
T = TypeVar("T")

START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 2.0
SERVER_GRACE_S = 1


class RegattaApp:
    """The backend of one launch: token, port, loop thread, server, cluster services."""

    def __init__(self, options: AppOptions) -> None:
        self.options = options
        self.token = secrets.token_urlsafe(32)
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", options.port))
        self.port: int = self._sock.getsockname()[1]
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self.loop.run_forever, name="regatta-core", daemon=True
        )
        self._server: uvicorn.Server | None = None
        self._server_task: asyncio.Task[None] | None = None
        self.services: Services | None = None
        self._stopped = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/?token={self.token}"

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run a coroutine on the core loop from any thread."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def start(self) -> None:
        self._thread.start()
        self.submit(self._astart()).result(START_TIMEOUT_S)

    def stop(self) -> None:
        """Stop the server, open streams, clients and background tasks; idempotent."""
        if self._stopped.is_set() or not self._thread.is_alive():
            return
        self._stopped.set()
        try:
            self.submit(self._astop()).result(STOP_TIMEOUT_S + SERVER_GRACE_S)
        except Exception:
            log.exception("shutdown did not finish cleanly")
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(STOP_TIMEOUT_S)

    async def _astart(self) -> None:
        self.services = services = Services.build(self.options)
        await services.start()
        ctx = ServerContext(
            token=self.token,
            port=self.port,
            lifecycle=services.lifecycle,
            bridge=services.clusters.bridge,
            api_routes=services.api_routes(),
        )
        config = uvicorn.Config(
            create_app(ctx),
            log_level="warning",
            log_config=None,  # uvicorn's records go to the root handlers, through the redactor
            lifespan="off",
            timeout_graceful_shutdown=SERVER_GRACE_S,
            h11_max_incomplete_event_size=REQUEST_HEAD_MAX_BYTES,
            ws=cast("type[asyncio.Protocol]", _websocket_protocol),
        )
        self._server = uvicorn.Server(config)
        self._server_task = asyncio.get_running_loop().create_task(
            self._server.serve(sockets=[self._sock])
        )
        while not self._server.started:
            if self._server_task.done():
                self._server_task.result()
                raise RuntimeError("the HTTP server stopped before it started")
            await asyncio.sleep(0.005)

    async def _astop(self) -> None:
        if self.services is not None:
            self.services.lifecycle.begin_shutdown()
            # Before uvicorn drops the WebSockets: each terminal says why it ends and ends its
            # process, so no exec stream stays open on an API server.
            await self.services.terminals.close()
        if self._server is not None and self._server_task is not None:
            self._server.should_exit = True
            await self._server_task
        if self.services is not None:
            await self.services.stop()
        current = asyncio.current_task()
        leftovers = [t for t in asyncio.all_tasks() if t is not current]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)


def _websocket_protocol(**kwargs: Any) -> asyncio.Protocol:
    """uvicorn's WebSocket protocol, imported with the first WebSocket (a terminal) rather than
    at start: the websockets library is a third of the server's start-up (issue #20)."""
    from uvicorn.protocols.websockets.auto import AutoWebSocketsProtocol

    assert AutoWebSocketsProtocol is not None, "uvicorn found no WebSocket library"
    return AutoWebSocketsProtocol(**kwargs)
