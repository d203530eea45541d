"""The names a person types for a kind, as kubectl accepts them: short names (`deploy`, `svc`),
singulars, plurals and Kind names, each mapped to the version-less kind key."""

from __future__ import annotations

from backend.kube.resources import ApiResource, KindKey
from backend.objectcatalog import kinds

_SHORT: dict[str, KindKey] = {
    "po": kinds.PODS,
    "deploy": kinds.DEPLOYMENTS,
    "svc": kinds.SERVICES,
    "ns": kinds.NAMESPACES,
    "cm": kinds.CONFIGMAPS,
    "sts": kinds.STATEFULSETS,
    "ds": kinds.DAEMONSETS,
    "rs": kinds.REPLICASETS,
    "cj": kinds.CRONJOBS,
    "ing": kinds.INGRESSES,
    "no": kinds.NODES,
    "pvc": kinds.PERSISTENT_VOLUME_CLAIMS,
    "pv": kinds.PERSISTENT_VOLUMES,
    "sa": KindKey("", "serviceaccounts"),
    "ev": kinds.EVENTS,
    "sc": kinds.STORAGE_CLASSES,
    "ep": KindKey("", "endpoints"),
    "hpa": KindKey("autoscaling", "horizontalpodautoscalers"),
    "pdb": KindKey("policy", "poddisruptionbudgets"),
    "netpol": KindKey("networking.k8s.io", "networkpolicies"),
    "crd": kinds.CUSTOM_RESOURCE_DEFINITIONS,
    "crds": kinds.CUSTOM_RESOURCE_DEFINITIONS,
    "quota": KindKey("", "resourcequotas"),
    "limits": KindKey("", "limitranges"),
}

_KNOWN = (
    *_SHORT.values(),
    kinds.SECRETS,
    kinds.JOBS,
    kinds.ROLES,
    kinds.CLUSTER_ROLES,
    kinds.ROLE_BINDINGS,
    kinds.CLUSTER_ROLE_BINDINGS,
)


def _singular(resource: str) -> str:
    if resource.endswith("ies"):
        return resource[:-3] + "y"
    if resource.endswith(("sses", "xes")):
        return resource[:-2]
    return resource.removesuffix("s")


def _names() -> dict[str, KindKey]:
    names: dict[str, KindKey] = {}
    for key in _KNOWN:
        names[key.resource] = key
        names[_singular(key.resource)] = key
        names[str(key)] = key
    names.update(_SHORT)
    return names


ALIASES: dict[str, KindKey] = _names()


def resolve_alias(word: str, served: tuple[ApiResource, ...] = ()) -> KindKey | None:
    """The kind `word` names (case-insensitive): a kubectl short name, singular, plural, a kind
    key like `deployments.apps`, or the Kind or plural of a resource the cluster serves (custom
    resources included). None when it names no kind."""
    text = word.strip().lower()
    if not text:
        return None
    known = ALIASES.get(text)
    if known is not None:
        return known
    for resource in served:
        if text in (resource.kind.lower(), resource.resource, str(resource.key)):
            return resource.key
        if text == _singular(resource.resource):
            return resource.key
    return None
