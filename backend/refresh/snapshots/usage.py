"""Usage joined onto snapshot rows (contract §12): pods, nodes, workloads and the overview.

A part of a usage-carrying domain holds a `PartUsage` — the cluster's metrics reading, plus the
workloads' sums over their pods — and the page's rows get their figures when they become dicts;
sorting by a usage column reads the same figures (the run is re-sorted when the reading changes).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from backend.clusters.identity import ObjectTail
from backend.contract.items import (
    METRIC_FIELDS,
    ContainerUsage,
    MetricsStatus,
    ObjectMetricsItem,
    UsageSample,
    metric_wire_names,
)
from backend.errors import bad_request
from backend.metrics.cluster import ClusterMetrics
from backend.metrics.limits import POLL_INTERVAL_S
from backend.metrics.usage import MetricsView, PodUsage, Usage
from backend.objectcatalog.rows import Row

USAGE_DOMAINS = frozenset({"pods", "nodes", "workloads"})
WORKLOAD_KINDS = frozenset({"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"})
METRIC_WIRE_NAMES = frozenset(
    "".join(w if i == 0 else w.title() for i, w in enumerate(n.split("_"))) for n in METRIC_FIELDS
)

NO_USAGE = Usage(None, None)


@dataclass(frozen=True)
class PartUsage:
    """What one cluster's part joins: the metrics reading, and the workloads' sums."""

    status: MetricsStatus
    version: Hashable
    view: MetricsView
    workloads: dict[tuple[str, str, str], Usage] = field(default_factory=dict)
    """(kind, namespace, name) → the sum over the workload's pods."""


def _percent(used: float | int | None, of: float | int | None) -> float | None:
    if used is None or not of:
        return None
    return round(100.0 * used / of, 1)


def pod_fields(row: Any, usage: PodUsage | None) -> dict[str, Any]:
    total = usage.total if usage is not None else NO_USAGE
    res = row.shape.resources
    cpu, memory = total.cpu_millicores, total.memory_bytes
    return {
        "cpuMillicores": cpu,
        "memoryBytes": memory,
        "cpuRequestPercent": _percent(cpu, res.cpu_request),
        "cpuLimitPercent": _percent(cpu, res.cpu_limit),
        "memoryRequestPercent": _percent(memory, res.memory_request),
        "memoryLimitPercent": _percent(memory, res.memory_limit),
    }


def node_fields(row: Any, usage: Usage | None) -> dict[str, Any]:
    used = usage or NO_USAGE
    return {
        "cpuMillicores": used.cpu_millicores,
        "memoryBytes": used.memory_bytes,
        "cpuPercent": _percent(used.cpu_millicores, row.cpu_allocatable_millicores),
        "memoryPercent": _percent(used.memory_bytes, row.memory_allocatable_bytes),
    }


@cache
def _nulls(row_type: type) -> dict[str, None]:
    item = getattr(row_type, "ITEM", None)
    return dict.fromkeys(metric_wire_names(item)) if item is not None else {}


def usage_fields(kind: str, row: Row, usage: PartUsage | None) -> dict[str, Any]:
    """The row's usage columns (all null without a reading); {} for kinds without them."""
    nulls = _nulls(type(row))
    if not nulls or usage is None:
        return nulls
    if kind == "Pod":
        return pod_fields(row, usage.view.pods.get((row.namespace, row.name)))
    if kind == "Node":
        return node_fields(row, usage.view.nodes.get(row.name))
    used = usage.workloads.get((kind, row.namespace, row.name), NO_USAGE)
    return {"cpuMillicores": used.cpu_millicores, "memoryBytes": used.memory_bytes}


_TOTAL_ATTRIBUTES = {"cpuMillicores": "cpu_millicores", "memoryBytes": "memory_bytes"}


def usage_getter(
    kind: str, field_name: str, usage: PartUsage | None, nulls_low: bool = False
) -> Callable[[Row], Any]:
    """A sort key reader for a usage column of `kind`'s rows. Rows without usage sort last in
    both orders (`nulls_low` for descending): "highest CPU first" must not start with the
    clusters that have no metrics. CPU and memory are read straight from the reading (a sort
    reads every row of the run); the percentages go through `usage_fields`."""
    missing = float("-inf") if nulls_low else None
    attribute = _TOTAL_ATTRIBUTES.get(field_name)
    if usage is None:
        return lambda _row: missing
    if attribute is not None and kind == "Pod":
        pods = usage.view.pods

        def pod_value(row: Row) -> Any:
            used = pods.get((row.namespace, row.name))
            value = getattr(used.total, attribute) if used is not None else None
            return missing if value is None else value

        return pod_value
    if attribute is not None and kind == "Node":
        nodes = usage.view.nodes

        def node_value(row: Row) -> Any:
            used = nodes.get(row.name)
            value = getattr(used, attribute) if used is not None else None
            return missing if value is None else value

        return node_value

    def value_of(row: Row) -> Any:
        value = usage_fields(kind, row, usage).get(field_name)
        return missing if value is None else value

    return value_of


def workload_sums(
    view: MetricsView, pods: Iterable[Row], replicasets: Iterable[Row]
) -> dict[tuple[str, str, str], Usage]:
    """Usage per workload: each pod counts for its owner, and a ReplicaSet's pods also for the
    Deployment that owns the ReplicaSet."""
    deployment_of = {
        (rs.namespace, rs.name): getattr(rs, "owner_name", "")
        for rs in replicasets
        if getattr(rs, "owner_kind", "") == "Deployment"
    }
    cpu: dict[tuple[str, str, str], float] = {}
    memory: dict[tuple[str, str, str], int] = {}
    seen: set[tuple[str, str, str]] = set()
    for pod in pods:
        owner_kind = getattr(pod, "owner_kind", "")
        if owner_kind not in WORKLOAD_KINDS:
            continue
        used = view.pods.get((pod.namespace, pod.name))
        owners = [(owner_kind, pod.namespace, pod.owner_name)]  # type: ignore[attr-defined]
        if owner_kind == "ReplicaSet":
            deployment = deployment_of.get((pod.namespace, pod.owner_name))  # type: ignore[attr-defined]
            if deployment:
                owners.append(("Deployment", pod.namespace, deployment))
        for owner in owners:
            seen.add(owner)
            if used is None:
                continue
            if used.total.cpu_millicores is not None:
                cpu[owner] = cpu.get(owner, 0.0) + used.total.cpu_millicores
            if used.total.memory_bytes is not None:
                memory[owner] = memory.get(owner, 0) + used.total.memory_bytes
    return {
        owner: Usage(round(cpu[owner], 3) if owner in cpu else None, memory.get(owner))
        for owner in seen
    }


FINISHED_PHASES = frozenset({"Succeeded", "Failed"})
NODE_TOTALS = (
    "cpu_capacity_millicores",
    "memory_capacity_bytes",
    "cpu_allocatable_millicores",
    "memory_allocatable_bytes",
)
"""Node row fields summed into the `ClusterOverviewItem` fields of the same names."""


def _total(values: Iterable[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present), 3) if present else None


def cluster_totals(nodes: Iterable[Row], pods: Iterable[Row], view: MetricsView) -> dict[str, Any]:
    """The overview's capacity, allocatable, requests and limits (of pods not finished) and
    usage (metrics-server's node figures), as `ClusterOverviewItem` fields (bytes stay ints: the
    rows and readings hold them as ints)."""
    node_rows = list(nodes)
    res = [
        p.shape.resources  # type: ignore[attr-defined]
        for p in pods
        if getattr(p, "phase", "") not in FINISHED_PHASES
    ]
    used = list(view.nodes.values())
    return {
        **{field: _total(getattr(n, field, None) for n in node_rows) for field in NODE_TOTALS},
        "cpu_requests_millicores": _total(r.cpu_request for r in res),
        "memory_requests_bytes": _total(r.memory_request for r in res),
        "cpu_limits_millicores": _total(r.cpu_limit for r in res),
        "memory_limits_bytes": _total(r.memory_limit for r in res),
        "cpu_usage_millicores": _total(u.cpu_millicores for u in used),
        "memory_usage_bytes": _total(u.memory_bytes for u in used),
    }


def object_metrics(metrics: ClusterMetrics, tail: ObjectTail) -> dict[str, object]:
    """The `object-metrics` row of a pod or node: its recorded samples (a bad kind is a 400)."""
    if (tail.group, tail.kind) not in (("", "Pod"), ("", "Node")):
        raise bad_request(
            "bad_scope",
            f"`object-metrics` is about a Pod or a Node, not `{tail.kind}`.",
            kind=tail.kind,
        )
    view, samples = metrics.object_history((tail.kind, tail.namespace, tail.name))
    item = ObjectMetricsItem(
        cluster_id=metrics.catalog.cluster_id,
        cluster_name=metrics.catalog.cluster_name,
        kind=tail.kind,
        namespace=tail.namespace,
        name=tail.name,
        metrics=view.status,
        resolution_seconds=POLL_INTERVAL_S,
        samples=[
            UsageSample(
                at=s.at,
                cpu_millicores=s.total.cpu_millicores,
                memory_bytes=s.total.memory_bytes,
                containers=[
                    ContainerUsage(
                        name=n, cpu_millicores=u.cpu_millicores, memory_bytes=u.memory_bytes
                    )
                    for n, u in s.containers
                ],
            )
            for s in samples
        ],
    )
    return item.wire()
