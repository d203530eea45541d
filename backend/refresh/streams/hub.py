"""StreamHub: every stream of the process, addressable for resume, and told of deselections.

The hub numbers sessions (an event id names its session, see `StreamSession`), keeps a session
whose client went away for `RESUME_RETENTION_S` (its log follows stopped at once), and closes it
after that. As a listener of the client pool it ends a deselected cluster's sources in every
stream (status `ended`, message `cluster deselected`) before that cluster's client is closed.
It also holds the budget of log sources and the count of open log responses.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Sequence
from typing import Any

from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.errors import RegattaError
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.streams.budget import SourceBudget, SourceLimits
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.catalog_stream import ForwardFeed
from backend.refresh.streams.limits import (
    CATALOG_COALESCE_S,
    RESUME_RETENTION_S,
    SESSION_NUMBER_BITS,
)
from backend.refresh.streams.logs import FollowTiming, OpenFollows
from backend.refresh.streams.session import Producer, StreamSession

log = logging.getLogger(__name__)


class StreamHub:
    """The process's streams; `start()` once (idempotent), `close()` at shutdown."""

    def __init__(
        self,
        clusters: ClusterService,
        catalogs: CatalogRegistry,
        lifecycle: ServerLifecycle,
        *,
        limits: SourceLimits | None = None,
        timing: FollowTiming | None = None,
        retention_s: float = RESUME_RETENTION_S,
        coalesce_s: float = CATALOG_COALESCE_S,
    ) -> None:
        self.clusters = clusters
        self.catalogs = catalogs
        self.lifecycle = lifecycle
        self.budget = SourceBudget(limits)
        self.timing = timing or FollowTiming()
        self.follows = OpenFollows()
        self.retention_s = retention_s
        self.coalesce_s = coalesce_s
        self.forwards: ForwardFeed | None = None
        """The port-forwards the catalog streams announce (set by the app's wiring)."""
        self._sessions: dict[int, StreamSession] = {}
        self._expiry: dict[int, asyncio.TimerHandle] = {}
        self._background: set[asyncio.Task[Any]] = set()
        self._unsubscribe: Callable[[], None] | None = None
        self._closed = False

    @property
    def sessions(self) -> int:
        return len(self._sessions)

    async def start(self) -> None:
        """Listen to the client pool (for deselections); safe to call again."""
        if self._unsubscribe is None and not self._closed:
            self._unsubscribe = await self.clusters.pool.subscribe(self)

    async def close(self) -> None:
        """Close every stream and stop listening (app shutdown)."""
        self._closed = True
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        for timer in self._expiry.values():
            timer.cancel()
        self._expiry.clear()
        sessions = list(self._sessions.values())
        self._sessions.clear()
        await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
        await asyncio.gather(*self._background, return_exceptions=True)

    # --- pool listener ------------------------------------------------------------------------------

    async def on_added(self, cluster: ClusterHandle) -> None:
        """Nothing to do: a stream names its clusters when it starts."""

    async def on_removed(self, cluster_id: str) -> None:
        await asyncio.gather(
            *(s.cluster_removed(cluster_id) for s in list(self._sessions.values()))
        )

    # --- sessions -----------------------------------------------------------------------------------

    def new_session(
        self, signature: str, build: Callable[[EventBuffer], Sequence[Producer]]
    ) -> StreamSession:
        """A new stream: its buffer (ids naming it), its producers from `build`, started."""
        self.check_open()
        number = self._free_number()
        buffer = EventBuffer(first_id=StreamSession.first_id(number))
        session = StreamSession(number, signature, buffer, build(buffer))
        self._sessions[number] = session
        session.start()
        return session

    def check_open(self) -> None:
        """503 `shutting_down` once the app is stopping: no new streams then."""
        if self._closed or self.lifecycle.shutting_down.is_set():
            raise RegattaError(503, "shutting_down", "Regatta is shutting down.")

    def find(self, last_event_id: int, signature: str) -> StreamSession | None:
        """The live session that issued `last_event_id` for the same request, if any."""
        session = self._sessions.get(StreamSession.number_of(last_event_id))
        if session is None or session.closed or session.signature != signature:
            return None
        return session

    async def connect(self, session: StreamSession) -> asyncio.Event:
        """A connection reads `session` from now on; returns the event that tells it to stop."""
        timer = self._expiry.pop(session.number, None)
        if timer is not None:
            timer.cancel()
        reader = session.attach()
        await session.resume()
        return reader

    def disconnect(self, session: StreamSession, reader: asyncio.Event) -> None:
        """The connection holding `reader` ended: pause the session and keep it for a while."""
        if not session.detach(reader) or session.closed:
            return
        if self._closed or self.lifecycle.shutting_down.is_set():
            self._spawn(self._close_session(session.number))
            return
        session.pause_soon()
        loop = asyncio.get_running_loop()
        self._expiry[session.number] = loop.call_later(
            self.retention_s, lambda: self._spawn(self._close_session(session.number))
        )

    async def _close_session(self, number: int) -> None:
        self._expiry.pop(number, None)
        session = self._sessions.get(number)
        if session is None or session.attached:
            return
        del self._sessions[number]
        await session.close()

    def _free_number(self) -> int:
        while True:
            number = random.getrandbits(SESSION_NUMBER_BITS)
            if number and number not in self._sessions:
                return number

    def _spawn(self, work: Any) -> None:
        task: asyncio.Task[Any] = asyncio.get_running_loop().create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)
