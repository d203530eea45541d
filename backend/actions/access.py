"""May this cluster's user do one verb on one resource? SelfSubjectAccessReview, cached briefly.

The answers drive the UI's enabled/disabled buttons (with the reason as tooltip) and the check
before every action, so a forbidden action is refused with a sentence naming the verb, the
resource and the cluster instead of the API server's terse 403. The API server still enforces
access on the request itself; the cache only saves round trips.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from backend.actions import limits
from backend.actions.kubeapi import KubeApi, KubeStatusError

_SSAR_PATH = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"


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
        attributes: dict[str, str] = {
            "verb": self.verb,
            "group": self.group,
            "resource": self.resource,
        }
        if self.subresource:
            attributes["subresource"] = self.subresource
        if self.namespace:
            attributes["namespace"] = self.namespace
        if self.name:
            attributes["name"] = self.name
        return {
            "apiVersion": "authorization.k8s.io/v1",
            "kind": "SelfSubjectAccessReview",
            "spec": {"resourceAttributes": attributes},
        }


@dataclass(frozen=True, slots=True)
class AccessAnswer:
    allowed: bool
    reason: str
    """The authorizer's reason (often empty for an RBAC denial), or why no review was possible."""
    reviewed: bool = True
    """False when the server would not review access: `allowed` is then a guess (True)."""


@dataclass(frozen=True, slots=True)
class _Cached:
    answer: AccessAnswer
    at: float


class AccessReviewer:
    """Access answers of one cluster's user, each kept for `ACCESS_TTL_S`."""

    def __init__(
        self,
        api: KubeApi,
        ttl_s: float = limits.ACCESS_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._api = api
        self._ttl_s = ttl_s
        self._clock = clock
        self._cache: OrderedDict[AccessCheck, _Cached] = OrderedDict()
        self.reviews_sent = 0
        """How many reviews went to the server (tests count them)."""

    async def review(self, check: AccessCheck) -> AccessAnswer:
        cached = self._cache.get(check)
        if cached is not None and self._clock() - cached.at < self._ttl_s:
            self._cache.move_to_end(check)
            return cached.answer
        answer = await self._ask(check)
        self._cache[check] = _Cached(answer, self._clock())
        self._cache.move_to_end(check)
        while len(self._cache) > limits.ACCESS_CACHE_SIZE:
            self._cache.popitem(last=False)
        return answer

    async def _ask(self, check: AccessCheck) -> AccessAnswer:
        self.reviews_sent += 1
        try:
            body = await self._api.post(_SSAR_PATH, check.review_body())
        except KubeStatusError as exc:
            # A server that will not review access still enforces it on the request itself:
            # let that answer decide rather than disable a button on a guess.
            return AccessAnswer(True, f"access could not be checked: {exc.message}", False)
        status = body.get("status")
        if not isinstance(status, dict):
            return AccessAnswer(False, "the access review had no answer")
        reason = status.get("reason") or status.get("evaluationError") or ""
        return AccessAnswer(bool(status.get("allowed")), str(reason))
