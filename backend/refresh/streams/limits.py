"""Timing constants and limits of merged streams, in one place so they can be read and tuned together.

Clock values are seconds of a monotonic clock (`time.monotonic`, `loop.time()`); timestamps carried
by items are integer nanoseconds since the Unix epoch. The two never mix.
"""

from __future__ import annotations

from typing import Final

DEFAULT_REORDER_WINDOW_S: Final = 0.5
"""How long a line may be held waiting for slower sources (contract §7 default, `window` param)."""

MAX_REORDER_WINDOW_S: Final = 10.0
"""Largest reorder window accepted: beyond this a stream feels frozen rather than ordered."""

DEFAULT_BUFFER_MAX_EVENTS: Final = 10_000
"""Events one client's buffer keeps (delivered ones stay for `Last-Event-ID` resume)."""

DEFAULT_BUFFER_MAX_BYTES: Final = 8 * 1024 * 1024
"""Encoded bytes one client's buffer keeps; with the count this bounds memory per client."""

DEFAULT_SOURCE_RATE_PER_S: Final = 1_000.0
"""Sustained lines per second one source (one container) may send before lines are dropped."""

DEFAULT_SOURCE_BURST: Final = 2_000
"""Lines one source may send at once above its rate (a tail backlog arrives as one burst)."""

KEEPALIVE_INTERVAL_S: Final = 10.0
"""Idle time before a `: keep-alive` comment; below the contract's 15 s so jitter never breaks it."""

TIMESTAMP_CACHE_ENTRIES: Final = 4_096
"""Distinct whole seconds whose parsed (or formatted) prefix is cached; cleared when full."""

# --- the wiring: HTTP streams, log follows, events, catalog doorbells ---------------------------

MAX_SOURCES_PER_STREAM: Final = 100
"""Log sources (one container each) one stream may follow; a larger request is a 400."""

MAX_SOURCES_PER_CLUSTER: Final = 40
"""Log follows open at once against one cluster, across all streams. Each holds one connection
of that cluster's client, whose pool has 100; the rest stay for the catalog's watches and for
requests, so following many logs never starves a cluster's tables."""

MAX_SOURCES_PER_PROCESS: Final = 300
"""Log follows open at once in the whole process (memory, sockets, one core's parsing)."""

DEFAULT_TAIL_LINES: Final = 500
"""Lines of history per source when the client asks for neither `tailLines` nor `sinceSeconds`:
a whole day of a chatty container is not what opening a log view means."""

MAX_LOG_LINE_BYTES: Final = 64 * 1024
"""A longer log line is cut to this many bytes (and marked with `…`), so one runaway line cannot
take a client's whole buffer."""

LOG_READ_CHUNK_BYTES: Final = 64 * 1024
"""Bytes read from a log response at a time; a backlog arrives as a few large pushes."""

LOG_OPEN_TIMEOUT_S: Final = 10.0
"""How long opening a log follow (connect, TLS, response headers) may take before it counts as a
failed attempt; a frozen API server accepts the connection and then never answers."""

LOG_IDLE_CHECK_S: Final = 5.0
"""A follow that received nothing for this long asks whether its cluster still answers (the
shared health probe); a frozen API server keeps the connection open but silent."""

LOG_PROBE_TIMEOUT_S: Final = 6.0
"""Upper bound of that liveness question (the health probe's own limit is 2.5 s)."""

LOG_RECONNECT_INITIAL_S: Final = 0.5
LOG_RECONNECT_MAX_S: Final = 10.0
"""Backoff between attempts to reopen a failed follow (doubling, with jitter)."""

RESOLVE_TIMEOUT_S: Final = 5.0
"""How long a log request waits for a cluster to say which pods and containers a scope covers
before the stream starts without them (they are retried in the background)."""

EVENT_BACKLOG_WAIT_S: Final = 5.0
"""How long the events stream waits for a cluster's event cache to finish its first LIST before
sending the backlog without that cluster (its events then arrive as live ones)."""

CATALOG_COALESCE_S: Final = 0.25
"""Catalog doorbells are gathered this long; then one `change` per (cluster, kind) goes out."""

RATE_NOTICE_INTERVAL_S: Final = 1.0
"""Rate-limit `dropped` notices go out at most this often (one per source that lost lines)."""

RESUME_RETENTION_S: Final = 30.0
"""How long a disconnected client's stream (its buffer and where each source stopped) stays
resumable by `Last-Event-ID`; its upstream follows are closed at once."""

EVENT_ID_BITS: Final = 32
"""Event ids are `(session number << 32) + n`: the id alone names the stream to resume, so the
browser's own reconnect (same URL, `Last-Event-ID`) resumes without the client doing anything."""

SESSION_NUMBER_BITS: Final = 20
"""Session numbers are random below 2**20, so ids stay below 2**52 (exact in JavaScript) and an
id from an earlier launch is unlikely to name a stream of this one."""

RETRY_HINT_MS: Final = 2_000
"""The `retry:` the stream sends first: how long the browser waits before reconnecting."""
