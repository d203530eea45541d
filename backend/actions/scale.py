"""`scale`: set the replicas of anything with a scale subresource (Deployment, StatefulSet, CRDs)."""

from __future__ import annotations

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, ScaleParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource


class ScaleAction(Action[ScaleParams]):
    name = "scale"
    params_model = ScaleParams

    def unfit_for(self, resource: ApiResource) -> str | None:
        if "scale" in resource.subresources:
            return None
        return f"{resource.kind} objects cannot be scaled: they have no scale subresource."

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        r = address.resource
        return [AccessCheck("patch", r.group, r.resource, "scale", address.namespace, address.name)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: ScaleParams
    ) -> ActionResult:
        scale = await patch_object(
            target, address, {"spec": {"replicas": params.replicas}}, subresource="scale"
        )
        noun = "replica" if params.replicas == 1 else "replicas"
        return self.result(
            target,
            address,
            f"Scaled {address.label} on cluster {target.cluster_name} to {params.replicas} {noun}.",
            object=scale,
        )
