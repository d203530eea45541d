"""An action that is one merge patch of the object, fit for a fixed set of kinds.

`pause`/`resume` and `restart` differ only in the kinds, the patch and the sentence; the fit
check, the access check (patch on the object), the uid-guarded patch and the result are this.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, ClassVar

from backend.actions.action import Action
from backend.actions.address import ObjectAddress
from backend.actions.patching import patch_object
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionResult, NoParams
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource


class PatchAction(Action[NoParams]):
    params_model = NoParams
    kinds: ClassVar[frozenset[tuple[str, str]]]
    """(group, kind) pairs the action fits."""

    @abstractmethod
    def unfit_reason(self, resource: ApiResource) -> str:
        """Why `resource` is not one of `kinds`, as the person reads it."""

    @abstractmethod
    def patch(self, address: ObjectAddress) -> dict[str, Any]: ...

    @abstractmethod
    def said(self, address: ObjectAddress, cluster_name: str) -> str:
        """The result's message once the patch is applied."""

    def unfit_for(self, resource: ApiResource) -> str | None:
        if (resource.group, resource.kind) in self.kinds:
            return None
        return self.unfit_reason(resource)

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        r = address.resource
        return [AccessCheck("patch", r.group, r.resource, "", address.namespace, address.name)]

    async def run(
        self, target: ActionTarget, address: ObjectAddress, params: NoParams
    ) -> ActionResult:
        answer = await patch_object(target, address, self.patch(address))
        return self.result(target, address, self.said(address, target.cluster_name), object=answer)
