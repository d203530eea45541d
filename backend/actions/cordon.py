"""`cordon` and `uncordon`: mark a node (un)schedulable through `spec.unschedulable`."""

from __future__ import annotations

from typing import Any

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionName, ActionResult, NoParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource


def node_only(resource: ApiResource, verb: str) -> str | None:
    if resource.group == "" and resource.kind == "Node":
        return None
    return f"{resource.kind} objects cannot be {verb}: only nodes can."


def node_check(address: ObjectAddress) -> AccessCheck:
    return AccessCheck("patch", "", address.resource.resource, "", "", address.name)


async def set_unschedulable(
    target: ActionTarget, address: ObjectAddress, unschedulable: bool
) -> dict[str, Any]:
    """The node after the patch. Uncordoning removes the field, as kubectl does."""
    value = True if unschedulable else None
    return await patch_object(target, address, {"spec": {"unschedulable": value}})


class CordonAction(Action[NoParams]):
    params_model = NoParams

    def __init__(self, name: ActionName, unschedulable: bool) -> None:
        self.name = name
        self.unschedulable = unschedulable

    def unfit_for(self, resource: ApiResource) -> str | None:
        return node_only(resource, f"{self.name}ed")

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        return [node_check(address)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        node = await set_unschedulable(target, address, self.unschedulable)
        effect = (
            "no new pods will be scheduled there"
            if self.unschedulable
            else "pods may be scheduled there again"
        )
        return self.result(
            target,
            address,
            f"{self.name.capitalize()}ed node {address.name} on cluster {target.cluster_name}: "
            f"{effect}.",
            object=node,
        )
