"""Server-wide shutdown signal.

uvicorn running off the main thread installs no signal handlers, so long-lived responses (SSE)
cannot learn of a shutdown from uvicorn; they watch this event instead, which the app sets before
telling uvicorn to exit (see platform-notes: otherwise shutdown hangs on open streams).
"""

from __future__ import annotations

import asyncio


class ServerLifecycle:
    def __init__(self) -> None:
        self.shutting_down = asyncio.Event()
        self.open_streams = 0

    def begin_shutdown(self) -> None:
        self.shutting_down.set()
