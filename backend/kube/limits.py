"""Every timing constant and size limit of the kube package, in one place.

Each value says what it bounds and why it has the size it has; change them here, never inline.
"""

from __future__ import annotations

# --- requests ------------------------------------------------------------------------------------

CONNECT_TIMEOUT_S = 10.0
"""TCP+TLS connect timeout of every request and channel: an unreachable cluster fails fast and
the person sees why instead of a spinner."""

REQUEST_TIMEOUT_S = 30.0
"""Total time of one small request (discovery, an access review, a GET, a PATCH, a PUT). Such
requests answer in milliseconds on a healthy server; a minute-long wait would hide a failing one."""

ERROR_BODY_MAX_BYTES = 64 * 1024
"""At most this much of an error answer is read for its `Status` (a Status is a few hundred bytes;
a misbehaving proxy may send megabytes of HTML)."""

# --- retries -------------------------------------------------------------------------------------

BACKOFF_INITIAL_S = 0.8
"""First retry delay after a failure (client-go's reflector starts at 800 ms)."""

BACKOFF_MAX_S = 30.0
"""Retry delays never exceed this: a cluster that comes back is seen again within 30 s."""

BACKOFF_FACTOR = 2.0
"""Each consecutive failure doubles the delay."""

BACKOFF_JITTER = 0.5
"""Delays are spread uniformly over +/-50 % so reconnecting clients do not arrive in lockstep."""

# --- discovery -----------------------------------------------------------------------------------

GROUP_VERSION_TTL_S = 300.0
"""How long one group/version's answer (`/api/v1`, `/apis/<g>/<v>`), fetched for a kind missing
from the full discovery, is reused. Kinds rarely change; five minutes keeps lookups at one request."""

GROUP_VERSION_MISS_REFRESH_S = 5.0
"""A kind missing from a fetched group/version is looked up again once that answer is this old,
so a CRD installed a moment ago is found without hammering discovery for a typo."""

# --- access reviews ------------------------------------------------------------------------------

ACCESS_CACHE_SIZE = 4096
"""At most this many access answers are kept per cluster (oldest dropped first): every button of a
busy session plus the catalog's per-namespace questions, bounded so browsing thousands of objects
does not grow memory."""

# --- channels (exec, attach, port-forward) ---------------------------------------------------------

CHANNEL_HEARTBEAT_S = 30.0
"""WebSocket ping interval of an open channel: a connection a proxy or a frozen API server dropped
silently is noticed within two intervals instead of never."""
