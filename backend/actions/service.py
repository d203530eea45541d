"""Runs an action on the object's own cluster, in one order for every action.

Unknown action (404), body and params (400), the ref's cluster — exactly that one (404/409/503)
— the kind on that cluster (404), the namespace against the kind's scope (400), whether the
action fits the kind (400), access (403, re-checked here whatever the UI showed), and only then
the request. Nothing here reads or changes the selection beyond asking whether the cluster is in it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from typing import Any, TypeVar

from pydantic import ValidationError

from backend.actions import failures
from backend.actions.action import validation_error
from backend.actions.address import ObjectAddress, check_ref
from backend.actions.helm import HELM_ACTIONS, HelmActions
from backend.actions.permissions import action_permission, first_denial, review_all
from backend.actions.protection import ClusterProtection, without_confirmation
from backend.actions.registry import ACTIONS
from backend.actions.rollouts import history_checks, read_history, unfit_for_history
from backend.actions.session_access import SESSIONS
from backend.actions.targets import ActionTarget, TargetResolver
from backend.clusters.service import ClusterService
from backend.contract.actions import (
    ActionPermissions,
    ActionRequest,
    ActionResult,
    PermissionQuery,
)
from backend.contract.rollouts import HistoryRequest, RolloutHistory
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.discovery import UnknownKindError
from backend.kube.errors import ApiError, Unreachable

log = logging.getLogger(__name__)

T = TypeVar("T")
M = TypeVar("M", ActionRequest, PermissionQuery)


class ActionService:
    def __init__(self, clusters: ClusterService) -> None:
        self._clusters = clusters
        self._targets = TargetResolver(clusters)
        self._helm = HelmActions(clusters)
        self._protection = ClusterProtection(clusters)

    async def run(self, name: str, body: Any) -> ActionResult:
        action = ACTIONS.get(name)
        if action is None and name not in HELM_ACTIONS:
            known = ", ".join(sorted([*ACTIONS, *HELM_ACTIONS]))
            raise RegattaError(
                404, "unknown_action", f"There is no action `{name}`; known: {known}.", action=name
            )
        request = _parse(ActionRequest, body)
        own_params = without_confirmation(request.params)
        if action is None:  # a Helm release is no API object: the user's helm acts on it
            self._targets.resolve(request.ref.cluster_id)
            self._protection.admit(request.ref.cluster_id, name, request.params)
            return await self._helm.run(name, request.model_copy(update={"params": own_params}))
        ref = check_ref(request.ref)
        params = action.parse_params(own_params)
        target = self._targets.resolve(ref.cluster_id)
        self._protection.admit(target.cluster_id, name, request.params)
        address = await _address(target, ref)
        unfit = action.unfit_for(address.resource)
        if unfit is not None:
            raise RegattaError(
                400,
                "action_not_applicable",
                unfit,
                field="ref.kind",
                action=name,
                **failures.object_context(target, address),
            )
        checks = action.checks(address)
        denial = first_denial(target, await _guard(target, address, review_all(target, checks)))
        if denial is not None:
            raise denial
        log.info("action %s on %s in %s", name, address.label, target.cluster_id)
        single = checks[0] if len(checks) == 1 else None
        return await _guard(target, address, action.run(target, address, params), single)

    async def permissions(self, body: Any) -> ActionPermissions:
        query = _parse(PermissionQuery, body)
        ref = check_ref(query.ref)
        names = query.actions if query.actions is not None else [*ACTIONS, *SESSIONS]
        target = self._targets.resolve(ref.cluster_id)
        address = await _address(target, ref)
        answers = [
            await _guard(
                target, address, action_permission(target, address, ACTIONS.get(n) or SESSIONS[n])
            )
            for n in dict.fromkeys(names)
        ]
        protection = self._clusters.cluster_settings(target.cluster_id).protection
        if protection == "read-only":
            reason = f"Cluster {target.cluster_name} is read-only in Regatta's settings."
            answers = [
                a.model_copy(update={"allowed": False, "reason": reason}) if a.applicable else a
                for a in answers
            ]
        return ActionPermissions(
            cluster_id=target.cluster_id,
            cluster_name=target.cluster_name,
            ref=ref,
            actions=answers,
        )

    async def history(self, body: Any) -> RolloutHistory:
        """A workload's revisions (`POST /api/v1/rollouts/history`), read on `ref.clusterId`."""
        if not isinstance(body, dict):
            raise RegattaError(400, "bad_request", 'The body must be {"ref": {...}}.')
        try:
            ref = check_ref(HistoryRequest.model_validate(body).ref)
        except ValidationError as exc:
            raise validation_error("", exc) from None
        target = self._targets.resolve(ref.cluster_id)
        address = await _address(target, ref)
        unfit = unfit_for_history(address.resource)
        if unfit is not None:
            raise RegattaError(
                400,
                "action_not_applicable",
                unfit,
                field="ref.kind",
                **failures.object_context(target, address),
            )
        checks = history_checks(address)
        denial = first_denial(target, await _guard(target, address, review_all(target, checks)))
        if denial is not None:
            raise denial
        return await _guard(target, address, read_history(target, address))


async def _address(target: ActionTarget, ref: ObjectRef) -> ObjectAddress:
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
        raise failures.unreachable(target, exc) from None
    except ApiError as exc:
        raise RegattaError(
            502,
            "discovery_failed",
            f"Cluster {target.cluster_name} could not say what {ref.kind} is: {exc.message}",
            clusterId=target.cluster_id,
        ) from None
    return ObjectAddress.of(ref, resource)


async def _guard(
    target: ActionTarget,
    address: ObjectAddress,
    work: Awaitable[T],
    check: AccessCheck | None = None,
) -> T:
    """Await `work`, telling the API server's failures as the contract's errors."""
    try:
        return await work
    except Unreachable as exc:
        raise failures.unreachable(target, exc) from None
    except ApiError as exc:
        raise failures.from_status(target, address, exc, check) from None


def _parse(model: type[M], data: Any) -> M:
    """`data` is the request body as the HTTP layer decoded it (backend/http/body.py)."""
    if not isinstance(data, dict):
        raise RegattaError(400, "bad_request", 'The body must be {"ref": {...}, "params": {...}}.')
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise validation_error("", exc) from None
