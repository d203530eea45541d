"""Which kinds a cluster serves: API discovery, aggregated where the server offers it.

Aggregated discovery (`apidiscovery.k8s.io/v2`, Kubernetes 1.26+) describes every group, version
and resource in two requests (/api and /apis). Older servers get the classic walk: /api, /apis,
then one request per group version. Either way the result is a `DiscoveryIndex`: for each kind
key the server's preferred version, and for each group/version/kind its resource. `Discovery` is
one cluster's RESTMapper: the catalog refreshes the whole index (at start, on CRD changes, on
manual refresh), and a kind missing from it is looked up in its one group/version.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import msgspec

from backend.kube import limits
from backend.kube.errors import ApiError
from backend.kube.resources import ApiResource, KindKey, group_version_path
from backend.kube.transport import Transport

AGGREGATED_ACCEPT = ",".join(
    (
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList",
        "application/json",
    )
)


# --- aggregated (apidiscovery.k8s.io/v2 and v2beta1) -----------------------------------------


class _ResponseKind(msgspec.Struct):
    group: str | None = None
    version: str | None = None
    kind: str | None = None


class _AggSubresource(msgspec.Struct):
    subresource: str = ""


class _AggResource(msgspec.Struct, rename="camel"):
    resource: str
    response_kind: _ResponseKind | None = None
    scope: str | None = None
    verbs: list[str] | None = None
    subresources: list[_AggSubresource] | None = None


class _AggVersion(msgspec.Struct):
    version: str
    resources: list[_AggResource] | None = None


class _AggMeta(msgspec.Struct):
    name: str | None = None


class _AggGroup(msgspec.Struct):
    metadata: _AggMeta | None = None
    versions: list[_AggVersion] | None = None


class _AggList(msgspec.Struct):
    items: list[_AggGroup] | None = None


# --- classic discovery ------------------------------------------------------------------------


class _LegacyResource(msgspec.Struct):
    name: str
    kind: str | None = None
    namespaced: bool | None = None
    verbs: list[str] | None = None


class _LegacyResourceList(msgspec.Struct, rename="camel"):
    group_version: str | None = None
    resources: list[_LegacyResource] | None = None


class _LegacyVersions(msgspec.Struct):
    versions: list[str] | None = None


class _GroupVersion(msgspec.Struct, rename="camel"):
    group_version: str
    version: str


class _LegacyGroup(msgspec.Struct, rename="camel"):
    name: str
    versions: list[_GroupVersion] | None = None
    preferred_version: _GroupVersion | None = None


class _LegacyGroupList(msgspec.Struct):
    groups: list[_LegacyGroup] | None = None


_agg_decoder = msgspec.json.Decoder(_AggList)
_legacy_resources_decoder = msgspec.json.Decoder(_LegacyResourceList)
_legacy_versions_decoder = msgspec.json.Decoder(_LegacyVersions)
_legacy_groups_decoder = msgspec.json.Decoder(_LegacyGroupList)


@dataclass(frozen=True)
class DiscoveryIndex:
    """Every served resource: by kind key (at the preferred version) and by group/version/kind."""

    preferred: dict[KindKey, ApiResource] = field(default_factory=dict)
    by_gvk: dict[tuple[str, str, str], ApiResource] = field(default_factory=dict)
    aggregated: bool = False

    def resolve(self, key: KindKey) -> ApiResource | None:
        return self.preferred.get(key)

    def for_kind(self, group: str, version: str, kind: str) -> ApiResource | None:
        return self.by_gvk.get((group, version, kind))


def build_index(resources: Iterable[ApiResource], aggregated: bool) -> DiscoveryIndex:
    """Index resources given in the server's preference order (first version seen wins)."""
    index = DiscoveryIndex(aggregated=aggregated)
    for res in resources:
        index.by_gvk.setdefault((res.group, res.version, res.kind), res)
        index.preferred.setdefault(res.key, res)
    return index


def resources_from_aggregated(body: bytes) -> list[ApiResource]:
    """The resources of one APIGroupDiscoveryList (the answer of /api or /apis)."""
    found: list[ApiResource] = []
    for group in _agg_decoder.decode(body).items or ():
        group_name = (group.metadata.name if group.metadata else None) or ""
        for version in group.versions or ():
            for res in version.resources or ():
                kind = res.response_kind.kind if res.response_kind else None
                if not kind or "/" in res.resource:
                    continue
                found.append(
                    ApiResource(
                        group=group_name,
                        version=version.version,
                        resource=res.resource,
                        kind=kind,
                        namespaced=res.scope == "Namespaced",
                        verbs=frozenset(res.verbs or ()),
                        subresources=frozenset(s.subresource for s in res.subresources or ()),
                    )
                )
    return found


def resources_from_legacy_list(group: str, version: str, body: bytes) -> list[ApiResource]:
    """The resources of one classic APIResourceList; `deployments/scale` entries become the
    subresources of their resource, never resources of their own."""
    entries = _legacy_resources_decoder.decode(body).resources or ()
    subresources: dict[str, set[str]] = {}
    for res in entries:
        parent, slash, sub = res.name.partition("/")
        if slash:
            subresources.setdefault(parent, set()).add(sub)
    return [
        ApiResource(
            group=group,
            version=version,
            resource=res.name,
            kind=res.kind or "",
            namespaced=bool(res.namespaced),
            verbs=frozenset(res.verbs or ()),
            subresources=frozenset(subresources.get(res.name, ())),
        )
        for res in entries
        if "/" not in res.name and res.kind
    ]


def is_aggregated(content_type: str) -> bool:
    return "as=APIGroupDiscoveryList" in content_type.replace(" ", "")


async def discover(transport: Transport) -> DiscoveryIndex:
    """Ask the server what it serves (raises ApiError/Unreachable when it cannot answer)."""
    core_body, core_type = await transport.request("GET", "/api", accept=AGGREGATED_ACCEPT)
    apis_body, apis_type = await transport.request("GET", "/apis", accept=AGGREGATED_ACCEPT)
    if is_aggregated(core_type) and is_aggregated(apis_type):
        return build_index(
            [*resources_from_aggregated(core_body), *resources_from_aggregated(apis_body)],
            aggregated=True,
        )
    return build_index(await _legacy_walk(transport, core_body, apis_body), aggregated=False)


async def _legacy_walk(
    transport: Transport,
    core_body: bytes,
    apis_body: bytes,
) -> list[ApiResource]:
    """Classic discovery: one request per group version, preferred versions first."""
    wanted: list[tuple[str, str, str]] = [
        ("", v, f"/api/{v}") for v in _legacy_versions_decoder.decode(core_body).versions or ()
    ]
    for group in _legacy_groups_decoder.decode(apis_body).groups or ():
        versions = list(group.versions or ())
        if group.preferred_version is not None:
            preferred = group.preferred_version.version
            versions.sort(key=lambda v: v.version != preferred)
        wanted += [(group.name, v.version, f"/apis/{v.group_version}") for v in versions]

    async def one(group: str, version: str, path: str) -> list[ApiResource]:
        try:
            body = await transport.get(path)
        except ApiError:
            # An unavailable aggregated API (e.g. a metrics server that is down) hides only
            # its own group, as kubectl does.
            return []
        return resources_from_legacy_list(group, version, body)

    lists = await asyncio.gather(*(one(*w) for w in wanted))
    return [res for found in lists for res in found]


class UnknownKindError(Exception):
    """The cluster does not serve this group/version, or not this kind in it."""


@dataclass(frozen=True, slots=True)
class _Fetched:
    at: float
    kinds: dict[str, ApiResource]


class Discovery:
    """One cluster's kinds: the full index (refreshed by its owner) and group/version lookups."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self.index: DiscoveryIndex | None = None
        self._fetched: dict[tuple[str, str], _Fetched] = {}

    async def refresh(self) -> DiscoveryIndex:
        """Ask for everything the server serves now (ApiError/Unreachable/DecodeError)."""
        self.index = await discover(self._transport)
        self._fetched.clear()
        return self.index

    async def resolve(self, group: str, version: str, kind: str) -> ApiResource:
        """The resource of `kind` in group/version; `UnknownKindError` if not served.

        A kind the full index lacks (a CRD created since, or no index yet) costs one request for
        its group/version, reused for `GROUP_VERSION_TTL_S`; a kind missing there too is asked
        again only once that answer is `GROUP_VERSION_MISS_REFRESH_S` old.
        """
        found = self.index.for_kind(group, version, kind) if self.index is not None else None
        if found is not None:
            return found
        cached = self._fetched.get((group, version))
        age = time.monotonic() - cached.at if cached is not None else None
        if cached is not None and age is not None and age < limits.GROUP_VERSION_TTL_S:
            if kind in cached.kinds:
                return cached.kinds[kind]
            if age < limits.GROUP_VERSION_MISS_REFRESH_S:
                raise UnknownKindError(kind)
        kinds = await self._fetch(group, version)
        if kind not in kinds:
            raise UnknownKindError(kind)
        return kinds[kind]

    async def _fetch(self, group: str, version: str) -> dict[str, ApiResource]:
        try:
            body = await self._transport.get(group_version_path(group, version))
            kinds = {r.kind: r for r in resources_from_legacy_list(group, version, body)}
        except ApiError as exc:
            if exc.status != 404:
                raise
            kinds = {}
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise ApiError(502, "BadResponse", f"unreadable discovery answer: {exc}") from exc
        self._fetched[(group, version)] = _Fetched(time.monotonic(), kinds)
        return kinds
