"""HTTP routes of the merged streams (contract §7): logs, Kubernetes events, catalog changes.

Everything that can make a request wrong is checked before the response starts, so it gets a
proper error answer: the query (400 `bad_query`), the scopes (400 `bad_scope`, 409
`cluster_not_active`), and for logs the number of containers the scopes cover (400
`too_many_sources`). What one cluster does afterwards (it is slow, forbids, goes away) is a
`status` event in the stream, never an error of the whole request.

A reconnecting client that sends `Last-Event-ID` for the same request resumes its stream (see
`StreamSession`); an id of a stream that is gone starts a new stream whose first event is a
`dropped` notice with a null count.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from backend.clusters.identity import (
    NamespaceTail,
    ObjectTail,
    Scope,
    WholeCluster,
    format_scope,
)
from backend.clusters.service import ClusterService
from backend.contract.streams import SourceStatus
from backend.errors import RegattaError
from backend.kube.cluster import cluster_api
from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.snapshots.service import SnapshotService, cluster_name_of
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.catalog_stream import CatalogStream
from backend.refresh.streams.events import ClusterScope, EventStream
from backend.refresh.streams.hub import StreamHub
from backend.refresh.streams.log_targets import (
    LogTarget,
    SourceError,
    check_log_scope,
    resolve_targets,
)
from backend.refresh.streams.logs import LaterScope, LogOptions, LogStream
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.query import (
    last_event_id,
    log_options,
    reorder_window_s,
    signature,
)
from backend.refresh.streams.ratelimit import SourceRateLimiter
from backend.refresh.streams.response import EventStreamResponse
from backend.refresh.streams.session import Producer

Build = Callable[[EventBuffer], Sequence[Producer]]


def stream_routes(
    clusters: ClusterService,
    catalogs: CatalogRegistry,
    snapshots: SnapshotService,
    lifecycle: ServerLifecycle,
    *,
    hub: StreamHub | None = None,
) -> list[BaseRoute]:
    """The three stream endpoints. Pass the app's `hub` to start and close it with the app; without
    one, a hub is made here, started on the first request, and its streams end at shutdown."""
    streams = hub if hub is not None else StreamHub(clusters, catalogs, lifecycle)

    async def open_stream(request: Request, build_new: Callable[[], Awaitable[Build]]) -> Response:
        streams.check_open()
        await streams.start()
        wanted = signature(request.url.path, request.query_params)
        last_id = last_event_id(request.headers)
        session = streams.find(last_id, wanted) if last_id is not None else None
        if session is None:
            session = streams.new_session(wanted, await build_new())
        reader = await streams.connect(session)
        if last_id is not None:
            session.buffer.resume(last_id)
        return EventStreamResponse(streams, session, reader)

    async def logs(request: Request) -> Response:
        params = request.query_params
        window_s = reorder_window_s(params)
        options = log_options(params)

        async def build_new() -> Build:
            return await _log_stream(streams, snapshots, params.getlist("scope"), window_s, options)

        return await open_stream(request, build_new)

    async def events(request: Request) -> Response:
        params = request.query_params
        window_s = reorder_window_s(params)

        async def build_new() -> Build:
            scopes = _cluster_scopes(snapshots, params.getlist("scope"), "events")

            return lambda buffer: [EventStream(catalogs, scopes, MergedOutput(buffer, window_s))]

        return await open_stream(request, build_new)

    async def catalog(request: Request) -> Response:
        params = request.query_params

        async def build_new() -> Build:
            scopes = _cluster_scopes(snapshots, params.getlist("scope"), "catalog")

            return lambda buffer: [
                CatalogStream(
                    catalogs,
                    clusters.health,
                    scopes,
                    MergedOutput(buffer, 0.0),
                    streams.coalesce_s,
                    forwards=streams.forwards,
                )
            ]

        return await open_stream(request, build_new)

    return [
        Route("/api/v1/streams/logs", logs, methods=["GET"]),
        Route("/api/v1/streams/events", events, methods=["GET"]),
        Route("/api/v1/streams/catalog", catalog, methods=["GET"]),
    ]


def _cluster_scopes(
    snapshots: SnapshotService, texts: list[str], stream: str
) -> list[ClusterScope]:
    """The whole-cluster and namespace scopes, as sent; no scope means every selected cluster."""
    resolved = snapshots.resolve_scopes(texts)
    shown = texts or [format_scope(s.cluster_id, "") for s in resolved]
    result: list[ClusterScope] = []
    for scope, text in zip(resolved, shown, strict=True):
        name = cluster_name_of(scope.cluster_id)
        if isinstance(scope.tail, WholeCluster):
            result.append(ClusterScope(text, scope.cluster_id, name, None))
        elif isinstance(scope.tail, NamespaceTail):
            result.append(ClusterScope(text, scope.cluster_id, name, scope.tail.namespace))
        else:
            raise RegattaError(
                400,
                "bad_scope",
                f"`{text}` is not a scope of the {stream} stream: it takes `<clusterId>|` or "
                "`<clusterId>|namespace:<ns>`.",
                scope=text,
            )
    return result


async def _log_stream(
    hub: StreamHub,
    snapshots: SnapshotService,
    texts: list[str],
    window_s: float,
    options: LogOptions,
) -> Build:
    """Check the scopes, name their containers (bounded wait per cluster), reserve the sources."""
    if not texts:
        raise RegattaError(
            400,
            "bad_scope",
            "A log stream needs at least one `<clusterId>|pod:<ns>/<pod>[/<container>]` or "
            "workload `object:` scope.",
        )
    scopes = snapshots.resolve_scopes(texts)
    for scope, text in zip(scopes, texts, strict=True):
        try:
            check_log_scope(scope, text)
        except SourceError as exc:
            raise RegattaError(400, "bad_scope", f"{exc.message}.", scope=text) from None

    outcomes = await asyncio.gather(
        *(_resolve(hub, scope, text) for scope, text in zip(scopes, texts, strict=True))
    )
    targets: dict[tuple[str, ...], LogTarget] = {}
    pending: list[LaterScope] = []
    statuses: list[SourceStatus] = []
    for scope, text, outcome in zip(scopes, texts, outcomes, strict=True):
        if isinstance(outcome, SourceError):
            statuses.append(
                SourceStatus(
                    cluster_id=scope.cluster_id,
                    source=text,
                    status=outcome.status,
                    message=outcome.message,
                )
            )
            if outcome.transient:
                pending.append(LaterScope(scope, text, cluster_name_of(scope.cluster_id)))
            continue
        for target in outcome:
            targets.setdefault(target.key, target)
    workloads = [
        LaterScope(scope, text, cluster_name_of(scope.cluster_id), scope.tail.namespace)
        for scope, text in zip(scopes, texts, strict=True)
        if isinstance(scope.tail, ObjectTail) and scope.tail.kind != "Pod"
    ]
    hub.budget.take(Counter(target.cluster_id for target in targets.values()), 0)

    def build(buffer: EventBuffer) -> list[Producer]:
        for status in statuses:
            buffer.put("status", status.wire())
        output = MergedOutput(buffer, window_s, SourceRateLimiter())
        return [
            LogStream(
                hub.clusters,
                hub.budget,
                hub.follows,
                output,
                options,
                hub.timing,
                hub.catalogs,
                targets.values(),
                pending,
                workloads,
            )
        ]

    return build


async def _resolve(hub: StreamHub, scope: Scope, text: str) -> list[LogTarget] | SourceError:
    """The containers of one scope, or why they cannot be named (transient: retry later)."""
    cluster_id = scope.cluster_id
    handle = hub.clusters.pool.find(cluster_id)
    if handle is None:
        why = hub.clusters.pool.failure(cluster_id) or "the cluster has no client"
        return SourceError("error", why, True)
    limit = hub.timing.resolve_timeout_s
    try:
        async with asyncio.timeout(limit):
            return await resolve_targets(
                cluster_api(handle).transport, scope, text, handle.cluster_name, limit
            )
    except SourceError as exc:
        return exc
    except TimeoutError:
        return SourceError(
            "unreachable", f"`{handle.cluster_name}` did not answer within {limit:g} s", True
        )
    except Exception as exc:  # credentials and the like: worth another try later
        return SourceError("error", f"naming the containers failed: {exc}", True)
