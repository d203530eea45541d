"""The Helm domains (contract §13): `helm-releases` (a list like every list domain) and
`helm-release` (one release: history, values, manifest, notes, the objects it made).

Releases are not a watched kind: each snapshot reads the storage objects' metadata, and only
releases whose latest storage object changed are fetched and decoded again
(`objectcatalog.helm.storage.ReleaseSummaries`).
"""

from __future__ import annotations

from typing import Any

import yaml

from backend.clusters.identity import HelmTail
from backend.contract.helm import (
    HelmChartRevision,
    HelmReleaseDetail,
    HelmResourceRef,
    HelmRevision,
)
from backend.kube.errors import ApiError, Unreachable
from backend.kube.resources import ApiResource
from backend.objectcatalog.catalog import ClusterCatalog, api_failure
from backend.objectcatalog.helm.payload import coalesce_values, info
from backend.objectcatalog.helm.storage import (
    ReleaseSummaries,
    StoredRevision,
    read_release,
    summarize,
)
from backend.refresh.snapshots.parts import ClusterPart, KindRows

RELEASE_RESOURCE = ApiResource("helm.sh", "v1", "releases", "Release", True, frozenset())
"""Not served by any API server: what a release row's group/version/kind say (the action ref)."""


async def releases_part(
    catalog: ClusterCatalog, summaries: ReleaseSummaries, namespaces: frozenset[str] | None
) -> ClusterPart:
    """One cluster's releases (latest revisions) in `namespaces` (None: all)."""
    try:
        found = await summaries.read(namespaces)
    except (ApiError, Unreachable) as exc:
        raise api_failure(exc, clusterId=catalog.cluster_id) from exc
    rows = tuple(sorted(found, key=lambda r: (r.namespace, r.name)))
    part = ClusterPart(catalog.cluster_id, catalog.cluster_name, "ready")
    part.kinds.append(KindRows(RELEASE_RESOURCE, rows, hash(rows), namespaces))
    return part


# --- one release ------------------------------------------------------------------------------


def _revision_entry(stored: StoredRevision, release: dict[str, Any] | str) -> HelmRevision:
    decoded = release if isinstance(release, dict) else None
    summary = summarize(stored, decoded, release if isinstance(release, str) else None)
    return HelmRevision(
        **{name: getattr(summary, name) for name in HelmChartRevision.model_fields},
        description=str(info(decoded or {}).get("description") or ""),
    )


def manifest_refs(catalog: ClusterCatalog, manifest: str, namespace: str) -> list[HelmResourceRef]:
    """The objects a release's manifest names; a namespaced kind without a namespace is in the
    release's namespace (as Helm installs it)."""
    refs: list[HelmResourceRef] = []
    try:
        documents = list(yaml.safe_load_all(manifest))
    except yaml.YAMLError:
        return refs
    index = catalog.discovery
    for doc in documents:
        if not isinstance(doc, dict):
            continue
        api_version, kind = str(doc.get("apiVersion") or ""), str(doc.get("kind") or "")
        meta = doc["metadata"] if isinstance(doc.get("metadata"), dict) else {}
        name = str(meta.get("name") or "")
        if not api_version or not kind or not name:
            continue
        group, _, version = api_version.rpartition("/")
        resource = index.for_kind(group, version, kind) if index is not None else None
        namespaced = resource.namespaced if resource is not None else True
        refs.append(
            HelmResourceRef(
                cluster_id=catalog.cluster_id,
                group=group,
                version=version,
                kind=kind,
                namespace=str(meta.get("namespace") or namespace) if namespaced else "",
                name=name,
            )
        )
    return refs


def _yaml(values: dict[str, Any]) -> str:
    return yaml.safe_dump(values, sort_keys=False, allow_unicode=True) if values else ""


async def release_detail(catalog: ClusterCatalog, tail: HelmTail) -> dict[str, Any]:
    try:
        revisions, decoded = await read_release(
            catalog.transport, tail.namespace, tail.name, catalog.cluster_name
        )
    except (ApiError, Unreachable) as exc:
        raise api_failure(
            exc, clusterId=catalog.cluster_id, namespace=tail.namespace, name=tail.name
        ) from exc
    history = [_revision_entry(r, decoded[r.revision]) for r in revisions]
    release = decoded[revisions[-1].revision]
    body: dict[str, Any] = release if isinstance(release, dict) else {}
    chart = body["chart"] if isinstance(body.get("chart"), dict) else {}
    user = body["config"] if isinstance(body.get("config"), dict) else {}
    manifest = str(body.get("manifest") or "")
    computed = coalesce_values(chart.get("values"), user)
    return HelmReleaseDetail(
        cluster_id=catalog.cluster_id,
        cluster_name=catalog.cluster_name,
        namespace=tail.namespace,
        name=tail.name,
        **history[-1].model_dump(exclude={"description"}),
        history=list(reversed(history)),
        values=user,
        computed_values=computed,
        values_yaml=_yaml(user),
        computed_values_yaml=_yaml(computed),
        manifest=manifest,
        notes=str(info(body).get("notes") or ""),
        resources=manifest_refs(catalog, manifest, tail.namespace),
    ).wire()
