"""How the catalog names a kind: `KindKey` (group + resource) and `ApiResource` (what discovery
says about it).

A kind key is the version-less group/resource pair, written as kubectl writes it: `pods`,
`deployments.apps`, `widgets.example.com`. The version is not part of the identity: each cluster
has one cache per key, read at the server's preferred version for that group (from discovery).
So a caller never has to know which version a cluster serves, and two clusters that serve
different versions of one CRD still share the key.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class ApiResource:
    """One resource as discovery describes it, at the version the catalog reads it."""

    group: str
    version: str
    resource: str
    kind: str
    namespaced: bool
    verbs: frozenset[str]

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

    def path(self, namespace: str | None = None, name: str | None = None) -> str:
        """The REST path of the collection (optionally in one namespace) or of one object."""
        base = f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"
        if namespace and self.namespaced:
            base = f"{base}/namespaces/{namespace}"
        base = f"{base}/{self.resource}"
        return f"{base}/{name}" if name else base


# Kinds the catalog knows by name. Every other kind (custom resources included) gets generic rows.
NAMESPACES = KindKey("", "namespaces")
NODES = KindKey("", "nodes")
PODS = KindKey("", "pods")
EVENTS = KindKey("", "events")
SERVICES = KindKey("", "services")
CONFIGMAPS = KindKey("", "configmaps")
SECRETS = KindKey("", "secrets")
PERSISTENT_VOLUME_CLAIMS = KindKey("", "persistentvolumeclaims")
PERSISTENT_VOLUMES = KindKey("", "persistentvolumes")
DEPLOYMENTS = KindKey("apps", "deployments")
STATEFULSETS = KindKey("apps", "statefulsets")
DAEMONSETS = KindKey("apps", "daemonsets")
REPLICASETS = KindKey("apps", "replicasets")
JOBS = KindKey("batch", "jobs")
CRONJOBS = KindKey("batch", "cronjobs")
INGRESSES = KindKey("networking.k8s.io", "ingresses")
STORAGE_CLASSES = KindKey("storage.k8s.io", "storageclasses")
ROLES = KindKey("rbac.authorization.k8s.io", "roles")
CLUSTER_ROLES = KindKey("rbac.authorization.k8s.io", "clusterroles")
ROLE_BINDINGS = KindKey("rbac.authorization.k8s.io", "rolebindings")
CLUSTER_ROLE_BINDINGS = KindKey("rbac.authorization.k8s.io", "clusterrolebindings")
CUSTOM_RESOURCE_DEFINITIONS = KindKey("apiextensions.k8s.io", "customresourcedefinitions")

STARTUP_KINDS: tuple[KindKey, ...] = (
    NAMESPACES,
    NODES,
    PODS,
    EVENTS,
    DEPLOYMENTS,
    STATEFULSETS,
    DAEMONSETS,
    REPLICASETS,
    JOBS,
    CRONJOBS,
)
"""Kinds every cluster watches from the start; everything else starts on `ensure()`."""
