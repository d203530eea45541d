"""The actions that are one uid-guarded merge patch: scale, restart, pause/resume, (un)cordon."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionName, ActionResult, NoParams, ScaleParams
from backend.kube.resources import ApiResource

RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"
RESTARTABLE = {("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet")}
PAUSE_FIELDS = {("apps", "Deployment"): "paused", ("batch", "CronJob"): "suspend"}


class ScaleAction(Action[ScaleParams]):
    """Anything with a scale subresource (Deployment, StatefulSet, CRDs)."""

    name = "scale"
    params_model = ScaleParams
    subresource = "scale"

    def unfit_for(self, resource: ApiResource) -> str | None:
        if "scale" in resource.subresources:
            return None
        return f"{resource.kind} objects cannot be scaled: they have no scale subresource."

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


class RestartAction(Action[NoParams]):
    """A rollout restart, as `kubectl rollout restart` does it: stamping the pod template with
    `kubectl.kubernetes.io/restartedAt` changes the template, so the controller replaces every
    pod under its own rollout rules (maxUnavailable, partitions, PDBs)."""

    name = "restart"
    params_model = NoParams

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in RESTARTABLE:
            return None
        return (
            f"{resource.kind} objects cannot be restarted: only Deployments, StatefulSets and "
            "DaemonSets roll out their pods."
        )

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


class PauseAction(Action[NoParams]):
    """A Deployment's rollout (`spec.paused`) or a CronJob's schedule (`spec.suspend`).

    One pair of actions for both because both mean "stop starting new things until told": a
    paused Deployment keeps its pods but rolls out no template change; a suspended CronJob starts
    no Job."""

    params_model = NoParams

    def __init__(self, name: ActionName, paused: bool) -> None:
        self.name = name
        self.paused = paused

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in PAUSE_FIELDS:
            return None
        return (
            f"{resource.kind} objects cannot be paused or resumed: only a Deployment's rollout "
            "and a CronJob's schedule can."
        )

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        field = PAUSE_FIELDS[(address.resource.group, address.resource.kind)]
        answer = await patch_object(target, address, {"spec": {field: self.paused}})
        if field == "paused":
            done = "Paused the rollout of" if self.paused else "Resumed the rollout of"
        else:
            done = "Suspended" if self.paused else "Resumed"
        message = f"{done} {address.label} on cluster {target.cluster_name}."
        return self.result(target, address, message, object=answer)


def node_only(resource: ApiResource, verb: str) -> str | None:
    if resource.group == "" and resource.kind == "Node":
        return None
    return f"{resource.kind} objects cannot be {verb}: only nodes can."


async def set_unschedulable(
    target: ActionTarget, address: ObjectAddress, unschedulable: bool
) -> dict[str, Any]:
    """The node after the patch. Uncordoning removes the field, as kubectl does."""
    value = True if unschedulable else None
    return await patch_object(target, address, {"spec": {"unschedulable": value}})


class CordonAction(Action[NoParams]):
    """Mark a node (un)schedulable through `spec.unschedulable`."""

    params_model = NoParams

    def __init__(self, name: ActionName, unschedulable: bool) -> None:
        self.name = name
        self.unschedulable = unschedulable

    def unfit_for(self, resource: ApiResource) -> str | None:
        return node_only(resource, f"{self.name}ed")

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
