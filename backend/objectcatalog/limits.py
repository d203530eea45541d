"""Every timing constant and size limit of the object catalog, in one place.

Each value says why it has the size it has; change them here and nowhere else.
"""

from __future__ import annotations

# --- LIST ------------------------------------------------------------------------------------

LIST_PAGE_SIZE = 500
"""Items per LIST page (`limit`). client-go's pager uses 500: pages of ~1 MB of pod JSON keep
the event loop responsive (one page decodes in ~10 ms) without many round trips."""

HEAP_TRIM_AFTER_LIST_BYTES = 16 * 1024 * 1024
"""After a LIST that read at least this much, freed heap is handed back to the OS
(`memory.release_free_heap`): ~5,000 pods. Smaller lists leave too little behind to matter, and
the trim itself costs a few milliseconds."""

LIST_REQUEST_TIMEOUT_S = 60.0
"""Total time one LIST page may take. A page is at most `LIST_PAGE_SIZE` objects; a server that
needs a minute for that is treated as failing (error state, backoff, retry)."""

# --- WATCH -----------------------------------------------------------------------------------

WATCH_TIMEOUT_MIN_S = 300
"""Lower bound of the server-side `timeoutSeconds` of one WATCH request. Each watch asks for a
random value in [MIN, 2*MIN] (as client-go does) so that many watches do not all end together."""

WATCH_READ_GRACE_S = 60.0
"""Extra seconds the client waits for bytes beyond the watch's own `timeoutSeconds` before it
gives up on a silent connection. Bookmarks arrive about every minute, so a healthy watch is never
silent that long; a frozen server is noticed at the latest after timeoutSeconds + grace."""

# --- Retries ---------------------------------------------------------------------------------

HEALTHY_WATCH_S = 30.0
"""A watch that ran this long without error resets the backoff: the next failure starts again
at the backoff's first delay."""

MIN_WATCH_S = 1.0
"""A watch the server ends sooner than this (without an error) counts as a failure, so a server
that closes every watch at once is retried with backoff instead of in a busy loop."""

# --- Permissions -----------------------------------------------------------------------------

PERMISSION_TTL_S = 300.0
"""How long an access review answer is trusted. Forbidden kinds are not retried before this
expires (and only when something asks again); a manual refresh clears the cache at once."""

# --- Discovery -------------------------------------------------------------------------------

DISCOVERY_DEBOUNCE_S = 1.0
"""CRD changes come in bursts (create, then status Established); discovery runs once per burst."""

DISCOVERY_WAIT_S = 20.0
"""How long `ensure()` waits for the first successful discovery before answering 503."""

# --- Idle kinds and housekeeping -------------------------------------------------------------

KIND_IDLE_TIMEOUT_S = 600.0
"""An on-demand kind (not one of the kinds that start with the cluster) stops after nobody asked
for it for ten minutes, freeing its rows and its watch."""

HOUSEKEEPING_INTERVAL_S = 60.0
"""How often idle kinds are stopped and unused interned strings are released."""

NAMESPACE_RECONCILE_DEBOUNCE_S = 0.5
"""When the set of namespaces changes, namespace-scoped watches are re-planned once per burst."""

# --- Diagnostics -----------------------------------------------------------------------------

RESYNC_TIMEOUT_S = 60.0
"""A manual refresh waits at most this long for the fresh LIST of every kind it restarted."""
