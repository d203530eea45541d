"""Payload shapes of the HTTP/SSE contract: the single source for the generated TypeScript types.

Every model that crosses the wire lives in one module of this package; `exported_models()` is all
of them, so `scripts/gen_types.py` emits each into `frontend/src/core/types.generated.ts`. Only
that script needs all of them: importing this package loads no other module of it, so start-up
loads just the models its first requests use (issue #20).
"""

from __future__ import annotations

import importlib
import pkgutil

from pydantic import BaseModel

from backend.contract.base import ContractModel
from backend.contract.health import Health


def exported_models() -> list[type[BaseModel]]:
    """The models defined in this package's modules, but not the bases that only configure their
    subclasses (no fields of their own: `ContractModel`, `ActionParams`)."""
    found: list[type[BaseModel]] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
                and (value.model_fields or not value.__subclasses__())
            ):
                found.append(value)
    return found


__all__ = ["ContractModel", "Health", "exported_models"]
