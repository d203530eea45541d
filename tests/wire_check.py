"""Check that a payload is exactly what its contract model declares.

A model validates what it knows and ignores the rest, and fills in defaults; so a payload is
checked by validating it and writing it back: any extra, missing or differently typed field
makes the two differ.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


def assert_wire(model: type[BaseModel], payload: Any) -> None:
    """Fail, naming the fields, unless `payload` is exactly a `model` on the wire."""
    written = model.model_validate(payload).model_dump(mode="json", by_alias=True)
    if written != payload:
        extra = sorted(set(payload) - set(written))
        missing = sorted(set(written) - set(payload))
        changed = sorted(k for k in set(written) & set(payload) if written[k] != payload[k])
        raise AssertionError(
            f"{model.__name__}: extra {extra}, missing {missing}, differing {changed} in {payload}"
        )
