"""msgspec wire types of metrics.k8s.io/v1beta1 PodMetricsList and NodeMetricsList."""

from __future__ import annotations

import msgspec


class _Meta(msgspec.Struct):
    name: str = ""
    namespace: str = ""


class UsageWire(msgspec.Struct):
    cpu: str | None = None
    memory: str | None = None


class ContainerMetricsWire(msgspec.Struct):
    name: str = ""
    usage: UsageWire | None = None


class PodMetricsWire(msgspec.Struct):
    metadata: _Meta | None = None
    containers: list[ContainerMetricsWire] | None = None


class NodeMetricsWire(msgspec.Struct):
    metadata: _Meta | None = None
    usage: UsageWire | None = None


class PodMetricsListWire(msgspec.Struct):
    items: list[PodMetricsWire] | None = None


class NodeMetricsListWire(msgspec.Struct):
    items: list[NodeMetricsWire] | None = None


pod_list_decoder = msgspec.json.Decoder(PodMetricsListWire)
node_list_decoder = msgspec.json.Decoder(NodeMetricsListWire)
