"""`pause` and `resume`: a Deployment's rollout (`spec.paused`) or a CronJob's schedule (`spec.suspend`).

One pair of actions for both because both mean "stop starting new things until told": a paused
Deployment keeps its pods but rolls out no template change; a suspended CronJob starts no Job.
"""

from __future__ import annotations

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionName, ActionResult, NoParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource

FIELDS = {("apps", "Deployment"): "paused", ("batch", "CronJob"): "suspend"}


class PauseAction(Action[NoParams]):
    params_model = NoParams

    def __init__(self, name: ActionName, paused: bool) -> None:
        self.name = name
        self.paused = paused

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in FIELDS:
            return None
        return (
            f"{resource.kind} objects cannot be paused or resumed: only a Deployment's rollout "
            "and a CronJob's schedule can."
        )

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        r = address.resource
        return [AccessCheck("patch", r.group, r.resource, "", address.namespace, address.name)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        field = FIELDS[(address.resource.group, address.resource.kind)]
        answer = await patch_object(target, address, {"spec": {field: self.paused}})
        if field == "paused":
            done = "Paused the rollout of" if self.paused else "Resumed the rollout of"
        else:
            done = "Suspended" if self.paused else "Resumed"
        return self.result(
            target,
            address,
            f"{done} {address.label} on cluster {target.cluster_name}.",
            object=answer,
        )
