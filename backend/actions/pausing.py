"""`pause` and `resume`: a Deployment's rollout (`spec.paused`) or a CronJob's schedule (`spec.suspend`).

One pair of actions for both because both mean "stop starting new things until told": a paused
Deployment keeps its pods but rolls out no template change; a suspended CronJob starts no Job.
"""

from __future__ import annotations

from typing import Any

from backend.actions.address import ObjectAddress
from backend.actions.patch_action import PatchAction
from backend.contract.actions import ActionName
from backend.kube.resources import ApiResource

FIELDS = {("apps", "Deployment"): "paused", ("batch", "CronJob"): "suspend"}


class PauseAction(PatchAction):
    kinds = frozenset(FIELDS)

    def __init__(self, name: ActionName, paused: bool) -> None:
        self.name = name
        self.paused = paused

    def unfit_reason(self, resource: ApiResource) -> str:
        return (
            f"{resource.kind} objects cannot be paused or resumed: only a Deployment's rollout "
            "and a CronJob's schedule can."
        )

    def patch(self, address: ObjectAddress) -> dict[str, Any]:
        return {"spec": {self._field(address): self.paused}}

    def said(self, address: ObjectAddress, cluster_name: str) -> str:
        if self._field(address) == "paused":
            done = "Paused the rollout of" if self.paused else "Resumed the rollout of"
        else:
            done = "Suspended" if self.paused else "Resumed"
        return f"{done} {address.label} on cluster {cluster_name}."

    @staticmethod
    def _field(address: ObjectAddress) -> str:
        return FIELDS[(address.resource.group, address.resource.kind)]
