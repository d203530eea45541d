"""Reads and patches of one object that refuse a namesake created after it was loaded.

With `ref.uid` known, a patch carries `metadata.uid`; the API server refuses the patch when the
object of that name now has another uid (409 on a subresource, 422 on the object itself), which
`failures.from_status` tells as `object_replaced`. A read compares the uid itself.
"""

from __future__ import annotations

from typing import Any

from backend.actions import failures
from backend.actions.address import ObjectAddress
from backend.actions.targets import ActionTarget
from backend.kube.transport import MERGE_PATCH


async def read_object(target: ActionTarget, address: ObjectAddress) -> dict[str, Any]:
    """The object as the server has it now."""
    obj = await target.api.transport.call("GET", address.path())
    if address.ref.uid and obj.get("metadata", {}).get("uid") != address.ref.uid:
        raise failures.replaced(target, address)
    return obj


async def patch_object(
    target: ActionTarget,
    address: ObjectAddress,
    patch: dict[str, Any],
    subresource: str = "",
    content_type: str = MERGE_PATCH,
) -> dict[str, Any]:
    """The object (or subresource) as the server answers after the patch."""
    body = dict(patch)
    if address.ref.uid:
        body["metadata"] = {**body.get("metadata", {}), "uid": address.ref.uid}
    return await target.api.transport.call(
        "PATCH", address.path(subresource), body, content_type=content_type
    )
