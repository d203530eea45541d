"""The pure parts of rollouts: revisions read from ReplicaSets/ControllerRevisions, manual Jobs."""

from __future__ import annotations

from backend.actions.rollouts import (
    _controller_revision,
    _replica_set_revision,
    unfit_for_history,
    unfit_for_rollback,
)
from backend.actions.trigger import INSTANTIATE, job_from, manual_job_name
from backend.kube.resources import ApiResource


def resource(group: str, kind: str) -> ApiResource:
    return ApiResource(group, "v1", kind.lower() + "s", kind, True, frozenset(), frozenset())


def test_a_replica_set_revision_has_its_number_images_and_template_without_the_hash() -> None:
    rs = {
        "metadata": {
            "name": "web-5d4f",
            "creationTimestamp": "2026-12-07T10:00:00Z",
            "annotations": {
                "deployment.kubernetes.io/revision": "3",
                "kubernetes.io/change-cause": "image app:3",
            },
        },
        "spec": {
            "template": {
                "metadata": {"labels": {"app": "web", "pod-template-hash": "5d4f"}},
                "spec": {
                    "containers": [
                        {"name": "a", "image": "app:3"},
                        {"name": "b", "image": "side:1"},
                    ]
                },
            }
        },
    }
    revision = _replica_set_revision(rs)
    assert (revision.revision, revision.source_name, revision.images) == (
        3,
        "web-5d4f",
        ["app:3", "side:1"],
    )
    assert revision.change_cause == "image app:3"
    assert revision.template["metadata"]["labels"] == {"app": "web"}
    assert "pod-template-hash" not in revision.template_yaml
    # the ReplicaSet itself is left as it was
    assert "pod-template-hash" in rs["spec"]["template"]["metadata"]["labels"]


def test_a_controller_revision_reads_its_template_from_data() -> None:
    cr = {
        "metadata": {"name": "db-7c9"},
        "revision": 2,
        "data": {
            "spec": {
                "template": {"$patch": "replace", "spec": {"containers": [{"image": "app:2"}]}}
            }
        },
    }
    revision = _controller_revision(cr)
    assert (revision.revision, revision.images, revision.source_kind) == (
        2,
        ["app:2"],
        "ControllerRevision",
    )
    assert "$patch" not in revision.template


def test_a_replica_set_without_a_revision_number_is_revision_0() -> None:
    assert _replica_set_revision({"metadata": {"name": "x"}}).revision == 0


def test_history_fits_workloads_and_cronjobs_rollback_only_workloads() -> None:
    for kind in ("Deployment", "StatefulSet", "DaemonSet"):
        assert unfit_for_rollback(resource("apps", kind)) is None
    assert unfit_for_history(resource("batch", "CronJob")) is None
    assert "CronJob" in (unfit_for_rollback(resource("batch", "CronJob")) or "")
    assert "ConfigMap" in (unfit_for_history(resource("", "ConfigMap")) or "")


def test_a_manual_job_name_stays_within_63_characters() -> None:
    assert manual_job_name("report", "a1b2c3") == "report-manual-a1b2c3"
    long = manual_job_name("x" * 70, "a1b2c3")
    assert len(long) == 63 and long.endswith("-manual-a1b2c3")


def test_a_job_from_a_cronjob_is_owned_by_it_and_marked_manual() -> None:
    cronjob = {
        "metadata": {"name": "report", "namespace": "ops", "uid": "u-1"},
        "spec": {
            "jobTemplate": {
                "metadata": {"labels": {"task": "report"}, "annotations": {"team": "a"}},
                "spec": {"backoffLimit": 1},
            }
        },
    }
    job = job_from(cronjob, "report-manual-1")
    assert job["metadata"]["annotations"] == {"team": "a", INSTANTIATE: "manual"}
    assert job["metadata"]["labels"] == {"task": "report"}
    assert job["metadata"]["ownerReferences"][0]["uid"] == "u-1"
    assert job["spec"] == {"backoffLimit": 1}
    assert job["metadata"]["namespace"] == "ops"
