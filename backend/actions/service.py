"""Runs an action on the object's own cluster, in one order for every action.

Unknown action (404), body and params (400), the ref's cluster — exactly that one (404/409/503)
— the kind on that cluster (404), the namespace against the kind's scope (400), whether the
action fits the kind (400), access (403, re-checked here whatever the UI showed), and only then
the request. Nothing here reads or changes the selection beyond asking whether the cluster is in it.
"""

from __future__ import annotations

import logging
from typing import Any

from backend.actions import failures
from backend.actions.action import parse_body
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
from backend.errors import RegattaError
from backend.kube.access import AccessCheck

log = logging.getLogger(__name__)

BODY = '{"ref": {...}, "params": {...}}'


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
        request = parse_body(ActionRequest, body, BODY)
        own_params = without_confirmation(request.params)
        if action is None:  # a Helm release is no API object: the user's helm acts on it
            self._targets.resolve(request.ref.cluster_id)
            self._protection.admit(request.ref.cluster_id, name, request.params)
            return await self._helm.run(name, request.model_copy(update={"params": own_params}))
        ref = check_ref(request.ref)
        params = action.parse_params(own_params)
        target = self._targets.resolve(ref.cluster_id)
        self._protection.admit(target.cluster_id, name, request.params)
        address = await failures.locate(target, ref)
        unfit = action.unfit_for(address.resource)
        checks = await _admit(target, address, unfit, action.checks(address), action=name)
        log.info("action %s on %s in %s", name, address.label, target.cluster_id)
        single = checks[0] if len(checks) == 1 else None
        work = action.run(target, address, params)
        return await failures.guarded(target, address, work, single)

    async def permissions(self, body: Any) -> ActionPermissions:
        query = parse_body(PermissionQuery, body, BODY)
        ref = check_ref(query.ref)
        names = query.actions if query.actions is not None else [*ACTIONS, *SESSIONS]
        target = self._targets.resolve(ref.cluster_id)
        address = await failures.locate(target, ref)
        answers = [
            await failures.guarded(
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
        ref = check_ref(parse_body(HistoryRequest, body, '{"ref": {...}}').ref)
        target = self._targets.resolve(ref.cluster_id)
        address = await failures.locate(target, ref)
        unfit = unfit_for_history(address.resource)
        await _admit(target, address, unfit, history_checks(address))
        return await failures.guarded(target, address, read_history(target, address))


async def _admit(
    target: ActionTarget,
    address: ObjectAddress,
    unfit: str | None,
    checks: list[AccessCheck],
    **context: str,
) -> list[AccessCheck]:
    """`checks` once the kind fits (else 400 saying `unfit`) and the user passes them (else 403)."""
    if unfit is not None:
        raise RegattaError(
            400,
            "action_not_applicable",
            unfit,
            field="ref.kind",
            **context,
            **failures.object_context(target, address),
        )
    reviewed = await failures.guarded(target, address, review_all(target, checks))
    denial = first_denial(target, reviewed)
    if denial is not None:
        raise denial
    return checks
