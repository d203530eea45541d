"""Which pod and container port a forward's connections go to, as `kubectl port-forward` picks.

A Pod is itself. A Service maps its service port to `targetPort` (a number, or a name looked up in
the chosen pod's container ports; absent means the same number) and picks a ready pod of its
selector. A Deployment, StatefulSet, DaemonSet or ReplicaSet picks a ready pod of its selector,
the port being a container port. The answers come from the API server (a GET and a LIST), never
from caches that may still be loading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from backend.actions.session_access import FORWARDABLE
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.errors import ApiError
from backend.kube.resources import resource_path
from backend.kube.selectors import label_selector
from backend.kube.transport import Transport
from backend.sessions import limits


@dataclass(frozen=True, slots=True)
class PodPort:
    """A pod and the container port number to open on it."""

    namespace: str
    pod: str
    port: int

    @property
    def label(self) -> str:
        return f"{self.namespace}/{self.pod}"


class NoReadyPod(Exception):
    """The selector matches no ready pod now (a forward waits for one, a new one is refused)."""


def is_ready(pod: dict[str, Any]) -> bool:
    """Running, not being deleted, and its Ready condition true."""
    if pod.get("metadata", {}).get("deletionTimestamp"):
        return False
    status = pod.get("status") or {}
    if status.get("phase") != "Running":
        return False
    return any(
        c.get("type") == "Ready" and c.get("status") == "True"
        for c in status.get("conditions") or ()
    )


def pick_ready(pods: list[dict[str, Any]], avoid: str | None = None) -> dict[str, Any] | None:
    """The oldest ready pod (name breaks ties), preferring any pod but `avoid` (the one that just
    went away, which may still look ready for a moment)."""
    ready = [p for p in pods if is_ready(p)]
    ready.sort(
        key=lambda p: (
            p["metadata"].get("name") == avoid,
            p["metadata"].get("creationTimestamp") or "",
            p["metadata"].get("name") or "",
        )
    )
    return ready[0] if ready else None


def service_port(service: dict[str, Any], port: int) -> int | str | None:
    """The `targetPort` of the service port `port` (a number or a container port name); None if
    the service has no such port."""
    for entry in (service.get("spec") or {}).get("ports") or ():
        if entry.get("port") == port:
            target = entry.get("targetPort")
            return port if target in (None, "", 0) else target
    return None


def container_port(pod: dict[str, Any], name: str) -> int | None:
    """The number of the pod's container port called `name`."""
    for container in (pod.get("spec") or {}).get("containers") or ():
        for entry in container.get("ports") or ():
            if entry.get("name") == name and isinstance(entry.get("containerPort"), int):
                number: int = entry["containerPort"]
                return number
    return None


@dataclass(frozen=True, slots=True)
class TargetReader:
    """Resolves one forward's ref to a `PodPort` on its cluster."""

    transport: Transport
    ref: ObjectRef
    remote_port: int

    @property
    def is_pod(self) -> bool:
        return self.ref.kind == "Pod"

    async def resolve(self, avoid: str | None = None) -> PodPort:
        """The pod to use now; `RegattaError` if the object is not usable, `NoReadyPod` if it has
        no ready pod, `KubeError` from the API server (403, unreachable)."""
        ref = self.ref
        resource = FORWARDABLE[(ref.group, ref.kind)]
        obj = await self._get(resource_path(ref.group, "v1", resource, ref.namespace, ref.name))
        if obj is None:
            raise RegattaError(
                404,
                "not_found",
                f"{ref.kind} {ref.namespace}/{ref.name} does not exist.",
                clusterId=ref.cluster_id,
                kind=ref.kind,
                namespace=ref.namespace,
                name=ref.name,
            )
        if self.is_pod:
            return PodPort(ref.namespace, ref.name, self.remote_port)
        spec = obj.get("spec") or {}
        target: int | str = self.remote_port
        if ref.kind == "Service":
            found = service_port(obj, self.remote_port)
            if found is None:
                ports = ", ".join(str(p.get("port")) for p in spec.get("ports") or ())
                raise RegattaError(
                    400,
                    "bad_request",
                    f"`remotePort` is not a port of Service {ref.namespace}/{ref.name} "
                    f"(its ports: {ports or 'none'}).",
                    field="remotePort",
                )
            target = found
            selector = label_selector({"matchLabels": spec.get("selector") or {}})
        else:
            selector = label_selector(spec.get("selector") or {})
        if not selector:
            raise RegattaError(
                409,
                "no_selector",
                f"{ref.kind} {ref.namespace}/{ref.name} selects no pods (it has no selector).",
                clusterId=ref.cluster_id,
            )
        listing = await self._get(
            resource_path("", "v1", "pods", ref.namespace), [("labelSelector", selector)]
        )
        pod = pick_ready((listing or {}).get("items") or [], avoid)
        if pod is None:
            raise NoReadyPod(f"{ref.kind} {ref.namespace}/{ref.name} has no ready pod")
        name = str(pod["metadata"]["name"])
        if isinstance(target, str):
            number = container_port(pod, target)
            if number is None:
                raise NoReadyPod(f"pod {ref.namespace}/{name} has no container port `{target}`")
            target = number
        return PodPort(ref.namespace, name, target)

    async def _get(
        self, path: str, query: list[tuple[str, str]] | None = None
    ) -> dict[str, Any] | None:
        try:
            body = await self.transport.get(
                path, query or (), timeout_s=limits.FORWARD_READ_TIMEOUT_S
            )
        except ApiError as exc:
            if exc.status == 404:
                return None
            raise
        decoded = msgspec.json.decode(body)
        return decoded if isinstance(decoded, dict) else {}
