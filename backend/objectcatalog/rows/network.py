"""Service and Ingress rows."""

from __future__ import annotations

import msgspec

from backend.contract.items import IngressItem, ServiceItem
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows.codec import NamespacedRow, RowCodec, identity
from backend.objectcatalog.rows.wire import MetaWire


class _ServicePort(msgspec.Struct, rename="camel"):
    port: int | None = None
    protocol: str | None = None
    node_port: int | None = None


class _ServiceSpec(msgspec.Struct, rename="camel"):
    type: str | None = None
    cluster_ip: str | None = msgspec.field(default=None, name="clusterIP")
    ports: list[_ServicePort] | None = None
    selector: dict[str, str] | None = None


class ServiceWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _ServiceSpec | None = None


class ServiceRow(NamespacedRow, gc=False):
    ITEM = ServiceItem

    type: str
    cluster_ip: str
    ports: str  # kubectl's PORT(S) column: "80/TCP,443:30443/TCP"
    selector_pairs: tuple[tuple[str, str], ...]

    @property
    def selector(self) -> dict[str, str]:
        return dict(self.selector_pairs)


def _ports_text(ports: list[_ServicePort] | None) -> str:
    parts = []
    for p in ports or ():
        node = f":{p.node_port}" if p.node_port else ""
        parts.append(f"{p.port}{node}/{p.protocol or 'TCP'}")
    return ",".join(parts)


def build_service(obj: ServiceWire, intern: Interner) -> ServiceRow:
    spec = obj.spec or _ServiceSpec()
    selector = spec.selector
    return ServiceRow(
        *identity(obj.metadata, intern),
        intern[spec.type or "ClusterIP"],
        spec.cluster_ip or "",
        intern[_ports_text(spec.ports)],
        intern[tuple(sorted(selector.items()))] if selector else (),
    )


class _IngressRule(msgspec.Struct):
    host: str | None = None


class _IngressSpec(msgspec.Struct, rename="camel"):
    ingress_class_name: str | None = None
    rules: list[_IngressRule] | None = None


class _LoadBalancerIngress(msgspec.Struct):
    ip: str | None = None
    hostname: str | None = None


class _LoadBalancer(msgspec.Struct):
    ingress: list[_LoadBalancerIngress] | None = None


class _IngressStatus(msgspec.Struct, rename="camel"):
    load_balancer: _LoadBalancer | None = None


class IngressWire(msgspec.Struct):
    metadata: MetaWire | None = None
    spec: _IngressSpec | None = None
    status: _IngressStatus | None = None


class IngressRow(NamespacedRow, gc=False):
    ITEM = IngressItem

    class_name: str
    hosts: tuple[str, ...]
    address: str


def build_ingress(obj: IngressWire, intern: Interner) -> IngressRow:
    spec = obj.spec or _IngressSpec()
    hosts = tuple(rule.host for rule in spec.rules or () if rule.host)
    lb = obj.status.load_balancer if obj.status else None
    address = (
        ",".join(entry.ip or entry.hostname or "" for entry in (lb.ingress or ()) if lb)
        if lb
        else ""
    )
    return IngressRow(
        *identity(obj.metadata, intern),
        intern[spec.ingress_class_name or ""],
        intern[hosts],
        address,
    )


SERVICE_CODEC = RowCodec(ServiceWire, build_service)
INGRESS_CODEC = RowCodec(IngressWire, build_ingress)
