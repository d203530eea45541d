"""EventStreamResponse: the ASGI response that writes one session's SSE bytes to one client.

It does two things Starlette's StreamingResponse leaves to chance: it listens for the client's
disconnect itself (whatever ASGI spec version the server speaks), so an idle stream learns at once
that its client left and its log follows close; and it ends when the app shuts down (uvicorn off
the main thread cannot tell a streaming response to stop — see platform notes §4). It also keeps
the hub's `lifecycle.open_streams` true.
"""

from __future__ import annotations

import asyncio
import contextlib

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from backend.refresh.streams.hub import StreamHub
from backend.refresh.streams.session import StreamSession

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


class EventStreamResponse(Response):
    media_type = "text/event-stream"

    def __init__(self, hub: StreamHub, session: StreamSession, reader: asyncio.Event) -> None:
        # No body attribute: `init_headers` then sets no Content-Length (the body never ends).
        self.status_code = 200
        self.background = None
        self.init_headers(SSE_HEADERS)
        self._hub = hub
        self._session = session
        self._reader = reader

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        lifecycle = self._hub.lifecycle
        reader = self._reader
        lifecycle.open_streams += 1
        listener = asyncio.get_running_loop().create_task(_await_disconnect(receive, reader))
        try:
            await send(
                {
                    "type": "http.response.start",
                    "status": self.status_code,
                    "headers": self.raw_headers,
                }
            )
            frames = self._session.frames(reader, lifecycle.shutting_down)
            async with contextlib.aclosing(frames):
                async for chunk in frames:
                    await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
        except OSError:
            pass  # the client is gone
        finally:
            listener.cancel()
            lifecycle.open_streams -= 1
            self._hub.disconnect(self._session, reader)


async def _await_disconnect(receive: Receive, reader: asyncio.Event) -> None:
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            reader.set()
            return
