"""Object actions go to the object's own cluster, and only there.

Each test works on objects of a namespace of its own, created with the same namespace and name on
alpha and beta, acts through the HTTP routes on one of them, and checks with the harness's admin
kubectl that exactly that cluster changed and the namesake on the other did not.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
import yaml

from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    ALPHA,
    BETA,
    GAMMA,
    VIEWER,
    ActionsClient,
    actions_client,
    admin,
    admin_json,
    deployment_yaml,
    exists,
    namespace_in,
    ref,
    unique,
    until,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

BOTH = ("alpha", "beta")


@pytest_asyncio.fixture
async def actions(clusters: ClusterEnv, tmp_path: Path) -> AsyncIterator[ActionsClient]:
    async with actions_client(clusters, tmp_path) as client:
        yield client


def seed_twins(env: ClusterEnv, namespace: str) -> None:
    """Deployment `web` (2 replicas) and ConfigMap `settings` on alpha and beta."""
    for cluster in BOTH:
        admin(env, cluster, "apply", "-f", "-", input=deployment_yaml(namespace, "web", 2))
        admin(
            env,
            cluster,
            "create",
            "configmap",
            "settings",
            "-n",
            namespace,
            f"--from-literal=CLUSTER={cluster}",
        )


def web(cluster_id: str, namespace: str, uid: str | None = None) -> dict[str, object]:
    return ref(cluster_id, "Deployment", "web", namespace, group="apps", uid=uid)


def settings(cluster_id: str, namespace: str, uid: str | None = None) -> dict[str, object]:
    return ref(cluster_id, "ConfigMap", "settings", namespace, uid=uid)


def uid_of(env: ClusterEnv, cluster: str, *what: str) -> str:
    return str(admin(env, cluster, "get", *what, "-o", "jsonpath={.metadata.uid}"))


async def test_scale_changes_only_the_refs_cluster(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("act-scale"), BOTH) as ns:
        seed_twins(clusters, ns)
        uid = uid_of(clusters, "beta", "deployment", "web", "-n", ns)

        answer = await actions.act("scale", web(BETA, ns, uid), {"replicas": 0})

        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["action"], body["clusterId"], body["clusterName"]) == ("scale", BETA, "beta")
        assert body["ref"]["clusterId"] == BETA and body["object"]["spec"].get("replicas", 0) == 0
        assert "cluster beta" in body["message"]

        def replicas(cluster: str) -> int:
            return int(
                admin_json(clusters, cluster, "get", "deployment", "web", "-n", ns)["spec"][
                    "replicas"
                ]
            )

        assert (replicas("beta"), replicas("alpha")) == (0, 2)
        await until(
            lambda: not admin(clusters, "beta", "get", "pods", "-n", ns, "-o", "name"),
            what="beta's pods to go",
        )
        assert len(admin(clusters, "alpha", "get", "pods", "-n", ns, "-o", "name").split()) == 2

        answer = await actions.act("scale", web(ALPHA, ns), {"replicas": 3})
        assert answer.status_code == 200, answer.text
        assert (replicas("alpha"), replicas("beta")) == (3, 0)


async def test_restart_stamps_only_the_refs_cluster(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("act-restart"), BOTH) as ns:
        seed_twins(clusters, ns)

        answer = await actions.act("restart", web(BETA, ns))

        assert answer.status_code == 200, answer.text
        annotations_path = "jsonpath={.spec.template.metadata.annotations}"
        beta = admin(clusters, "beta", "get", "deployment", "web", "-n", ns, "-o", annotations_path)
        alpha = admin(
            clusters, "alpha", "get", "deployment", "web", "-n", ns, "-o", annotations_path
        )
        assert "kubectl.kubernetes.io/restartedAt" in json.loads(beta)
        assert "restartedAt" not in alpha
        # The rollout really happens on beta: a second ReplicaSet appears there only.
        await until(
            lambda: len(admin(clusters, "beta", "get", "rs", "-n", ns, "-o", "name").split()) == 2,
            what="beta's new ReplicaSet",
        )
        assert len(admin(clusters, "alpha", "get", "rs", "-n", ns, "-o", "name").split()) == 1


async def test_delete_removes_only_that_object_and_only_on_its_cluster(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("act-delete"), BOTH) as ns:
        seed_twins(clusters, ns)
        loaded_uid = uid_of(clusters, "beta", "configmap", "settings", "-n", ns)
        # Someone re-creates beta's ConfigMap after the UI loaded it: same name, new uid.
        admin(clusters, "beta", "delete", "configmap", "settings", "-n", ns)
        admin(
            clusters,
            "beta",
            "create",
            "configmap",
            "settings",
            "-n",
            ns,
            "--from-literal=CLUSTER=beta-again",
        )

        stale = await actions.act("delete", settings(BETA, ns, loaded_uid))

        assert stale.status_code == 409, stale.text
        assert stale.json()["error"]["code"] == "object_replaced"
        assert "created again" in stale.json()["error"]["message"]
        assert exists(clusters, "beta", "configmap", "settings", "-n", ns)

        current_uid = uid_of(clusters, "beta", "configmap", "settings", "-n", ns)
        answer = await actions.act(
            "delete",
            settings(BETA, ns, current_uid),
            {"propagationPolicy": "Background", "gracePeriodSeconds": 0},
        )

        assert answer.status_code == 200, answer.text
        assert answer.json()["message"].startswith("Deleted ConfigMap")
        assert not exists(clusters, "beta", "configmap", "settings", "-n", ns)
        assert exists(clusters, "alpha", "configmap", "settings", "-n", ns)

        again = await actions.act("delete", settings(BETA, ns))
        assert again.status_code == 404, again.text
        error = again.json()["error"]
        assert (error["code"], error["clusterId"], error["name"]) == (
            "object_not_found",
            BETA,
            "settings",
        )
        assert error["message"] == f"ConfigMap {ns}/settings does not exist on cluster beta."


async def test_cordon_and_uncordon_touch_only_the_refs_clusters_node(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    node = "kwok-node-1"

    def unschedulable(cluster: str) -> bool:
        spec = admin_json(clusters, cluster, "get", "node", node)["spec"]
        return bool(spec.get("unschedulable"))

    uid = uid_of(clusters, "beta", "node", node)
    try:
        answer = await actions.act("cordon", ref(BETA, "Node", node, uid=uid))
        assert answer.status_code == 200, answer.text
        assert answer.json()["object"]["spec"]["unschedulable"] is True
        assert (unschedulable("beta"), unschedulable("alpha")) == (True, False)

        answer = await actions.act("uncordon", ref(BETA, "Node", node, uid=uid))
        assert answer.status_code == 200, answer.text
        assert (unschedulable("beta"), unschedulable("alpha")) == (False, False)
    finally:
        admin(clusters, "beta", "uncordon", node)

    # The uid guards patches too: alpha's node of the same name is another object.
    replaced = await actions.act("cordon", ref(ALPHA, "Node", node, uid=uid))
    assert replaced.status_code == 409, replaced.text
    assert replaced.json()["error"]["code"] == "object_replaced"
    assert not unschedulable("alpha")


async def test_apply_replaces_with_the_loaded_version_and_refuses_a_stale_one(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("act-apply"), BOTH) as ns:
        seed_twins(clusters, ns)
        loaded = yaml.safe_load(
            admin(clusters, "beta", "get", "configmap", "settings", "-n", ns, "-o", "yaml")
        )
        loaded["data"]["MODE"] = "edited"
        edited = yaml.safe_dump(loaded)
        target = settings(BETA, ns, loaded["metadata"]["uid"])

        preview = await actions.act("apply", target, {"yaml": edited, "dryRun": True})

        assert preview.status_code == 200, preview.text
        body = preview.json()
        assert body["dryRun"] is True
        assert body["object"]["data"]["MODE"] == "edited"
        assert "MODE" not in body["previous"]["data"]
        data = admin_json(clusters, "beta", "get", "configmap", "settings", "-n", ns)["data"]
        assert "MODE" not in data  # a dry run changes nothing

        answer = await actions.act("apply", target, {"yaml": edited})

        assert answer.status_code == 200, answer.text
        assert answer.json()["dryRun"] is False
        beta = admin_json(clusters, "beta", "get", "configmap", "settings", "-n", ns)["data"]
        alpha = admin_json(clusters, "alpha", "get", "configmap", "settings", "-n", ns)["data"]
        assert beta == {"CLUSTER": "beta", "MODE": "edited"}
        assert alpha == {"CLUSTER": "alpha"}

        # The same YAML again: its resourceVersion is now stale.
        stale = await actions.act("apply", target, {"yaml": edited.replace("edited", "twice")})

        assert stale.status_code == 409, stale.text
        error = stale.json()["error"]
        assert (error["code"], error["clusterId"]) == ("conflict", BETA)
        assert "changed on cluster beta since it was loaded" in error["message"]
        beta = admin_json(clusters, "beta", "get", "configmap", "settings", "-n", ns)["data"]
        assert beta["MODE"] == "edited"

        # Deleted and created again meanwhile: the uid tells it apart from a mere edit.
        admin(clusters, "beta", "delete", "configmap", "settings", "-n", ns)
        admin(clusters, "beta", "create", "configmap", "settings", "-n", ns)
        fresh = yaml.safe_load(
            admin(clusters, "beta", "get", "configmap", "settings", "-n", ns, "-o", "yaml")
        )
        fresh["metadata"]["uid"] = loaded["metadata"]["uid"]
        gone = await actions.act("apply", target, {"yaml": yaml.safe_dump(fresh)})
        assert gone.status_code == 409, gone.text
        assert gone.json()["error"]["code"] == "object_replaced"

        # YAML naming another object than the ref is refused before anything is sent.
        other = edited.replace("name: settings", "name: other-settings")
        wrong = await actions.act("apply", target, {"yaml": other})
        assert wrong.status_code == 400, wrong.text
        assert wrong.json()["error"]["field"] == "params.yaml"
        assert "metadata.name" in wrong.json()["error"]["message"]

        # The server's own validation comes back as a 422 with its causes.
        invalid = yaml.safe_load(
            admin(clusters, "beta", "get", "deployment", "web", "-n", ns, "-o", "yaml")
        )
        invalid["spec"]["replicas"] = -1
        refused = await actions.act("apply", web(BETA, ns), {"yaml": yaml.safe_dump(invalid)})
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"]["code"] == "invalid_object"
        assert any(c["field"] == "spec.replicas" for c in refused.json()["error"]["causes"])


async def test_the_restricted_user_is_refused_with_the_reason_and_nothing_changes(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    pods = admin(clusters, "beta", "get", "pods", "-n", "shop", "-l", "app=web", "-o", "name")
    pod = pods.split()[0].removeprefix("pod/")

    answer = await actions.act("delete", ref(VIEWER, "Pod", pod, "shop"))

    assert answer.status_code == 403, answer.text
    error = answer.json()["error"]
    assert error["code"] == "forbidden"
    assert error["message"] == "You may not delete pods in namespace shop on cluster beta-viewer."
    assert (error["clusterId"], error["verb"], error["resource"]) == (VIEWER, "delete", "pods")
    assert exists(clusters, "beta", "pod", pod, "-n", "shop")

    scale = await actions.act(
        "scale", ref(VIEWER, "Deployment", "web", "shop", group="apps"), {"replicas": 0}
    )
    assert scale.status_code == 403, scale.text
    assert scale.json()["error"]["message"] == (
        "You may not patch deployments.apps/scale in namespace shop on cluster beta-viewer."
    )
    spec = admin_json(clusters, "beta", "get", "deployment", "web", "-n", "shop")["spec"]
    assert spec["replicas"] == 3

    cordon = await actions.act("cordon", ref(VIEWER, "Node", "kwok-node-0"))
    assert cordon.status_code == 403, cordon.text
    assert cordon.json()["error"]["message"] == "You may not patch nodes on cluster beta-viewer."


async def test_can_i_answers_per_action_for_that_user_on_that_cluster(
    actions: ActionsClient,
) -> None:
    deployment = ref(VIEWER, "Deployment", "web", "shop", group="apps")

    viewer = await actions.can_i(deployment)

    assert viewer.status_code == 200, viewer.text
    body = viewer.json()
    assert (body["clusterId"], body["clusterName"]) == (VIEWER, "beta-viewer")
    by_action = {a["action"]: a for a in body["actions"]}
    assert set(by_action) == {
        *("delete", "scale", "restart", "cordon", "uncordon", "drain", "apply"),
        *("rollback", "pause", "resume", "trigger"),
        *("exec", "debug", "port-forward"),  # sessions, answered next to the actions
    }
    for name in ("exec", "debug"):
        assert by_action[name]["applicable"] is False
    assert by_action["trigger"]["applicable"] is False  # only a CronJob starts Jobs
    for name in ("delete", "scale", "restart", "apply", "rollback", "pause"):
        assert by_action[name]["applicable"] is True
        assert by_action[name]["allowed"] is False
        assert by_action[name]["reason"].startswith("You may not ")
        assert "on cluster beta-viewer" in by_action[name]["reason"]
    for name in ("cordon", "uncordon", "drain"):
        assert by_action[name]["applicable"] is False
        assert "only nodes" in by_action[name]["reason"]
    assert by_action["scale"]["checks"] == [
        {
            "verb": "patch",
            "group": "apps",
            "resource": "deployments",
            "subresource": "scale",
            "namespace": "shop",
            "allowed": False,
            "reason": None,
        }
    ]

    admin_answer = await actions.can_i({**deployment, "clusterId": BETA}, ["scale", "delete"])
    assert admin_answer.status_code == 200, admin_answer.text
    assert [(a["action"], a["allowed"]) for a in admin_answer.json()["actions"]] == [
        ("scale", True),
        ("delete", True),
    ]

    node = await actions.can_i(ref(BETA, "Node", "kwok-node-0"), ["drain"])
    drain = node.json()["actions"][0]
    assert (drain["applicable"], drain["allowed"]) == (True, True)
    assert [(c["verb"], c["resource"], c["subresource"]) for c in drain["checks"]] == [
        ("patch", "nodes", ""),
        ("list", "pods", ""),
        ("create", "pods", "eviction"),
    ]


async def test_a_cluster_that_is_not_selected_or_unknown_is_refused_never_replaced(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    before = actions.service.selected_cluster_ids
    shop_web = ref(GAMMA, "Deployment", "web", "shop", group="apps")

    inactive = await actions.act("scale", shop_web, {"replicas": 0})

    assert inactive.status_code == 409, inactive.text
    assert inactive.json()["error"]["code"] == "cluster_not_active"
    assert inactive.json()["error"]["clusterId"] == GAMMA
    unknown = await actions.act(
        "scale", {**shop_web, "clusterId": "dev.yaml:nowhere"}, {"replicas": 0}
    )
    assert unknown.status_code == 404, unknown.text
    assert unknown.json()["error"]["code"] == "unknown_cluster"
    permissions = await actions.can_i({**shop_web, "clusterId": "dev.yaml:nowhere"})
    assert permissions.json()["error"]["code"] == "unknown_cluster"

    assert actions.service.selected_cluster_ids == before
    for cluster in ("alpha", "beta", "gamma"):
        spec = admin_json(clusters, cluster, "get", "deployment", "web", "-n", "shop")["spec"]
        assert spec["replicas"] == 3


@pytest.mark.parametrize(
    ("action", "body", "status", "code", "field"),
    [
        ("reboot", {"ref": ref(BETA, "Pod", "x", "shop")}, 404, "unknown_action", None),
        ("scale", {"params": {"replicas": 1}}, 400, "bad_request", "ref"),
        (
            "scale",
            {
                "ref": {**ref(BETA, "Deployment", "web", "shop", group="apps"), "clusterId": None},
                "params": {"replicas": 1},
            },
            400,
            "bad_request",
            "ref.clusterId",
        ),
        (
            "scale",
            {
                "ref": ref(BETA, "Deployment", "web", "shop", group="apps"),
                "params": {"replicas": -2},
            },
            400,
            "bad_request",
            "params.replicas",
        ),
        (
            "scale",
            {"ref": ref(BETA, "Deployment", "web", "", group="apps"), "params": {"replicas": 1}},
            400,
            "bad_request",
            "ref.namespace",
        ),
        (
            "scale",
            {"ref": ref(BETA, "ConfigMap", "settings", "shop"), "params": {"replicas": 1}},
            400,
            "action_not_applicable",
            "ref.kind",
        ),
        (
            "delete",
            {"ref": ref(BETA, "Gizmo", "x", "shop", group="apps")},
            404,
            "unknown_kind",
            "ref.kind",
        ),
        (
            "delete",
            {"ref": ref(BETA, "Backup", "nope", "shop", group="ops.example.com")},
            404,
            "object_not_found",
            None,
        ),
        (
            "restart",
            {"ref": ref(BETA, "Deployment", "no-such", "shop", group="apps")},
            404,
            "object_not_found",
            None,
        ),
    ],
)
async def test_bad_requests_get_the_contracts_errors(
    actions: ActionsClient,
    action: str,
    body: dict[str, object],
    status: int,
    code: str,
    field: str | None,
) -> None:
    answer = await actions.http.post(f"/api/v1/actions/{action}", json=body)

    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert error["code"] == code and error["message"]
    assert error.get("field") == field


async def test_a_body_that_is_not_json_is_a_400(actions: ActionsClient) -> None:
    answer = await actions.http.post("/api/v1/actions/delete", content=b"{nope")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "bad_request"
