"""The API server's refusals, told as the contract's errors (§4) about one object on one cluster.

Every error names the cluster (`clusterId` in the context, the cluster's name in the sentence)
because the point of this package is that a person always knows where an action went.
"""

from __future__ import annotations

from typing import Any

from backend.actions.address import ObjectAddress
from backend.actions.targets import ActionTarget
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.errors import ApiError, Unreachable


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


def not_found(target: ActionTarget, address: ObjectAddress) -> RegattaError:
    return RegattaError(
        404,
        "object_not_found",
        f"{address.label} does not exist on cluster {target.cluster_name}.",
        **object_context(target, address),
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


def from_status(
    target: ActionTarget,
    address: ObjectAddress,
    exc: ApiError,
    check: AccessCheck | None = None,
) -> RegattaError:
    """The error for an API answer no action handled more specifically."""
    context = object_context(target, address)
    if exc.status == 404:
        return not_found(target, address)
    if exc.status == 403 and check is not None:
        return forbidden(target, check, exc.message)
    if exc.status == 403:
        return RegattaError(
            403, "forbidden", f"{exc.message} (cluster {target.cluster_name}).", **context
        )
    if exc.status == 409:
        return RegattaError(
            409,
            "conflict",
            f"{address.label} on cluster {target.cluster_name}: {exc.message}",
            **context,
        )
    if exc.status == 422:
        return RegattaError(
            422,
            "invalid_object",
            f"Cluster {target.cluster_name} refused {address.label}: {exc.message}",
            **context,
            causes=[{"field": c.field, "message": c.message} for c in exc.causes],
        )
    if exc.status == 400:
        return RegattaError(
            400,
            "bad_request",
            f"Cluster {target.cluster_name} refused the request: {exc.message}",
            **context,
        )
    if exc.status == 429:
        return RegattaError(
            429,
            "throttled",
            f"Cluster {target.cluster_name} is throttling requests; try again shortly: {exc.message}",
            **context,
        )
    return RegattaError(
        502,
        "api_error",
        f"Cluster {target.cluster_name} answered {exc.status} {exc.reason}: {exc.message}",
        **context,
    )
