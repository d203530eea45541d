"""Port-forwards (contract §11): create, list and stop them; follow pods and cluster selection.

A forward belongs to exactly the cluster of its `ref.clusterId`. Before it listens, the user's
right to `create pods/portforward` in the namespace is asked (a clear 403 rather than connections
that die one by one), and the object is resolved to a ready pod. The catalog's pod changes tell a
forward that its pod went away (no watch of its own); the client pool tells the service that a
cluster was deselected, which stops that cluster's forwards. Every change is offered to
subscribers (the catalog stream's `event: port-forward`), so the UI never polls.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from backend.actions import failures
from backend.actions.action import parse_body
from backend.actions.address import bad_field, check_ref
from backend.actions.limits import ACCESS_TTL_S
from backend.actions.protection import ClusterProtection
from backend.actions.session_access import FORWARDABLE
from backend.actions.targets import TargetResolver
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.contract.portforward import (
    PortForward,
    PortForwardEvent,
    PortForwardList,
    PortForwardRequest,
)
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.errors import ApiError, Unreachable
from backend.listeners import Callbacks
from backend.objectcatalog.changes import CatalogChange
from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.registry import CatalogRegistry
from backend.objectcatalog.store import ChangeType
from backend.sessions import limits
from backend.sessions.portforward_forward import Forward
from backend.sessions.portforward_target import NoReadyPod, TargetReader

log = logging.getLogger(__name__)

ForwardListener = Callable[[PortForwardEvent], None]


def parse_request(body: Any) -> PortForwardRequest:
    shape = '{"ref": {...}, "remotePort": N, "localPort": N}'
    request = parse_body(PortForwardRequest, body, shape)
    ref = check_ref(request.ref)
    if (ref.group, ref.kind) not in FORWARDABLE:
        raise bad_field(
            "ref.kind",
            f"is {ref.kind} in group `{ref.group}`; a forward goes to a Pod, Service, Deployment, "
            "StatefulSet, DaemonSet or ReplicaSet",
        )
    if not ref.namespace:
        raise bad_field("ref.namespace", f"must be set: {ref.kind} is namespaced")
    return request


class PortForwardService:
    """Every forward of the app, by id."""

    def __init__(self, clusters: ClusterService, catalogs: CatalogRegistry) -> None:
        self._clusters = clusters
        self._targets = TargetResolver(clusters)
        self._protection = ClusterProtection(clusters)
        self._forwards: dict[str, Forward] = {}
        self._listeners = Callbacks[[PortForwardEvent]]()
        self._unsubscribe = catalogs.subscribe(self._on_catalog_changes)

    # --- the routes' operations ----------------------------------------------------------------

    async def create(self, body: Any) -> PortForward:
        request = parse_request(body)
        ref = request.ref
        target = self._targets.resolve(ref.cluster_id)
        self._protection.admit(target.cluster_id, "port-forward")
        if len(self._forwards) >= limits.MAX_PORT_FORWARDS:
            raise RegattaError(
                429,
                "too_many_forwards",
                f"{limits.MAX_PORT_FORWARDS} forwards are open; stop one to start another.",
            )
        pod_name = ref.name if ref.kind == "Pod" else ""
        check = AccessCheck("create", "", "pods", "portforward", ref.namespace, pod_name)
        try:
            answer = await target.api.access.review(check, ACCESS_TTL_S)
            if not answer.allowed:
                raise failures.forbidden(target, check, answer.reason)
            reader = TargetReader(target.api.transport, ref, request.remote_port)
            pod = await reader.resolve()
        except NoReadyPod as exc:
            raise RegattaError(
                409,
                "no_ready_pod",
                f"{exc} on cluster {target.cluster_name}; nothing to forward to yet.",
                clusterId=ref.cluster_id,
            ) from None
        except Unreachable as exc:
            raise failures.unreachable(target, exc) from None
        except ApiError as exc:
            raise failures.refused(target, exc, "the forward") from None
        forward = Forward(
            secrets.token_hex(8), target, reader, self._clusters.health, pod, self._changed
        )
        try:
            await forward.listen(request.local_port or 0)
        except OSError as exc:
            raise _bind_error(request.local_port or 0, exc) from None
        self._forwards[forward.id] = forward
        self._changed(forward)
        log.info("port-forward %s: 127.0.0.1:%s → %s", forward.id, forward.local_port, pod.label)
        return forward.view()

    def listing(self) -> PortForwardList:
        return PortForwardList(items=self.current())

    def current(self) -> list[PortForward]:
        return [forward.view() for forward in self._forwards.values()]

    async def stop(self, forward_id: str) -> None:
        forward = self._forwards.pop(forward_id, None)
        if forward is None:
            raise RegattaError(
                404, "not_found", f"No port-forward has the id `{forward_id}`.", id=forward_id
            )
        await self._end(forward)

    # --- followers -----------------------------------------------------------------------------

    def subscribe(self, listener: ForwardListener) -> Callable[[], None]:
        """`listener` gets every change of every forward; returns the unsubscribe."""
        return self._listeners.add(listener)

    async def on_added(self, cluster: ClusterHandle) -> None:
        pass

    async def on_removed(self, cluster_id: str) -> None:
        """The cluster was deselected: its forwards stop."""
        ended = [f for f in self._forwards.values() if f.target.cluster_id == cluster_id]
        for forward in ended:
            del self._forwards[forward.id]
        await asyncio.gather(*(self._end(f) for f in ended))

    async def close(self) -> None:
        """App shutdown: every listener and stream closed."""
        self._unsubscribe()
        ended = list(self._forwards.values())
        self._forwards.clear()
        await asyncio.gather(*(f.close() for f in ended))

    async def _end(self, forward: Forward) -> None:
        await forward.close()
        self._publish(PortForwardEvent(type="removed", forward=forward.view()))

    def _changed(self, forward: Forward) -> None:
        if self._forwards.get(forward.id) is forward:
            self._publish(PortForwardEvent(type="updated", forward=forward.view()))

    def _publish(self, event: PortForwardEvent) -> None:
        self._listeners.tell(event)

    def _on_catalog_changes(self, changes: Sequence[CatalogChange]) -> None:
        if not self._forwards:
            return
        for change in changes:
            if change.kind_key != PODS:
                continue
            deleted = change.type is ChangeType.DELETED
            for forward in list(self._forwards.values()):
                if forward.target.cluster_id == change.cluster_id:
                    forward.pod_changed(change.namespace, change.name, deleted)


def _bind_error(port: int, exc: OSError) -> RegattaError:
    if exc.errno == errno.EADDRINUSE:
        return RegattaError(
            409,
            "port_in_use",
            f"Port {port} on 127.0.0.1 is already in use; choose another or leave it empty.",
            localPort=port,
            field="localPort",
        )
    return RegattaError(
        400,
        "bad_request",
        f"`localPort` {port} cannot be listened on: {exc.strerror or exc}.",
        field="localPort",
    )
