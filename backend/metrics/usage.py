"""What one poll of a cluster's metrics holds: usage per pod (and container) and per node."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.contract.items import MetricsStatus
from backend.metrics.wire import NodeMetricsListWire, PodMetricsListWire, UsageWire
from backend.objectcatalog.rows.quantities import byte_count, millicores


@dataclass(frozen=True, slots=True)
class Usage:
    cpu_millicores: float | None
    memory_bytes: int | None


@dataclass(frozen=True, slots=True)
class PodUsage:
    total: Usage
    containers: tuple[tuple[str, Usage], ...]


@dataclass(frozen=True)
class MetricsView:
    """An immutable reading of one cluster's metrics; a new one replaces it after every poll.

    `version` changes whenever the figures or the status do, so snapshot versions, sorted runs
    and 304s follow the metrics as they follow the caches.
    """

    status: MetricsStatus
    version: int = 0
    pods: dict[tuple[str, str], PodUsage] = field(default_factory=dict)
    """(namespace, name) → usage."""
    nodes: dict[str, Usage] = field(default_factory=dict)
    message: str | None = None


def _usage(usage: UsageWire | None) -> Usage:
    return Usage(millicores(usage.cpu), byte_count(usage.memory)) if usage else Usage(None, None)


def _sum(parts: list[Usage]) -> Usage:
    cpus = [u.cpu_millicores for u in parts if u.cpu_millicores is not None]
    mems = [u.memory_bytes for u in parts if u.memory_bytes is not None]
    return Usage(
        round(sum(cpus), 3) if cpus else None,
        sum(mems) if mems else None,
    )


def pods_of(answer: PodMetricsListWire) -> dict[tuple[str, str], PodUsage]:
    pods: dict[tuple[str, str], PodUsage] = {}
    for item in answer.items or ():
        meta = item.metadata
        if meta is None:
            continue
        containers = tuple((c.name, _usage(c.usage)) for c in item.containers or ())
        pods[(meta.namespace, meta.name)] = PodUsage(_sum([u for _, u in containers]), containers)
    return pods


def nodes_of(answer: NodeMetricsListWire) -> dict[str, Usage]:
    return {
        item.metadata.name: _usage(item.usage)
        for item in answer.items or ()
        if item.metadata is not None
    }
