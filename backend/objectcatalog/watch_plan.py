"""May this user list and watch a kind — cluster-wide, or in which namespaces?

Access reviews are asked once and cached per (verb, group, resource, namespace) for
`PERMISSION_TTL_S`; the cache belongs to one cluster's catalog, so its key is in effect
(clusterId, verb, group, resource, namespace). A denial is data: it is kept, listed in
diagnostics, and asked again only after it expires or after `invalidate()` (manual refresh).

Cluster-wide questions use SelfSubjectAccessReview. For a namespaced kind the user may not read
cluster-wide, each candidate namespace is asked once with SelfSubjectRulesReview, whose rules then
answer every kind in that namespace without further requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import msgspec

from backend.objectcatalog import limits
from backend.objectcatalog.kinds import ApiResource
from backend.objectcatalog.transport import ApiError, ApiTransport

_SSAR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
_SSRR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"
WATCH_VERBS = ("list", "watch")


@dataclass(frozen=True, slots=True)
class AccessKey:
    verb: str
    group: str
    resource: str
    namespace: str  # "" = cluster-wide


@dataclass(frozen=True, slots=True)
class AccessDecision:
    allowed: bool
    reason: str
    checked_at: float  # monotonic seconds


@dataclass(frozen=True, slots=True)
class PermissionIssue:
    """A denied verb on a resource, as diagnostics list it."""

    verb: str
    group: str
    resource: str
    namespace: str
    message: str


@dataclass(frozen=True, slots=True)
class ResourceRule:
    verbs: frozenset[str]
    groups: frozenset[str]
    resources: frozenset[str]
    names: frozenset[str]


@dataclass(frozen=True, slots=True)
class NamespaceRules:
    rules: tuple[ResourceRule, ...]
    incomplete: bool
    checked_at: float


class _AccessStatus(msgspec.Struct):
    allowed: bool = False
    denied: bool | None = None
    reason: str | None = None
    evaluation_error: str | None = msgspec.field(default=None, name="evaluationError")


class _AccessReview(msgspec.Struct):
    status: _AccessStatus | None = None


class _RuleWire(msgspec.Struct, rename="camel"):
    verbs: list[str] | None = None
    api_groups: list[str] | None = None
    resources: list[str] | None = None
    resource_names: list[str] | None = None


class _RulesStatus(msgspec.Struct, rename="camel"):
    resource_rules: list[_RuleWire] | None = None
    incomplete: bool | None = None


class _RulesReview(msgspec.Struct):
    status: _RulesStatus | None = None


_access_decoder = msgspec.json.Decoder(_AccessReview)
_rules_decoder = msgspec.json.Decoder(_RulesReview)


def _matches(values: frozenset[str], wanted: str) -> bool:
    return "*" in values or wanted in values


def rules_allow(rules: Sequence[ResourceRule], verb: str, group: str, resource: str) -> bool:
    """Whether RBAC-style rules grant `verb` on every object of group/resource.

    Rules limited to resourceNames never grant list or watch of the whole collection.
    """
    return any(
        not rule.names
        and _matches(rule.verbs, verb)
        and _matches(rule.groups, group)
        and _matches(rule.resources, resource)
        for rule in rules
    )


def parse_rules(body: bytes, checked_at: float) -> NamespaceRules:
    status = _rules_decoder.decode(body).status
    if status is None:
        return NamespaceRules((), True, checked_at)
    rules = tuple(
        ResourceRule(
            frozenset(r.verbs or ()),
            frozenset(r.api_groups or ()),
            frozenset(r.resources or ()),
            frozenset(r.resource_names or ()),
        )
        for r in status.resource_rules or ()
    )
    return NamespaceRules(rules, bool(status.incomplete), checked_at)


class PermissionChecker:
    """Cached access answers for one cluster's user."""

    def __init__(
        self,
        transport: ApiTransport,
        ttl: float = limits.PERMISSION_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._transport = transport
        self._ttl = ttl
        self._clock = clock
        self._decisions: dict[AccessKey, AccessDecision] = {}
        self._rules: dict[str, NamespaceRules] = {}
        self.reviews_sent = 0
        """How many access reviews went to the server (diagnostics; tests count them)."""

    def _fresh(self, checked_at: float) -> bool:
        return self._clock() - checked_at < self._ttl

    def invalidate(self) -> None:
        """Forget every answer: the next question goes to the server (manual refresh)."""
        self._decisions.clear()
        self._rules.clear()

    async def can(self, verb: str, group: str, resource: str, namespace: str = "") -> bool:
        return (await self.decide(AccessKey(verb, group, resource, namespace))).allowed

    async def decide(self, key: AccessKey) -> AccessDecision:
        cached = self._decisions.get(key)
        if cached is not None and self._fresh(cached.checked_at):
            return cached
        decision = await self._review(key)
        self._decisions[key] = decision
        return decision

    async def _review(self, key: AccessKey) -> AccessDecision:
        attributes = {"verb": key.verb, "group": key.group, "resource": key.resource}
        if key.namespace:
            attributes["namespace"] = key.namespace
        body = {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "spec": {"resourceAttributes": attributes},
        }
        self.reviews_sent += 1
        try:
            answer = _access_decoder.decode(await self._transport.post(_SSAR_PATH, body))
        except ApiError as exc:
            # A server that will not review access still enforces it on the LIST itself; let
            # that answer decide instead of guessing here.
            return AccessDecision(True, f"access review unavailable: {exc.message}", self._clock())
        status = answer.status or _AccessStatus()
        reason = status.reason or status.evaluation_error or ""
        return AccessDecision(status.allowed, reason, self._clock())

    async def namespace_rules(self, namespace: str) -> NamespaceRules:
        cached = self._rules.get(namespace)
        if cached is not None and self._fresh(cached.checked_at):
            return cached
        body = {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectRulesReview",
            "spec": {"namespace": namespace},
        }
        self.reviews_sent += 1
        try:
            rules = parse_rules(await self._transport.post(_SSRR_PATH, body), self._clock())
        except ApiError:
            rules = NamespaceRules((), True, self._clock())
        self._rules[namespace] = rules
        return rules

    async def can_watch_in(self, resource: ApiResource, namespace: str) -> bool:
        """list+watch in one namespace: from the namespace's rules, or per-verb reviews when
        the rules are incomplete (an authorizer other than RBAC is involved)."""
        rules = await self.namespace_rules(namespace)
        if all(rules_allow(rules.rules, v, resource.group, resource.resource) for v in WATCH_VERBS):
            return True
        if not rules.incomplete:
            return False
        for verb in WATCH_VERBS:
            if not await self.can(verb, resource.group, resource.resource, namespace):
                return False
        return True

    def issues(self) -> list[PermissionIssue]:
        """Current denials (diagnostics), cluster-wide ones first."""
        found = [
            PermissionIssue(
                k.verb,
                k.group,
                k.resource,
                k.namespace,
                d.reason or f"{k.verb} {k.resource} is forbidden",
            )
            for k, d in self._decisions.items()
            if not d.allowed
        ]
        return sorted(
            found, key=lambda i: (i.namespace != "", i.group, i.resource, i.verb, i.namespace)
        )


@dataclass(frozen=True, slots=True)
class WatchPlan:
    """Where a kind can be watched: cluster-wide (`None`), in some namespaces, or nowhere."""

    scopes: tuple[str | None, ...]
    message: str  # "" when the kind is readable cluster-wide

    @property
    def forbidden(self) -> bool:
        return not self.scopes


async def plan_watch(
    checker: PermissionChecker,
    resource: ApiResource,
    namespaces: Iterable[str],
) -> WatchPlan:
    """Decide where to list+watch `resource`, trying cluster-wide first."""
    denied = [
        verb
        for verb in WATCH_VERBS
        if not await checker.can(verb, resource.group, resource.resource)
    ]
    if not denied:
        return WatchPlan((None,), "")
    what = f"{' and '.join(denied)} {resource.resource}"
    if not resource.namespaced:
        return WatchPlan((), f"forbidden: cannot {what} (cluster-scoped)")
    allowed = tuple(sorted({ns for ns in namespaces if await checker.can_watch_in(resource, ns)}))
    if not allowed:
        return WatchPlan((), f"forbidden: cannot {what} in any known namespace")
    return WatchPlan(
        allowed, f"cannot {what} cluster-wide; watching namespaces {', '.join(allowed)}"
    )
