"""Merged log, event and catalog streams (contract §7).

The pure core, free of Kubernetes and HTTP — timestamps: RFC 3339 ⇄ integer nanoseconds; merge:
merge_by_timestamp with a reorder window; buffer: one client's bounded SSE frames with resume;
ratelimit: per-source token buckets; sse: frame encoding; limits: every timing constant and bound.

The wiring — routes: the three endpoints; hub: every stream of the process (resume, cluster
deselection, source budget); session: one client's stream and its SSE loop; response: the ASGI
response; merged_output: merger → buffer with a timer; logs / log_targets / log_lines: log
follows; events: Kubernetes events from the catalog; catalog_stream: coalesced change doorbells;
budget: source limits; query: query parameters.
"""

from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.merge import SourceKey, TimestampMerger, merge_by_timestamp
from backend.refresh.streams.ratelimit import RateLimitNotice, SourceRateLimiter
from backend.refresh.streams.sse import KEEPALIVE, encode_event
from backend.refresh.streams.timestamps import format_rfc3339_ns, parse_rfc3339_ns, split_log_line

__all__ = [
    "KEEPALIVE",
    "EventBuffer",
    "RateLimitNotice",
    "SourceKey",
    "SourceRateLimiter",
    "TimestampMerger",
    "encode_event",
    "format_rfc3339_ns",
    "merge_by_timestamp",
    "parse_rfc3339_ns",
    "split_log_line",
]
