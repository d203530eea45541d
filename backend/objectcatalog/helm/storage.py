"""Reading Helm's storage objects of one cluster: which releases exist, and one release in full.

The list asks for metadata only (labels `name`, `version`, `status`), then fetches the latest
revision of each release and decodes it; decoded summaries are kept per storage object and
resourceVersion, so an unchanged release is neither fetched nor decoded again. Payloads are never
logged and never kept: only the decoded summary fields are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from backend.errors import RegattaError
from backend.kube.transport import Transport
from backend.objectcatalog.helm.limits import DECODE_TIMEOUT_S, LIST_TIMEOUT_S
from backend.objectcatalog.helm.payload import (
    ReleaseDecodeError,
    chart_metadata,
    decode_release,
    info,
)

log = logging.getLogger(__name__)

StorageKind = Literal["secret", "configmap"]
SECRET_TYPE = "helm.sh/release.v1"
OWNER_SELECTOR = "owner=helm"
METADATA_ONLY = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1"
FETCH_CONCURRENCY = 8


@dataclass(frozen=True, slots=True)
class StoredRevision:
    """One storage object (one revision of one release), from its metadata alone."""

    storage: StorageKind
    namespace: str
    object_name: str
    release: str
    revision: int
    status: str
    resource_version: str
    updated_at: str


class ReleaseSummary(msgspec.Struct, frozen=True, gc=False, rename="camel"):
    """What the list shows of a release's latest revision (no values, no manifest); also the
    `helm-releases` row, its fields named as `HelmReleaseItem` names them."""

    namespace: str
    name: str
    revision: int
    status: str
    chart: str
    chart_version: str
    app_version: str
    updated_at: str
    error: str | None
    storage: StorageKind

    @property
    def uid(self) -> str:
        return f"{self.namespace}/{self.name}"

    @property
    def created_at(self) -> str:
        return self.updated_at

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = msgspec.to_builtins(self)
        return fields


def _path(storage: StorageKind, namespace: str | None, name: str | None = None) -> str:
    plural = "secrets" if storage == "secret" else "configmaps"
    base = f"/api/v1/namespaces/{namespace}/{plural}" if namespace else f"/api/v1/{plural}"
    return f"{base}/{name}" if name else base


def _query(storage: StorageKind) -> list[tuple[str, str]]:
    query = [("labelSelector", OWNER_SELECTOR)]
    if storage == "secret":
        query.append(("fieldSelector", f"type={SECRET_TYPE}"))
    return query


def _revision(storage: StorageKind, item: dict[str, Any]) -> StoredRevision | None:
    meta = item.get("metadata") or {}
    labels = meta.get("labels") or {}
    try:
        revision = int(labels.get("version", ""))
    except ValueError:
        return None
    release = labels.get("name") or ""
    if not release:
        return None
    return StoredRevision(
        storage=storage,
        namespace=meta.get("namespace", ""),
        object_name=meta.get("name", ""),
        release=release,
        revision=revision,
        status=labels.get("status", ""),
        resource_version=meta.get("resourceVersion", ""),
        updated_at=labels.get("modifiedAt", "") or meta.get("creationTimestamp", ""),
    )


async def list_revisions(
    transport: Transport,
    namespaces: Iterable[str] | None,
    *,
    release: str | None = None,
) -> list[StoredRevision]:
    """Every stored revision (metadata only) in `namespaces` (None: all), of both drivers."""
    found: list[StoredRevision] = []
    for storage in ("secret", "configmap"):
        query = _query(storage)
        if release is not None:
            query[0] = ("labelSelector", f"{OWNER_SELECTOR},name={release}")
        for namespace in [None] if namespaces is None else sorted(namespaces):
            body = await transport.request(
                "GET",
                _path(storage, namespace),
                query=query,
                accept=METADATA_ONLY,
                timeout_s=LIST_TIMEOUT_S,
            )
            items = msgspec.json.decode(body.body).get("items") or []
            found.extend(r for item in items if (r := _revision(storage, item)) is not None)
    return found


def latest_per_release(revisions: Iterable[StoredRevision]) -> list[StoredRevision]:
    latest: dict[tuple[str, str], StoredRevision] = {}
    for r in revisions:
        key = (r.namespace, r.release)
        if key not in latest or r.revision > latest[key].revision:
            latest[key] = r
    return [latest[k] for k in sorted(latest)]


async def fetch_release(transport: Transport, stored: StoredRevision) -> dict[str, Any]:
    """The decoded release of one storage object; `ReleaseDecodeError` if it cannot be read."""
    body = await transport.get(
        _path(stored.storage, stored.namespace, stored.object_name), timeout_s=LIST_TIMEOUT_S
    )
    obj = msgspec.json.decode(body)
    value = (obj.get("data") or {}).get("release")
    del obj, body  # the payload goes no further than the decoder
    if not isinstance(value, str):
        raise ReleaseDecodeError("the storage object has no `release` value")
    try:
        async with asyncio.timeout(DECODE_TIMEOUT_S):
            return await asyncio.to_thread(
                decode_release, value, from_secret=stored.storage == "secret"
            )
    except TimeoutError:
        raise ReleaseDecodeError(f"decoding took longer than {DECODE_TIMEOUT_S:g} s") from None


def summarize(
    stored: StoredRevision, release: dict[str, Any] | None, error: str | None
) -> ReleaseSummary:
    meta = chart_metadata(release or {})
    facts = info(release or {})
    revision = (release or {}).get("version")
    return ReleaseSummary(
        namespace=stored.namespace,
        name=stored.release,
        revision=revision if isinstance(revision, int) else stored.revision,
        status=str(facts.get("status") or stored.status),
        chart=str(meta.get("name") or ""),
        chart_version=str(meta.get("version") or ""),
        app_version=str(meta.get("appVersion") or ""),
        updated_at=str(facts.get("last_deployed") or stored.updated_at),
        error=error,
        storage=stored.storage,
    )


class ReleaseSummaries:
    """Decoded summaries of one cluster's releases, kept per storage object version."""

    def __init__(self, transport: Transport, cluster_name: str) -> None:
        self._transport = transport
        self._cluster_name = cluster_name
        self._known: dict[tuple[str, str, str], ReleaseSummary] = {}

    async def read(self, namespaces: Iterable[str] | None) -> list[ReleaseSummary]:
        latest = latest_per_release(await list_revisions(self._transport, namespaces))
        keys = [(r.namespace, r.object_name, r.resource_version) for r in latest]
        missing = [r for r, key in zip(latest, keys, strict=True) if key not in self._known]
        gate = asyncio.Semaphore(FETCH_CONCURRENCY)

        async def one(stored: StoredRevision) -> None:
            async with gate:
                summary = await self._summary(stored)
            self._known[(stored.namespace, stored.object_name, stored.resource_version)] = summary

        await asyncio.gather(*(one(r) for r in missing))
        if namespaces is None:  # a full read: forget objects that are gone
            wanted = set(keys)
            self._known = {k: v for k, v in self._known.items() if k in wanted}
        return [self._known[key] for key in keys]

    async def _summary(self, stored: StoredRevision) -> ReleaseSummary:
        try:
            return summarize(stored, await fetch_release(self._transport, stored), None)
        except ReleaseDecodeError as exc:
            log.info(
                "%s: Helm release %s/%s revision %d not decoded: %s",
                self._cluster_name,
                stored.namespace,
                stored.release,
                stored.revision,
                exc,
            )
            return summarize(stored, None, f"The release could not be read: {exc}.")


async def read_release(
    transport: Transport, namespace: str, name: str, cluster_name: str
) -> tuple[list[StoredRevision], dict[int, dict[str, Any] | str]]:
    """Every revision of one release, decoded (or the reason it could not be), by revision.
    404 `not_found` when the release has no storage object in that namespace."""
    revisions = [
        r for r in await list_revisions(transport, [namespace], release=name) if r.release == name
    ]
    if not revisions:
        raise RegattaError(
            404,
            "not_found",
            f"There is no Helm release `{name}` in namespace `{namespace}` of cluster "
            f"`{cluster_name}`.",
            namespace=namespace,
            name=name,
        )
    revisions.sort(key=lambda r: r.revision)
    decoded: dict[int, dict[str, Any] | str] = {}
    for stored in revisions:
        try:
            decoded[stored.revision] = await fetch_release(transport, stored)
        except ReleaseDecodeError as exc:
            decoded[stored.revision] = f"The release could not be read: {exc}."
    return revisions, decoded
