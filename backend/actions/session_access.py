"""The access a pod's sessions need, answered by can-i next to the actions (contract §10).

`exec`: a terminal in one of the pod's containers (`create pods/exec`). `debug`: an ephemeral
debug container added to the pod and a terminal in it (`patch pods/ephemeralcontainers`, then
`create pods/exec`), as `kubectl debug` does. The terminal route itself runs them; these only
say whether the UI should offer them.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.actions.address import ObjectAddress
from backend.actions.forward_access import ForwardAccess
from backend.contract.actions import SessionName
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource


@dataclass(frozen=True, slots=True)
class SessionAccess:
    name: SessionName
    needs: tuple[tuple[str, str], ...]
    """(verb, subresource of pods) pairs the user must be allowed."""

    def unfit_for(self, resource: ApiResource) -> str | None:
        if resource.group == "" and resource.resource == "pods":
            return None
        return f"Only a Pod has a terminal, not a {resource.kind}."

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        return [
            AccessCheck(verb, "", "pods", sub, namespace=address.namespace, name=address.name)
            for verb, sub in self.needs
        ]


SESSIONS: dict[str, SessionAccess | ForwardAccess] = {
    "exec": SessionAccess("exec", (("create", "exec"),)),
    "debug": SessionAccess("debug", (("patch", "ephemeralcontainers"), ("create", "exec"))),
    "port-forward": ForwardAccess(),
}
