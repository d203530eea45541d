"""`event: cluster` (contract §14): a cluster's health probe result in a snapshot part's words.

Status and cause follow the snapshot parts (`auth_failed` is status `error` with cause
`auth_failed`, see `refresh/snapshots/service.py`), and the message is the probe's own sentence,
so the UI shows a pushed state and a fetched part the same way.
"""

from __future__ import annotations

from typing import Final

from backend.clusters.health import ProbeResult
from backend.contract.streams import ClusterHealth
from backend.refresh.snapshots.service import cluster_name_of

CLUSTER_EVENT: Final = "cluster"


def cluster_health(cluster_id: str, result: ProbeResult) -> ClusterHealth | None:
    """The event for a probe result; None for `checking` (nothing is known yet)."""
    status = result.status
    if status == "checking":
        return None
    return ClusterHealth(
        cluster_id=cluster_id,
        cluster_name=cluster_name_of(cluster_id),
        status="error" if status == "auth_failed" else status,
        cause=None if status == "ready" else status,
        message=result.message if status != "ready" else None,
    )
