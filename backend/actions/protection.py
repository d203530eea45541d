"""A cluster's protection, enforced here for every change whichever door it came through.

`read-only`: every action, Helm action, terminal and port-forward on the cluster is refused with
403 `cluster_read_only` (reading stays allowed). `confirm`: the destructive ones below need
`params.confirmClusterName` equal to the cluster's name — 409 `confirmation_required` without it,
400 `confirmation_mismatch` with another name. The UI hides or asks, but the backend decides.
"""

from __future__ import annotations

from typing import Any, Final

from backend.clusters.service import ClusterService
from backend.errors import RegattaError

CONFIRM_FIELD: Final = "confirmClusterName"
DESTRUCTIVE: Final = frozenset(
    {"delete", "scale", "restart", "drain", "apply", "rollback", "helm-rollback", "helm-uninstall"}
)
"""What a `confirm` cluster asks the name for: what removes, replaces or restarts pods or objects."""


class ClusterProtection:
    def __init__(self, clusters: ClusterService) -> None:
        self._clusters = clusters

    def admit(self, cluster_id: str, action: str, params: dict[str, Any] | None = None) -> None:
        """Raise the refusal for `action` on the cluster, or return when it may go ahead."""
        settings = self._clusters.cluster_settings(cluster_id)
        name = settings.cluster_name
        if settings.protection == "read-only":
            raise RegattaError(
                403,
                "cluster_read_only",
                f"Cluster {name} is read-only in Regatta's settings; `{action}` is refused.",
                clusterId=cluster_id,
                action=action,
            )
        params = params or {}
        if settings.protection != "confirm" or action not in DESTRUCTIVE or is_dry_run(params):
            return
        typed = params.get(CONFIRM_FIELD)
        context = {
            "clusterId": cluster_id,
            "clusterName": name,
            "action": action,
            "field": f"params.{CONFIRM_FIELD}",
        }
        if typed is None:
            raise RegattaError(
                409,
                "confirmation_required",
                f"Cluster {name} asks for its name before `{action}`: "
                f"send params.{CONFIRM_FIELD} = {name!r}.",
                **context,
            )
        if typed != name:
            raise RegattaError(
                400,
                "confirmation_mismatch",
                f"params.{CONFIRM_FIELD} {typed!r} is not this cluster's name ({name}).",
                **context,
            )


def is_dry_run(params: dict[str, Any]) -> bool:
    """A dry run changes nothing, so a `confirm` cluster lets it through (the Apply's preview)."""
    return params.get("dryRun") is True


def without_confirmation(params: dict[str, Any]) -> dict[str, Any]:
    """The action's own params: the typed name is the protection's, not the action's."""
    return {k: v for k, v in params.items() if k != CONFIRM_FIELD}
