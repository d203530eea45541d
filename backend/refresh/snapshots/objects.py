"""Single-object domains: `object-details`, `object-yaml`, `object-events`.

Whole objects are fetched on demand (never cached). Both views mask Secrets (`backend/masking.py`):
the YAML view is for reading, and a value shown there could end up in a screenshot or a paste.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from backend.clusters.identity import ObjectTail
from backend.contract.details import (
    DeclaredPort,
    ObjectCondition,
    ObjectSummary,
    OwnerReference,
)
from backend.contract.items import ObjectDetailsItem, ObjectYamlItem
from backend.kube.errors import ApiError, Unreachable
from backend.masking import holds_secrets, mask_secrets
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.indexes import involved_key
from backend.objectcatalog.rows.events import EventRow
from backend.refresh.snapshots.facts import kind_facts
from backend.refresh.snapshots.related import related_objects


async def object_details(catalog: ClusterCatalog, ref: ObjectTail) -> dict[str, object]:
    raw = await catalog.get_object(ref.group, ref.version, ref.kind, ref.namespace, ref.name)
    slices = await _endpoint_slices(catalog, raw) if raw.get("kind") == "Service" else []
    facts = kind_facts(raw, slices)  # sizes of Secret values only, never the values
    related = await related_objects(catalog, raw, slices)
    obj = mask_secrets(raw)
    meta = obj.get("metadata") or {}
    summary = summarize(obj)
    if summary.replicas is None:
        summary.replicas = await _scale_replicas(catalog, ref)
    return ObjectDetailsItem(
        cluster_id=catalog.cluster_id,
        cluster_name=catalog.cluster_name,
        namespace=meta.get("namespace", ""),
        name=meta.get("name", ""),
        uid=meta.get("uid", ""),
        created_at=meta.get("creationTimestamp", ""),
        resource_version=meta.get("resourceVersion", ""),
        labels=meta.get("labels") or {},
        annotations=meta.get("annotations") or {},
        owner_references=owner_references(meta),
        conditions=conditions(obj["status"] if isinstance(obj.get("status"), dict) else {}),
        summary=summary,
        facts=facts,
        related=related.items,
        related_notes=related.notes,
    ).wire()


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def owner_references(meta: dict[str, Any]) -> list[OwnerReference]:
    return [
        OwnerReference(
            api_version=str(owner.get("apiVersion") or ""),
            kind=str(owner.get("kind") or ""),
            name=str(owner.get("name") or ""),
            uid=str(owner.get("uid") or ""),
            controller=owner.get("controller") is True,
            block_owner_deletion=owner.get("blockOwnerDeletion") is True,
        )
        for owner in _dicts(meta.get("ownerReferences"))
    ]


def conditions(status: dict[str, Any]) -> list[ObjectCondition]:
    """The conditions as the contract names them, whatever a custom resource put in them."""
    return [
        ObjectCondition(
            type=str(condition.get("type") or ""),
            status=str(condition.get("status") or ""),
            reason=_text(condition.get("reason")),
            message=_text(condition.get("message")),
            last_transition_time=_text(condition.get("lastTransitionTime")),
        )
        for condition in _dicts(status.get("conditions"))
    ]


async def _endpoint_slices(
    catalog: ClusterCatalog, service: dict[str, Any]
) -> list[dict[str, Any]]:
    """The Service's EndpointSlices, fetched now (the catalog does not cache them)."""
    meta = service.get("metadata") or {}
    path = (
        f"/apis/discovery.k8s.io/v1/namespaces/{meta.get('namespace', '')}/endpointslices"
        f"?labelSelector=kubernetes.io%2Fservice-name%3D{meta.get('name', '')}"
    )
    # When they cannot be read, the details still show; the endpoints table says none were found.
    return _dicts((await _get_json(catalog, path)).get("items"))


async def _scale_replicas(catalog: ClusterCatalog, ref: ObjectTail) -> int | None:
    """Desired replicas from the scale subresource, for kinds (custom resources) that have one."""
    index = catalog.discovery
    found = index.for_kind(ref.group, ref.version, ref.kind) if index is not None else None
    if found is None or "scale" not in found.subresources:
        return None
    scale = await _get_json(catalog, found.path(ref.namespace or None, ref.name, "scale"))
    if not scale:
        return None
    replicas = (scale.get("spec") or {}).get("replicas")
    return replicas if isinstance(replicas, int) else 0


async def _get_json(catalog: ClusterCatalog, path: str) -> dict[str, Any]:
    """The object at `path`, or {} when the API server does not answer it."""
    try:
        return dict(msgspec.json.decode(await catalog.transport.get(path)))
    except (ApiError, Unreachable):
        return {}


async def object_yaml(catalog: ClusterCatalog, ref: ObjectTail) -> dict[str, object]:
    whole = mask_secrets(
        await catalog.get_object(ref.group, ref.version, ref.kind, ref.namespace, ref.name)
    )
    meta = {k: v for k, v in (whole.get("metadata") or {}).items() if k != "managedFields"}
    obj = {**whole, "metadata": meta}
    return ObjectYamlItem(
        cluster_id=catalog.cluster_id,
        cluster_name=catalog.cluster_name,
        namespace=meta.get("namespace", ""),
        name=meta.get("name", ""),
        uid=meta.get("uid", ""),
        resource_version=meta.get("resourceVersion", ""),
        yaml=yaml.safe_dump(obj, sort_keys=False, allow_unicode=True),
        yaml_with_managed_fields=yaml.safe_dump(whole, sort_keys=False, allow_unicode=True),
        masked=holds_secrets(whole),
    ).wire()


async def object_events(catalog: ClusterCatalog, ref: ObjectTail) -> list[dict[str, Any]]:
    cache = await catalog.ensure(kinds.EVENTS)
    about = cache.group(involved_key(ref.kind, ref.namespace, ref.name))
    rows = [r for r in about if isinstance(r, EventRow)]
    rows.sort(key=lambda r: r.timestamp, reverse=True)
    where = {"clusterId": catalog.cluster_id, "clusterName": catalog.cluster_name}
    return [
        {**where, "group": "", "version": "v1", "kind": "Event", **r.fields(), "stale": False}
        for r in rows
    ]


def _ports(pod_spec: dict[str, Any]) -> list[DeclaredPort]:
    return [
        DeclaredPort(
            port=p["containerPort"],
            protocol=p.get("protocol") or "TCP",
            name=p.get("name"),
            container=c.get("name"),
        )
        for c in _dicts(pod_spec.get("containers"))
        for p in _dicts(c.get("ports"))
        if isinstance(p.get("containerPort"), int)
    ]


def _names(containers: Any) -> list[str]:
    return [str(c.get("name") or "") for c in _dicts(containers)]


def summarize(obj: dict[str, Any]) -> ObjectSummary:
    """What the panel's actions need of the object, per kind; the spec's keys for the others."""
    kind = obj.get("kind")
    spec: dict[str, Any] = obj["spec"] if isinstance(obj.get("spec"), dict) else {}
    template = (spec.get("template") or {}).get("spec") or {}
    summary = ObjectSummary(spec_keys=sorted(spec))
    if kind == "Pod":
        summary.containers = _names(spec.get("containers"))
        summary.init_containers = _names(spec.get("initContainers"))
        summary.ephemeral_containers = _names(spec.get("ephemeralContainers"))
        summary.ports = _ports(spec)
    elif kind in ("Deployment", "StatefulSet", "ReplicaSet", "DaemonSet"):
        replicas = spec.get("replicas")
        summary.replicas = replicas if isinstance(replicas, int) else None
        summary.ports = _ports(template)
    elif kind == "Node":
        summary.unschedulable = bool(spec.get("unschedulable"))
    elif kind == "Service":
        summary.ports = [
            DeclaredPort(
                port=p["port"],
                protocol=p.get("protocol") or "TCP",
                name=p.get("name"),
                target_port=str(p.get("targetPort", p["port"])),
            )
            for p in _dicts(spec.get("ports"))
            if isinstance(p.get("port"), int)
        ]
    return summary
