"""`delete`: remove one object; with `ref.uid`, only that very object, never a re-created namesake."""

from __future__ import annotations

from typing import Any

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, DeleteParams
from backend.kube.resources import ApiResource


class DeleteAction(Action[DeleteParams]):
    name = "delete"
    params_model = DeleteParams
    verb = "delete"

    def unfit_for(self, resource: ApiResource) -> str | None:
        if "delete" in resource.verbs:
            return None
        return f"{resource.kind} objects cannot be deleted."

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: DeleteParams
    ) -> ActionResult:
        options: dict[str, Any] = {"apiVersion": "v1", "kind": "DeleteOptions"}
        if params.propagation_policy is not None:
            options["propagationPolicy"] = params.propagation_policy
        if params.grace_period_seconds is not None:
            options["gracePeriodSeconds"] = params.grace_period_seconds
        if address.ref.uid:
            options["preconditions"] = {"uid": address.ref.uid}
        answer = await target.api.transport.call("DELETE", address.path(), options)
        where = f"on cluster {target.cluster_name}"
        if answer.get("kind") == "Status" or not answer.get("metadata"):
            return self.result(target, address, f"Deleted {address.label} {where}.")
        return self.result(
            target,
            address,
            f"Deleting {address.label} {where}: it goes once its finalizers and grace period end.",
            object=answer,
        )
