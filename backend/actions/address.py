"""An object reference checked field by field, and the object's REST address once resolved.

Every field is checked as the scope parser checks an object tail (`clusters/names.py`): names go
into URL paths, where `.` or `/` would name something else. A bad field is a 400 whose message
names it (`ref.namespace`).
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.clusters.names import (
    group_problem,
    kind_problem,
    name_problem,
    namespace_problem,
    version_problem,
)
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.resources import ApiResource


def bad_field(field: str, why: str) -> RegattaError:
    return RegattaError(400, "bad_request", f"`{field}` {why}.", field=field)


def check_ref(ref: ObjectRef) -> ObjectRef:
    """`ref` if every field is usable in a REST path; a 400 naming the first bad field."""
    if not ref.cluster_id:
        raise bad_field("ref.clusterId", "must name the object's cluster")
    for field, value, problem in (
        ("ref.group", ref.group, group_problem(ref.group)),
        ("ref.version", ref.version, version_problem(ref.version)),
        ("ref.kind", ref.kind, kind_problem(ref.kind)),
    ):
        if problem is not None:
            raise bad_field(field, f"{problem}: `{value}`")
    if ref.namespace:  # empty: a cluster-scoped object (`ObjectAddress.of` checks the fit)
        problem = namespace_problem(ref.namespace)
        if problem is not None:
            raise bad_field("ref.namespace", problem)
    problem = name_problem(ref.name)
    if problem is not None:
        raise bad_field("ref.name", problem)
    return ref


@dataclass(frozen=True, slots=True)
class ObjectAddress:
    """A checked reference together with its resource: where the object lives on its cluster."""

    ref: ObjectRef
    resource: ApiResource

    @classmethod
    def of(cls, ref: ObjectRef, resource: ApiResource) -> ObjectAddress:
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
        return self.resource.path(self.namespace, self.name, subresource)

    @property
    def label(self) -> str:
        """`Deployment shop/web`, `Node kwok-node-0`: how messages name the object."""
        where = f"{self.namespace}/{self.name}" if self.namespace else self.name
        return f"{self.ref.kind} {where}"
