"""Timing constants and limits of the refresh server, in one place."""

from __future__ import annotations

CLUSTER_PART_TIMEOUT_S = 3.0
"""How long one cluster's part of a snapshot may take before the answer goes out without it
(marked `timeout`, with its last good rows). Reads come from memory, so only a cluster that does
not answer its liveness check or a first sync reaches this."""

REFRESH_TIMEOUT_S = CLUSTER_PART_TIMEOUT_S * 5
"""A manual refresh relists for real, so it may take longer than a cached snapshot."""

FANOUT_CONCURRENCY = 16
"""How many clusters' parts are computed at once, across all requests."""

HEALTH_FRESH_S = 1.0
"""A snapshot re-probes a cluster whose last liveness answer is older than this, so a frozen or
stopped API server shows in the next answer rather than after the background probe's period."""

FIRST_SYNC_WAIT_S = 2.5
"""How long a snapshot waits for a kind's first LIST before answering `loading`."""

DEFAULT_PAGE_LIMIT = 500
MAX_PAGE_LIMIT = 5000
"""Pages are bounded so one request cannot serialise 100k rows."""

QUERY_TEXT_MAX = 256

SORTED_RUNS_KEPT = 512
"""How many sorted runs (per cluster, kind, namespaces read, sort and order) are kept."""

MERGED_ORDERS_KEPT = 16
"""How many merged row orders (per data version, sort and filter) are kept for paging."""
