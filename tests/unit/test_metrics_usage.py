"""Usage figures: metrics.k8s.io lists read into numbers, joined onto rows, summed per workload,
kept per viewed object (plain data; the real metrics-server is in tests/integration)."""

from __future__ import annotations

import msgspec

from backend.metrics.history import History
from backend.metrics.usage import MetricsView, PodUsage, Usage, nodes_of, pods_of
from backend.metrics.wire import node_list_decoder, pod_list_decoder
from backend.objectcatalog import kinds
from backend.objectcatalog.interning import Interner
from backend.objectcatalog.rows import codec_for
from backend.refresh.snapshots.usage import PartUsage, cluster_totals, usage_fields, workload_sums

POD_METRICS = {
    "kind": "PodMetricsList",
    "items": [
        {
            "metadata": {"name": "web-1", "namespace": "shop"},
            "timestamp": "2026-12-07T14:00:00Z",
            "window": "15s",
            "containers": [
                {"name": "web", "usage": {"cpu": "250012345n", "memory": "65536Ki"}},
                {"name": "log", "usage": {"cpu": "1m", "memory": "1Mi"}},
            ],
        }
    ],
}


def row(key: kinds.KindKey, obj: dict) -> object:
    rows, _, _ = codec_for(key).rows_of_page(msgspec.json.encode({"items": [obj]}), Interner())
    return rows[0]


def pod(name: str, owner: tuple[str, str] | None = None, cpu_request: str | None = None) -> object:
    meta: dict = {"name": name, "namespace": "shop", "uid": f"uid-{name}"}
    if owner:
        meta["ownerReferences"] = [{"kind": owner[0], "name": owner[1], "controller": True}]
    container: dict = {"name": "web"}
    if cpu_request:
        container["resources"] = {"requests": {"cpu": cpu_request}, "limits": {"memory": "128Mi"}}
    return row(
        kinds.PODS,
        {"metadata": meta, "spec": {"containers": [container]}, "status": {"phase": "Running"}},
    )


def test_pod_metrics_become_millicores_and_bytes_per_pod_and_container() -> None:
    pods = pods_of(pod_list_decoder.decode(msgspec.json.encode(POD_METRICS)))
    usage = pods[("shop", "web-1")]
    assert usage.total == Usage(251.012, 64 * 1024**2 + 1024**2)
    assert usage.containers == (
        ("web", Usage(250.012, 64 * 1024**2)),
        ("log", Usage(1.0, 1024**2)),
    )


def test_node_metrics_become_numbers() -> None:
    body = {"items": [{"metadata": {"name": "n1"}, "usage": {"cpu": "1500m", "memory": "2Gi"}}]}
    assert nodes_of(node_list_decoder.decode(msgspec.json.encode(body))) == {
        "n1": Usage(1500.0, 2 * 1024**3)
    }


def test_a_pod_row_gets_usage_and_percent_of_request_and_limit() -> None:
    view = MetricsView("available", 1, {("shop", "web-1"): PodUsage(Usage(50.0, 64 * 1024**2), ())})
    fields = usage_fields("Pod", pod("web-1", cpu_request="200m"), PartUsage("available", 1, view))
    assert fields == {
        "cpuMillicores": 50.0,
        "memoryBytes": 64 * 1024**2,
        "cpuRequestPercent": 25.0,
        "cpuLimitPercent": None,  # no limit set
        "memoryRequestPercent": None,
        "memoryLimitPercent": 50.0,
    }


def test_rows_without_a_reading_carry_nulls() -> None:
    fields = usage_fields("Pod", pod("web-1"), None)
    assert set(fields.values()) == {None} and "cpuMillicores" in fields
    assert usage_fields("ConfigMap", row(kinds.CONFIGMAPS, {"metadata": {"name": "c"}}), None) == {}


def test_workloads_sum_their_pods_and_deployments_their_replicasets_pods() -> None:
    view = MetricsView(
        "available",
        1,
        {
            ("shop", "web-a"): PodUsage(Usage(10.0, 100), ()),
            ("shop", "web-b"): PodUsage(Usage(5.5, 50), ()),
            ("shop", "db-0"): PodUsage(Usage(1.0, 7), ()),
        },
    )
    pods = [
        pod("web-a", ("ReplicaSet", "web-7d")),
        pod("web-b", ("ReplicaSet", "web-7d")),
        pod("db-0", ("StatefulSet", "db")),
        pod("loose"),
    ]
    rs = row(
        kinds.REPLICASETS,
        {
            "metadata": {
                "name": "web-7d",
                "namespace": "shop",
                "ownerReferences": [{"kind": "Deployment", "name": "web", "controller": True}],
            }
        },
    )
    sums = workload_sums(view, pods, [rs])
    assert sums[("Deployment", "shop", "web")] == Usage(15.5, 150)
    assert sums[("ReplicaSet", "shop", "web-7d")] == Usage(15.5, 150)
    assert sums[("StatefulSet", "shop", "db")] == Usage(1.0, 7)
    assert len(sums) == 3


def test_cluster_totals_sum_nodes_and_unfinished_pods() -> None:
    node = row(
        kinds.NODES,
        {
            "metadata": {"name": "n1"},
            "status": {
                "capacity": {"cpu": "4", "memory": "8Gi"},
                "allocatable": {"cpu": "3800m", "memory": "7Gi"},
            },
        },
    )
    view = MetricsView("available", 1, nodes={"n1": Usage(300.0, 1024)})
    totals = cluster_totals(
        [node], [pod("a", cpu_request="100m"), pod("b", cpu_request="50m")], view
    )
    assert totals["cpu_capacity_millicores"] == 4000.0
    assert totals["cpu_allocatable_millicores"] == 3800.0
    assert totals["memory_allocatable_bytes"] == 7 * 1024**3
    assert totals["cpu_requests_millicores"] == 150.0
    assert totals["memory_limits_bytes"] == 2 * 128 * 1024**2
    assert totals["cpu_usage_millicores"] == 300.0
    assert totals["memory_usage_bytes"] == 1024


def test_history_keeps_the_last_samples_of_watched_objects_only() -> None:
    now = [0.0]
    history = History(lambda: now[0])
    assert history.watch(("Pod", "shop", "web-1")) == []
    for i in range(50):
        view = MetricsView("available", i, {("shop", "web-1"): PodUsage(Usage(i, i), ())})
        history.record(view, f"t{i}")
    samples = history.watch(("Pod", "shop", "web-1"))
    assert len(samples) == 40 and samples[0].at == "t10" and samples[-1].at == "t49"
    now[0] = 1000.0  # nobody asked for a long time: forgotten
    history.record(MetricsView("available"), "later")
    assert history.watched() == [] and history.sample_count() == 0
