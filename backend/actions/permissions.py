"""Per action: does it fit this object's kind, and may this cluster's user do it? (`can-i`)

The same access answers gate the actions themselves, so a button the UI enables is one the
backend will not refuse for access reasons it could have known.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from backend.actions import failures, limits
from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.session_access import SessionAccess
from backend.actions.targets import ActionTarget
from backend.contract.actions import AccessCheckResult, ActionPermission
from backend.errors import RegattaError
from backend.kube.access import AccessAnswer, AccessCheck


async def review_all(
    target: ActionTarget, checks: Sequence[AccessCheck]
) -> list[tuple[AccessCheck, AccessAnswer]]:
    access = target.api.access
    answers = await asyncio.gather(*(access.review(c, limits.ACCESS_TTL_S) for c in checks))
    return list(zip(checks, answers, strict=True))


def first_denial(
    target: ActionTarget, reviewed: Sequence[tuple[AccessCheck, AccessAnswer]]
) -> RegattaError | None:
    """The 403 for the first check the user fails, or None."""
    for check, answer in reviewed:
        if not answer.allowed:
            return failures.forbidden(target, check, answer.reason)
    return None


async def action_permission(
    target: ActionTarget, address: ObjectAddress, action: Action[Any] | SessionAccess
) -> ActionPermission:
    """Whether `action` (or a session a pod offers) fits the object, and may be done there."""
    unfit = action.unfit_for(address.resource)
    if unfit is not None:
        return ActionPermission(action=action.name, applicable=False, allowed=False, reason=unfit)
    reviewed = await review_all(target, action.checks(address))
    denial = first_denial(target, reviewed)
    return ActionPermission(
        action=action.name,
        applicable=True,
        allowed=denial is None,
        reason=denial.message if denial is not None else None,
        checks=[
            AccessCheckResult(
                verb=c.verb,
                group=c.group,
                resource=c.resource,
                subresource=c.subresource,
                namespace=c.namespace,
                allowed=a.allowed,
                reason=a.reason or None,
            )
            for c, a in reviewed
        ],
    )
