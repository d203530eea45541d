"""Which containers a log scope covers: `pod:<ns>/<pod>[/<container>]` or a workload's pods.

A pod scope without a container means every container of its spec (init and ephemeral
containers are left out, as `kubectl logs` does by default). A workload scope
(`object:apps/v1/Deployment/<ns>/<name>`; also StatefulSet, DaemonSet, ReplicaSet, batch Job, and
core Pod) means every container of every pod its label selector matches now. The answers come
straight from the API server (one GET, or a GET and a LIST), not from caches that may still be
loading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, TypeVar

import msgspec

from backend.clusters.identity import ObjectTail, PodTail, Scope, format_scope
from backend.contract.streams import SourceStatusKind
from backend.kube.errors import ApiError, Unreachable
from backend.kube.resources import resource_path
from backend.kube.selectors import label_selector
from backend.kube.transport import Transport
from backend.refresh.streams.merge import SourceKey

T = TypeVar("T")

WORKLOAD_RESOURCES: Final[dict[tuple[str, str], str]] = {
    ("apps", "Deployment"): "deployments",
    ("apps", "StatefulSet"): "statefulsets",
    ("apps", "DaemonSet"): "daemonsets",
    ("apps", "ReplicaSet"): "replicasets",
    ("batch", "Job"): "jobs",
}
"""(group, Kind) of the workloads whose pods a log scope may name, and their resource."""


@dataclass(frozen=True, slots=True)
class LogTarget:
    """One container's log, and the request scope that asked for it."""

    scope: str
    cluster_id: str
    cluster_name: str
    namespace: str
    pod: str
    container: str

    @property
    def key(self) -> SourceKey:
        """Merge order: ties break by clusterId, then pod, then container (contract §7)."""
        return (self.cluster_id, self.pod, self.container, self.namespace)

    @property
    def source(self) -> str:
        """How status events name it: the container's own scope."""
        return format_scope(
            self.cluster_id, PodTail(self.namespace, self.pod, self.container).format()
        )


class SourceError(Exception):
    """A scope's containers cannot be named, or a container's log not followed, now;
    `transient` failures are worth retrying, the others end the source."""

    def __init__(self, status: SourceStatusKind, message: str, transient: bool) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.transient = transient


# --- the few fields read -----------------------------------------------------------------------


class _Named(msgspec.Struct):
    """A pod's metadata, or one of its containers."""

    name: str = ""
    namespace: str = ""


class _State(msgspec.Struct):
    running: dict[str, object] | None = None


class _ContainerStatus(msgspec.Struct):
    name: str = ""
    state: _State | None = None


class _PodSpec(msgspec.Struct):
    containers: list[_Named] = msgspec.field(default_factory=list)


class _PodStatus(msgspec.Struct, rename="camel"):
    container_statuses: list[_ContainerStatus] = msgspec.field(default_factory=list)


class PodWire(msgspec.Struct):
    metadata: _Named = msgspec.field(default_factory=_Named)
    spec: _PodSpec = msgspec.field(default_factory=_PodSpec)
    status: _PodStatus = msgspec.field(default_factory=_PodStatus)

    def container_names(self) -> list[str]:
        return [c.name for c in self.spec.containers if c.name]

    def is_running(self, container: str) -> bool:
        """Whether `container` runs now (a follow that ended may be reopened)."""
        for status in self.status.container_statuses:
            if status.name == container:
                return status.state is not None and status.state.running is not None
        return False


class _PodList(msgspec.Struct):
    items: list[PodWire] = msgspec.field(default_factory=list)


_pod_decoder = msgspec.json.Decoder(PodWire)
_pod_list_decoder = msgspec.json.Decoder(_PodList)
_workload_decoder = msgspec.json.Decoder(dict[str, Any])


# --- resolving -----------------------------------------------------------------------------------


def check_log_scope(scope: Scope, text: str) -> None:
    """A 400-worthy problem with a scope as a log scope, raised as SourceError(transient=False)."""
    tail = scope.tail
    if not isinstance(tail, (PodTail, ObjectTail)):
        raise SourceError(
            "error",
            f"`{text}` is not a log scope: logs need `pod:<ns>/<pod>[/<container>]` or a "
            "workload `object:…` scope",
            False,
        )
    if isinstance(tail, ObjectTail) and (tail.group, tail.kind) not in (
        *WORKLOAD_RESOURCES,
        ("", "Pod"),
    ):
        raise SourceError(
            "error",
            f"`{text}` names a {tail.kind}; logs follow pods and the workloads that own them "
            "(Deployment, StatefulSet, DaemonSet, ReplicaSet, Job)",
            False,
        )
    if isinstance(tail, ObjectTail) and not tail.namespace:
        raise SourceError("error", f"`{text}` names no namespace", False)


async def resolve_targets(
    transport: Transport, scope: Scope, text: str, cluster_name: str, timeout_s: float
) -> list[LogTarget]:
    """The containers `scope` covers now; SourceError when they cannot be named."""
    tail = scope.tail
    if isinstance(tail, PodTail) and tail.container is not None:
        pods = [(tail.namespace, tail.pod, [tail.container])]
    elif isinstance(tail, PodTail) or (isinstance(tail, ObjectTail) and tail.kind == "Pod"):
        name = tail.pod if isinstance(tail, PodTail) else tail.name
        pod = await read_pod(transport, tail.namespace, name, timeout_s)
        if pod is None:
            raise SourceError("not_found", f"pod `{tail.namespace}/{name}` does not exist", False)
        pods = [(tail.namespace, name, pod.container_names())]
    else:
        assert isinstance(tail, ObjectTail)
        pods = [
            (pod.metadata.namespace, pod.metadata.name, pod.container_names())
            for pod in await _workload_pods(transport, tail, timeout_s)
        ]
    return [
        LogTarget(text, scope.cluster_id, cluster_name, namespace, pod_name, container)
        for namespace, pod_name, containers in pods
        for container in containers
    ]


async def _workload_pods(transport: Transport, tail: ObjectTail, timeout_s: float) -> list[PodWire]:
    """The pods the workload's label selector matches now, by name."""
    what = f"{tail.kind} `{tail.namespace}/{tail.name}`"
    resource = WORKLOAD_RESOURCES[(tail.group, tail.kind)]
    path = resource_path(tail.group, tail.version, resource, tail.namespace, tail.name)
    workload = await _read(transport, _workload_decoder, path, (), timeout_s, what)
    selector = label_selector((workload.get("spec") or {}).get("selector") or {})
    if not selector:
        raise SourceError("error", f"{what} has no selector", False)
    query = [("labelSelector", selector)]
    path = resource_path("", "v1", "pods", tail.namespace)
    what = f"the pods of `{tail.namespace}/{tail.name}`"
    found = await _read(transport, _pod_list_decoder, path, query, timeout_s, what)
    return sorted(found.items, key=lambda p: p.metadata.name)


async def read_pod(
    transport: Transport, namespace: str, pod: str, timeout_s: float
) -> PodWire | None:
    """The pod's spec and status; None if it does not exist."""
    path = resource_path("", "v1", "pods", namespace, pod)
    try:
        return await _read(transport, _pod_decoder, path, (), timeout_s, f"pod `{namespace}/{pod}`")
    except SourceError as exc:
        if exc.status == "not_found":
            return None
        raise


async def _read(
    transport: Transport,
    decoder: msgspec.json.Decoder[T],
    path: str,
    query: Sequence[tuple[str, str]],
    timeout_s: float,
    what: str,
) -> T:
    try:
        body = await transport.get(path, query, timeout_s=timeout_s)
    except Unreachable as exc:
        raise SourceError("unreachable", f"reading {what} failed: {exc}", True) from exc
    except ApiError as exc:
        if exc.forbidden:
            raise SourceError(
                "forbidden", f"reading {what} is forbidden: {exc.message}", False
            ) from exc
        if exc.not_found:
            raise SourceError("not_found", f"{what} does not exist", False) from exc
        raise SourceError("error", f"reading {what} failed: {exc}", exc.retryable) from exc
    try:
        return decoder.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError) as exc:
        raise SourceError("error", f"{what} could not be read: {exc}", False) from exc
