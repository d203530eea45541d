"""`apply`: replace one object with edited YAML, guarded by the resourceVersion it was loaded at.

The YAML must name the very object of the reference (apiVersion, kind, namespace, name) and
carry `metadata.resourceVersion`; the update (PUT) then succeeds only if nobody changed the
object since it was loaded, and a stale version is a 409 `conflict` instead of a silent
overwrite. With `dryRun` the server validates and defaults the object without storing it, and
the answer holds both sides of the diff the UI previews.
"""

from __future__ import annotations

from typing import Any

from backend.actions import failures
from backend.actions.action import Action
from backend.actions.address import ObjectAddress, bad_field
from backend.actions.manifest import FIELD, parse_manifest
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, ApplyParams
from backend.errors import RegattaError
from backend.kube.errors import ApiError
from backend.kube.resources import ApiResource

FIELD_MANAGER = "regatta"


class ApplyAction(Action[ApplyParams]):
    name = "apply"
    params_model = ApplyParams
    verb = "update"

    def unfit_for(self, resource: ApiResource) -> str | None:
        if "update" in resource.verbs:
            return None
        return f"{resource.kind} objects cannot be replaced."

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: ApplyParams
    ) -> ActionResult:
        obj = same_object(parse_manifest(params.yaml), address)
        version = obj["metadata"]["resourceVersion"]
        query = [("fieldManager", FIELD_MANAGER)]
        previous = None
        if params.dry_run:
            query.append(("dryRun", "All"))
            previous = await target.api.transport.call("GET", address.path())
        try:
            answer = await target.api.transport.call("PUT", address.path(), obj, query=query)
        except ApiError as exc:
            if failures.is_uid_mismatch(exc):
                raise failures.replaced(target, address) from None
            if exc.status != 409:
                raise
            raise RegattaError(
                409,
                "conflict",
                f"{address.label} changed on cluster {target.cluster_name} since it was loaded "
                f"(resourceVersion {version} is out of date); nothing was applied. Load it again "
                "and redo the edit.",
                **failures.object_context(target, address),
                resourceVersion=version,
            ) from None
        where = f"{address.label} on cluster {target.cluster_name}"
        if params.dry_run:
            return self.result(
                target,
                address,
                f"Dry run: the update of {where} would be accepted.",
                dry_run=True,
                object=answer,
                previous=previous,
            )
        return self.result(target, address, f"Applied the edit of {where}.", object=answer)


def same_object(obj: dict[str, Any], address: ObjectAddress) -> dict[str, Any]:
    """`obj` if it names the reference's object; a 400 naming the differing field otherwise.

    A namespaced object without `metadata.namespace` gets the reference's namespace (kubectl
    fills in its default the same way); with `ref.uid` known and no uid in the YAML, the uid is
    added so that the server refuses to update a namesake created since.
    """
    ref, resource = address.ref, address.resource
    if obj.get("apiVersion") != resource.api_version:
        raise _differs("apiVersion", obj.get("apiVersion"), resource.api_version)
    if obj.get("kind") != ref.kind:
        raise _differs("kind", obj.get("kind"), ref.kind)
    metadata = obj.get("metadata")
    if not isinstance(metadata, dict):
        raise bad_field(FIELD, "has no `metadata` mapping")
    if metadata.get("name") != ref.name:
        raise _differs("metadata.name", metadata.get("name"), ref.name)
    namespace = metadata.get("namespace")
    if resource.namespaced and namespace in (None, ""):
        metadata["namespace"] = ref.namespace
    elif (namespace or "") != ref.namespace:
        raise _differs("metadata.namespace", namespace, ref.namespace)
    version = metadata.get("resourceVersion")
    if not isinstance(version, str) or not version:
        raise bad_field(
            FIELD,
            "must keep `metadata.resourceVersion` from the loaded object, so that a change made "
            "meanwhile is not overwritten",
        )
    uid = metadata.get("uid")
    if ref.uid and uid not in (None, "") and uid != ref.uid:
        raise _differs("metadata.uid", uid, ref.uid)
    if ref.uid and not uid:
        metadata["uid"] = ref.uid
    return obj


def _differs(path: str, found: Any, expected: str) -> RegattaError:
    shown = "nothing" if found in (None, "") else f"`{found}`"
    return bad_field(
        FIELD,
        f"must describe the object it is applied to: its `{path}` is {shown}, "
        f"the object's is `{expected or '(none)'}`",
    )
