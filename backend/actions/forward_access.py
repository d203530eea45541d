"""The access a port-forward needs, answered by can-i next to the actions (contract §11).

A forward to a Pod, Service or workload opens streams to one of its pods: `create
pods/portforward` in the object's namespace. The port-forward routes ask the same check before
they listen, so a button the UI enables is one the backend will not refuse for that reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from backend.actions.address import ObjectAddress
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource

FORWARDABLE: Final = frozenset(
    {
        ("", "pods"),
        ("", "services"),
        ("apps", "deployments"),
        ("apps", "statefulsets"),
        ("apps", "daemonsets"),
        ("apps", "replicasets"),
    }
)


def forward_check(namespace: str, pod: str = "") -> AccessCheck:
    """`create pods/portforward` in `namespace` (on one pod when it is named)."""
    return AccessCheck("create", "", "pods", "portforward", namespace=namespace, name=pod)


@dataclass(frozen=True, slots=True)
class ForwardAccess:
    name: Literal["port-forward"] = "port-forward"

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.resource) in FORWARDABLE:
            return None
        return f"A port-forward goes to a Pod, Service or workload, not a {resource.kind}."

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        pod = address.name if address.resource.resource == "pods" else ""
        return [forward_check(address.namespace, pod)]
