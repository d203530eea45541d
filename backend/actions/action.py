"""What every action is: a name, its params, the kinds it fits, the access it needs, and a run.

The service does the common part in one order for all of them — params, cluster, kind, scope,
fit, access — so an action's `run` starts with a checked address on the right cluster and only
says what is special about it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from backend.actions.address import ObjectAddress, bad_field
from backend.actions.targets import ActionTarget
from backend.contract.actions import ActionName, ActionResult
from backend.contract.base import ActionParams
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.resources import ApiResource
from backend.masking import mask_secrets

P = TypeVar("P", bound=ActionParams)
M = TypeVar("M", bound=BaseModel)


class Action(ABC, Generic[P]):
    name: ActionName
    params_model: type[P]
    verb: ClassVar[str] = "patch"
    subresource: ClassVar[str] = ""

    def parse_params(self, raw: dict[str, Any]) -> P:
        """The params, or a 400 naming the first bad field (`params.replicas`)."""
        try:
            return self.params_model.model_validate(raw)
        except ValidationError as exc:
            raise validation_error("params", exc) from None

    @abstractmethod
    def unfit_for(self, resource: ApiResource) -> str | None:
        """Why this action makes no sense for `resource`'s kind (a sentence), or None."""

    def checks(self, address: ObjectAddress) -> list[AccessCheck]:
        """The access the user needs, asked before running (and for the UI's buttons): by
        default `verb` on the object (or its `subresource`)."""
        r = address.resource
        return [
            AccessCheck(
                self.verb, r.group, r.resource, self.subresource, address.namespace, address.name
            )
        ]

    @abstractmethod
    async def run(self, target: ActionTarget, address: ObjectAddress, params: P) -> ActionResult:
        """Do it against `target` only; raise `RegattaError` for anything a person must know."""

    def result(
        self, target: ActionTarget, address: ObjectAddress, message: str, **fields: Any
    ) -> ActionResult:
        """The answer; objects in it (`object`, `previous`) have their Secret values masked."""
        for name in ("object", "previous"):
            if isinstance(fields.get(name), dict):
                fields[name] = mask_secrets(fields[name])
        return ActionResult(
            action=self.name,
            cluster_id=target.cluster_id,
            cluster_name=target.cluster_name,
            ref=address.ref,
            message=message,
            **fields,
        )


def parse_body(model: type[M], body: Any, shape: str) -> M:
    """`body` as the HTTP layer decoded it (backend/http/body.py), as `model`; a 400 showing
    `shape` when it is no JSON object, else naming the first bad field."""
    if not isinstance(body, dict):
        raise RegattaError(400, "bad_request", f"The body must be {shape}.")
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise validation_error("", exc) from None


def validation_error(prefix: str, exc: ValidationError) -> Exception:
    """A pydantic error as the contract's 400, naming the field by its wire path."""
    first = exc.errors()[0]
    field = ".".join(p for p in [prefix, *(str(p) for p in first["loc"])] if p)
    message = str(first["msg"])
    if first["type"] == "extra_forbidden":
        message = "is not a known parameter"
    elif first["type"] == "missing":
        message = "is required"
    else:
        detail = message.rstrip(".")
        message = f"is invalid: {detail[:1].lower()}{detail[1:]}" if detail else "is invalid"
    return bad_field(field, message)
