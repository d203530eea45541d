"""The rows of every snapshot domain (contract §6): one model per row kind.

These models are the one declaration of a row's wire fields: the catalog's slim rows read their
field names from here (`objectcatalog.rows.codec.RowBase`), the TypeScript types are generated
from here, and the conformance test validates real answers against them. The server builds the
page's dicts straight from the slim rows, never through these models (the hot path).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from typing_extensions import TypeAliasType

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.details import (
    KindFacts,
    ObjectCondition,
    ObjectSummary,
    OwnerReference,
    RelatedObject,
)
from backend.contract.helm import HelmReleaseDetail, HelmReleaseItem

ClusterPartStatus = Literal[
    "ready", "loading", "stale", "forbidden", "unreachable", "timeout", "error"
]

RUN_FIELDS = frozenset({"cluster_id", "cluster_name", "group", "version", "kind", "stale"})
"""Item fields that come from the row's cluster part and cache, not from the row itself."""

MetricsStatus = Literal["available", "unavailable", "forbidden"]
"""Whether a cluster's part has usage figures (contract §12): `unavailable` when the cluster
serves no metrics.k8s.io (or it fails), `forbidden` when the user may not read it."""

METRIC_FIELDS = frozenset(
    {
        "cpu_millicores",
        "memory_bytes",
        "cpu_request_percent",
        "cpu_limit_percent",
        "memory_request_percent",
        "memory_limit_percent",
        "cpu_percent",
        "memory_percent",
    }
)
"""Item fields joined from the metrics cache (`backend.metrics`) when a page is cut; null where
the cluster has no metrics or the object none yet."""


def metric_wire_names(model: type[ContractModel]) -> tuple[str, ...]:
    """The wire names of `model`'s joined usage fields (empty for kinds without usage)."""
    fields = model.model_fields
    return tuple(fields[n].alias or n for n in fields if n in METRIC_FIELDS)


class ObjectItem(ClusterModel):
    """A row of any kind: what every list row carries, and all a kind without its own table
    (a custom resource, say) has."""

    group: str
    version: str
    kind: str
    namespace: str
    """"" for cluster-scoped objects."""
    name: str
    uid: str
    created_at: str
    stale: bool = False
    """True when the row is the last good data of a cluster that is failing now."""


class NamespaceItem(ObjectItem):
    phase: str


class NodeItem(ObjectItem):
    status: Literal["Ready", "NotReady"]
    ready: str
    """The Ready condition's status: "True", "False" or "Unknown"."""
    roles: list[str]
    kubelet_version: str
    cpu_capacity: str
    memory_capacity: str
    unschedulable: bool
    cpu_allocatable_millicores: float | None
    memory_allocatable_bytes: int | None
    cpu_millicores: float | None = None
    memory_bytes: int | None = None
    cpu_percent: float | None = None
    """Usage of allocatable, in percent."""
    memory_percent: float | None = None


class PodItem(ObjectItem):
    phase: str
    status: str
    ready: str
    """Ready containers of all containers: "1/2"."""
    restarts: int
    node: str
    owner_kind: str
    owner_name: str
    labels: dict[str, str]
    cpu_request_millicores: float | None
    """Sum over the containers; null when none sets it."""
    cpu_limit_millicores: float | None
    memory_request_bytes: int | None
    memory_limit_bytes: int | None
    cpu_millicores: float | None = None
    memory_bytes: int | None = None
    cpu_request_percent: float | None = None
    cpu_limit_percent: float | None = None
    memory_request_percent: float | None = None
    memory_limit_percent: float | None = None


class WorkloadItem(ObjectItem):
    """A workload's row, with the usage of its pods."""

    cpu_millicores: float | None = None
    """Sum over the workload's pods."""
    memory_bytes: int | None = None


class DeploymentItem(WorkloadItem):
    replicas: int
    ready: str
    ready_replicas: int
    up_to_date: int
    available: int


class StatefulSetItem(WorkloadItem):
    replicas: int
    ready: str
    ready_replicas: int
    current: int
    up_to_date: int


class DaemonSetItem(WorkloadItem):
    desired: int
    current: int
    ready: int
    up_to_date: int
    available: int


class ReplicaSetItem(WorkloadItem):
    desired: int
    current: int
    ready: int
    owner_kind: str
    owner_name: str


class JobItem(WorkloadItem):
    completions: str
    """Succeeded of wanted completions: "1/1"."""
    succeeded: int
    failed: int
    active: int
    start_time: str | None
    completion_time: str | None
    owner_kind: str
    owner_name: str


class CronJobItem(ObjectItem):
    schedule: str
    suspend: bool
    active: int
    last_schedule: str | None


class ServiceItem(ObjectItem):
    type: str
    cluster_ip: str = Field(alias="clusterIP")
    ports: str
    """kubectl's PORT(S) column: "80/TCP,443:30443/TCP"."""
    selector: dict[str, str]


class IngressItem(ObjectItem):
    class_name: str
    hosts: list[str]
    address: str


class ConfigMapItem(ObjectItem):
    keys: int


class SecretItem(ObjectItem):
    type: str
    keys: int


class PersistentVolumeClaimItem(ObjectItem):
    status: str
    volume: str
    capacity: str
    access_modes: str
    storage_class: str


class PersistentVolumeItem(ObjectItem):
    capacity: str
    access_modes: str
    reclaim_policy: str
    status: str
    claim: str
    """"<namespace>/<name>" of the bound claim, or ""."""
    storage_class: str


class StorageClassItem(ObjectItem):
    provisioner: str
    reclaim_policy: str
    volume_binding_mode: str
    is_default: bool


class RoleItem(ObjectItem):
    """A Role or ClusterRole."""

    rules: int


class RoleBindingItem(ObjectItem):
    """A RoleBinding or ClusterRoleBinding."""

    role_kind: str
    role_name: str
    subjects: list[str]
    """"Kind/name", or "Kind/namespace/name" for ServiceAccounts."""


class InvolvedObject(ContractModel):
    """What an event is about; `apiVersion` as the event names it ("apps/v1", "v1")."""

    api_version: str
    kind: str
    name: str
    namespace: str
    uid: str


class EventItem(ObjectItem):
    type: str
    reason: str
    message: str
    count: int
    involved_object: InvolvedObject
    timestamp: str
    """The event's own time (eventTime, series, lastTimestamp, else creation)."""


class CustomResourceDefinitionItem(ObjectItem):
    spec_group: str
    """The group of the resource the CRD defines (its own `group` is apiextensions.k8s.io)."""
    spec_kind: str
    plural: str
    scope: str
    versions: list[str]
    """The served versions."""
    established: bool


class ClusterOverviewItem(ClusterModel):
    """`cluster-overview`: one summary row per cluster."""

    name: str
    namespace: str
    version: str | None = None
    """The cluster's Kubernetes version (from the health probe)."""
    nodes_ready: int = 0
    nodes_total: int = 0
    nodes_visible: bool = False
    """False when the user may not list nodes (or the cluster failed)."""
    pod_phases: dict[str, int] = Field(default_factory=dict)
    pods_total: int = 0
    warning_events: int = 0
    namespaces: int = 0
    metrics: MetricsStatus | None = None
    cpu_capacity_millicores: float | None = None
    """Sums over the nodes (capacity, allocatable) and the pods that are not finished
    (requests, limits); usage is metrics-server's, null without it."""
    memory_capacity_bytes: int | None = None
    cpu_allocatable_millicores: float | None = None
    memory_allocatable_bytes: int | None = None
    cpu_requests_millicores: float | None = None
    memory_requests_bytes: int | None = None
    cpu_limits_millicores: float | None = None
    memory_limits_bytes: int | None = None
    cpu_usage_millicores: float | None = None
    memory_usage_bytes: int | None = None
    status: ClusterPartStatus
    message: str | None
    stale: bool


class ObjectDetailsItem(ClusterModel):
    """`object-details`: the facts of one object, fetched on demand (Secret values masked)."""

    namespace: str
    name: str
    uid: str
    created_at: str
    resource_version: str
    labels: dict[str, str]
    annotations: dict[str, str]
    owner_references: list[OwnerReference]
    conditions: list[ObjectCondition]
    summary: ObjectSummary
    facts: KindFacts | None = None
    """The kind's facts, typed (None for kinds without a layout of their own)."""
    related: list[RelatedObject] = Field(default_factory=list)
    """Owners, owned objects and links (pods of a workload, a node's pods, PVC ↔ PV, …)."""
    related_notes: list[str] = Field(default_factory=list)
    """Why `related` may be incomplete (a kind this cluster has not listed, or may not list)."""


class ObjectYamlItem(ClusterModel):
    """`object-yaml`: the object as YAML without managedFields (Secret values masked)."""

    namespace: str
    name: str
    uid: str
    resource_version: str
    yaml: str
    yaml_with_managed_fields: str = ""
    """The same object with `metadata.managedFields` (shown on request, never edited)."""
    masked: bool


class ContainerUsage(ContractModel):
    name: str
    cpu_millicores: float | None
    memory_bytes: int | None


class UsageSample(ContractModel):
    at: str
    """When the poll that read it ended (RFC 3339)."""
    cpu_millicores: float | None
    memory_bytes: int | None
    containers: list[ContainerUsage]
    """A pod's containers; empty for a node."""


class ObjectMetricsItem(ClusterModel):
    """`object-metrics`: the last minutes of a pod's or node's usage, for its chart. Asking
    keeps it recorded (one sample per poll, `resolutionSeconds` apart)."""

    kind: str
    namespace: str
    name: str
    metrics: MetricsStatus
    resolution_seconds: float
    samples: list[UsageSample]


SnapshotItem = TypeAliasType(
    "SnapshotItem",
    NamespaceItem
    | NodeItem
    | PodItem
    | DeploymentItem
    | StatefulSetItem
    | DaemonSetItem
    | ReplicaSetItem
    | JobItem
    | CronJobItem
    | ServiceItem
    | IngressItem
    | ConfigMapItem
    | SecretItem
    | PersistentVolumeClaimItem
    | PersistentVolumeItem
    | StorageClassItem
    | RoleItem
    | RoleBindingItem
    | EventItem
    | CustomResourceDefinitionItem
    | ObjectItem
    | ClusterOverviewItem
    | ObjectDetailsItem
    | ObjectYamlItem
    | ObjectMetricsItem
    | HelmReleaseItem
    | HelmReleaseDetail,
)
"""A row of any snapshot domain."""
