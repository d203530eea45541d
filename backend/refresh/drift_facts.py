"""The facts the drift view compares, read from one whole object: never a Secret's values."""

from __future__ import annotations

import json
from typing import Any


def facts_of(kind: str, obj: dict[str, Any]) -> dict[str, str]:
    facts: dict[str, str] = {}
    labels = (obj.get("metadata") or {}).get("labels") or {}
    facts["labels"] = ",".join(f"{k}={v}" for k, v in sorted(labels.items()))
    if kind in ("ConfigMap", "Secret"):
        keys = {
            *(obj.get("data") or {}),
            *(obj.get("binaryData") or {}),
            *(obj.get("stringData") or {}),
        }
        facts["keys"] = ",".join(sorted(keys))
        return facts
    spec = obj.get("spec") or {}
    if kind != "DaemonSet":
        facts["replicas"] = str(spec.get("replicas", 1))
    pod = ((spec.get("template") or {}).get("spec")) or {}
    for container in pod.get("containers") or []:
        name = container.get("name", "?")
        facts[f"image/{name}"] = str(container.get("image", ""))
        resources = container.get("resources") or {}
        if resources:
            facts[f"resources/{name}"] = json.dumps(
                resources, sort_keys=True, separators=(",", ":")
            )
        env = sorted(e.get("name", "") for e in container.get("env") or [])
        facts[f"env/{name}"] = ",".join(env)
    return facts


def differing(cells: list[dict[str, str]]) -> list[str]:
    """Fact names whose text is not the same in every cell (absent counts as a value)."""
    names = sorted({n for cell in cells for n in cell})
    return [n for n in names if len({cell.get(n) for cell in cells}) > 1]
