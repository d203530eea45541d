"""Port-forward payloads (contract §11): the request, a forward, the list, the stream frame."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from backend.contract.base import ContractModel
from backend.contract.snapshots import ObjectRef

ForwardStatus = Literal["active", "reconnecting", "failed"]
ForwardChange = Literal["updated", "removed"]


class PortForwardRequest(ContractModel):
    """`POST /api/v1/port-forwards`. For a Service `remotePort` is the service port; for a Pod or a
    workload the container port. `localPort` null, absent or 0: a free port."""

    model_config = ConfigDict(extra="forbid")

    ref: ObjectRef
    remote_port: int = Field(ge=1, le=65535)
    local_port: int | None = Field(default=None, ge=0, le=65535)


class PortForward(ContractModel):
    """One forward: 127.0.0.1:`localPort` → `remotePort` of `ref` (through the pod `pod`)."""

    id: str
    cluster_id: str
    cluster_name: str
    ref: ObjectRef
    remote_port: int
    local_port: int
    pod: str
    """`<namespace>/<name>` of the pod connections go to; while `reconnecting`, the one that went
    away."""
    status: ForwardStatus
    message: str | None
    """Why it is reconnecting or failed, or what the last connection met (a frozen cluster)."""
    connections: int
    """TCP connections open through the forward now."""


class PortForwardList(ContractModel):
    """`GET /api/v1/port-forwards`."""

    items: list[PortForward]


class PortForwardEvent(ContractModel):
    """`event: port-forward` of the catalog stream: a forward was created or changed (`updated`),
    or stopped (`removed`: by DELETE, or its cluster was deselected)."""

    type: ForwardChange
    forward: PortForward
