"""`restart`: a rollout restart, as `kubectl rollout restart` does it.

Stamping the pod template with `kubectl.kubernetes.io/restartedAt` changes the template, so the
controller replaces every pod under its own rollout rules (maxUnavailable, partitions, PDBs).
"""

from __future__ import annotations

from datetime import UTC, datetime

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, NoParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource

RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
RESTARTABLE = {("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet")}


class RestartAction(Action[NoParams]):
    name = "restart"
    params_model = NoParams

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in RESTARTABLE:
            return None
        return (
            f"{resource.kind} objects cannot be restarted: only Deployments, StatefulSets and "
            "DaemonSets roll out their pods."
        )

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        r = address.resource
        return [AccessCheck("patch", r.group, r.resource, "", address.namespace, address.name)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        patch = {"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: stamp}}}}}
        answer = await patch_object(target, address, patch)
        return self.result(
            target,
            address,
            f"Restarted {address.label} on cluster {target.cluster_name}: its pods are replaced "
            "by a rollout.",
            object=answer,
        )
