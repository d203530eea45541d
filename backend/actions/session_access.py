"""The access a pod's sessions need, answered by can-i next to the actions (contract §10, §11).

`exec`: a terminal in one of the pod's containers (`create pods/exec`). `debug`: an ephemeral
debug container added to the pod and a terminal in it (`patch pods/ephemeralcontainers`, then
`create pods/exec`), as `kubectl debug` does. `port-forward`: streams to one pod of a Pod,
Service or workload (`create pods/portforward` in its namespace). The terminal and port-forward
routes ask the same checks before they run, so a button the UI enables is one the backend will
not refuse for that reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from backend.actions.address import ObjectAddress
from backend.contract.actions import SessionName
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource

FORWARDABLE: Final[dict[tuple[str, str], str]] = {
    ("", "Pod"): "pods",
    ("", "Service"): "services",
    ("apps", "Deployment"): "deployments",
    ("apps", "StatefulSet"): "statefulsets",
    ("apps", "DaemonSet"): "daemonsets",
    ("apps", "ReplicaSet"): "replicasets",
}
"""(group, Kind) a port-forward may name, and its resource."""


@dataclass(frozen=True, slots=True)
class SessionAccess:
    name: SessionName
    needs: tuple[tuple[str, str], ...]
    """(verb, subresource of pods) pairs the user must be allowed."""
    fits: frozenset[tuple[str, str]]
    """(group, Kind) of the objects the session opens on."""
    unfit: str
    """Why another kind does not fit; `{kind}` is its Kind."""

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in self.fits:
            return None
        return self.unfit.format(kind=resource.kind)

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        pod = address.name if address.resource.resource == "pods" else ""
        return [
            AccessCheck(verb, "", "pods", sub, namespace=address.namespace, name=pod)
            for verb, sub in self.needs
        ]


PODS = frozenset({("", "Pod")})
POD_ONLY = "Only a Pod has a terminal, not a {kind}."
SESSIONS: dict[str, SessionAccess] = {
    "exec": SessionAccess("exec", (("create", "exec"),), PODS, POD_ONLY),
    "debug": SessionAccess(
        "debug", (("patch", "ephemeralcontainers"), ("create", "exec")), PODS, POD_ONLY
    ),
    "port-forward": SessionAccess(
        "port-forward",
        (("create", "portforward"),),
        frozenset(FORWARDABLE),
        "A port-forward goes to a Pod, Service or workload, not a {kind}.",
    ),
}
