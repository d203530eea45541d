"""The API server's refusals, told as the contract's errors (§4) about one object on one cluster.

Every error names the cluster (`clusterId` in the context, the cluster's name in the sentence)
because the point of this package is that a person always knows where an action went.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, TypeVar

from backend.actions.address import ObjectAddress
from backend.actions.targets import ActionTarget
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.discovery import UnknownKindError
from backend.kube.errors import ApiError, Unreachable

T = TypeVar("T")


def object_context(target: ActionTarget, address: ObjectAddress) -> dict[str, Any]:
    return {
        "clusterId": target.cluster_id,
        "kind": address.ref.kind,
        "namespace": address.namespace,
        "name": address.name,
    }


def forbidden(target: ActionTarget, check: AccessCheck, why: str = "") -> RegattaError:
    """403 `forbidden`: `You may not delete pods in namespace shop on cluster beta-viewer.`"""
    message = f"You may not {check.describe(target.cluster_name)}."
    if why:
        message = f"{message[:-1]}: {why}."
    return RegattaError(
        403,
        "forbidden",
        message,
        clusterId=target.cluster_id,
        verb=check.verb,
        group=check.group,
        resource=check.resource_label,
        namespace=check.namespace,
    )


def is_uid_mismatch(exc: ApiError) -> bool:
    """The server refused because the object's uid is not the one sent: a different object now.

    Deletes, updates and subresources check the uid as a precondition (409 `the UID in the
    precondition ... does not match`, `Precondition failed: UID in precondition`); a patch of the
    object itself meets the immutable-field rule (422 `metadata.uid: ... field is immutable`).
    All mean the same here.
    """
    if exc.status == 409:
        message = exc.message.lower()
        return "uid" in message and "precondition" in message
    if exc.status == 422:
        return "metadata.uid" in exc.message
    return False


def replaced(target: ActionTarget, address: ObjectAddress) -> RegattaError:
    """409 `object_replaced`: the name now belongs to a different object than the one loaded."""
    return RegattaError(
        409,
        "object_replaced",
        f"{address.label} on cluster {target.cluster_name} was deleted and created again since "
        "it was loaded (its uid changed); nothing was done. Load it again.",
        **object_context(target, address),
        uid=address.ref.uid,
    )


def unreachable(target: ActionTarget, exc: Unreachable) -> RegattaError:
    if exc.timed_out:
        return RegattaError(
            504,
            "cluster_timeout",
            f"Cluster {target.cluster_name} did not answer in time; nothing is known to have changed.",
            clusterId=target.cluster_id,
        )
    return RegattaError(
        503,
        "cluster_unreachable",
        f"Cluster {target.cluster_name} could not be reached: {exc.message}",
        clusterId=target.cluster_id,
    )


def refused(target: ActionTarget, exc: ApiError, doing: str) -> RegattaError:
    """403 `forbidden` or 502 `api_error` for a request about no single object."""
    forbidden = exc.status == 403
    return RegattaError(
        403 if forbidden else 502,
        "forbidden" if forbidden else "api_error",
        f"Cluster {target.cluster_name} refused {doing}: {exc.status} {exc.reason}: {exc.message}",
        clusterId=target.cluster_id,
    )


STATUS_ERRORS: dict[int, tuple[str, str]] = {
    404: ("object_not_found", "{label} does not exist on cluster {cluster}."),
    403: ("forbidden", "{message} (cluster {cluster})."),
    409: ("conflict", "{label} on cluster {cluster}: {message}"),
    422: ("invalid_object", "Cluster {cluster} refused {label}: {message}"),
    400: ("bad_request", "Cluster {cluster} refused the request: {message}"),
    429: ("throttled", "Cluster {cluster} is throttling requests; try again shortly: {message}"),
}


def from_status(
    target: ActionTarget,
    address: ObjectAddress,
    exc: ApiError,
    check: AccessCheck | None = None,
) -> RegattaError:
    """The error for an API answer no action handled more specifically."""
    if address.ref.uid and is_uid_mismatch(exc):
        return replaced(target, address)
    if exc.status == 403 and check is not None:
        return forbidden(target, check, exc.message)
    context = object_context(target, address)
    if exc.status == 422:
        context["causes"] = [{"field": c.field, "message": c.message} for c in exc.causes]
    if exc.status not in STATUS_ERRORS:
        return RegattaError(
            502,
            "api_error",
            f"Cluster {target.cluster_name} answered {exc.status} {exc.reason}: {exc.message}",
            **context,
        )
    code, text = STATUS_ERRORS[exc.status]
    message = text.format(cluster=target.cluster_name, label=address.label, message=exc.message)
    return RegattaError(exc.status, code, message, **context)


async def locate(target: ActionTarget, ref: ObjectRef) -> ObjectAddress:
    """Where `ref` lives on its cluster, as that cluster's discovery says."""
    try:
        resource = await target.api.discovery.resolve(ref.group, ref.version, ref.kind)
    except UnknownKindError:
        api_version = f"{ref.group}/{ref.version}" if ref.group else ref.version
        raise RegattaError(
            404,
            "unknown_kind",
            f"Cluster {target.cluster_name} does not serve kind {ref.kind} in {api_version}.",
            clusterId=target.cluster_id,
            field="ref.kind",
            group=ref.group,
            version=ref.version,
            kind=ref.kind,
        ) from None
    except Unreachable as exc:
        raise unreachable(target, exc) from None
    except ApiError as exc:
        raise RegattaError(
            502,
            "discovery_failed",
            f"Cluster {target.cluster_name} could not say what {ref.kind} is: {exc.message}",
            clusterId=target.cluster_id,
        ) from None
    return ObjectAddress.of(ref, resource)


async def guarded(
    target: ActionTarget,
    address: ObjectAddress,
    work: Awaitable[T],
    check: AccessCheck | None = None,
) -> T:
    """Await `work`, telling the API server's failures as the contract's errors."""
    try:
        return await work
    except Unreachable as exc:
        raise unreachable(target, exc) from None
    except ApiError as exc:
        raise from_status(target, address, exc, check) from None
