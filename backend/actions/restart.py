"""`restart`: a rollout restart, as `kubectl rollout restart` does it.

Stamping the pod template with `kubectl.kubernetes.io/restartedAt` changes the template, so the
controller replaces every pod under its own rollout rules (maxUnavailable, partitions, PDBs).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backend.actions.address import ObjectAddress
from backend.actions.patch_action import PatchAction
from backend.kube.resources import ApiResource

RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
RESTARTABLE = {("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet")}


class RestartAction(PatchAction):
    name = "restart"
    kinds = frozenset(RESTARTABLE)

    def unfit_reason(self, resource: ApiResource) -> str:
        return (
            f"{resource.kind} objects cannot be restarted: only Deployments, StatefulSets and "
            "DaemonSets roll out their pods."
        )

    def patch(self, address: ObjectAddress) -> dict[str, Any]:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: stamp}}}}}

    def said(self, address: ObjectAddress, cluster_name: str) -> str:
        return (
            f"Restarted {address.label} on cluster {cluster_name}: its pods are replaced "
            "by a rollout."
        )
