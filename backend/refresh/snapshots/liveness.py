"""Is the cluster answering right now? The snapshot's guard against serving silent caches.

Watches of a frozen API server simply go quiet, so the cache alone cannot tell that a cluster
stopped answering. Each snapshot asks the health monitor for a result no older than
`HEALTH_FRESH_S`; the caller's per-cluster timeout bounds the wait for a fresh probe.
"""

from __future__ import annotations

from datetime import UTC, datetime

from backend.clusters.health import HealthMonitor, ProbeResult
from backend.errors import RegattaError
from backend.refresh.limits import HEALTH_FRESH_S


async def require_live(health: HealthMonitor, cluster_id: str) -> ProbeResult:
    """The cluster's fresh probe result; raises RegattaError(code=<status>) when it is failing."""
    result = health.result(cluster_id)
    if result is None or (datetime.now(UTC) - result.checked_at).total_seconds() > HEALTH_FRESH_S:
        if result is not None and result.status != "ready" and health.probing(cluster_id):
            raise _failure(result)  # a probe of a failing cluster is already waiting: don't queue
        result = await health.check(cluster_id)
    if result is None:
        raise RegattaError(
            409, "cluster_not_active", "The cluster has no client.", clusterId=cluster_id
        )
    if result.status != "ready":
        raise _failure(result)
    return result


def _failure(result: ProbeResult) -> RegattaError:
    return RegattaError(503, result.status, result.message or f"The cluster is {result.status}.")
