"""A merge patch of one object that refuses to touch a namesake created after it was loaded.

With `ref.uid` known, the patch carries `metadata.uid`; the API server refuses the patch when
the object of that name now has another uid (409 on a subresource, 422 on the object itself),
and either becomes `object_replaced`.
"""

from __future__ import annotations

from typing import Any

from backend.actions import failures
from backend.actions.address import ObjectAddress
from backend.actions.targets import ActionTarget
from backend.kube.errors import ApiError
from backend.kube.transport import MERGE_PATCH


async def patch_object(
    target: ActionTarget, address: ObjectAddress, patch: dict[str, Any], subresource: str = ""
) -> dict[str, Any]:
    """The object (or subresource) as the server answers after the patch."""
    body = dict(patch)
    uid = address.ref.uid
    if uid:
        body["metadata"] = {**body.get("metadata", {}), "uid": uid}
    try:
        return await target.api.transport.call(
            "PATCH", address.path(subresource), body, content_type=MERGE_PATCH
        )
    except ApiError as exc:
        if uid and failures.is_uid_mismatch(exc):
            raise failures.replaced(target, address) from None
        raise
