"""`drain`: cordon a node, then evict its pods through the Eviction API, honouring budgets.

The answer lists every pod that was on the node with what happened to it — evicted, skipped
(why), failed (why) — so a drain that could not finish says exactly what is left. `evicted`
means the API server accepted the eviction: the pod is terminating and its controller makes a
replacement elsewhere. A drain that leaves failed pods still answers 200 with that list; the
node stays cordoned either way.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from backend.actions import limits
from backend.actions.action import Action
from backend.actions.address import ObjectAddress, bad_field
from backend.actions.drain_plan import PodPlan, plan_pod
from backend.actions.eviction import evict_pod
from backend.actions.patch_actions import node_only, set_unschedulable
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, DrainedPod, DrainParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource, resource_path


class DrainAction(Action[DrainParams]):
    name = "drain"
    params_model = DrainParams

    def unfit_for(self, resource: ApiResource) -> str | None:
        return node_only(resource, "drained")

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        return [
            *super().checks(address),
            AccessCheck("list", "", "pods", all_namespaces=True),
            AccessCheck("create", "", "pods", "eviction", all_namespaces=True),
        ]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: DrainParams
    ) -> ActionResult:
        timeout = params.timeout_seconds or limits.DRAIN_TIMEOUT_S
        if timeout > limits.DRAIN_TIMEOUT_MAX_S:
            raise bad_field(
                "params.timeoutSeconds", f"must be at most {limits.DRAIN_TIMEOUT_MAX_S:g}"
            )
        deadline = time.monotonic() + timeout
        node = await set_unschedulable(target, address, True)
        pods = await _pods_on_node(target, address.name)
        plans = [
            plan_pod(p, force=params.force, delete_empty_dir_data=params.delete_empty_dir_data)
            for p in pods
        ]
        gate = asyncio.Semaphore(limits.EVICTION_CONCURRENCY)

        async def handle(plan: PodPlan) -> DrainedPod:
            if plan.skip_reason is not None:
                return DrainedPod(
                    namespace=plan.namespace,
                    name=plan.name,
                    outcome="skipped",
                    reason=plan.skip_reason,
                )
            async with gate:
                return await evict_pod(
                    target.api.transport,
                    plan,
                    grace_period_seconds=params.grace_period_seconds,
                    deadline=deadline,
                )

        results = await asyncio.gather(*(handle(p) for p in plans))
        results.sort(key=lambda r: (r.namespace, r.name))
        counts = {k: sum(r.outcome == k for r in results) for k in ("evicted", "skipped", "failed")}
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        verb = "Drained" if counts["failed"] == 0 else "Could not fully drain"
        return self.result(
            target,
            address,
            f"{verb} node {address.name} on cluster {target.cluster_name} (cordoned): {summary}.",
            object=node,
            pods=results,
        )


async def _pods_on_node(target: ActionTarget, node: str) -> list[dict[str, Any]]:
    """Every pod bound to `node`, in all namespaces, page by page."""
    pods: list[dict[str, Any]] = []
    query = [("fieldSelector", f"spec.nodeName={node}"), ("limit", str(limits.POD_LIST_PAGE_SIZE))]
    token = ""
    while True:
        page = await target.api.transport.call(
            "GET",
            resource_path("", "v1", "pods"),
            query=[*query, ("continue", token)] if token else query,
        )
        pods.extend(p for p in page.get("items") or () if isinstance(p, dict))
        token = str((page.get("metadata") or {}).get("continue") or "")
        if not token:
            return pods
