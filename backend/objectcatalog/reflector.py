"""Keep one scope of one kind current: paged LIST, then WATCH from its resourceVersion.

The loop follows client-go's reflector: list in pages (limit/continue) and replace the store,
watch from the list's resourceVersion with bookmarks, resume the watch from the last seen
resourceVersion when the server ends it, relist when the server says 410 Gone, and back off
exponentially (with jitter) after errors. A 403 is final: the scope becomes `forbidden` and
the loop ends until someone restarts it (a manual refresh).
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Hashable
from enum import StrEnum

import msgspec

from backend.kube.backoff import Backoff
from backend.kube.errors import ApiError, Unreachable
from backend.kube.resources import ApiResource
from backend.kube.transport import Transport
from backend.objectcatalog import limits
from backend.objectcatalog.indexes import NO_INDEXES, RowIndexes
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.memory import release_free_heap
from backend.objectcatalog.rows import Row, RowCodec
from backend.objectcatalog.rows.wire import envelope_decoder, object_decoder, status_decoder
from backend.objectcatalog.store import Applied, ScopeStore

log = logging.getLogger(__name__)

_MAX_CONTINUE_RESTARTS = 3
_DECODE_ERRORS = (msgspec.DecodeError, msgspec.ValidationError)


class SyncState(StrEnum):
    SYNCING = "syncing"
    SYNCED = "synced"
    ERROR = "error"
    FORBIDDEN = "forbidden"
    STOPPED = "stopped"


class Reflector:
    """The list+watch loop of one (kind, namespace-or-cluster) scope."""

    def __init__(
        self,
        transport: Transport,
        resource: ApiResource,
        codec: RowCodec[msgspec.Struct],
        namespace: str | None,
        intern: Interner,
        apply: Callable[[Applied], None],
        on_state: Callable[[], None],
        label: str = "",
        indexes: RowIndexes = NO_INDEXES,
    ) -> None:
        self.transport = transport
        self.resource = resource
        self.codec = codec
        self.namespace = namespace
        self.intern = intern
        self.store = ScopeStore(codec.key, indexes)
        self._apply = apply
        self._on_state = on_state
        self._label = label or f"{resource.key}@{namespace or '*'}"
        self._backoff = Backoff()
        self._task: asyncio.Task[None] | None = None
        self.settled = asyncio.Event()
        self.state = SyncState.STOPPED
        self.message = ""
        self.resource_version = ""
        self.last_sync_at: float | None = None  # wall-clock time of the last completed LIST
        self.list_requests = 0
        self.watch_requests = 0
        self.relists_after_gone = 0
        self.errors = 0

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Start (or restart) the loop with a fresh LIST; cached rows stay until it replaces them.

        A scope that has synced before keeps its state (synced, or error) during the new LIST,
        as client-go's HasSynced does; only a first sync (or a re-check of a forbidden scope)
        shows `syncing`."""
        if self._task is not None and not self._task.done():
            return
        self.settled = asyncio.Event()
        self.resource_version = ""
        if self.last_sync_at is None or self.state in (SyncState.STOPPED, SyncState.FORBIDDEN):
            self._set_state(SyncState.SYNCING, "")
        self._task = asyncio.get_running_loop().create_task(self._run(), name=self._label)

    async def _cancel(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            # wait(), not `await task`: re-raising the task's CancelledError here would put this
            # frame (which holds the task) into that exception's traceback, and the task keeps
            # the exception in a slot the garbage collector does not see — a cycle never freed.
            await asyncio.wait([task])

    async def stop(self, clear: bool = True) -> None:
        await self._cancel()
        if clear:
            self.store = ScopeStore(self.codec.key, self.store.indexes)
        self._set_state(SyncState.STOPPED, "")

    async def restart(self) -> None:
        """A fresh LIST now (manual refresh); rows stay visible until the LIST replaces them."""
        await self._cancel()
        self._backoff.reset()
        self.start()

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    # --- the loop ----------------------------------------------------------------------------

    async def _run(self) -> None:
        gone_streak = 0
        while True:
            try:
                if not self.resource_version:
                    await self._list()
                    self._settle(SyncState.SYNCED, "")
                watch_started = time.monotonic()
                await self._watch()
                lasted = time.monotonic() - watch_started
                if lasted >= limits.HEALTHY_WATCH_S:
                    self._backoff.reset()
                    gone_streak = 0
                elif lasted < limits.MIN_WATCH_S:
                    # A server that ends every watch at once must not make this a busy loop.
                    await self._fail("the server ended the watch at once")
            except ApiError as exc:
                if exc.gone:
                    # The resourceVersion is older than the server keeps: relist at once, but
                    # back off if the server keeps answering 410 to fresh lists.
                    self.relists_after_gone += 1
                    self.resource_version = ""
                    gone_streak += 1
                    if gone_streak > 1:
                        await self._fail(f"resource version expired: {exc.message}")
                    continue
                if exc.forbidden:
                    self._forbid(exc.message)
                    return
                await self._fail(f"{exc.status} {exc.reason}: {exc.message}")
            except Unreachable as exc:
                await self._fail(exc.message)
            except _DECODE_ERRORS as exc:
                self.resource_version = ""
                await self._fail(f"unreadable response: {exc}")

    def _set_state(self, state: SyncState, message: str) -> None:
        if state is not self.state or message != self.message:
            self._settle(state, message, settled=False)

    def _settle(self, state: SyncState, message: str, settled: bool = True) -> None:
        """End of a LIST attempt: waiters of `settled` wake even if the state stays the same."""
        if settled:
            self.settled.set()
        self.state = state
        self.message = message
        self._on_state()

    def _forbid(self, message: str) -> None:
        self._apply(self.store.clear())
        self._settle(SyncState.FORBIDDEN, f"forbidden: {message}")

    async def _fail(self, message: str) -> None:
        self.errors += 1
        delay = self._backoff.next_delay()
        log.info("%s: %s; retrying in %.1fs", self._label, message, delay)
        self._settle(SyncState.ERROR, message)
        await asyncio.sleep(delay)

    # --- LIST --------------------------------------------------------------------------------

    async def _list(self) -> None:
        """Read every page, then swap the store in one step (old rows serve until then)."""
        path = self.resource.path(self.namespace)
        restarts = received = 0
        fresh: dict[str, dict[Hashable, Row]] = {}  # by namespace, as the store keeps them
        key = self.codec.key
        token = ""
        while True:
            query = [("limit", str(limits.LIST_PAGE_SIZE))]
            if token:
                query.append(("continue", token))
            self.list_requests += 1
            try:
                body = await self.transport.get(
                    path, query, timeout_s=limits.LIST_REQUEST_TIMEOUT_S
                )
            except ApiError as exc:
                if exc.gone and token and restarts < _MAX_CONTINUE_RESTARTS:
                    # The continue token expired between pages: start the list over.
                    restarts += 1
                    fresh, token = {}, ""
                    continue
                raise
            received += len(body)
            rows, version, token = self.codec.rows_of_page(body, self.intern)
            for row in rows:
                fresh.setdefault(row.namespace, {})[key(row)] = row
            del body, rows
            if not token:
                break
        self.resource_version = version
        self.last_sync_at = time.time()
        self._apply(self.store.replace(fresh))
        if received >= limits.HEAP_TRIM_AFTER_LIST_BYTES:
            release_free_heap()

    # --- WATCH -------------------------------------------------------------------------------

    async def _watch(self) -> None:
        """Apply events until the server ends the watch; the resourceVersion follows along."""
        timeout = random.randint(limits.WATCH_TIMEOUT_MIN_S, 2 * limits.WATCH_TIMEOUT_MIN_S)
        query = [
            ("watch", "1"),
            ("resourceVersion", self.resource_version),
            ("allowWatchBookmarks", "true"),
            ("timeoutSeconds", str(timeout)),
        ]
        self.watch_requests += 1
        decode_item = self.codec.item_decoder.decode
        build = self.codec.build
        store = self.store
        lines = await self.transport.open_stream(
            self.resource.path(self.namespace),
            query,
            read_timeout_s=timeout + limits.WATCH_READ_GRACE_S,
        )
        try:
            if self.state is not SyncState.SYNCED:
                self._set_state(SyncState.SYNCED, "")
            async for line in lines:
                event = envelope_decoder.decode(line)
                kind = event.type
                if kind == "ERROR":
                    status = status_decoder.decode(event.object)
                    raise ApiError(
                        status.code or 500, status.reason or "Error", status.message or ""
                    )
                if kind == "BOOKMARK":
                    meta = object_decoder.decode(event.object).metadata
                    if meta is not None and meta.resource_version:
                        self.resource_version = meta.resource_version
                    continue
                item = decode_item(event.object)
                row = build(item, self.intern)
                applied = store.delete(row) if kind == "DELETED" else store.upsert(row)
                meta = item.metadata  # type: ignore[attr-defined]
                if meta is not None and meta.resource_version:
                    self.resource_version = meta.resource_version
                if applied:
                    self._apply(applied)
        finally:
            lines.close()
