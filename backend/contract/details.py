"""Typed facts of one object per kind (`object-details` `facts`), its owner references,
conditions and related objects.

The Details tab renders these as tables: one model per kind family, told apart by `kind`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from backend.contract.base import ContractModel


class ContainerFacts(ContractModel):
    name: str
    image: str
    state: str
    """`running`, `waiting: CrashLoopBackOff`, `terminated: Completed (0)`, or `unknown`."""
    ready: bool
    restarts: int
    ports: list[str]
    """`8080/TCP (http)`."""
    requests: dict[str, str]
    limits: dict[str, str]
    probes: list[str]
    """`liveness: GET :8080/healthz`, one per probe the container declares."""


class VolumeFacts(ContractModel):
    name: str
    type: str
    """The volume source's field: `configMap`, `persistentVolumeClaim`, `emptyDir`, …"""
    source: str
    """What it names (a ConfigMap, a claim, a path), or empty."""


class PodFacts(ContractModel):
    kind: Literal["Pod"] = "Pod"
    phase: str
    node: str
    pod_ips: list[str]
    host_ip: str
    qos_class: str
    service_account: str
    containers: list[ContainerFacts]
    init_containers: list[ContainerFacts]
    volumes: list[VolumeFacts]


class ContainerImage(ContractModel):
    container: str
    image: str


class WorkloadFacts(ContractModel):
    kind: Literal["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"]
    strategy: str
    replicas: int | None
    """Desired (DaemonSet: desired number scheduled)."""
    ready: int
    updated: int
    available: int
    selector: dict[str, str]
    images: list[ContainerImage]
    paused: bool


class ServicePortFacts(ContractModel):
    name: str
    protocol: str
    port: int
    target_port: str
    node_port: int | None


class EndpointFacts(ContractModel):
    address: str
    ready: bool
    pod: str
    """The pod behind the address, or empty."""
    node: str


class ServiceFacts(ContractModel):
    kind: Literal["Service"] = "Service"
    type: str
    cluster_ips: list[str]
    external: list[str]
    """External IPs and load-balancer ingress addresses."""
    ports: list[ServicePortFacts]
    selector: dict[str, str]
    endpoints: list[EndpointFacts]


class IngressRuleFacts(ContractModel):
    host: str
    path: str
    backend: str
    """`service:port` (or a resource backend's kind/name)."""


class IngressFacts(ContractModel):
    kind: Literal["Ingress"] = "Ingress"
    class_name: str
    rules: list[IngressRuleFacts]
    tls_hosts: list[str]
    addresses: list[str]


class DataKeyFacts(ContractModel):
    key: str
    bytes: int
    binary: bool


class DataFacts(ContractModel):
    kind: Literal["ConfigMap", "Secret"]
    type: str
    keys: list[DataKeyFacts]


class TaintFacts(ContractModel):
    key: str
    value: str
    effect: str


class NodeAddressFacts(ContractModel):
    type: str
    address: str


class NodeFacts(ContractModel):
    kind: Literal["Node"] = "Node"
    capacity: dict[str, str]
    allocatable: dict[str, str]
    taints: list[TaintFacts]
    addresses: list[NodeAddressFacts]
    kubelet_version: str
    os_image: str
    kernel_version: str
    container_runtime: str
    architecture: str
    unschedulable: bool
    pod_cidrs: list[str]


class JobFacts(ContractModel):
    kind: Literal["Job"] = "Job"
    completions: int | None
    parallelism: int | None
    succeeded: int
    failed: int
    active: int
    started: str
    completed: str


class CronJobFacts(ContractModel):
    kind: Literal["CronJob"] = "CronJob"
    schedule: str
    time_zone: str
    suspend: bool
    concurrency_policy: str
    last_schedule: str
    last_successful: str
    active: list[str]


KindFacts = Annotated[
    PodFacts
    | WorkloadFacts
    | ServiceFacts
    | IngressFacts
    | DataFacts
    | NodeFacts
    | JobFacts
    | CronJobFacts,
    Field(discriminator="kind"),
]


class RelatedObject(ContractModel):
    """An object linked to the one shown, in the same cluster (the panel opens it there)."""

    relation: str
    """How it relates: `owner`, `owns`, `pod`, `replica set`, `job`, `endpoint slice`, `node`,
    `volume`, `claim`, `scale target`."""
    group: str
    version: str
    kind: str
    namespace: str
    name: str
    status: str
    """A word on its state where the catalog row has one (`Running`, `2/3`), else empty."""


class OwnerReference(ContractModel):
    """One of the object's `metadata.ownerReferences`."""

    api_version: str
    kind: str
    name: str
    uid: str
    controller: bool = False
    block_owner_deletion: bool = False


class ObjectCondition(ContractModel):
    """One of the object's `status.conditions`; what a custom resource leaves out is null."""

    type: str
    status: str
    reason: str | None = None
    message: str | None = None
    last_transition_time: str | None = None


class DeclaredPort(ContractModel):
    """A port a port-forward may name: a Service's port, or a port a container declares."""

    port: int
    protocol: str
    name: str | None = None
    container: str | None = None
    """The container declaring it (pods and workloads)."""
    target_port: str | None = None
    """A Service port's target: a number or a container port's name."""


class ObjectSummary(ContractModel):
    """What the panel's actions read (scale, cordon, port-forward, logs, terminal) and, for
    kinds without facts of their own, the spec's keys."""

    replicas: int | None = None
    """Desired replicas of a workload, or of a custom resource with a scale subresource."""
    unschedulable: bool | None = None
    """A Node's: cordoned or not."""
    containers: list[str] = Field(default_factory=list)
    init_containers: list[str] = Field(default_factory=list)
    ephemeral_containers: list[str] = Field(default_factory=list)
    ports: list[DeclaredPort] = Field(default_factory=list)
    spec_keys: list[str] = Field(default_factory=list)
