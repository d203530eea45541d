"""`helm-rollback` and `helm-uninstall` (contract §13): the user's own `helm` program, run
against exactly the ref's cluster.

helm is found on the login shell's PATH (as exec credential plugins are) and always gets
`--kubeconfig <the context's file> --kube-context <the context> --namespace <ns>`, so neither
`KUBECONFIG` nor helm's current context can point it at another cluster. Without helm the
actions answer 409 `helm_not_found`; reading releases never needs it.
"""

from __future__ import annotations

import logging
import os
import shutil

from pydantic import ValidationError

from backend.actions import failures
from backend.actions.action import validation_error
from backend.actions.address import bad_field, check_ref
from backend.actions.limits import HELM_OUTPUT_MAX_CHARS, HELM_TIMEOUT_S
from backend.actions.targets import ActionTarget, TargetResolver
from backend.clusters.login_path import LoginShellPath, run_process
from backend.clusters.service import ClusterService
from backend.contract.actions import ActionRequest, ActionResult
from backend.contract.helm import HelmRollbackParams, HelmUninstallParams
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.errors import ApiError, Unreachable
from backend.objectcatalog.helm.storage import StoredRevision, list_revisions

log = logging.getLogger(__name__)

HELM_ACTIONS = ("helm-rollback", "helm-uninstall")
RELEASE_REF = ("helm.sh", "v1", "Release")
INSTALL_HINT = (
    "Install Helm (https://helm.sh/docs/intro/install/) so that `helm` is on your login "
    "shell's PATH, then try again. Releases can be read without it."
)


class HelmActions:
    def __init__(self, clusters: ClusterService, login_path: LoginShellPath | None = None) -> None:
        self._clusters = clusters
        self._targets = TargetResolver(clusters)
        self._login_path = login_path if login_path is not None else LoginShellPath()

    async def run(self, name: str, request: ActionRequest) -> ActionResult:
        ref = _release_ref(request.ref)
        try:
            if name == "helm-rollback":
                revision: int | None = HelmRollbackParams.model_validate(request.params).revision
            else:
                HelmUninstallParams.model_validate(request.params)
                revision = None
        except ValidationError as exc:
            raise validation_error("params", exc) from None
        target = self._targets.resolve(ref.cluster_id)
        context = self._clusters.inventory.get(ref.cluster_id)
        if context is None:  # deselected between the two lookups
            raise RegattaError(404, "unknown_cluster", f"`{ref.cluster_id}` is not known.")
        revisions = await _revisions(target, ref)
        label = f"Helm release {ref.namespace}/{ref.name} on cluster {target.cluster_name}"
        if revision is None:
            verb, message = ["uninstall", ref.name], f"Uninstalled {label}."
        elif revision in {r.revision for r in revisions}:
            verb = ["rollback", ref.name, str(revision)]
            message = f"Rolled back {label} to revision {revision}."
        else:
            known = ", ".join(str(r.revision) for r in revisions)
            raise bad_field("params.revision", f"is not a revision of {label} (it has {known})")
        program = shutil.which("helm", path=await self._login_path.get())
        if program is None:
            raise RegattaError(
                409,
                "helm_not_found",
                f"No `helm` program was found on the PATH. {INSTALL_HINT}",
                clusterId=ref.cluster_id,
                hint=INSTALL_HINT,
            )
        kube = ["--kubeconfig", str(context.path), "--kube-context", context.entry.name]
        argv = [program, *verb, *kube, "--namespace", ref.namespace]
        log.info("action %s on %s/%s in %s", name, ref.namespace, ref.name, ref.cluster_id)
        await self._helm(argv, name, target, label)
        return ActionResult(
            action="helm-rollback" if revision is not None else "helm-uninstall",
            cluster_id=target.cluster_id,
            cluster_name=target.cluster_name,
            ref=ref,
            message=message,
        )

    async def _helm(self, argv: list[str], name: str, target: ActionTarget, label: str) -> None:
        env = {**os.environ, "PATH": await self._login_path.get()}
        env.pop("KUBECONFIG", None)
        try:
            status, _, stderr = await run_process(argv, HELM_TIMEOUT_S, env)
        except TimeoutError:
            raise RegattaError(
                504,
                "helm_timeout",
                f"helm did not finish within {HELM_TIMEOUT_S:g} s for {label}.",
                clusterId=target.cluster_id,
            ) from None
        if status != 0:
            said = stderr.decode("utf-8", "replace").strip()[-HELM_OUTPUT_MAX_CHARS:]
            raise RegattaError(
                502,
                "helm_failed",
                f"`helm {argv[1]}` failed for {label}: {said or f'exit status {status}'}",
                clusterId=target.cluster_id,
                action=name,
            )


def _release_ref(ref: ObjectRef) -> ObjectRef:
    ref = check_ref(ref)
    if (ref.group, ref.version, ref.kind) != RELEASE_REF:
        raise bad_field("ref", "must be a Helm release (`helm.sh`/`v1`/`Release`)")
    if not ref.namespace:
        raise bad_field("ref.namespace", "must name the release's namespace")
    return ref


async def _revisions(target: ActionTarget, ref: ObjectRef) -> list[StoredRevision]:
    try:
        found = await list_revisions(target.api.transport, [ref.namespace], release=ref.name)
    except Unreachable as exc:
        raise failures.unreachable(target, exc) from None
    except ApiError as exc:
        raise failures.refused(target, exc, "to list Helm's storage") from None
    found = [r for r in found if r.release == ref.name]
    if not found:
        raise RegattaError(
            404,
            "not_found",
            f"There is no Helm release `{ref.name}` in namespace `{ref.namespace}` of cluster "
            f"{target.cluster_name}.",
            clusterId=ref.cluster_id,
        )
    return found
