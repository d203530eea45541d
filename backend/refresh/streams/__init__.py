"""Merged log, event and catalog streams (contract §7).

The pure core, free of Kubernetes and HTTP — timestamps: RFC 3339 ⇄ integer nanoseconds; merge:
merging by timestamp with a reorder window; buffer: one client's bounded SSE frames with resume;
ratelimit: per-source token buckets; sse: frame encoding; limits: every timing constant and bound.

The wiring (routes: `backend/http/stream_routes.py`) — hub: every stream of the process (resume,
cluster deselection, source budget); session: one client's stream and its SSE loop; response: the
ASGI response; merged_output: merger → buffer with a timer; logs / log_targets / log_lines: log
follows; events: Kubernetes events from the catalog; catalog_stream: coalesced change doorbells;
budget: source limits; query: query parameters.
"""
