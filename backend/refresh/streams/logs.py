"""LogStream: one follow per container (`follow=true&timestamps=true`), merged into a stream.

Each container's log is read through its cluster's own client, in chunks, cut into lines and
pushed into the stream's merge. A follow that fails for a reason that may pass (the connection
dropped, the API server restarted or froze, a 5xx) is reopened with backoff from where it stopped
(`sinceTime` = the last timestamp read; lines already sent are skipped, see `LogCursor`). One that
cannot succeed (403, 404) ends with a status. A follow that went quiet asks, every
`LOG_IDLE_CHECK_S`, whether its cluster still answers: a frozen API server keeps connections open
and silent, so silence alone proves nothing.

Scopes whose containers could not be named when the stream began (the cluster did not answer)
are retried in the background and their containers join the stream when they can. A workload
scope follows its pods as they come: each pod the catalog sees added in the workload's namespace
makes the stream name the workload's containers again, and new ones join.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from backend.clusters.identity import Scope
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.contract.streams import LogLine, SourceStatusKind
from backend.errors import RegattaError
from backend.kube.backoff import Backoff
from backend.kube.cluster import cluster_api
from backend.kube.errors import ApiError, Unreachable, describe_failure
from backend.kube.resources import resource_path
from backend.kube.transport import BodyStream
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.store import ChangeType
from backend.refresh.snapshots.liveness import require_live
from backend.refresh.streams import limits
from backend.refresh.streams.budget import SourceBudget
from backend.refresh.streams.log_filter import LineFilter
from backend.refresh.streams.log_lines import LineSplitter, LogCursor
from backend.refresh.streams.log_targets import LogTarget, SourceError, read_pod, resolve_targets
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.timestamps import format_rfc3339_ns, split_log_line

log = logging.getLogger(__name__)

LOG_EVENT: Final = "log"


@dataclass(frozen=True, slots=True)
class LogOptions:
    """What the client asked of every source (query parameters of the logs stream)."""

    tail_lines: int | None = None
    since_seconds: int | None = None
    previous: bool = False
    filter: LineFilter = field(default_factory=LineFilter)


@dataclass(frozen=True, slots=True)
class FollowTiming:
    """How a follow waits; the defaults are the named limits (tests shorten them)."""

    open_timeout_s: float = limits.LOG_OPEN_TIMEOUT_S
    idle_check_s: float = limits.LOG_IDLE_CHECK_S
    probe_timeout_s: float = limits.LOG_PROBE_TIMEOUT_S
    reconnect_initial_s: float = limits.LOG_RECONNECT_INITIAL_S
    reconnect_max_s: float = limits.LOG_RECONNECT_MAX_S
    resolve_timeout_s: float = limits.RESOLVE_TIMEOUT_S


@dataclass(slots=True)
class OpenFollows:
    """How many log responses are open right now, process-wide (diagnostics `openLogFollows`)."""

    count: int = 0


LOG_LINE_FIELDS = tuple(field.alias or name for name, field in LogLine.model_fields.items())
"""A log line's wire names in the model's order; lines are too many to build each as a model."""


@dataclass(eq=False, slots=True)
class _Source:
    target: LogTarget
    cursor: LogCursor = field(default_factory=LogCursor)
    ended: bool = False
    announced: bool = False
    failing: bool = False
    reported_unreachable: bool = False


@dataclass(frozen=True, eq=False, slots=True)
class LaterScope:
    """A scope whose containers are named later: its cluster did not answer in time, or it is a
    workload whose pods come and go (`namespace` set: new pods there join the stream)."""

    scope: Scope
    text: str
    cluster_name: str
    namespace: str | None = None


class LogStream:
    """The log follows of one stream; a `Producer` of its session."""

    upstream = True

    def __init__(
        self,
        clusters: ClusterService,
        budget: SourceBudget,
        follows: OpenFollows,
        output: MergedOutput,
        options: LogOptions,
        timing: FollowTiming,
        catalogs: CatalogRegistry,
        targets: Iterable[LogTarget],
        pending: Iterable[LaterScope] = (),
        workloads: Iterable[LaterScope] = (),
    ) -> None:
        self._clusters = clusters
        self._budget = budget
        self._follows = follows
        self.output = output
        self._options = options
        self._timing = timing
        self._sources: dict[tuple[str, ...], _Source] = {}
        for target in targets:
            self._sources.setdefault(target.key, _Source(target))
        self._pending = list(pending)
        self._workloads = {w: asyncio.Event() for w in workloads} if not options.previous else {}
        self._catalogs = catalogs
        self._tasks: dict[object, asyncio.Task[None]] = {}
        self._closed = False

    # --- Producer ----------------------------------------------------------------------------------

    async def run(self) -> None:
        live = [source for source in self._sources.values() if not source.ended]
        for source in live:  # registered before any opens, so the tails merge in order
            self.output.register(source.target.key, source.target.source)
        for source in live:
            self._spawn(source, self._follow(source))
        for pending in list(self._pending):
            self._spawn(pending, self._resolve_later(pending))
        unsubscribe = self._catalogs.subscribe(self._on_changes)
        for workload, wake in self._workloads.items():
            wake.set()  # a pod may have come between naming the containers and subscribing
            self._spawn(workload, self._follow_workload(workload, wake))
        try:
            await asyncio.Event().wait()
        finally:
            unsubscribe()
            tasks = list(self._tasks.values())
            self._tasks.clear()
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def cluster_removed(self, cluster_id: str) -> None:
        for workload in [w for w in self._workloads if w.scope.cluster_id == cluster_id]:
            await self._cancel(workload)
            del self._workloads[workload]
        for pending in [p for p in self._pending if p.scope.cluster_id == cluster_id]:
            await self._cancel(pending)
            self._pending.remove(pending)
            self.output.status(None, cluster_id, pending.text, "ended", "cluster deselected")
        for source in self._sources.values():
            if source.target.cluster_id == cluster_id and not source.ended:
                await self._cancel(source)
                self._end(source, "ended", "cluster deselected")

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for source in self._sources.values():
            if not source.ended:
                source.ended = True
                self._budget.release(source.target.cluster_id)
        self.output.close()

    # --- tasks -------------------------------------------------------------------------------------

    def _spawn(self, owner: object, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(work)
        self._tasks[owner] = task
        task.add_done_callback(lambda t: self._forget(owner, t))

    def _forget(self, owner: object, task: asyncio.Task[None]) -> None:
        if self._tasks.get(owner) is task:
            del self._tasks[owner]
        if not task.cancelled() and task.exception() is not None:
            log.error("log stream task failed", exc_info=task.exception())

    async def _cancel(self, owner: object) -> None:
        task = self._tasks.pop(owner, None)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    # --- statuses ----------------------------------------------------------------------------------

    def _source_status(
        self, source: _Source, status: SourceStatusKind, message: str | None
    ) -> None:
        target = source.target
        self.output.status(target.key, target.cluster_id, target.source, status, message)

    def _end(self, source: _Source, status: SourceStatusKind, message: str | None) -> None:
        """The source is over for good: last status, out of the merge, reservation released."""
        self._source_status(source, status, message)
        self.output.end(source.target.key)
        source.ended = True
        self._budget.release(source.target.cluster_id)

    # --- one container ------------------------------------------------------------------------------

    async def _follow(self, source: _Source) -> None:
        target = source.target
        backoff = Backoff(self._timing.reconnect_initial_s, self._timing.reconnect_max_s)
        try:
            while True:
                try:
                    stream = await self._open(source)
                    try:
                        self._opened(source)
                        got_lines = await self._read(source, stream)
                    finally:
                        stream.close()
                        self._follows.count -= 1
                    if got_lines:
                        backoff.reset()
                    if self._options.previous:
                        self._end(source, "ended", "the previous container's log ended")
                        return
                    why_over = await self._after_end_of_log(source)
                    if why_over is not None:
                        self._end(source, "ended", why_over)
                        return
                except SourceError as failure:
                    if not failure.transient:
                        self._end(source, failure.status, failure.message)
                        return
                    self._failed(source, failure)
                await asyncio.sleep(backoff.next_delay())
        finally:
            if not source.ended:
                self.output.end(target.key)  # paused or cancelled: hold nobody back

    def _opened(self, source: _Source) -> None:
        target = source.target
        self.output.register(target.key, target.source)
        if not source.announced:
            source.announced = True
            self._source_status(source, "started", None)
        elif source.failing:
            self._source_status(source, "started", "reconnected")
        source.failing = False
        source.reported_unreachable = False
        source.cursor.reopen()

    def _failed(self, source: _Source, failure: SourceError) -> None:
        if not source.failing:
            source.failing = True
            self._source_status(source, "reconnecting", failure.message)
        if failure.status == "unreachable" and not source.reported_unreachable:
            source.reported_unreachable = True
            self._source_status(source, "unreachable", failure.message)
        self.output.end(source.target.key)

    def _handle(self, cluster_id: str) -> ClusterHandle:
        handle = self._clusters.pool.find(cluster_id)
        if handle is None:
            raise SourceError("unreachable", "the cluster has no client", True)
        return handle

    async def _open(self, source: _Source) -> BodyStream:
        target = source.target
        handle = self._handle(target.cluster_id)
        limit = self._timing.open_timeout_s
        path = resource_path("", "v1", "pods", target.namespace, target.pod, "log")
        try:
            async with asyncio.timeout(limit):
                stream = await cluster_api(handle).transport.open_stream(
                    path, self._query(source), connect_timeout_s=limit, accept="*/*"
                )
        except TimeoutError as exc:
            diagnosis = describe_failure(exc, handle.server, limit_s=limit, path="the log")
            raise SourceError("unreachable", diagnosis.message, True) from exc
        except Unreachable as exc:
            raise SourceError(_status_of(exc.cause), exc.message, True) from exc
        except ApiError as exc:
            raise _http_failure(exc) from exc
        self._follows.count += 1
        return stream

    def _query(self, source: _Source) -> list[tuple[str, str]]:
        options = self._options
        query = [("container", source.target.container), ("timestamps", "true")]
        query.append(("previous", "true") if options.previous else ("follow", "true"))
        last = source.cursor.last_ns
        if last is not None:
            since = format_rfc3339_ns(last)[:19] + "Z"  # whole seconds, as the API server reads it
            query.append(("sinceTime", since))
            return query
        if options.since_seconds is not None:
            query.append(("sinceSeconds", str(options.since_seconds)))
        if options.tail_lines is not None:
            query.append(("tailLines", str(options.tail_lines)))
        elif options.since_seconds is None:
            query.append(("tailLines", str(limits.DEFAULT_TAIL_LINES)))
        return query

    async def _read(self, source: _Source, stream: BodyStream) -> bool:
        """Push lines until the log ends; True if any line was new. SourceError on failure."""
        splitter = LineSplitter()
        got_lines = False
        while True:
            try:
                async with asyncio.timeout(self._timing.idle_check_s):
                    chunk = await stream.read(limits.LOG_READ_CHUNK_BYTES)
            except TimeoutError:
                await self._check_alive(source)
                continue
            except Unreachable as exc:
                raise SourceError(
                    "reconnecting", f"the log connection broke: {exc.message}", True
                ) from exc
            if not chunk:
                return self._push(source, splitter.finish()) or got_lines
            got_lines = self._push(source, splitter.feed(chunk)) or got_lines

    def _push(self, source: _Source, lines: list[str]) -> bool:
        if not lines:
            return False
        target = source.target
        key = target.key
        head = (
            target.scope,
            target.cluster_id,
            target.cluster_name,
            target.namespace,
            target.pod,
            target.container,
        )
        cursor = source.cursor
        output = self.output
        line_filter = self._options.filter
        passes = None if line_filter.empty else line_filter.passes
        new = False
        for raw in lines:
            try:
                timestamp_ns, text = split_log_line(raw)
            except ValueError:  # not stamped (a kubelet notice): place it after the last line
                timestamp_ns = cursor.last_ns if cursor.last_ns is not None else time.time_ns()
                text = raw
            if not cursor.accept(timestamp_ns, text):
                continue
            new = True
            if (passes is not None and not passes(text)) or not output.admit(key):
                continue
            fields = (*head, format_rfc3339_ns(timestamp_ns), text, cursor.seq, False)
            output.push(
                key, timestamp_ns, LOG_EVENT, dict(zip(LOG_LINE_FIELDS, fields, strict=True))
            )
        output.release()
        return new

    async def _check_alive(self, source: _Source) -> None:
        """SourceError if the source's cluster does not answer (its quiet follow is dead)."""
        limit = self._timing.probe_timeout_s
        try:
            async with asyncio.timeout(limit):
                await require_live(self._clusters.health, source.target.cluster_id)
        except TimeoutError as exc:
            raise SourceError(
                "unreachable", f"the API server did not answer within {limit:g} s", True
            ) from exc
        except RegattaError as exc:
            raise SourceError(_status_of(exc.code), exc.message, True) from exc

    async def _after_end_of_log(self, source: _Source) -> str | None:
        """Why the source is over after its follow ended, or None if it should be reopened."""
        target = source.target
        handle = self._handle(target.cluster_id)
        transport = cluster_api(handle).transport
        try:
            pod = await read_pod(
                transport, target.namespace, target.pod, self._timing.open_timeout_s
            )
        except SourceError as exc:
            if exc.transient:
                raise
            return f"the log ended ({exc.message})"
        except Exception as exc:
            message = describe_failure(exc, handle.server).message
            raise SourceError("error", message, True) from exc
        if pod is None:
            return "the pod was deleted"
        if not pod.is_running(target.container):
            return "the container is not running"
        return None

    # --- scopes resolved later -------------------------------------------------------------------------

    async def _resolve_later(self, pending: LaterScope) -> None:
        """Retry naming a scope's containers; when they are known, follow them."""
        backoff = Backoff(self._timing.reconnect_initial_s, self._timing.reconnect_max_s)
        while True:
            await asyncio.sleep(backoff.next_delay())
            try:
                targets = await self._resolve(pending)
            except SourceError as exc:
                if exc.transient:
                    continue
                self._pending.remove(pending)
                cluster_id = pending.scope.cluster_id
                self.output.status(None, cluster_id, pending.text, exc.status, exc.message)
                return
            except Exception as exc:
                log.info("resolving %s failed: %s", pending.text, exc)
                continue
            self._pending.remove(pending)
            self._add(pending, targets)
            return

    # --- workloads whose pods change -----------------------------------------------------------------

    def _on_changes(self, changes: Sequence[CatalogChange]) -> None:
        if not changes or changes[0].kind_key != PODS:
            return  # one batch holds one kind's changes
        for change in changes:
            if change.type is not ChangeType.ADDED:
                continue
            for workload, wake in self._workloads.items():
                if (
                    workload.scope.cluster_id == change.cluster_id
                    and workload.namespace == change.namespace
                ):
                    log.debug("pod %s added: naming %s again", change.name, workload.text)
                    wake.set()

    async def _follow_workload(self, workload: LaterScope, wake: asyncio.Event) -> None:
        """Name the workload's containers again whenever a pod was added in its namespace. A
        naming that failed for a reason that may pass (the API server did not answer in time) is
        tried again with backoff: no other pod may come to wake it, and the added one would be
        left out for good."""
        backoff = Backoff(self._timing.reconnect_initial_s, self._timing.reconnect_max_s)
        while True:
            await wake.wait()
            wake.clear()
            try:
                targets = await self._resolve(workload)
            except Exception as exc:
                log.info("naming the pods of %s failed: %s", workload.text, exc)
                if not isinstance(exc, SourceError) or exc.transient:
                    await asyncio.sleep(backoff.next_delay())
                    wake.set()
                continue
            backoff.reset()
            log.debug("%s names %d containers now", workload.text, len(targets))
            self._add(workload, targets)

    async def _resolve(self, later: LaterScope) -> list[LogTarget]:
        """The containers `later` names now."""
        transport = cluster_api(self._handle(later.scope.cluster_id)).transport
        timeout_s = self._timing.resolve_timeout_s
        return await resolve_targets(
            transport, later.scope, later.text, later.cluster_name, timeout_s
        )

    def _add(self, later: LaterScope, targets: list[LogTarget]) -> None:
        fresh = [t for t in {t.key: t for t in targets}.values() if t.key not in self._sources]
        if not fresh:
            return
        cluster_id = later.scope.cluster_id
        held = sum(1 for s in self._sources.values() if not s.ended)  # holding a reservation
        refusal = self._budget.refusal({cluster_id: len(fresh)}, held)
        if refusal is not None:
            self.output.status(None, cluster_id, later.text, "error", refusal.message)
            return
        self._budget.take({cluster_id: len(fresh)}, held)
        for target in fresh:
            source = self._sources[target.key] = _Source(target)
            self.output.register(target.key, target.source)
            self._spawn(source, self._follow(source))


def _status_of(cause: str) -> SourceStatusKind:
    """The status of a source whose cluster failed with `cause` (a code of the kube layer)."""
    return "unreachable" if cause in ("unreachable", "timeout") else "error"


_NOT_STARTED_YET = ("waiting to start", "does not have a host assigned")
"""The API server's 400s for a container not started yet, or a pod not scheduled yet (a
workload's new pod is named as soon as it is added, often before either)."""


def _http_failure(error: ApiError) -> SourceError:
    """What an error answer to opening a log means for the source."""
    if error.status == 403:
        return SourceError("forbidden", error.message, False)
    if error.status == 404:
        return SourceError("not_found", error.message, False)
    if error.status == 400 and any(m in error.message for m in _NOT_STARTED_YET):
        return SourceError("reconnecting", error.message, True)  # scheduled or started soon
    if error.retryable:
        return SourceError("reconnecting", f"the API server answered {error}", True)
    return SourceError("error", error.message, False)
