"""`trigger`: run a CronJob now, as `kubectl create job --from=cronjob/<name>` does.

The Job is built from the CronJob's `jobTemplate`, owned by the CronJob (so it shows under it and
is cleaned up with it) and annotated `cronjob.kubernetes.io/instantiate: manual`, which tells it
apart from scheduled runs.
"""

from __future__ import annotations

import copy
import secrets
from typing import Any

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import read_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, NoParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource

INSTANTIATE = "cronjob.kubernetes.io/instantiate"
NAME_MAX = 63


def manual_job_name(cronjob: str, suffix: str) -> str:
    """`<cronjob>-manual-<suffix>`, the CronJob's part shortened to keep within 63 characters."""
    tail = f"-manual-{suffix}"
    return cronjob[: NAME_MAX - len(tail)].rstrip("-.") + tail


def job_from(cronjob: dict[str, Any], name: str) -> dict[str, Any]:
    template = copy.deepcopy(cronjob.get("spec", {}).get("jobTemplate") or {})
    meta = template.get("metadata") or {}
    source = cronjob.get("metadata", {})
    return {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "name": name,
            "namespace": source.get("namespace"),
            "labels": meta.get("labels") or {},
            "annotations": {**(meta.get("annotations") or {}), INSTANTIATE: "manual"},
            "ownerReferences": [
                {
                    "apiVersion": "batch/v1",
                    "kind": "CronJob",
                    "name": source.get("name"),
                    "uid": source.get("uid"),
                    "controller": True,
                }
            ],
        },
        "spec": template.get("spec") or {},
    }


class TriggerAction(Action[NoParams]):
    name = "trigger"
    params_model = NoParams
    verb = "get"

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) == ("batch", "CronJob"):
            return None
        return f"{resource.kind} objects cannot be triggered: only a CronJob starts Jobs."

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        return [
            *super().checks(address),
            AccessCheck("create", "batch", "jobs", "", address.namespace, ""),
        ]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        cronjob = await read_object(target, address)
        jobs = await target.api.discovery.resolve("batch", "v1", "Job")
        name = manual_job_name(address.name, secrets.token_hex(3))
        job = await target.api.transport.call(
            "POST", jobs.path(address.namespace), job_from(cronjob, name)
        )
        return self.result(
            target,
            address,
            f"Started Job {address.namespace}/{name} from {address.label} on cluster "
            f"{target.cluster_name}.",
            object=job,
        )
