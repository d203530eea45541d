"""A LabelSelector object (a workload's or a service's `spec.selector`) as the `labelSelector`
query text the API server reads, written as kubectl writes it."""

from __future__ import annotations

from typing import Any


def label_selector(selector: dict[str, Any]) -> str:
    """A LabelSelector (`matchLabels`, `matchExpressions`) as `labelSelector` query text."""
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for requirement in selector.get("matchExpressions") or ():
        key, operator = requirement.get("key", ""), requirement.get("operator", "")
        values = ",".join(sorted(requirement.get("values") or ()))
        parts.append(
            {
                "In": f"{key} in ({values})",
                "NotIn": f"{key} notin ({values})",
                "Exists": key,
                "DoesNotExist": f"!{key}",
            }.get(operator, key)
        )
    return ",".join(parts)
