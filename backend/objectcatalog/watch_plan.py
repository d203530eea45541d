"""Where the catalog may list and watch a kind: cluster-wide, in some namespaces, or nowhere.

The questions go to the cluster's shared `AccessReviewer` and are trusted for `PERMISSION_TTL_S`.
A denial is data: it is kept, listed in diagnostics, and asked again only after it expires or
after a manual refresh forgets every answer. For a namespaced kind the user may not read
cluster-wide, each candidate namespace is asked once with SelfSubjectRulesReview, whose rules then
answer every kind in that namespace without further requests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backend.contract.diagnostics import PermissionIssueInfo
from backend.kube.access import AccessCheck, AccessReviewer
from backend.kube.resources import ApiResource
from backend.objectcatalog import limits

WATCH_VERBS = ("list", "watch")


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """Where a kind can be watched: cluster-wide (`None`), in some namespaces, or nowhere."""

    scopes: tuple[str | None, ...]
    message: str  # "" when the kind is readable cluster-wide

    @property
    def forbidden(self) -> bool:
        return not self.scopes


async def _can(access: AccessReviewer, verb: str, resource: ApiResource, namespace: str) -> bool:
    check = AccessCheck(verb, resource.group, resource.resource, namespace=namespace)
    return (await access.review(check, limits.PERMISSION_TTL_S)).allowed


async def _can_watch_in(access: AccessReviewer, resource: ApiResource, namespace: str) -> bool:
    """list+watch in one namespace: from the namespace's rules, or per-verb reviews when the rules
    are incomplete (an authorizer other than RBAC is involved)."""
    rules = await access.namespace_rules(namespace, limits.PERMISSION_TTL_S)
    if all(rules.allow(verb, resource.group, resource.resource) for verb in WATCH_VERBS):
        return True
    if not rules.incomplete:
        return False
    for verb in WATCH_VERBS:
        if not await _can(access, verb, resource, namespace):
            return False
    return True


async def plan_watch(
    access: AccessReviewer, resource: ApiResource, namespaces: Iterable[str]
) -> WatchPlan:
    """Decide where to list+watch `resource`, trying cluster-wide first."""
    denied = [verb for verb in WATCH_VERBS if not await _can(access, verb, resource, "")]
    if not denied:
        return WatchPlan((None,), "")
    what = f"{' and '.join(denied)} {resource.resource}"
    if not resource.namespaced:
        return WatchPlan((), f"forbidden: cannot {what} (cluster-scoped)")
    allowed = tuple(sorted({ns for ns in namespaces if await _can_watch_in(access, resource, ns)}))
    if not allowed:
        return WatchPlan((), f"forbidden: cannot {what} in any known namespace")
    return WatchPlan(
        allowed, f"cannot {what} cluster-wide; watching namespaces {', '.join(allowed)}"
    )


def permission_issues(access: AccessReviewer) -> list[PermissionIssueInfo]:
    """The catalog's current denials (diagnostics), cluster-wide ones first."""
    found = [
        PermissionIssueInfo(
            verb=c.verb,
            group=c.group,
            resource=c.resource,
            namespace=c.namespace,
            message=a.reason or f"{c.verb} {c.resource} is forbidden",
        )
        for c, a in access.denials()
        if c.verb in WATCH_VERBS and not (c.name or c.subresource or c.all_namespaces)
    ]
    return sorted(
        found, key=lambda i: (i.namespace != "", i.group, i.resource, i.verb, i.namespace)
    )
