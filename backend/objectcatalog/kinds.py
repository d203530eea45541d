"""The kinds the catalog knows by name, and those every cluster watches from the start.

Kind keys are version-less (`backend.kube.resources.KindKey`): each cluster has one cache per key,
read at the server's preferred version for that group.
"""

from __future__ import annotations

from backend.kube.resources import KindKey

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
