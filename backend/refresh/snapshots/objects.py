"""Single-object domains: `object-details`, `object-yaml`, `object-events`.

Whole objects are fetched on demand (never cached). Both views mask Secrets (`backend/masking.py`):
the YAML view is for reading, and a value shown there could end up in a screenshot or a paste.
"""

from __future__ import annotations

from typing import Any

import msgspec
import yaml

from backend.clusters.identity import ObjectTail
from backend.contract.details import ObjectCondition, OwnerReference
from backend.kube.errors import ApiError, Unreachable
from backend.masking import holds_secrets, mask_secrets
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.indexes import involved_key
from backend.objectcatalog.rows.events import EventRow
from backend.refresh.snapshots.facts import kind_facts
from backend.refresh.snapshots.related import related_objects


def _without_noise(obj: dict[str, Any]) -> dict[str, Any]:
    meta = dict(obj.get("metadata") or {})
    meta.pop("managedFields", None)
    return {**obj, "metadata": meta}


async def object_details(catalog: ClusterCatalog, ref: ObjectTail) -> dict[str, Any]:
    raw = await catalog.get_object(ref.group, ref.version, ref.kind, ref.namespace, ref.name)
    slices = await _endpoint_slices(catalog, raw) if raw.get("kind") == "Service" else []
    facts = kind_facts(raw, slices)  # sizes of Secret values only, never the values
    related = await related_objects(catalog, raw, slices)
    obj = mask_secrets(raw)
    meta = obj.get("metadata") or {}
    status = obj.get("status") if isinstance(obj.get("status"), dict) else {}
    summary = summarize(obj)
    if "replicas" not in summary:
        replicas = await _scale_replicas(catalog, ref)
        if replicas is not None:
            summary["replicas"] = replicas
    return {
        "namespace": meta.get("namespace", ""),
        "name": meta.get("name", ""),
        "uid": meta.get("uid", ""),
        "createdAt": meta.get("creationTimestamp", ""),
        "resourceVersion": meta.get("resourceVersion", ""),
        "labels": meta.get("labels") or {},
        "annotations": meta.get("annotations") or {},
        "ownerReferences": [o.wire() for o in owner_references(meta)],
        "conditions": [c.wire() for c in conditions(status or {})],
        "summary": summary,
        "facts": facts.wire() if facts is not None else None,
        "related": [r.wire() for r in related.items],
        "relatedNotes": related.notes,
    }


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
    try:
        body = await catalog.transport.get(path)
    except (ApiError, Unreachable):
        return []  # the details still show; the endpoints table says none were found
    items = msgspec.json.decode(body).get("items") or []
    return [i for i in items if isinstance(i, dict)]


async def _scale_replicas(catalog: ClusterCatalog, ref: ObjectTail) -> int | None:
    """Desired replicas from the scale subresource, for kinds (custom resources) that have one."""
    index = catalog.discovery
    found = index.for_kind(ref.group, ref.version, ref.kind) if index is not None else None
    if found is None or "scale" not in found.subresources:
        return None
    try:
        body = await catalog.transport.get(found.path(ref.namespace or None, ref.name, "scale"))
    except (ApiError, Unreachable):
        return None
    replicas = (msgspec.json.decode(body).get("spec") or {}).get("replicas")
    return replicas if isinstance(replicas, int) else 0


async def object_yaml(catalog: ClusterCatalog, ref: ObjectTail) -> dict[str, Any]:
    whole = mask_secrets(
        await catalog.get_object(ref.group, ref.version, ref.kind, ref.namespace, ref.name)
    )
    masked = holds_secrets(whole)
    obj = _without_noise(whole)
    meta = obj.get("metadata") or {}
    return {
        "namespace": meta.get("namespace", ""),
        "name": meta.get("name", ""),
        "uid": meta.get("uid", ""),
        "resourceVersion": meta.get("resourceVersion", ""),
        "yaml": yaml.safe_dump(obj, sort_keys=False, allow_unicode=True),
        "yamlWithManagedFields": yaml.safe_dump(whole, sort_keys=False, allow_unicode=True),
        "masked": masked,
    }


async def object_events(catalog: ClusterCatalog, ref: ObjectTail) -> list[dict[str, Any]]:
    cache = await catalog.ensure(kinds.EVENTS)
    about = cache.group(involved_key(ref.kind, ref.namespace, ref.name))
    rows = [r for r in about if isinstance(r, EventRow)]
    rows.sort(key=lambda r: r.timestamp, reverse=True)
    return [r.fields() for r in rows]


def container_ports(pod_spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The declared ports of a pod spec's containers (what a port-forward is offered)."""
    return [
        {
            "container": c.get("name"),
            "name": p.get("name"),
            "containerPort": p.get("containerPort"),
            "protocol": p.get("protocol") or "TCP",
        }
        for c in pod_spec.get("containers") or []
        for p in c.get("ports") or []
    ]


def summarize(obj: dict[str, Any]) -> dict[str, Any]:
    """The few facts a person looks for first, per kind."""
    kind = obj.get("kind")
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    if kind == "Pod":
        statuses = {c.get("name"): c for c in status.get("containerStatuses") or []}
        return {
            "phase": status.get("phase"),
            "node": spec.get("nodeName"),
            "podIP": status.get("podIP"),
            "hostIP": status.get("hostIP"),
            "serviceAccount": spec.get("serviceAccountName"),
            "containers": [
                {
                    "name": c.get("name"),
                    "image": c.get("image"),
                    "ready": bool(statuses.get(c.get("name"), {}).get("ready")),
                    "restarts": statuses.get(c.get("name"), {}).get("restartCount", 0),
                }
                for c in spec.get("containers") or []
            ],
            "initContainers": [c.get("name") for c in spec.get("initContainers") or []],
            "ephemeralContainers": [c.get("name") for c in spec.get("ephemeralContainers") or []],
            "ports": container_ports(spec),
        }
    if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
        return {
            "replicas": spec.get("replicas"),
            "readyReplicas": status.get("readyReplicas", 0),
            "updatedReplicas": status.get("updatedReplicas", 0),
            "availableReplicas": status.get("availableReplicas", 0),
            "selector": (spec.get("selector") or {}).get("matchLabels") or {},
            "strategy": (spec.get("strategy") or spec.get("updateStrategy") or {}).get("type"),
            "images": [
                c.get("image")
                for c in ((spec.get("template") or {}).get("spec") or {}).get("containers") or []
            ],
            "ports": container_ports((spec.get("template") or {}).get("spec") or {}),
        }
    if kind == "DaemonSet":
        return {
            "selector": (spec.get("selector") or {}).get("matchLabels") or {},
            "ports": container_ports((spec.get("template") or {}).get("spec") or {}),
        }
    if kind == "Node":
        info = status.get("nodeInfo") or {}
        return {
            "addresses": status.get("addresses") or [],
            "capacity": status.get("capacity") or {},
            "allocatable": status.get("allocatable") or {},
            "kubeletVersion": info.get("kubeletVersion"),
            "osImage": info.get("osImage"),
            "unschedulable": bool(spec.get("unschedulable")),
            "taints": spec.get("taints") or [],
        }
    if kind == "Service":
        return {
            "type": spec.get("type"),
            "clusterIP": spec.get("clusterIP"),
            "ports": spec.get("ports") or [],
            "selector": spec.get("selector") or {},
        }
    if kind in ("ConfigMap", "Secret"):
        return {
            "keys": sorted({*(obj.get("data") or {}), *(obj.get("binaryData") or {})}),
            "type": obj.get("type"),
        }
    return {"specKeys": sorted(spec) if isinstance(spec, dict) else []}
