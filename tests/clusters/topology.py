"""Which clusters, users and kubeconfig contexts a run has: plain data other engineers code against.

The layout is an interface (see README.md): cluster names `alpha`, `beta`, `gamma`, ...; two
kubeconfig files, `dev.yaml` and `prod.yaml`, that share the context name `staging` and hold one
context named like an EKS ARN.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CLUSTER_NAMES = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta")

DEV_FILE = "dev.yaml"
PROD_FILE = "prod.yaml"

# The harness's own identity: used by the controller-manager, scheduler, kwok and seeding.
HARNESS_USER = "regatta-harness"
ADMIN_GROUP = "system:masters"
VIEWER_GROUP = "regatta:viewers"

RESTRICTED_CLUSTER = "beta"
RESTRICTED_USER = "beta-viewer"
# Namespaces the restricted user may read (and nothing else, not even the namespace list).
RESTRICTED_NAMESPACES = ("shop", "team-a")

# Clusters that run metrics-server (the aggregated metrics.k8s.io API); the others have none.
METRICS_CLUSTERS = ("alpha", "gamma")

GAMMA_ARN_CONTEXT = "arn:aws:eks:eu-west-1:123456789012:cluster/gamma"

AuthKind = Literal["client-certificate", "token"]


@dataclass(frozen=True)
class UserSpec:
    """A person's identity on one cluster, and how it authenticates."""

    name: str
    cluster: str
    auth: AuthKind
    groups: tuple[str, ...]


@dataclass(frozen=True)
class ContextSpec:
    """One context of one kubeconfig file: a (cluster, user) pair under a name."""

    file: str
    name: str
    cluster: str
    user: str
    namespace: str | None = None


def cluster_names(count: int) -> list[str]:
    """The first `count` cluster names; a run has between 1 and len(CLUSTER_NAMES) clusters."""
    if not 1 <= count <= len(CLUSTER_NAMES):
        raise ValueError(f"clusters must be between 1 and {len(CLUSTER_NAMES)}, got {count}")
    return list(CLUSTER_NAMES[:count])


def admin_user(cluster: str) -> str:
    return f"{cluster}-admin"


def users_for(clusters: list[str]) -> list[UserSpec]:
    """alpha and gamma admins use client certificates, every other person a bearer token."""
    users: list[UserSpec] = []
    for name in clusters:
        auth: AuthKind = "client-certificate" if name in ("alpha", "gamma") else "token"
        users.append(UserSpec(admin_user(name), name, auth, (ADMIN_GROUP,)))
        if name == RESTRICTED_CLUSTER:
            users.append(UserSpec(RESTRICTED_USER, name, "token", (VIEWER_GROUP,)))
    return users


def contexts_for(clusters: list[str]) -> list[ContextSpec]:
    """The contexts of dev.yaml and prod.yaml for the clusters present in this run."""
    present = set(clusters)
    wanted = [
        ContextSpec(DEV_FILE, "alpha", "alpha", admin_user("alpha")),
        ContextSpec(DEV_FILE, "beta", "beta", admin_user("beta")),
        ContextSpec(DEV_FILE, RESTRICTED_USER, "beta", RESTRICTED_USER, RESTRICTED_NAMESPACES[0]),
        ContextSpec(DEV_FILE, "staging", "beta", admin_user("beta")),
        ContextSpec(PROD_FILE, GAMMA_ARN_CONTEXT, "gamma", admin_user("gamma")),
        ContextSpec(PROD_FILE, "staging", "gamma", admin_user("gamma")),
    ]
    wanted += [ContextSpec(DEV_FILE, n, n, admin_user(n)) for n in clusters[3:]]
    return [c for c in wanted if c.cluster in present]
