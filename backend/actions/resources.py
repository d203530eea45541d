"""Kind → resource for one cluster, from its own discovery, cached briefly.

An object reference names a kind (`Deployment`), but REST paths and access reviews name a
resource (`deployments`) and need to know whether it is namespaced. Only the reference's one
group/version is asked (`/api/v1` or `/apis/<group>/<version>`), never the whole discovery tree,
and the answer is reused for `DISCOVERY_TTL_S` per cluster.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from backend.actions import limits
from backend.actions.kubeapi import KubeApi, KubeStatusError


@dataclass(frozen=True, slots=True)
class Resource:
    """One served resource: where its objects live and what may be done to them."""

    group: str
    version: str
    kind: str
    plural: str
    namespaced: bool
    verbs: frozenset[str]
    subresources: frozenset[str]

    @property
    def api_prefix(self) -> str:
        if self.group:
            return f"/apis/{self.group}/{self.version}"
        return f"/api/{self.version}"

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    def collection_path(self, namespace: str = "") -> str:
        if self.namespaced and namespace:
            return f"{self.api_prefix}/namespaces/{quote(namespace, safe='')}/{self.plural}"
        return f"{self.api_prefix}/{self.plural}"

    def object_path(self, namespace: str, name: str, subresource: str = "") -> str:
        path = f"{self.collection_path(namespace)}/{quote(name, safe='')}"
        return f"{path}/{subresource}" if subresource else path


@dataclass(frozen=True, slots=True)
class _GroupVersion:
    fetched_at: float
    kinds: dict[str, Resource]


def parse_resource_list(group: str, version: str, body: dict[str, Any]) -> dict[str, Resource]:
    """The kinds of one `APIResourceList`, each with its verbs and subresource names."""
    entries = [e for e in body.get("resources") or () if isinstance(e, dict)]
    subresources: dict[str, set[str]] = {}
    for entry in entries:
        name = str(entry.get("name", ""))
        if "/" in name:
            parent, sub = name.split("/", 1)
            subresources.setdefault(parent, set()).add(sub)
    kinds: dict[str, Resource] = {}
    for entry in entries:
        name, kind = str(entry.get("name", "")), str(entry.get("kind", ""))
        if not name or not kind or "/" in name:
            continue
        kinds[kind] = Resource(
            group=group,
            version=version,
            kind=kind,
            plural=name,
            namespaced=bool(entry.get("namespaced")),
            verbs=frozenset(str(v) for v in entry.get("verbs") or ()),
            subresources=frozenset(subresources.get(name, ())),
        )
    return kinds


class UnknownKindError(Exception):
    """The cluster does not serve this group/version, or not this kind in it."""


class ResourceDiscovery:
    """One cluster's kind → resource answers, per group/version, with a TTL."""

    def __init__(
        self,
        api: KubeApi,
        ttl_s: float = limits.DISCOVERY_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._api = api
        self._ttl_s = ttl_s
        self._clock = clock
        self._cache: dict[tuple[str, str], _GroupVersion] = {}

    async def resolve(self, group: str, version: str, kind: str) -> Resource:
        """The resource of `kind`; `UnknownKindError` if the cluster does not serve it."""
        key = (group, version)
        cached = self._cache.get(key)
        age = self._clock() - cached.fetched_at if cached is not None else None
        if cached is not None and age is not None and age < self._ttl_s:
            found = cached.kinds.get(kind)
            if found is not None or age < limits.DISCOVERY_MISS_REFRESH_S:
                if found is None:
                    raise UnknownKindError(kind)
                return found
        fresh = await self._fetch(group, version)
        self._cache[key] = fresh
        found = fresh.kinds.get(kind)
        if found is None:
            raise UnknownKindError(kind)
        return found

    async def _fetch(self, group: str, version: str) -> _GroupVersion:
        path = f"/apis/{group}/{version}" if group else f"/api/{version}"
        try:
            body = await self._api.get(path)
        except KubeStatusError as exc:
            if exc.status == 404:
                return _GroupVersion(self._clock(), {})
            raise
        return _GroupVersion(self._clock(), parse_resource_list(group, version, body))
