"""Every timing constant and size limit of the actions package, in one place.

Each value says what it bounds and why it has the size it has; change them here, never inline.
"""

from __future__ import annotations

# --- requests to the API server ------------------------------------------------------------------

CONNECT_TIMEOUT_S = 10.0
"""TCP+TLS connect timeout of every request an action sends: an unreachable cluster fails fast
and the person sees why instead of a spinner."""

REQUEST_TIMEOUT_S = 30.0
"""Total time of one request (a GET, a PATCH, a PUT, an access review). Mutations of one object
answer in milliseconds on a healthy server; a minute-long wait would only hide a failing one."""

# --- discovery and access reviews ---------------------------------------------------------------

DISCOVERY_TTL_S = 300.0
"""How long one cluster's answer for one group/version (`/api/v1`, `/apis/<g>/<v>`) is reused to
turn a kind into its resource. Kinds rarely change; five minutes keeps actions at one request."""

DISCOVERY_MISS_REFRESH_S = 5.0
"""A kind missing from a cached group/version is looked up again once the cached answer is this
old, so a CRD installed a moment ago is found without hammering discovery for a typo."""

ACCESS_TTL_S = 20.0
"""How long a SelfSubjectAccessReview answer is reused for buttons and the pre-action check.
Short, because RBAC changes should show soon; the API server enforces access anyway."""

ACCESS_CACHE_SIZE = 2048
"""At most this many access answers are kept per cluster (oldest dropped first): enough for every
button of a busy session, bounded so browsing thousands of objects does not grow memory."""

# --- drain -------------------------------------------------------------------------------------

DRAIN_TIMEOUT_S = 120.0
"""Default time a drain keeps retrying evictions that a PodDisruptionBudget refuses (429)."""

DRAIN_TIMEOUT_MAX_S = 3600.0
"""The longest `timeoutSeconds` a drain accepts: an hour covers slow rollouts behind a PDB; a
longer wait is better started again than held in one HTTP request."""

POD_LIST_PAGE_SIZE = 500
"""Pods per page when a drain lists the node's pods (client-go's pager size; a node rarely holds
more than a few hundred, so this is almost always one request)."""

EVICTION_CONCURRENCY = 8
"""At most this many evictions are in flight for one drain, so a node with hundreds of pods does
not open hundreds of requests at once; PDBs serialise the real disruption anyway."""

EVICTION_BACKOFF_INITIAL_S = 1.0
"""First wait before asking again for an eviction a PodDisruptionBudget refused (kubectl waits
5 s between attempts; starting lower lets a budget that frees up quickly be used at once)."""

EVICTION_BACKOFF_MAX_S = 10.0
"""Waits between eviction attempts grow up to this, so a blocked pod is retried at least every
ten seconds until the drain's timeout."""

EVICTION_BACKOFF_FACTOR = 2.0
"""Each refused attempt doubles the wait."""

EVICTION_BACKOFF_JITTER = 0.2
"""Waits are spread over +/-20 % so pods behind one budget do not retry in lockstep."""

# --- apply -------------------------------------------------------------------------------------

APPLY_YAML_MAX_BYTES = 4 * 1024 * 1024
"""An `apply` body larger than this is refused before parsing: etcd rejects objects over 1.5 MiB,
so a bigger YAML is a mistake, and parsing it would stall the event loop."""
