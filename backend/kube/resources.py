"""How a kind is named: `KindKey` (group + resource) and `ApiResource` (what discovery says of it).

A kind key is the version-less group/resource pair, written as kubectl writes it: `pods`,
`deployments.apps`, `widgets.example.com`. The version is not part of the identity: the catalog
reads each key at the server's preferred version, so two clusters that serve different versions
of one CRD still share the key. An `ApiResource` is one served group/version/resource with its
kind, scope, verbs and subresources, and builds its REST paths with every segment quoted.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from backend.errors import bad_request


@dataclass(frozen=True, slots=True, order=True)
class KindKey:
    """Version-less identity of a kind: API group ("" for the core group) and plural resource."""

    group: str
    resource: str

    def __str__(self) -> str:
        return f"{self.resource}.{self.group}" if self.group else self.resource

    @classmethod
    def parse(cls, text: str) -> KindKey:
        """`pods` -> ("", "pods"); `deployments.apps` -> ("apps", "deployments")."""
        resource, _, group = text.strip().partition(".")
        if not resource or resource != resource.lower() or "/" in text:
            raise bad_request(
                "bad_kind", f"`{text}` is not a kind key like `deployments.apps`.", kind=text
            )
        return cls(group, resource)

    @classmethod
    def of(cls, kind: KindKey | str) -> KindKey:
        return kind if isinstance(kind, KindKey) else cls.parse(kind)


def _segment(value: str) -> str:
    return quote(value, safe="")


@dataclass(frozen=True, slots=True)
class ApiResource:
    """One served resource: where its objects live and what may be done to them."""

    group: str
    version: str
    resource: str
    kind: str
    namespaced: bool
    verbs: frozenset[str]
    subresources: frozenset[str] = frozenset()

    @property
    def key(self) -> KindKey:
        return KindKey(self.group, self.resource)

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def watchable(self) -> bool:
        """The catalog can cache only what it can both list and watch."""
        return "list" in self.verbs and "watch" in self.verbs

    def path(self, namespace: str | None = None, name: str = "", subresource: str = "") -> str:
        """The REST path of the collection (optionally in one namespace), of one object, or of
        one object's subresource; the namespace is ignored for a cluster-scoped resource."""
        scope = namespace if self.namespaced else None
        return resource_path(self.group, self.version, self.resource, scope, name, subresource)


def resource_path(
    group: str,
    version: str,
    resource: str,
    namespace: str | None = None,
    name: str = "",
    subresource: str = "",
) -> str:
    """`/api/v1/namespaces/shop/pods/web-1/log`: every segment quoted, so no name can escape it."""
    path = group_version_path(group, version)
    if namespace:
        path = f"{path}/namespaces/{_segment(namespace)}"
    path = f"{path}/{_segment(resource)}"
    if name:
        path = f"{path}/{_segment(name)}"
        if subresource:
            path = f"{path}/{_segment(subresource)}"
    return path


def group_version_path(group: str, version: str) -> str:
    """The discovery document of one group/version: `/api/v1`, `/apis/apps/v1`."""
    return f"/apis/{_segment(group)}/{_segment(version)}" if group else f"/api/{_segment(version)}"
