"""Every timing constant and size limit of the actions package, in one place.

Each value says what it bounds and why it has the size it has; change them here, never inline.
"""

from __future__ import annotations

# --- access reviews ----------------------------------------------------------------------------

ACCESS_TTL_S = 20.0
"""How long a SelfSubjectAccessReview answer is reused for buttons and the pre-action check.
Short, because RBAC changes should show soon; the API server enforces access anyway."""

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

# --- helm --------------------------------------------------------------------------------------

HELM_TIMEOUT_S = 300.0
"""How long `helm rollback`/`helm uninstall` may run (helm's own default --timeout is 5 min)."""

HELM_OUTPUT_MAX_CHARS = 2000
"""The tail of helm's stderr a failure's message carries."""
