"""The pure parts of object actions: refs, discovery answers, params, YAML, drain plans, backoff.

Everything that talks to Kubernetes is tested against the real clusters in
tests/integration/test_actions.py; these read like the rules the actions follow.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from backend.actions import limits
from backend.actions.address import ObjectAddress, check_ref
from backend.actions.apply import same_object
from backend.actions.drain_plan import PodPlan, skip_reason
from backend.actions.eviction import eviction_backoff, eviction_body
from backend.actions.manifest import parse_manifest
from backend.actions.registry import ACTIONS
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError
from backend.kube.access import AccessCheck
from backend.kube.discovery import resources_from_legacy_list
from backend.kube.resources import ApiResource

DEPLOYMENTS = ApiResource(
    "apps",
    "v1",
    "deployments",
    "Deployment",
    True,
    frozenset({"get", "list", "update", "patch", "delete"}),
    frozenset({"scale", "status"}),
)
NODES = ApiResource(
    "",
    "v1",
    "nodes",
    "Node",
    False,
    frozenset({"get", "patch", "update", "delete"}),
    frozenset({"status"}),
)
CONFIGMAPS = ApiResource(
    "", "v1", "configmaps", "ConfigMap", True, frozenset({"get", "update", "delete"}), frozenset()
)


def ref(**fields: Any) -> ObjectRef:
    base: dict[str, Any] = {
        "clusterId": "dev.yaml:beta",
        "group": "apps",
        "version": "v1",
        "kind": "Deployment",
        "namespace": "shop",
        "name": "web",
    }
    return ObjectRef.model_validate({**base, **fields})


def error_of(call: Any) -> RegattaError:
    with pytest.raises(RegattaError) as caught:
        call()
    return caught.value


# --- refs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"clusterId": ""}, "ref.clusterId"),
        ({"group": "Apps"}, "ref.group"),
        ({"version": "v1/x"}, "ref.version"),
        ({"kind": "deploy ment"}, "ref.kind"),
        ({"name": ""}, "ref.name"),
        ({"name": "."}, "ref.name"),
        ({"name": ".."}, "ref.name"),
        ({"name": "a/b"}, "ref.name"),
        ({"name": "a?b"}, "ref.name"),
        ({"name": "a#b"}, "ref.name"),
        ({"namespace": "a%2Fb"}, "ref.namespace"),
        ({"namespace": "."}, "ref.namespace"),
        ({"namespace": "shop?x"}, "ref.namespace"),
    ],
)
def test_a_bad_ref_field_is_a_400_naming_it(fields: dict[str, str], field: str) -> None:
    error = error_of(lambda: check_ref(ref(**fields)))
    assert (error.status, error.context["field"]) == (400, field)
    assert f"`{field}`" in error.message


def test_the_namespace_must_fit_the_kinds_scope() -> None:
    error = error_of(lambda: ObjectAddress.of(ref(namespace=""), DEPLOYMENTS))
    assert error.context["field"] == "ref.namespace" and "namespaced" in error.message
    node = ref(group="", kind="Node", name="kwok-node-0")
    error = error_of(lambda: ObjectAddress.of(node, NODES))
    assert "cluster-scoped" in error.message
    assert ObjectAddress.of(node.model_copy(update={"namespace": ""}), NODES).path() == (
        "/api/v1/nodes/kwok-node-0"
    )


def test_paths_of_namespaced_objects_and_subresources() -> None:
    address = ObjectAddress.of(ref(name="web:1"), DEPLOYMENTS)
    assert address.path("scale") == "/apis/apps/v1/namespaces/shop/deployments/web%3A1/scale"
    assert address.label == "Deployment shop/web:1"


# --- discovery ---------------------------------------------------------------------------------


def test_a_resource_list_gives_kinds_with_verbs_and_subresources() -> None:
    body = {
        "kind": "APIResourceList",
        "groupVersion": "apps/v1",
        "resources": [
            {
                "name": "deployments",
                "namespaced": True,
                "kind": "Deployment",
                "verbs": ["get", "patch", "delete"],
            },
            {
                "name": "deployments/scale",
                "namespaced": True,
                "kind": "Scale",
                "group": "autoscaling",
                "version": "v1",
                "verbs": ["get", "patch", "update"],
            },
            {
                "name": "deployments/status",
                "namespaced": True,
                "kind": "Deployment",
                "verbs": ["get"],
            },
        ],
    }
    (deployment,) = resources_from_legacy_list("apps", "v1", json.dumps(body).encode())
    # the subresource's kind does not hide the resource
    assert (deployment.kind, deployment.resource, deployment.namespaced) == (
        "Deployment",
        "deployments",
        True,
    )
    assert deployment.subresources == {"scale", "status"}
    assert deployment.verbs == {"get", "patch", "delete"}


# --- which actions fit which kinds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("resource", "fitting"),
    [
        (DEPLOYMENTS, {"delete", "scale", "restart", "apply", "rollback", "pause", "resume"}),
        (NODES, {"delete", "cordon", "uncordon", "drain", "apply"}),
        (CONFIGMAPS, {"delete", "apply"}),
    ],
)
def test_actions_fit_the_kinds_they_make_sense_for(
    resource: ApiResource, fitting: set[str]
) -> None:
    assert {n for n, a in ACTIONS.items() if a.unfit_for(resource) is None} == fitting
    for name in set(ACTIONS) - fitting:
        assert resource.kind in (ACTIONS[name].unfit_for(resource) or "")


# --- params ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "params", "field"),
    [
        ("scale", {}, "params.replicas"),
        ("scale", {"replicas": -1}, "params.replicas"),
        ("scale", {"replicas": "3"}, "params.replicas"),
        ("scale", {"replicas": 2, "replica": 3}, "params.replica"),
        ("delete", {"propagationPolicy": "Sometimes"}, "params.propagationPolicy"),
        ("delete", {"gracePeriodSeconds": -5}, "params.gracePeriodSeconds"),
        ("apply", {}, "params.yaml"),
        ("drain", {"timeoutSeconds": 0}, "params.timeoutSeconds"),
        ("cordon", {"now": True}, "params.now"),
        ("rollback", {}, "params.revision"),
        ("rollback", {"revision": 0}, "params.revision"),
        ("rollback", {"revision": "1"}, "params.revision"),
    ],
)
def test_bad_params_are_a_400_naming_the_field(
    action: str, params: dict[str, Any], field: str
) -> None:
    error = error_of(lambda: ACTIONS[action].parse_params(params))
    assert (error.status, error.context["field"]) == (400, field)
    assert error.message.startswith(f"`{field}` ")


def test_good_params_parse_with_wire_names() -> None:
    drain = ACTIONS["drain"].parse_params({"gracePeriodSeconds": 0, "deleteEmptyDirData": True})
    assert drain.grace_period_seconds == 0 and drain.delete_empty_dir_data is True
    assert ACTIONS["apply"].parse_params({"yaml": "a: 1", "dryRun": True}).dry_run is True


# --- access ------------------------------------------------------------------------------------


def test_an_access_check_describes_itself_like_kubectl() -> None:
    delete = AccessCheck("delete", "", "pods", namespace="shop", name="web-1")
    assert delete.describe("beta-viewer") == "delete pods in namespace shop on cluster beta-viewer"
    scale = AccessCheck("patch", "apps", "deployments", "scale", "shop", "web")
    assert (
        scale.describe("beta") == "patch deployments.apps/scale in namespace shop on cluster beta"
    )
    evict = AccessCheck("create", "", "pods", "eviction", all_namespaces=True)
    assert evict.describe("x") == "create pods/eviction in all namespaces on cluster x"
    assert scale.review_body()["spec"] == {
        "resourceAttributes": {
            "verb": "patch",
            "group": "apps",
            "resource": "deployments",
            "subresource": "scale",
            "namespace": "shop",
            "name": "web",
        }
    }


# --- apply's YAML ------------------------------------------------------------------------------

WEB = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  resourceVersion: "42"
  annotations:
    deployed-at: 2024-01-02T03:04:05Z
spec:
  replicas: 3
"""


def test_yaml_keeps_timestamps_as_the_text_written() -> None:
    obj = parse_manifest(WEB)
    assert obj["metadata"]["annotations"]["deployed-at"] == "2024-01-02T03:04:05Z"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: [1,\n", "is not valid YAML at line"),
        ("a: 1\n---\nb: 2\n", "exactly one object, not 2"),
        ("- 1\n- 2\n", "must be a mapping"),
        ("a: !!binary aGVsbG8=\n", "JSON cannot hold at `.a`"),
        ("a: .nan\n", "JSON cannot hold at `.a`"),
        ("{1: 2}\n", "not a string"),
    ],
)
def test_yaml_that_is_not_one_json_object_is_refused(text: str, problem: str) -> None:
    error = error_of(lambda: parse_manifest(text))
    assert error.context["field"] == "params.yaml" and problem in error.message


def test_yaml_larger_than_the_limit_is_refused_before_parsing() -> None:
    text = "a: " + "x" * limits.APPLY_YAML_MAX_BYTES
    assert "larger than" in error_of(lambda: parse_manifest(text)).message


def address(**fields: Any) -> ObjectAddress:
    return ObjectAddress.of(ref(**fields), DEPLOYMENTS)


def test_applied_yaml_gets_the_refs_namespace_and_uid_when_it_has_none() -> None:
    obj = same_object(parse_manifest(WEB), address(uid="u-1"))
    assert obj["metadata"]["namespace"] == "shop" and obj["metadata"]["uid"] == "u-1"


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (("apiVersion: apps/v1", "apiVersion: apps/v1beta1"), "apiVersion"),
        (("kind: Deployment", "kind: StatefulSet"), "kind"),
        (("  name: web", "  name: api"), "metadata.name"),
        (("  name: web", "  name: web\n  namespace: team-a"), "metadata.namespace"),
        (("  name: web", "  name: web\n  uid: other"), "metadata.uid"),
    ],
)
def test_applied_yaml_must_name_the_refs_object(edit: tuple[str, str], named: str) -> None:
    text = WEB.replace(*edit)
    error = error_of(lambda: same_object(parse_manifest(text), address(uid="u-1")))
    assert error.status == 400 and f"`{named}`" in error.message


def test_applied_yaml_must_carry_its_resource_version() -> None:
    text = WEB.replace('  resourceVersion: "42"\n', "")
    error = error_of(lambda: same_object(parse_manifest(text), address()))
    assert "metadata.resourceVersion" in error.message


# --- drain ---------------------------------------------------------------------------------------


def pod(
    *, owner: str | None = "ReplicaSet", phase: str = "Running", **extra: Any
) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": "p", "namespace": "ns", "uid": "u"}
    if owner:
        metadata["ownerReferences"] = [{"kind": owner, "name": "o", "controller": True}]
    metadata.update(extra.pop("metadata", {}))
    return {"metadata": metadata, "spec": extra.pop("spec", {}), "status": {"phase": phase}}


@pytest.mark.parametrize(
    ("the_pod", "force", "empty_dir", "reason"),
    [
        (pod(), False, False, None),
        (pod(owner="DaemonSet"), True, True, "managed by DaemonSet o"),
        (
            pod(metadata={"annotations": {"kubernetes.io/config.mirror": "x"}}),
            True,
            True,
            "mirror pod",
        ),
        (
            pod(metadata={"deletionTimestamp": "2024-01-01T00:00:00Z"}),
            True,
            True,
            "already being deleted",
        ),
        (pod(owner=None), False, False, "set force"),
        (pod(owner=None), True, False, None),
        (pod(owner=None, phase="Succeeded"), False, False, None),
        (
            pod(spec={"volumes": [{"name": "scratch", "emptyDir": {}}]}),
            False,
            False,
            "emptyDir volume `scratch`",
        ),
        (pod(spec={"volumes": [{"name": "scratch", "emptyDir": {}}]}), False, True, None),
    ],
)
def test_drain_decides_like_kubectl(
    the_pod: dict[str, Any], force: bool, empty_dir: bool, reason: str | None
) -> None:
    found = skip_reason(the_pod, force=force, delete_empty_dir_data=empty_dir)
    assert found == reason if reason is None else reason in (found or "")


def test_an_eviction_names_the_pod_and_its_uid() -> None:
    body = eviction_body(PodPlan("shop", "web-1", "u-9", None), 0)
    assert body["metadata"] == {"name": "web-1", "namespace": "shop"}
    assert body["deleteOptions"] == {"preconditions": {"uid": "u-9"}, "gracePeriodSeconds": 0}


def test_eviction_backoff_doubles_up_to_its_cap_with_bounded_jitter() -> None:
    middle = eviction_backoff(lambda low, high: (low + high) / 2)
    delays = [middle.next_delay() for _ in range(8)]
    assert delays[:3] == [limits.EVICTION_BACKOFF_INITIAL_S * f for f in (1, 2, 4)]
    assert delays[-1] == limits.EVICTION_BACKOFF_MAX_S
    low_delay = eviction_backoff(lambda low, high: low).next_delay()
    high_delay = eviction_backoff(lambda low, high: high).next_delay()
    jitter = limits.EVICTION_BACKOFF_JITTER * limits.EVICTION_BACKOFF_INITIAL_S
    assert (low_delay, high_delay) == pytest.approx(
        (limits.EVICTION_BACKOFF_INITIAL_S - jitter, limits.EVICTION_BACKOFF_INITIAL_S + jitter)
    )
