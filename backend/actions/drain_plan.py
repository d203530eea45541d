"""Which pods of a node a drain evicts, and why it leaves the others, as `kubectl drain` decides.

Skipped, each with its reason: mirror pods (the kubelet owns them; the API cannot evict them),
DaemonSet pods (their controller would run them on the node again at once), pods already being
deleted, and — unless asked — pods no controller manages (they would not come back) and pods with
emptyDir volumes (their data would be lost). Finished pods are always evicted: nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MIRROR_ANNOTATION = "kubernetes.io/config.mirror"


@dataclass(frozen=True, slots=True)
class PodPlan:
    namespace: str
    name: str
    uid: str
    skip_reason: str | None
    """None: evict it."""


def _controller(pod: dict[str, Any]) -> dict[str, Any] | None:
    for owner in pod.get("metadata", {}).get("ownerReferences") or ():
        if isinstance(owner, dict) and owner.get("controller"):
            return owner
    return None


def _empty_dir_volume(pod: dict[str, Any]) -> str | None:
    for volume in pod.get("spec", {}).get("volumes") or ():
        if isinstance(volume, dict) and "emptyDir" in volume:
            return str(volume.get("name", ""))
    return None


def plan_pod(pod: dict[str, Any], *, force: bool, delete_empty_dir_data: bool) -> PodPlan:
    metadata = pod.get("metadata", {})
    return PodPlan(
        namespace=str(metadata.get("namespace", "")),
        name=str(metadata.get("name", "")),
        uid=str(metadata.get("uid", "")),
        skip_reason=skip_reason(pod, force=force, delete_empty_dir_data=delete_empty_dir_data),
    )


def skip_reason(pod: dict[str, Any], *, force: bool, delete_empty_dir_data: bool) -> str | None:
    """Why a drain leaves `pod` where it is, or None to evict it."""
    metadata = pod.get("metadata", {})
    if MIRROR_ANNOTATION in (metadata.get("annotations") or {}):
        return "a mirror pod of a static pod: the node's kubelet owns it"
    if metadata.get("deletionTimestamp"):
        return "already being deleted"
    controller = _controller(pod)
    if controller is not None and controller.get("kind") == "DaemonSet":
        return f"managed by DaemonSet {controller.get('name', '')}, which runs it on every node"
    if pod.get("status", {}).get("phase") in ("Succeeded", "Failed"):
        return None
    if controller is None and not force:
        return "not managed by a controller, so it would not come back; set force to evict it"
    volume = _empty_dir_volume(pod)
    if volume is not None and not delete_empty_dir_data:
        return f"its emptyDir volume `{volume}` would be lost; set deleteEmptyDirData to evict it"
    return None
