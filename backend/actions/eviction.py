"""Evict one pod through the Eviction API, waiting out PodDisruptionBudgets until a deadline.

The API server answers 429 while a PodDisruptionBudget allows no disruption; that is the budget
doing its job, so the eviction is asked again with a growing, jittered wait until the drain's
deadline, and only then reported as failed (with the budget's own explanation). A 409 (the pod
changed while the server decided) is asked again the same way. The eviction
carries the pod's uid, so a namesake created meanwhile (StatefulSets reuse names) is not hit.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from typing import Any

from backend.actions import limits
from backend.actions.drain_plan import PodPlan
from backend.actions.failures import is_uid_mismatch
from backend.contract.actions import DrainedPod, DrainOutcome
from backend.kube.backoff import Backoff
from backend.kube.errors import ApiError, Unreachable
from backend.kube.resources import resource_path
from backend.kube.transport import Transport


def eviction_backoff(uniform: Callable[[float, float], float] = random.uniform) -> Backoff:
    """Waits between refused attempts: initial, doubling, capped, each spread by the jitter."""
    return Backoff(
        limits.EVICTION_BACKOFF_INITIAL_S,
        limits.EVICTION_BACKOFF_MAX_S,
        limits.EVICTION_BACKOFF_FACTOR,
        limits.EVICTION_BACKOFF_JITTER,
        uniform,
    )


def eviction_body(plan: PodPlan, grace_period_seconds: int | None) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if plan.uid:
        options["preconditions"] = {"uid": plan.uid}
    if grace_period_seconds is not None:
        options["gracePeriodSeconds"] = grace_period_seconds
    body: dict[str, Any] = {
        "apiVersion": "policy/v1",
        "kind": "Eviction",
        "metadata": {"name": plan.name, "namespace": plan.namespace},
    }
    if options:
        body["deleteOptions"] = options
    return body


async def evict_pod(
    transport: Transport,
    plan: PodPlan,
    *,
    grace_period_seconds: int | None,
    deadline: float,
) -> DrainedPod:
    """Ask until the pod is evicted, is gone, fails for good, or the deadline passes."""
    path = resource_path("", "v1", "pods", plan.namespace, plan.name, "eviction")
    body = eviction_body(plan, grace_period_seconds)
    backoff = eviction_backoff()
    attempts = 0

    def outcome(kind: DrainOutcome, reason: str | None) -> DrainedPod:
        return DrainedPod(
            namespace=plan.namespace,
            name=plan.name,
            outcome=kind,
            reason=reason,
            attempts=attempts,
        )

    while True:
        attempts += 1
        try:
            await transport.call("POST", path, body)
            return outcome("evicted", None)
        except Unreachable as exc:
            return outcome("failed", f"the cluster did not answer: {exc.message}")
        except ApiError as exc:
            if exc.status == 404:
                return outcome("evicted", "already gone")
            if plan.uid and is_uid_mismatch(exc):
                return outcome("evicted", "already gone (a new pod has its name now)")
            if exc.status not in (409, 429):
                return outcome("failed", f"{exc.status} {exc.reason}: {exc.message}")
            delay = backoff.next_delay()
            if time.monotonic() + delay >= deadline:
                said = [exc.message.rstrip("."), *(c.message for c in exc.causes if c.message)]
                return outcome(
                    "failed",
                    f"still refused when the drain's time ran out ({attempts} attempts): "
                    + "; ".join(said),
                )
            await asyncio.sleep(delay)
