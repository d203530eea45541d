"""Secret values are masked in every object the backend hands out, as `kubectl describe` hides them.

A value shown on screen can end up in a screenshot or a paste, so whole objects (the details and
YAML views, the objects in action answers) pass through `mask_secrets` first. Whether an object is
a Secret is read from the object as the API server served it — its own `kind`, and in a list each
item's — never from the kind a request named: a request that names one kind can be answered
with another (a collection, when a name was dropped from the path).

Masked: every value of `data` and `stringData`, and the `last-applied-configuration` annotation
(it holds the whole Secret as `kubectl apply` sent it). Keys stay visible.
"""

from __future__ import annotations

from typing import Any

MASK = "••••••"
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
SECRET = "Secret"
SECRET_LIST = "SecretList"
_VALUE_FIELDS = ("data", "stringData")


def mask_secrets(obj: dict[str, Any]) -> dict[str, Any]:
    """`obj` with every Secret in it masked: a copy if it holds one, else `obj` (never mutated)."""
    kind = obj.get("kind")
    if kind == SECRET:
        return _masked_secret(obj)
    items = obj.get("items")
    if isinstance(kind, str) and kind.endswith("List") and isinstance(items, list):
        # Items of a typed list (`SecretList`) carry no `kind` of their own.
        mask = _masked_secret if kind == SECRET_LIST else mask_secrets
        masked = [mask(i) if isinstance(i, dict) else i for i in items]
        if kind == SECRET_LIST or any(m is not i for m, i in zip(masked, items, strict=True)):
            return {**obj, "items": masked}
    return obj


def holds_secrets(obj: dict[str, Any]) -> bool:
    """True when `mask_secrets` masks something in `obj` (the views' `masked` flag)."""
    return mask_secrets(obj) is not obj


def _masked_secret(secret: dict[str, Any]) -> dict[str, Any]:
    masked = dict(secret)
    for field in _VALUE_FIELDS:
        values = secret.get(field)
        if isinstance(values, dict):
            masked[field] = dict.fromkeys(values, MASK)
        elif values is not None:
            masked[field] = MASK
    metadata = secret.get("metadata")
    if isinstance(metadata, dict):
        annotations = metadata.get("annotations")
        if isinstance(annotations, dict) and LAST_APPLIED in annotations:
            masked["metadata"] = {
                **metadata,
                "annotations": {**annotations, LAST_APPLIED: MASK},
            }
    return masked
