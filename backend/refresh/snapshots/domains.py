"""Which kinds each list domain shows.

A domain with fixed kinds reads those caches; `custom-resources` reads the kinds the cluster's
CRDs define and `catalog` every kind the cluster is caching (plus any kind the query names), so
those two are resolved per cluster.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.kube.resources import KindKey
from backend.objectcatalog import kinds

NETWORK_POLICIES = KindKey("networking.k8s.io", "networkpolicies")
SERVICE_ACCOUNTS = KindKey("", "serviceaccounts")


@dataclass(frozen=True)
class ListDomain:
    name: str
    kinds: tuple[KindKey, ...]
    """The kinds shown; empty for the per-cluster domains (custom-resources, catalog)."""
    default_sort: str = "name"


LIST_DOMAINS: dict[str, ListDomain] = {
    d.name: d
    for d in (
        ListDomain("namespaces", (kinds.NAMESPACES,)),
        ListDomain("nodes", (kinds.NODES,)),
        ListDomain("pods", (kinds.PODS,)),
        ListDomain(
            "workloads",
            (
                kinds.DEPLOYMENTS,
                kinds.STATEFULSETS,
                kinds.DAEMONSETS,
                kinds.REPLICASETS,
                kinds.JOBS,
                kinds.CRONJOBS,
            ),
        ),
        ListDomain("config", (kinds.CONFIGMAPS, kinds.SECRETS)),
        ListDomain("network", (kinds.SERVICES, kinds.INGRESSES, NETWORK_POLICIES)),
        ListDomain(
            "storage",
            (kinds.PERSISTENT_VOLUME_CLAIMS, kinds.PERSISTENT_VOLUMES, kinds.STORAGE_CLASSES),
        ),
        ListDomain(
            "rbac",
            (
                kinds.ROLES,
                kinds.ROLE_BINDINGS,
                kinds.CLUSTER_ROLES,
                kinds.CLUSTER_ROLE_BINDINGS,
                SERVICE_ACCOUNTS,
            ),
        ),
        ListDomain("events", (kinds.EVENTS,), default_sort="timestamp"),
        ListDomain("custom-resources", ()),
        ListDomain("catalog", ()),
    )
}

OBJECT_DOMAINS = frozenset({"object-details", "object-yaml", "object-events", "object-metrics"})
OVERVIEW_DOMAIN = "cluster-overview"
HELM_RELEASES_DOMAIN = "helm-releases"
HELM_RELEASE_DOMAIN = "helm-release"
ALL_DOMAINS = (
    frozenset(LIST_DOMAINS)
    | OBJECT_DOMAINS
    | {OVERVIEW_DOMAIN, HELM_RELEASES_DOMAIN, HELM_RELEASE_DOMAIN}
)


def domains_for_kind(key: KindKey, custom: bool) -> list[str]:
    """The snapshot domains a change to `key` makes stale (the catalog stream's doorbells)."""
    names = [domain.name for domain in LIST_DOMAINS.values() if key in domain.kinds]
    if custom:
        names.append("custom-resources")
    if key in (kinds.NODES, kinds.PODS, kinds.EVENTS, kinds.NAMESPACES):
        names.append(OVERVIEW_DOMAIN)
    if key in (kinds.SECRETS, kinds.CONFIGMAPS):  # Helm's storage objects
        names.append(HELM_RELEASES_DOMAIN)
    names.append("catalog")
    return names
