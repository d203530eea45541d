"""Cluster identity and scopes, exactly as contract §1 spells them.

A `clusterId` is `<file>:<context>` with `%`, `:` and `|` percent-encoded in the file part and `%`
and `|` in the context part, so an id splits at its first `:` and a scope (`clusterId|tail`) at
its first `|`. Context names with `:` (cloud ARNs) stay readable. Parsing is strict — only the
canonical encoding is accepted — so `format(parse(x)) == x` for every accepted `x`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.clusters.names import (
    group_problem,
    kind_problem,
    name_problem,
    namespace_problem,
    version_problem,
)
from backend.errors import RegattaError

_FILE_ESCAPES = {"%": "%25", ":": "%3A", "|": "%7C"}
_CONTEXT_ESCAPES = {"%": "%25", "|": "%7C"}
_FILE_ENCODED = re.compile(r"(?:[^%:|]|%25|%3A|%7C)+")
_CONTEXT_ENCODED = re.compile(r"(?:[^%|]|%25|%7C)+")
_UNESCAPES = {"%25": "%", "%3A": ":", "%7C": "|"}
_ESCAPE_SEQUENCE = re.compile(r"%25|%3A|%7C")


def _encode(text: str, escapes: dict[str, str]) -> str:
    return "".join(escapes.get(char, char) for char in text)


def _decode(text: str) -> str:
    return _ESCAPE_SEQUENCE.sub(lambda match: _UNESCAPES[match.group(0)], text)


@dataclass(frozen=True, slots=True)
class ClusterIdentity:
    """The two halves of a clusterId, decoded: the kubeconfig `file` name and the `context`."""

    file: str
    context: str

    @property
    def cluster_id(self) -> str:
        return format_cluster_id(self.file, self.context)

    @property
    def cluster_name(self) -> str:
        """The contract's `clusterName` is the context name."""
        return self.context


def format_cluster_id(file: str, context: str) -> str:
    """`<file>:<context>` with the contract's percent-encoding. Both parts must be non-empty."""
    if not file or not context:
        raise ValueError("a clusterId needs a non-empty file and context")
    return f"{_encode(file, _FILE_ESCAPES)}:{_encode(context, _CONTEXT_ESCAPES)}"


def parse_cluster_id(cluster_id: str) -> ClusterIdentity:
    """Split and decode a clusterId; a malformed one is a 400 `bad_cluster_id`."""
    file_part, sep, context_part = cluster_id.partition(":")
    if (
        not sep
        or not _FILE_ENCODED.fullmatch(file_part)
        or not _CONTEXT_ENCODED.fullmatch(context_part)
    ):
        raise RegattaError(
            400,
            "bad_cluster_id",
            f"`{cluster_id}` is not a cluster id; expected `<file>:<context>` with `%`, `:` and"
            " `|` percent-encoded in the file and `%` and `|` in the context.",
            clusterId=cluster_id,
        )
    return ClusterIdentity(file=_decode(file_part), context=_decode(context_part))


def is_cluster_id(text: str) -> bool:
    """True when `text` is a well-formed clusterId (known or not)."""
    try:
        parse_cluster_id(text)
    except RegattaError:
        return False
    return True


# --- scopes -------------------------------------------------------------------------------------


def format_scope(cluster_id: str, tail: str) -> str:
    """`clusterId|tail`."""
    return f"{cluster_id}|{tail}"


def split_scope(scope: str) -> tuple[str, str]:
    """Split a scope at its first `|` into (clusterId, tail); 400 `bad_scope` if it cannot be."""
    cluster_id, sep, tail = scope.partition("|")
    if not sep:
        raise _bad_scope(scope, "it has no `|` between the cluster id and the tail")
    if not is_cluster_id(cluster_id):
        raise _bad_scope(scope, f"`{cluster_id}` is not a cluster id (`<file>:<context>`)")
    return cluster_id, tail


@dataclass(frozen=True, slots=True)
class WholeCluster:
    """The empty tail: the whole cluster."""

    def format(self) -> str:
        return ""


@dataclass(frozen=True, slots=True)
class NamespaceTail:
    namespace: str

    def format(self) -> str:
        return f"namespace:{self.namespace}"


@dataclass(frozen=True, slots=True)
class PodTail:
    namespace: str
    pod: str
    container: str | None = None

    def format(self) -> str:
        base = f"pod:{self.namespace}/{self.pod}"
        return base if self.container is None else f"{base}/{self.container}"


@dataclass(frozen=True, slots=True)
class ObjectTail:
    """`object:<group>/<version>/<kind>/<ns>/<name>`; group "" is core, namespace "" is cluster-scoped."""

    group: str
    version: str
    kind: str
    namespace: str
    name: str

    def format(self) -> str:
        parts = (self.group, self.version, self.kind, self.namespace, self.name)
        return "object:" + "/".join(parts)


@dataclass(frozen=True, slots=True)
class HelmTail:
    """`helm:<ns>/<name>`: a Helm release (contract §13)."""

    namespace: str
    name: str

    def format(self) -> str:
        return f"helm:{self.namespace}/{self.name}"


ScopeTail = WholeCluster | NamespaceTail | PodTail | ObjectTail | HelmTail


@dataclass(frozen=True, slots=True)
class Scope:
    """A parsed scope: one cluster and what part of it."""

    cluster_id: str
    tail: ScopeTail

    def format(self) -> str:
        return format_scope(self.cluster_id, self.tail.format())


def parse_scope(scope: str) -> Scope:
    """Parse a scope and its tail (contract §1); any malformed part is a 400 `bad_scope`."""
    cluster_id, tail = split_scope(scope)
    return Scope(cluster_id=cluster_id, tail=parse_tail(tail, scope=scope))


def parse_tail(tail: str, *, scope: str | None = None) -> ScopeTail:
    """Parse a scope tail; `scope` (the full string) is what the error names.

    Namespaces, pod, container and object names are checked as Kubernetes names (`names.py`):
    they go into request paths, where `.` or `/` would name something else.
    """
    named = tail if scope is None else scope
    if tail == "":
        return WholeCluster()
    kind, sep, rest = tail.partition(":")
    if not sep:
        raise _bad_scope(named, f"the tail `{tail}` has no `<kind>:` prefix")
    parts = rest.split("/")
    if kind == "namespace":
        if len(parts) != 1 or not parts[0]:
            raise _bad_scope(named, "a namespace tail is `namespace:<ns>`")
        _require(named, "namespace", parts[0], namespace_problem(parts[0]))
        return NamespaceTail(namespace=parts[0])
    if kind == "pod":
        if len(parts) not in (2, 3) or not all(parts):
            raise _bad_scope(
                named, "a pod tail is `pod:<ns>/<pod>` or `pod:<ns>/<pod>/<container>`"
            )
        _require(named, "namespace", parts[0], namespace_problem(parts[0]))
        for what, value in zip(("pod", "container"), parts[1:], strict=False):
            _require(named, what, value, name_problem(value))
        return PodTail(parts[0], parts[1], parts[2] if len(parts) == 3 else None)
    if kind == "object":
        if len(parts) != 5:
            raise _bad_scope(
                named, "an object tail is `object:<group>/<version>/<kind>/<ns>/<name>`"
            )
        group, version, object_kind, namespace, name = parts
        if not version or not object_kind or not name:
            raise _bad_scope(named, "an object tail needs a version, a kind and a name")
        _require(named, "group", group, group_problem(group))
        _require(named, "version", version, version_problem(version))
        _require(named, "kind", object_kind, kind_problem(object_kind))
        if namespace:  # empty: a cluster-scoped object
            _require(named, "namespace", namespace, namespace_problem(namespace))
        _require(named, "name", name, name_problem(name))
        return ObjectTail(group, version, object_kind, namespace, name)
    if kind == "helm":
        if len(parts) != 2 or not all(parts):
            raise _bad_scope(named, "a Helm release tail is `helm:<ns>/<name>`")
        _require(named, "namespace", parts[0], namespace_problem(parts[0]))
        _require(named, "release name", parts[1], name_problem(parts[1]))
        return HelmTail(parts[0], parts[1])
    raise _bad_scope(named, f"`{kind}` is not a scope kind (namespace, pod, object, helm)")


def _require(scope: str, what: str, value: str, problem: str | None) -> None:
    if problem is not None:
        raise _bad_scope(scope, f"the {what} `{value}` {problem}")


def _bad_scope(scope: str, why: str) -> RegattaError:
    return RegattaError(400, "bad_scope", f"`{scope}` is not a valid scope: {why}.", scope=scope)
