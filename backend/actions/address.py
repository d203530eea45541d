"""An object reference checked field by field, and the object's REST address once resolved.

Names go into URL paths, so they are checked the way the API server checks path segments
(not `.` or `..`, no `/` or `%`); group, version and kind must look like what discovery serves.
A bad field is a 400 whose message names it (`ref.namespace`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from backend.actions.resources import Resource
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError

_GROUP = re.compile(r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
_VERSION = re.compile(r"^[a-z0-9]+$")
_KIND = re.compile(r"^[A-Za-z][A-Za-z0-9]*$")


def bad_field(field: str, why: str) -> RegattaError:
    return RegattaError(400, "bad_request", f"`{field}` {why}.", field=field)


def _path_segment_problem(value: str) -> str | None:
    if value in (".", ".."):
        return f"may not be `{value}`"
    for char in ("/", "%"):
        if char in value:
            return f"may not contain `{char}`"
    return None


def check_ref(ref: ObjectRef) -> ObjectRef:
    """`ref` if every field is usable in a REST path; a 400 naming the first bad field."""
    if not ref.cluster_id:
        raise bad_field("ref.clusterId", "must name the object's cluster")
    if ref.group and not _GROUP.match(ref.group):
        raise bad_field("ref.group", f"is not an API group: `{ref.group}`")
    if not _VERSION.match(ref.version):
        raise bad_field("ref.version", f"is not an API version: `{ref.version}`")
    if not _KIND.match(ref.kind):
        raise bad_field("ref.kind", f"is not a kind: `{ref.kind}`")
    if not ref.name:
        raise bad_field("ref.name", "must not be empty")
    for field, value in (("ref.name", ref.name), ("ref.namespace", ref.namespace)):
        problem = _path_segment_problem(value) if value else None
        if problem is not None:
            raise bad_field(field, problem)
    return ref


@dataclass(frozen=True, slots=True)
class ObjectAddress:
    """A checked reference together with its resource: where the object lives on its cluster."""

    ref: ObjectRef
    resource: Resource

    @classmethod
    def of(cls, ref: ObjectRef, resource: Resource) -> ObjectAddress:
        """Check that the namespace fits the resource's scope (400 naming `ref.namespace`)."""
        if resource.namespaced and not ref.namespace:
            raise bad_field("ref.namespace", f"must be set: {ref.kind} is namespaced")
        if not resource.namespaced and ref.namespace:
            raise bad_field("ref.namespace", f"must be empty: {ref.kind} is cluster-scoped")
        return cls(ref, resource)

    @property
    def namespace(self) -> str:
        return self.ref.namespace

    @property
    def name(self) -> str:
        return self.ref.name

    def path(self, subresource: str = "") -> str:
        return self.resource.object_path(self.namespace, self.name, subresource)

    @property
    def label(self) -> str:
        """`Deployment shop/web`, `Node kwok-node-0`: how messages name the object."""
        where = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.ref.kind} {where}"
