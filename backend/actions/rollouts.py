"""Revision history of a workload, and `rollback` to one of its revisions.

A Deployment keeps each revision as a ReplicaSet it owns (`deployment.kubernetes.io/revision`);
a StatefulSet or DaemonSet as a ControllerRevision it owns (`.revision`, the template in `.data`).
Rollback does what `kubectl rollout undo --to-revision` does: a Deployment's template is replaced
by the ReplicaSet's (without `pod-template-hash`), a StatefulSet's or DaemonSet's gets the
revision's data as a strategic merge patch. Both carry the workload's uid, so a namesake created
since the panel loaded is never rolled back.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from backend.actions import failures
from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object, read_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult
from backend.contract.rollouts import Revision, RollbackParams, RolloutHistory
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.errors import ApiError
from backend.kube.resources import ApiResource
from backend.kube.transport import JSON_PATCH, STRATEGIC_MERGE_PATCH

REVISION_ANNOTATION = "deployment.kubernetes.io/revision"
CHANGE_CAUSE = "kubernetes.io/change-cause"
TEMPLATE_HASH = "pod-template-hash"
WORKLOADS = {("apps", "Deployment"), ("apps", "StatefulSet"), ("apps", "DaemonSet")}


def unfit_for_rollback(resource: ApiResource) -> str | None:
    if (resource.group, resource.kind) in WORKLOADS:
        return None
    return (
        f"{resource.kind} objects have no rollout history: only Deployments, StatefulSets and "
        "DaemonSets keep revisions."
    )


def unfit_for_history(resource: ApiResource) -> str | None:
    """A CronJob has no revisions, but its history answer says whether it is suspended."""
    if (resource.group, resource.kind) == ("batch", "CronJob"):
        return None
    return unfit_for_rollback(resource)


def history_checks(address: ObjectAddress) -> list[AccessCheck]:
    source = "replicasets" if address.ref.kind == "Deployment" else "controllerrevisions"
    r = address.resource
    checks = [AccessCheck("get", r.group, r.resource, "", address.namespace, address.name)]
    if address.ref.kind != "CronJob":
        checks.append(AccessCheck("list", "apps", source, "", address.namespace, ""))
    return checks


async def read_history(target: ActionTarget, address: ObjectAddress) -> RolloutHistory:
    """The workload's revisions, oldest first, the one it runs now marked `current` (a CronJob
    has none, but says whether it is suspended)."""
    workload = await read_object(target, address)
    cronjob = address.ref.kind == "CronJob"
    return RolloutHistory(
        cluster_id=target.cluster_id,
        cluster_name=target.cluster_name,
        ref=address.ref,
        paused=bool(workload.get("spec", {}).get("suspend" if cronjob else "paused")),
        revisions=[] if cronjob else await _revisions(target, address, workload),
    )


async def _revisions(
    target: ActionTarget, address: ObjectAddress, workload: dict[str, Any]
) -> list[Revision]:
    uid = workload.get("metadata", {}).get("uid")
    deployment = address.ref.kind == "Deployment"
    source_kind = "ReplicaSet" if deployment else "ControllerRevision"
    source = await target.api.discovery.resolve("apps", "v1", source_kind)
    listed = await target.api.transport.call("GET", source.path(address.namespace))
    owned = [item for item in listed.get("items", []) if _owned_by(item, uid)]
    now: int | None
    if deployment:
        revisions = [_replica_set_revision(rs) for rs in owned]
        now = _number(workload.get("metadata", {}).get("annotations", {}).get(REVISION_ANNOTATION))
    else:
        revisions = [_controller_revision(cr) for cr in owned]
        status = workload.get("status", {})
        now_name = status.get("updateRevision") or status.get("currentRevision")
        now = next((r.revision for r in revisions if r.source_name == now_name), None)
        if now is None and revisions:
            now = max(r.revision for r in revisions)
    kept = sorted((r for r in revisions if r.revision > 0), key=lambda r: r.revision)
    for r in kept:
        r.current = r.revision == now
    return kept


def _owned_by(item: dict[str, Any], uid: str | None) -> bool:
    owners = item.get("metadata", {}).get("ownerReferences") or []
    return any(o.get("uid") == uid and o.get("controller") for o in owners)


def _number(text: Any) -> int:
    try:
        return int(text)
    except (TypeError, ValueError):
        return 0


def _revision(kind: str, meta: dict[str, Any], number: int, template: dict[str, Any]) -> Revision:
    containers = template.get("spec", {}).get("containers") or []
    return Revision(
        revision=number,
        source_kind=kind,
        source_name=meta.get("name", ""),
        created_at=meta.get("creationTimestamp"),
        images=[c.get("image", "") for c in containers],
        change_cause=(meta.get("annotations") or {}).get(CHANGE_CAUSE),
        template=template,
        template_yaml=yaml.safe_dump(template, sort_keys=True, default_flow_style=False),
    )


def _replica_set_revision(rs: dict[str, Any]) -> Revision:
    meta = rs.get("metadata", {})
    number = _number((meta.get("annotations") or {}).get(REVISION_ANNOTATION))
    return _revision("ReplicaSet", meta, number, _without_hash(rs.get("spec", {}).get("template")))


def _controller_revision(cr: dict[str, Any]) -> Revision:
    template = copy.deepcopy(cr.get("data", {}).get("spec", {}).get("template") or {})
    template.pop("$patch", None)
    return _revision(
        "ControllerRevision", cr.get("metadata", {}), _number(cr.get("revision")), template
    )


def _without_hash(template: Any) -> dict[str, Any]:
    if not isinstance(template, dict):
        return {}
    clean = copy.deepcopy(template)
    labels = clean.get("metadata", {}).get("labels")
    if isinstance(labels, dict):
        labels.pop(TEMPLATE_HASH, None)
    return clean


class RollbackAction(Action[RollbackParams]):
    name = "rollback"
    params_model = RollbackParams

    def unfit_for(self, resource: ApiResource) -> str | None:
        return unfit_for_rollback(resource)

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        return [*history_checks(address), *super().checks(address)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: RollbackParams
    ) -> ActionResult:
        history = await read_history(target, address)
        chosen = next((r for r in history.revisions if r.revision == params.revision), None)
        if chosen is None:
            known = ", ".join(str(r.revision) for r in history.revisions) or "none"
            raise RegattaError(
                404,
                "revision_not_found",
                f"{address.label} on cluster {target.cluster_name} has no revision "
                f"{params.revision} (revisions kept: {known}).",
                field="params.revision",
                **failures.object_context(target, address),
            )
        if chosen.current:
            raise RegattaError(
                409,
                "revision_is_current",
                f"{address.label} on cluster {target.cluster_name} already runs revision "
                f"{params.revision}.",
                field="params.revision",
                **failures.object_context(target, address),
            )
        answer = await self._roll_back(target, address, chosen)
        return self.result(
            target,
            address,
            f"Rolled {address.label} on cluster {target.cluster_name} back to revision "
            f"{params.revision}.",
            object=answer,
        )

    async def _roll_back(
        self, target: ActionTarget, address: ObjectAddress, chosen: Revision
    ) -> dict[str, Any]:
        transport = target.api.transport
        if address.ref.kind != "Deployment":
            source = await target.api.discovery.resolve("apps", "v1", "ControllerRevision")
            revision = await transport.call(
                "GET", source.path(address.namespace, chosen.source_name)
            )
            patch = dict(revision.get("data") or {})
            return await patch_object(target, address, patch, content_type=STRATEGIC_MERGE_PATCH)
        uid = address.ref.uid
        ops: list[Any] = [{"op": "replace", "path": "/spec/template", "value": chosen.template}]
        if uid:
            ops.insert(0, {"op": "test", "path": "/metadata/uid", "value": uid})
        try:
            return await transport.call("PATCH", address.path(), ops, content_type=JSON_PATCH)
        except ApiError as exc:
            if uid and _failed_test(exc):
                raise failures.replaced(target, address) from None
            raise


def _failed_test(exc: ApiError) -> bool:
    """A JSON patch whose `test` op failed (the uid differs): 422 from the API server."""
    return exc.status == 422 and "test" in exc.message.lower()
