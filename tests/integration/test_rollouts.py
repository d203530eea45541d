"""Rollout history, rollback, pause/resume and CronJob trigger, on the ref's cluster only.

Each test makes a namespace of its own on alpha and beta with the same objects in both, acts on
beta through the HTTP routes and checks with the harness's admin kubectl that beta changed and
alpha did not.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    BETA,
    ActionsClient,
    actions_client,
    admin,
    admin_json,
    deployment_yaml,
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


def image_of(env: ClusterEnv, cluster: str, ns: str) -> str:
    path = "jsonpath={.spec.template.spec.containers[0].image}"
    return admin(env, cluster, "get", "deployment", "web", "-n", ns, "-o", path)


def two_revisions(env: ClusterEnv, ns: str) -> None:
    """Deployment `web` on alpha and beta: revision 1 runs app:1, revision 2 app:2."""
    for cluster in BOTH:
        admin(env, cluster, "apply", "-f", "-", input=deployment_yaml(ns, "web", 1))
        admin(env, cluster, "set", "image", "deployment/web", "app=example/app:2", "-n", ns)


async def history(actions: ActionsClient, body: dict[str, object]) -> dict[str, object]:
    answer = await actions.http.post("/api/v1/rollouts/history", json={"ref": body})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def test_rollback_a_deployment_on_beta_to_revision_1_leaves_alpha_alone(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("rollout"), BOTH) as ns:
        two_revisions(clusters, ns)
        for cluster in BOTH:
            await until(
                lambda c=cluster: (
                    len(admin(clusters, c, "get", "rs", "-n", ns, "-o", "name").split()) == 2
                ),
                what=f"{cluster}'s second ReplicaSet",
            )
        uid = admin(
            clusters, "beta", "get", "deployment", "web", "-n", ns, "-o", "jsonpath={.metadata.uid}"
        )
        web = ref(BETA, "Deployment", "web", ns, group="apps", uid=uid)

        await until(
            lambda: (
                admin(
                    clusters,
                    "beta",
                    "get",
                    "deployment",
                    "web",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}",
                )
                == "2"
            ),
            what="beta's revision 2",
        )
        listed = await history(actions, web)
        revisions = listed["revisions"]
        assert isinstance(revisions, list)
        assert [(r["revision"], r["images"], r["current"]) for r in revisions] == [
            (1, ["example/app:1"], False),
            (2, ["example/app:2"], True),
        ]
        assert all(r["sourceKind"] == "ReplicaSet" for r in revisions)
        assert "pod-template-hash" not in revisions[0]["templateYaml"]
        assert "example/app:1" in revisions[0]["templateYaml"]

        answer = await actions.act("rollback", web, {"revision": 1})

        assert answer.status_code == 200, answer.text
        assert (
            "revision 1" in answer.json()["message"] and "cluster beta" in answer.json()["message"]
        )
        assert image_of(clusters, "beta", ns) == "example/app:1"
        assert image_of(clusters, "alpha", ns) == "example/app:2"
        # The controller adopts the old ReplicaSet again as the newest revision (3).
        await until(
            lambda: (
                admin(
                    clusters,
                    "beta",
                    "get",
                    "deployment",
                    "web",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}",
                )
                == "3"
            ),
            what="beta's revision 3",
        )
        assert len(admin(clusters, "beta", "get", "rs", "-n", ns, "-o", "name").split()) == 2

        missing = await actions.act("rollback", web, {"revision": 9})
        assert missing.status_code == 404
        assert missing.json()["error"]["code"] == "revision_not_found"
        assert missing.json()["error"]["field"] == "params.revision"


async def test_rollback_refuses_a_namesake_created_since(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("rollout-uid"), ("beta",)) as ns:
        admin(clusters, "beta", "apply", "-f", "-", input=deployment_yaml(ns, "web", 1))
        stale = ref(
            BETA, "Deployment", "web", ns, group="apps", uid="00000000-0000-0000-0000-000000000000"
        )
        answer = await actions.act("rollback", stale, {"revision": 1})
        assert answer.status_code == 409, answer.text
        assert answer.json()["error"]["code"] == "object_replaced"


async def test_statefulset_history_and_rollback_from_controller_revisions(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("rollout-sts"), BOTH) as ns:
        for cluster in BOTH:
            manifest = json.loads(deployment_yaml(ns, "db", 1))
            manifest["kind"] = "StatefulSet"
            manifest["spec"]["serviceName"] = "db"
            admin(clusters, cluster, "apply", "-f", "-", input=json.dumps(manifest))
            admin(
                clusters, cluster, "set", "image", "statefulset/db", "app=example/app:2", "-n", ns
            )
        for cluster in BOTH:
            await until(
                lambda c=cluster: (
                    len(
                        admin(
                            clusters, c, "get", "controllerrevisions", "-n", ns, "-o", "name"
                        ).split()
                    )
                    == 2
                ),
                what=f"{cluster}'s second ControllerRevision",
            )
        db = ref(BETA, "StatefulSet", "db", ns, group="apps")
        listed = await history(actions, db)
        revisions = listed["revisions"]
        assert isinstance(revisions, list)
        assert [(r["revision"], r["images"]) for r in revisions] == [
            (1, ["example/app:1"]),
            (2, ["example/app:2"]),
        ]
        assert [r["current"] for r in revisions] == [False, True]

        answer = await actions.act("rollback", db, {"revision": 1})

        assert answer.status_code == 200, answer.text
        path = "jsonpath={.spec.template.spec.containers[0].image}"
        assert (
            admin(clusters, "beta", "get", "statefulset", "db", "-n", ns, "-o", path)
            == "example/app:1"
        )
        assert (
            admin(clusters, "alpha", "get", "statefulset", "db", "-n", ns, "-o", path)
            == "example/app:2"
        )


async def test_pause_and_resume_a_deployment_rollout_on_its_cluster_only(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("rollout-pause"), BOTH) as ns:
        for cluster in BOTH:
            admin(clusters, cluster, "apply", "-f", "-", input=deployment_yaml(ns, "web", 1))
        web = ref(BETA, "Deployment", "web", ns, group="apps")
        paused = "jsonpath={.spec.paused}"

        answer = await actions.act("pause", web)
        assert answer.status_code == 200, answer.text
        assert admin(clusters, "beta", "get", "deployment", "web", "-n", ns, "-o", paused) == "true"
        assert admin(clusters, "alpha", "get", "deployment", "web", "-n", ns, "-o", paused) == ""

        answer = await actions.act("resume", web)
        assert answer.status_code == 200, answer.text
        assert (
            admin(clusters, "beta", "get", "deployment", "web", "-n", ns, "-o", paused)
            in ("", "false")  # paused: false is omitted
        )


def cronjob_yaml(ns: str) -> str:
    return json.dumps(
        {
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "metadata": {"name": "report", "namespace": ns},
            "spec": {
                "schedule": "0 0 1 1 *",
                "jobTemplate": {
                    "metadata": {"labels": {"task": "report"}},
                    "spec": {
                        "template": {
                            "spec": {
                                "restartPolicy": "Never",
                                "containers": [{"name": "run", "image": "example/report:1"}],
                            }
                        }
                    },
                },
            },
        }
    )


async def test_trigger_creates_a_manual_job_and_suspend_resume(
    clusters: ClusterEnv, actions: ActionsClient
) -> None:
    with namespace_in(clusters, unique("cron"), BOTH) as ns:
        for cluster in BOTH:
            admin(clusters, cluster, "apply", "-f", "-", input=cronjob_yaml(ns))
        cron_uid = admin(
            clusters, "beta", "get", "cronjob", "report", "-n", ns, "-o", "jsonpath={.metadata.uid}"
        )
        report = ref(BETA, "CronJob", "report", ns, group="batch", uid=cron_uid)

        answer = await actions.act("trigger", report)

        assert answer.status_code == 200, answer.text
        jobs = admin_json(clusters, "beta", "get", "jobs", "-n", ns)["items"]
        assert len(jobs) == 1
        job = jobs[0]
        assert job["metadata"]["name"].startswith("report-manual-")
        assert job["metadata"]["annotations"]["cronjob.kubernetes.io/instantiate"] == "manual"
        assert job["metadata"]["labels"]["task"] == "report"
        assert job["metadata"]["ownerReferences"][0]["uid"] == cron_uid
        assert job["spec"]["template"]["spec"]["containers"][0]["image"] == "example/report:1"
        assert admin_json(clusters, "alpha", "get", "jobs", "-n", ns)["items"] == []

        suspend = "jsonpath={.spec.suspend}"
        assert (await actions.act("pause", report)).status_code == 200
        assert (
            admin(clusters, "beta", "get", "cronjob", "report", "-n", ns, "-o", suspend) == "true"
        )
        assert (
            admin(clusters, "alpha", "get", "cronjob", "report", "-n", ns, "-o", suspend) == "false"
        )
        assert (await actions.act("resume", report)).status_code == 200
        assert (
            admin(clusters, "beta", "get", "cronjob", "report", "-n", ns, "-o", suspend) == "false"
        )


async def test_history_of_a_kind_without_revisions_is_a_400_naming_the_kind(
    actions: ActionsClient,
) -> None:
    answer = await actions.http.post(
        "/api/v1/rollouts/history", json={"ref": ref(BETA, "ConfigMap", "x", "default")}
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["field"] == "ref.kind"
    answer = await actions.act("trigger", ref(BETA, "Deployment", "x", "default", group="apps"))
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "action_not_applicable"
