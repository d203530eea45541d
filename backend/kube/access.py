"""May this cluster's user do one verb on one resource? Access reviews, asked once and cached.

One reviewer per cluster serves the catalog (may it list and watch a kind, cluster-wide or per
namespace), the actions (the check before each action) and the UI's can-i (enabled buttons with
the reason as tooltip). Each caller says how old an answer it accepts. SelfSubjectAccessReview
answers one question; SelfSubjectRulesReview answers every kind of one namespace at once. The
API server still enforces access on the request itself: the cache only saves round trips, so a
server that will not review access counts as allowed ("could not be checked").
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import msgspec

from backend.kube import limits
from backend.kube.errors import ApiError
from backend.kube.transport import Transport

_SSAR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
_SSRR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"


@dataclass(frozen=True, slots=True)
class AccessCheck:
    """One verb on one resource (optionally one object), as RBAC sees it."""

    verb: str
    group: str
    resource: str
    subresource: str = ""
    namespace: str = ""
    """Empty: cluster-scoped, or every namespace (`all_namespaces`)."""
    name: str = ""
    all_namespaces: bool = False
    """For a namespaced resource asked about across namespaces (drain lists every pod)."""

    @property
    def resource_label(self) -> str:
        """`pods`, `deployments.apps/scale`: how kubectl names the resource in its errors."""
        name = f"{self.resource}.{self.group}" if self.group else self.resource
        return f"{name}/{self.subresource}" if self.subresource else name

    def describe(self, cluster_name: str) -> str:
        """`delete pods in namespace shop on cluster beta-viewer`."""
        where = ""
        if self.namespace:
            where = f" in namespace {self.namespace}"
        elif self.all_namespaces:
            where = " in all namespaces"
        return f"{self.verb} {self.resource_label}{where} on cluster {cluster_name}"

    def review_body(self) -> dict[str, object]:
        attributes = {"verb": self.verb, "group": self.group, "resource": self.resource}
        optional = (
            ("subresource", self.subresource),
            ("namespace", self.namespace),
            ("name", self.name),
        )
        attributes.update((key, value) for key, value in optional if value)
        return {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "spec": {"resourceAttributes": attributes},
        }


@dataclass(frozen=True, slots=True)
class AccessAnswer:
    allowed: bool
    reason: str
    """The authorizer's reason (often empty for an RBAC denial), or why no review was possible
    (`allowed` is then True: the request itself is still enforced)."""
    checked_at: float = 0.0


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

    def allow(self, verb: str, group: str, resource: str) -> bool:
        return rules_allow(self.rules, verb, group, resource)


class _AccessStatus(msgspec.Struct, rename="camel"):
    allowed: bool = False
    reason: str | None = None
    evaluation_error: str | None = None


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


class AccessReviewer:
    """Cached access answers of one cluster's user (raises `Unreachable` when it cannot ask)."""

    def __init__(self, transport: Transport, clock: Callable[[], float] = time.monotonic) -> None:
        self._transport = transport
        self._clock = clock
        self._answers: OrderedDict[AccessCheck, AccessAnswer] = OrderedDict()
        self._rules: dict[str, NamespaceRules] = {}
        self.reviews_sent = 0
        """How many reviews went to the server (diagnostics; tests count them)."""

    def invalidate(self) -> None:
        """Forget every answer: the next question goes to the server (manual refresh)."""
        self._answers.clear()
        self._rules.clear()

    async def review(self, check: AccessCheck, max_age_s: float) -> AccessAnswer:
        cached = self._answers.get(check)
        if cached is not None and self._clock() - cached.checked_at < max_age_s:
            self._answers.move_to_end(check)
            return cached
        answer = await self._ask(check)
        self._answers[check] = answer
        self._answers.move_to_end(check)
        while len(self._answers) > limits.ACCESS_CACHE_SIZE:
            self._answers.popitem(last=False)
        return answer

    async def _ask(self, check: AccessCheck) -> AccessAnswer:
        self.reviews_sent += 1
        try:
            body = await self._transport.request("POST", _SSAR_PATH, body=check.review_body())
            status = _access_decoder.decode(body.body).status
        except ApiError as exc:
            # A server that will not review access still enforces it on the request itself:
            # let that answer decide rather than refuse on a guess.
            return AccessAnswer(True, f"access could not be checked: {exc.message}", self._clock())
        except (msgspec.DecodeError, msgspec.ValidationError):
            status = None
        if status is None:
            return AccessAnswer(False, "the access review had no answer", self._clock())
        reason = status.reason or status.evaluation_error or ""
        return AccessAnswer(status.allowed, reason, self._clock())

    async def namespace_rules(self, namespace: str, max_age_s: float) -> NamespaceRules:
        """Every rule the user has in `namespace` (incomplete when the server cannot list them)."""
        cached = self._rules.get(namespace)
        if cached is not None and self._clock() - cached.checked_at < max_age_s:
            return cached
        body = {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectRulesReview",
            "spec": {"namespace": namespace},
        }
        self.reviews_sent += 1
        try:
            answer = await self._transport.request("POST", _SSRR_PATH, body=body)
            rules = parse_rules(answer.body, self._clock())
        except (ApiError, msgspec.DecodeError, msgspec.ValidationError):
            rules = NamespaceRules((), True, self._clock())
        self._rules[namespace] = rules
        return rules

    def denials(self) -> list[tuple[AccessCheck, AccessAnswer]]:
        """Every cached answer that refuses."""
        return [(c, a) for c, a in self._answers.items() if not a.allowed]
