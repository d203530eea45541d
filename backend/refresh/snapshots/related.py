"""The objects related to one object, in its own cluster: owners, what it owns, and links.

Owned objects come from the catalog's caches of that cluster (rows name their controller owner
and a pod its node); links named in the object itself (PVC ↔ PV, an HPA's target, a pod's node)
need no cache. A cache that has not finished listing, or may not list, makes the answer
incomplete: `notes` says so, as every per-cluster answer does, rather than showing a short list
as if it were whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from backend.contract.details import RelatedObject
from backend.kube.resources import KindKey
from backend.objectcatalog import kinds
from backend.objectcatalog.catalog import ClusterCatalog
from backend.objectcatalog.kindcache import KindCache
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows.pods import PodRow
from backend.objectcatalog.rows.workloads import JobRow, ReplicaSetRow

Obj = dict[str, Any]
POD_OWNERS = ("ReplicaSet", "StatefulSet", "DaemonSet", "Job")


@dataclass
class Related:
    items: list[RelatedObject] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self, relation: str, api_version: str, kind: str, ns: str, name: str, status: str = ""
    ) -> None:
        group, _, version = api_version.rpartition("/")
        self.items.append(
            RelatedObject(
                relation=relation,
                group=group,
                version=version,
                kind=kind,
                namespace=ns,
                name=name,
                status=status,
            )
        )


async def _rows(
    catalog: ClusterCatalog, key: KindKey, what: str, namespace: str | None, out: Related
) -> Iterable[Any]:
    """The cached rows of `key` (in `namespace`), noting in `out` when they may be incomplete."""
    cache: KindCache = await catalog.ensure(key)
    state = cache.state
    if state is not SyncState.SYNCED:
        reason = cache.message or state.value
        out.notes.append(f"{what} of cluster {catalog.cluster_name} are not all known ({reason}).")
    return list(cache.rows([namespace] if namespace is not None else None))


async def related_objects(
    catalog: ClusterCatalog, obj: Obj, endpoint_slices: list[Obj] | None = None
) -> Related:
    out = Related()
    kind = obj.get("kind") or ""
    meta = obj.get("metadata") or {}
    ns = meta.get("namespace") or ""
    name = meta.get("name") or ""
    spec = obj.get("spec") or {}

    for owner in meta.get("ownerReferences") or []:
        out.add(
            "owner",
            owner.get("apiVersion", ""),
            owner.get("kind", ""),
            ns,
            owner.get("name", ""),
        )

    if kind == "Deployment":
        sets = [
            r
            for r in await _rows(catalog, kinds.REPLICASETS, "ReplicaSets", ns, out)
            if isinstance(r, ReplicaSetRow)
            and r.owner_kind == "Deployment"
            and r.owner_name == name
        ]
        sets.sort(key=lambda r: r.created_at, reverse=True)
        for rs in sets:
            out.add("replica set", "apps/v1", "ReplicaSet", ns, rs.name, f"{rs.ready}/{rs.desired}")
        names = {r.name for r in sets}
        await _pods(
            catalog, out, ns, lambda p: p.owner_kind == "ReplicaSet" and p.owner_name in names
        )
    elif kind in POD_OWNERS:
        await _pods(catalog, out, ns, lambda p: p.owner_kind == kind and p.owner_name == name)
    elif kind == "CronJob":
        jobs = [
            r
            for r in await _rows(catalog, kinds.JOBS, "Jobs", ns, out)
            if isinstance(r, JobRow) and r.owner_kind == "CronJob" and r.owner_name == name
        ]
        jobs.sort(key=lambda r: r.created_at, reverse=True)
        for r in jobs:
            state = "failed" if r.failed else "complete" if r.completed else "running"
            out.add("job", "batch/v1", "Job", ns, r.name, f"{state} · started {r.started or '—'}")
    elif kind == "Service":
        pods: list[str] = []
        for eps in endpoint_slices or []:
            eps_name = (eps.get("metadata") or {}).get("name", "")
            out.add("endpoint slice", "discovery.k8s.io/v1", "EndpointSlice", ns, eps_name)
            for endpoint in eps.get("endpoints") or []:
                target = endpoint.get("targetRef") or {}
                if target.get("kind") == "Pod" and target.get("name") not in pods:
                    pods.append(target["name"])
        wanted = set(pods)
        if wanted:
            await _pods(catalog, out, ns, lambda p: p.name in wanted)
    elif kind == "Node":
        await _pods(catalog, out, None, lambda p: p.node == name)
    elif kind == "Pod":
        if spec.get("nodeName"):
            out.add("node", "v1", "Node", "", spec["nodeName"])
        for volume in spec.get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim:
                out.add("claim", "v1", "PersistentVolumeClaim", ns, claim)
    elif kind == "PersistentVolumeClaim":
        if spec.get("volumeName"):
            out.add("volume", "v1", "PersistentVolume", "", spec["volumeName"])
    elif kind == "PersistentVolume":
        claim = spec.get("claimRef") or {}
        if claim.get("name"):
            out.add(
                "claim", "v1", "PersistentVolumeClaim", claim.get("namespace", ""), claim["name"]
            )
    elif kind == "HorizontalPodAutoscaler":
        target = spec.get("scaleTargetRef") or {}
        if target.get("name"):
            out.add(
                "scale target",
                target.get("apiVersion", ""),
                target.get("kind", ""),
                ns,
                target["name"],
            )
    return out


async def _pods(catalog: ClusterCatalog, out: Related, ns: str | None, wanted: Any) -> None:
    pods = [
        r
        for r in await _rows(catalog, kinds.PODS, "Pods", ns, out)
        if isinstance(r, PodRow) and wanted(r)
    ]
    pods.sort(key=lambda r: (r.namespace, r.name))
    for r in pods:
        out.add(
            "pod",
            "v1",
            "Pod",
            r.namespace,
            r.name,
            f"{r.status} · {r.ready}/{r.shape.containers}",
        )
