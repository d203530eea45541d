"""Decoding LIST pages and WATCH objects into slim rows: the columns each table shows."""

from __future__ import annotations

import gc
import json
import sys
from typing import Any

import msgspec
import pytest

from backend.contract.items import metric_wire_names
from backend.objectcatalog import kinds
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows import CODECS, codec_for
from backend.objectcatalog.rows.events import EventRow
from backend.objectcatalog.rows.generic import CrdRow, GenericRow
from backend.objectcatalog.rows.pods import PodRow
from tests.wire_check import assert_wire


def page(*items: dict[str, Any], rv: str = "100", cont: str | None = None) -> bytes:
    meta: dict[str, Any] = {"resourceVersion": rv}
    if cont:
        meta["continue"] = cont
    return json.dumps(
        {"kind": "List", "apiVersion": "v1", "metadata": meta, "items": list(items)}
    ).encode()


def rows_of(key: kinds.KindKey, *items: dict[str, Any], intern: Interner | None = None) -> list:
    rows, _, _ = codec_for(key).rows_of_page(page(*items), intern or Interner())
    return rows


def wire(row: Any) -> dict[str, Any]:
    """The row's fields as the JSON answer carries them."""
    return json.loads(json.dumps(row.fields()))


def pod(name: str = "web-7d4b9c8f6-x2k9p", **over: Any) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": name,
            "namespace": "shop",
            "uid": f"uid-{name}",
            "resourceVersion": "42",
            "creationTimestamp": "2026-11-26T08:00:00Z",
            "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6"},
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": "web-7d4b9c8f6",
                    "uid": "rs-1",
                    "controller": True,
                }
            ],
            "managedFields": [{"manager": "kube-controller-manager", "operation": "Update"}],
        },
        "spec": {
            "nodeName": "kwok-node-0",
            "containers": [
                {"name": "web", "image": "nginx"},
                {"name": "log-agent", "image": "busybox"},
            ],
        },
        "status": {
            "phase": "Running",
            "containerStatuses": [
                {"name": "web", "ready": True, "restartCount": 2, "state": {"running": {}}},
                {
                    "name": "log-agent",
                    "ready": False,
                    "restartCount": 1,
                    "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                },
            ],
        },
    }
    for path, value in over.items():
        *parents, leaf = path.split("__")
        node = obj
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return obj


class TestPodRows:
    def test_a_pod_row_has_the_pod_table_columns(self) -> None:
        (row,) = rows_of(kinds.PODS, pod())
        assert isinstance(row, PodRow)
        assert row.fields() == {
            "namespace": "shop",
            "name": "web-7d4b9c8f6-x2k9p",
            "uid": "uid-web-7d4b9c8f6-x2k9p",
            "phase": "Running",
            "status": "CrashLoopBackOff",
            "ready": "1/2",
            "restarts": 3,
            "node": "kwok-node-0",
            "createdAt": "2026-11-26T08:00:00Z",
            "ownerKind": "ReplicaSet",
            "ownerName": "web-7d4b9c8f6",
            "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6"},
            "cpuRequestMillicores": None,
            "cpuLimitMillicores": None,
            "memoryRequestBytes": None,
            "memoryLimitBytes": None,
        }

    def test_requests_and_limits_are_summed_over_containers(self) -> None:
        containers = [
            {"name": "web", "resources": {"requests": {"cpu": "250m", "memory": "64Mi"}}},
            {
                "name": "log-agent",
                "resources": {
                    "requests": {"cpu": "0.5"},
                    "limits": {"cpu": "1", "memory": "1Gi"},
                },
            },
        ]
        (row,) = rows_of(kinds.PODS, pod(spec__containers=containers))
        fields = row.fields()
        assert fields["cpuRequestMillicores"] == 750.0
        assert fields["cpuLimitMillicores"] == 1000.0
        assert fields["memoryRequestBytes"] == 64 * 1024**2
        assert fields["memoryLimitBytes"] == 1024**3

    def test_a_deleting_pod_shows_terminating(self) -> None:
        (row,) = rows_of(kinds.PODS, pod(metadata__deletionTimestamp="2026-11-26T09:00:00Z"))
        assert (row.phase, row.status) == ("Running", "Terminating")

    def test_the_pod_reason_wins_over_container_reasons(self) -> None:
        (row,) = rows_of(kinds.PODS, pod(status__reason="Evicted", status__phase="Failed"))
        assert (row.phase, row.status) == ("Failed", "Evicted")

    def test_a_waiting_init_container_shows_init_reason(self) -> None:
        obj = pod(
            status__phase="Pending",
            status__initContainerStatuses=[
                {
                    "name": "setup",
                    "ready": False,
                    "restartCount": 0,
                    "state": {"waiting": {"reason": "PodInitializing"}},
                }
            ],
        )
        (row,) = rows_of(kinds.PODS, obj)
        assert row.status == "Init:PodInitializing"

    def test_a_minimal_pod_decodes_with_defaults(self) -> None:
        (row,) = rows_of(kinds.PODS, {"metadata": {"name": "bare", "uid": "u"}})
        assert row.fields()["ready"] == "0/0"
        assert (row.namespace, row.phase, row.node, row.owner_kind, row.labels) == (
            "",
            "Unknown",
            "",
            "",
            {},
        )

    def test_siblings_share_one_interned_shape(self) -> None:
        intern = Interner()
        a, b = rows_of(kinds.PODS, pod("web-a"), pod("web-b"), intern=intern)
        assert a.shape is b.shape
        assert a.created_at is b.created_at

    def test_a_pod_row_is_72_bytes_without_a_gc_header_and_keeps_its_uid_as_an_int(self) -> None:
        uid = "0b1f3c7e-8a2d-4e5f-9a6b-7c8d9e0f1a2b"
        (row,) = rows_of(kinds.PODS, pod(metadata__uid=uid))
        assert sys.getsizeof(row) == 72
        assert not gc.is_tracked(row)
        assert isinstance(row.uid_key, int) and row.uid == uid
        assert codec_for(kinds.PODS).key(row) == row.uid_key

    def test_unknown_fields_and_nulls_do_not_break_decoding(self) -> None:
        obj = pod()
        obj["metadata"]["labels"] = None
        obj["status"]["futureField"] = {"deep": [1, 2, 3]}
        (row,) = rows_of(kinds.PODS, obj)
        assert row.labels == {}


class TestPages:
    def test_a_page_carries_resource_version_and_continue_token(self) -> None:
        body = page(pod("a"), rv="77", cont="next-token")
        rows, rv, cont = codec_for(kinds.PODS).rows_of_page(body, Interner())
        assert (len(rows), rv, cont) == (1, "77", "next-token")

    def test_an_empty_list_has_no_items_field(self) -> None:
        body = b'{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5"}}'
        assert codec_for(kinds.PODS).rows_of_page(body, Interner()) == ([], "5", "")

    def test_a_broken_page_raises_a_decode_error(self) -> None:
        with pytest.raises(msgspec.DecodeError):
            codec_for(kinds.PODS).rows_of_page(b'{"items": [', Interner())


def meta(name: str, namespace: str = "") -> dict[str, Any]:
    m = {"name": name, "uid": f"uid-{name}", "creationTimestamp": "2026-11-26T08:00:00Z"}
    if namespace:
        m["namespace"] = namespace
    return m


class TestEventRows:
    def base(self, **extra: Any) -> dict[str, Any]:
        return {
            "metadata": {**meta("e1", "shop"), "creationTimestamp": "2026-01-01T00:00:04Z"},
            "type": "Warning",
            "reason": "Unhealthy",
            "message": "probe failed",
            "involvedObject": {
                "apiVersion": "v1",
                "kind": "Pod",
                "name": "web-1",
                "namespace": "shop",
                "uid": "p1",
            },
            **extra,
        }

    @pytest.mark.parametrize(
        ("extra", "expected"),
        [
            (
                {
                    "eventTime": "2026-01-01T00:00:01.000001Z",
                    "series": {"lastObservedTime": "2026-01-01T00:00:02Z"},
                    "lastTimestamp": "2026-01-01T00:00:03Z",
                },
                "2026-01-01T00:00:01.000001Z",
            ),
            (
                {
                    "series": {"lastObservedTime": "2026-01-01T00:00:02Z", "count": 4},
                    "lastTimestamp": "2026-01-01T00:00:03Z",
                },
                "2026-01-01T00:00:02Z",
            ),
            ({"lastTimestamp": "2026-01-01T00:00:03Z"}, "2026-01-01T00:00:03Z"),
            ({"eventTime": None, "lastTimestamp": None}, "2026-01-01T00:00:04Z"),
        ],
    )
    def test_the_timestamp_is_the_events_own_time(
        self, extra: dict[str, Any], expected: str
    ) -> None:
        (row,) = rows_of(kinds.EVENTS, self.base(**extra))
        assert isinstance(row, EventRow)
        assert row.timestamp == expected

    def test_an_event_row_names_its_involved_object(self) -> None:
        (row,) = rows_of(kinds.EVENTS, self.base(count=7))
        fields = row.fields()
        assert fields["involvedObject"] == {
            "apiVersion": "v1",
            "kind": "Pod",
            "name": "web-1",
            "namespace": "shop",
            "uid": "p1",
        }
        assert (fields["type"], fields["reason"], fields["count"]) == ("Warning", "Unhealthy", 7)

    def test_the_count_of_a_series_event_comes_from_the_series(self) -> None:
        (row,) = rows_of(kinds.EVENTS, self.base(series={"count": 5}))
        assert row.count == 5


class TestOtherKinds:
    def test_node_row(self) -> None:
        node = {
            "metadata": {
                **meta("kwok-node-0"),
                "labels": {
                    "node-role.kubernetes.io/control-plane": "",
                    "node-role.kubernetes.io/agent": "",
                    "kubernetes.io/os": "linux",
                },
            },
            "spec": {"unschedulable": True},
            "status": {
                "conditions": [
                    {"type": "MemoryPressure", "status": "False"},
                    {"type": "Ready", "status": "True"},
                ],
                "nodeInfo": {"kubeletVersion": "fake"},
                "capacity": {"cpu": "32", "memory": "256Gi", "pods": "110"},
                "allocatable": {"cpu": "31500m", "memory": "250Gi", "pods": "110"},
            },
        }
        (row,) = rows_of(kinds.NODES, node)
        assert wire(row) == {
            "namespace": "",
            "name": "kwok-node-0",
            "uid": "uid-kwok-node-0",
            "createdAt": "2026-11-26T08:00:00Z",
            "status": "Ready",
            "ready": "True",
            "roles": ["agent", "control-plane"],
            "kubeletVersion": "fake",
            "cpuCapacity": "32",
            "memoryCapacity": "256Gi",
            "unschedulable": True,
            "cpuAllocatableMillicores": 31500.0,
            "memoryAllocatableBytes": 250 * 1024**3,
        }

    def test_namespace_row(self) -> None:
        (row,) = rows_of(
            kinds.NAMESPACES, {"metadata": meta("shop"), "status": {"phase": "Terminating"}}
        )
        assert row.fields() == {
            "namespace": "",
            "name": "shop",
            "uid": "uid-shop",
            "phase": "Terminating",
            "createdAt": "2026-11-26T08:00:00Z",
        }
        assert row.namespace == ""

    def test_deployment_row_defaults_replicas_to_one(self) -> None:
        (row,) = rows_of(
            kinds.DEPLOYMENTS,
            {"metadata": meta("web", "shop"), "spec": {}, "status": {"readyReplicas": 1}},
        )
        assert (row.replicas, row.ready, row.up_to_date, row.available) == (1, 1, 0, 0)

    def test_deployment_row(self) -> None:
        (row,) = rows_of(
            kinds.DEPLOYMENTS,
            {
                "metadata": meta("web", "shop"),
                "spec": {"replicas": 3},
                "status": {
                    "replicas": 3,
                    "readyReplicas": 2,
                    "updatedReplicas": 3,
                    "availableReplicas": 2,
                },
            },
        )
        assert row.fields()["ready"] == "2/3"
        assert (row.up_to_date, row.available) == (3, 2)

    def test_statefulset_daemonset_replicaset_job_cronjob_rows(self) -> None:
        (sts,) = rows_of(
            kinds.STATEFULSETS,
            {
                "metadata": meta("cache", "team-a"),
                "spec": {"replicas": 2},
                "status": {"readyReplicas": 2, "currentReplicas": 2, "updatedReplicas": 2},
            },
        )
        assert sts.fields()["ready"] == "2/2"
        (ds,) = rows_of(
            kinds.DAEMONSETS,
            {
                "metadata": meta("log-shipper", "team-b"),
                "status": {
                    "desiredNumberScheduled": 2,
                    "currentNumberScheduled": 2,
                    "numberReady": 1,
                    "updatedNumberScheduled": 2,
                    "numberAvailable": 1,
                },
            },
        )
        assert (ds.desired, ds.current, ds.ready, ds.up_to_date, ds.available) == (2, 2, 1, 2, 1)
        (rs,) = rows_of(
            kinds.REPLICASETS,
            {
                "metadata": {
                    **meta("web-1", "shop"),
                    "ownerReferences": [{"kind": "Deployment", "name": "web", "controller": True}],
                },
                "spec": {"replicas": 3},
                "status": {"replicas": 3, "readyReplicas": 3},
            },
        )
        assert (rs.desired, rs.ready, rs.owner_kind, rs.owner_name) == (3, 3, "Deployment", "web")
        (job,) = rows_of(
            kinds.JOBS,
            {
                "metadata": meta("migrate", "team-a"),
                "spec": {"completions": 1},
                "status": {"succeeded": 1, "completionTime": "2026-11-26T08:01:00Z"},
            },
        )
        assert job.fields()["completions"] == "1/1"
        assert job.fields()["completionTime"] == "2026-11-26T08:01:00Z"
        (cron,) = rows_of(
            kinds.CRONJOBS,
            {
                "metadata": meta("report", "team-a"),
                "spec": {"schedule": "0 * * * *"},
                "status": {"active": [{"name": "report-1"}]},
            },
        )
        assert (cron.schedule, cron.suspend, cron.active) == ("0 * * * *", False, 1)

    def test_service_row_shows_kubectl_ports(self) -> None:
        (row,) = rows_of(
            kinds.SERVICES,
            {
                "metadata": meta("web", "shop"),
                "spec": {
                    "type": "NodePort",
                    "clusterIP": "10.96.0.10",
                    "selector": {"app": "web"},
                    "ports": [{"port": 80, "protocol": "TCP"}, {"port": 443, "nodePort": 30443}],
                },
            },
        )
        assert (row.type, row.cluster_ip, row.ports) == (
            "NodePort",
            "10.96.0.10",
            "80/TCP,443:30443/TCP",
        )
        assert row.fields()["selector"] == {"app": "web"}

    def test_ingress_row(self) -> None:
        (row,) = rows_of(
            kinds.INGRESSES,
            {
                "metadata": meta("web", "shop"),
                "spec": {
                    "ingressClassName": "nginx",
                    "rules": [{"host": "a.example"}, {"host": "b.example"}],
                },
                "status": {"loadBalancer": {"ingress": [{"ip": "1.2.3.4"}]}},
            },
        )
        assert (row.class_name, row.hosts, row.address) == (
            "nginx",
            ("a.example", "b.example"),
            "1.2.3.4",
        )

    def test_configmap_counts_keys_of_data_and_binary_data(self) -> None:
        (row,) = rows_of(
            kinds.CONFIGMAPS,
            {
                "metadata": meta("settings", "shop"),
                "data": {"A": "1", "B": "2"},
                "binaryData": {"C": "AAAA"},
            },
        )
        assert row.keys == 3

    def test_a_secret_row_keeps_type_and_key_count_but_never_values(self) -> None:
        secret_value = "c3VwZXItc2VjcmV0LXZhbHVl"
        (row,) = rows_of(
            kinds.SECRETS,
            {
                "metadata": meta("db-credentials", "shop"),
                "type": "kubernetes.io/basic-auth",
                "data": {"username": secret_value, "password": secret_value},
            },
        )
        assert row.fields() == {
            "namespace": "shop",
            "name": "db-credentials",
            "uid": "uid-db-credentials",
            "createdAt": "2026-11-26T08:00:00Z",
            "type": "kubernetes.io/basic-auth",
            "keys": 2,
        }
        assert secret_value not in repr(row)
        assert all(secret_value not in str(getattr(row, f)) for f in row.__struct_fields__)

    def test_storage_rows(self) -> None:
        (pvc,) = rows_of(
            kinds.PERSISTENT_VOLUME_CLAIMS,
            {
                "metadata": meta("data", "team-a"),
                "spec": {
                    "volumeName": "team-a-data",
                    "accessModes": ["ReadWriteOnce"],
                    "storageClassName": "manual",
                },
                "status": {"phase": "Bound", "capacity": {"storage": "1Gi"}},
            },
        )
        assert (pvc.phase, pvc.volume, pvc.capacity, pvc.access_modes, pvc.storage_class) == (
            "Bound",
            "team-a-data",
            "1Gi",
            "RWO",
            "manual",
        )
        (pv,) = rows_of(
            kinds.PERSISTENT_VOLUMES,
            {
                "metadata": meta("team-a-data"),
                "spec": {
                    "capacity": {"storage": "1Gi"},
                    "accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
                    "persistentVolumeReclaimPolicy": "Retain",
                    "claimRef": {"namespace": "team-a", "name": "data"},
                },
                "status": {"phase": "Bound"},
            },
        )
        assert (pv.access_modes, pv.claim, pv.phase, pv.namespace) == (
            "RWO,ROX",
            "team-a/data",
            "Bound",
            "",
        )
        (sc,) = rows_of(
            kinds.STORAGE_CLASSES,
            {
                "metadata": {
                    **meta("standard"),
                    "annotations": {"storageclass.kubernetes.io/is-default-class": "true"},
                },
                "provisioner": "example.com/fake",
            },
        )
        assert (sc.provisioner, sc.is_default, sc.binding_mode) == (
            "example.com/fake",
            True,
            "Immediate",
        )

    def test_rbac_rows(self) -> None:
        (role,) = rows_of(
            kinds.ROLES,
            {
                "metadata": meta("regatta-viewer", "shop"),
                "rules": [{"verbs": ["get"]}, {"verbs": ["list"]}],
            },
        )
        assert role.rules == 2
        (binding,) = rows_of(
            kinds.ROLE_BINDINGS,
            {
                "metadata": meta("regatta-viewer", "shop"),
                "roleRef": {"kind": "Role", "name": "regatta-viewer"},
                "subjects": [
                    {"kind": "User", "name": "beta-viewer"},
                    {"kind": "ServiceAccount", "name": "x", "namespace": "shop"},
                ],
            },
        )
        assert wire(binding)["subjects"] == ["User/beta-viewer", "ServiceAccount/shop/x"]
        assert (binding.role_kind, binding.role_name) == ("Role", "regatta-viewer")

    def test_custom_resources_get_generic_rows(self) -> None:
        key = kinds.KindKey("ops.example.com", "backups")
        assert key not in CODECS
        (row,) = rows_of(
            key,
            {
                "apiVersion": "ops.example.com/v1",
                "kind": "Backup",
                "metadata": meta("nightly", "team-a"),
                "spec": {"schedule": "@daily"},
            },
        )
        assert isinstance(row, GenericRow)
        assert row.fields() == {
            "namespace": "team-a",
            "name": "nightly",
            "uid": "uid-nightly",
            "createdAt": "2026-11-26T08:00:00Z",
        }

    def test_crd_row_tracks_served_versions_and_establishment(self) -> None:
        (row,) = rows_of(
            kinds.CUSTOM_RESOURCE_DEFINITIONS,
            {
                "metadata": meta("backups.ops.example.com"),
                "spec": {
                    "group": "ops.example.com",
                    "scope": "Namespaced",
                    "names": {"kind": "Backup", "plural": "backups"},
                    "versions": [
                        {"name": "v1", "served": True},
                        {"name": "v1alpha1", "served": False},
                    ],
                },
                "status": {"conditions": [{"type": "Established", "status": "True"}]},
            },
        )
        assert isinstance(row, CrdRow)
        assert (row.group, row.kind, row.versions, row.established) == (
            "ops.example.com",
            "Backup",
            ("v1",),
            True,
        )


RUN = {"clusterId": "c:a", "clusterName": "a", "group": "g", "version": "v1", "kind": "K"}


@pytest.mark.parametrize("key", [*CODECS, kinds.KindKey("x.io", "things")], ids=str)
def test_every_rows_fields_are_exactly_its_item_model(key: kinds.KindKey) -> None:
    """The wire fields of a row are those its item model declares, no more, no fewer."""
    (row,) = rows_of(key, {"metadata": meta("x", "ns")})
    joined = dict.fromkeys(metric_wire_names(row.ITEM))  # the metrics cache's, null here
    assert_wire(row.ITEM, {**RUN, **wire(row), **joined, "stale": False})
