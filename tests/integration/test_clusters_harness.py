"""The cluster harness does what the tests, benchmarks and `make demo` rely on.

Checked with the built kubectl and the written kubeconfigs, against the real clusters.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import select
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.clusters import ClusterEnv, harness, kwokconfig, processes, topology
from tests.clusters.state import load
from tests.clusters.waiting import wait_until

pytestmark = pytest.mark.clusters

REPO = Path(__file__).resolve().parents[2]
ADMIN_CONTEXTS = {
    "alpha": ("dev.yaml", "alpha"),
    "beta": ("dev.yaml", "beta"),
    "gamma": ("prod.yaml", topology.GAMMA_ARN_CONTEXT),
}
CRI_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z ")


def _json(env: ClusterEnv, cluster: str, *args: str) -> Any:
    file, context = ADMIN_CONTEXTS[cluster]
    return json.loads(env.kubectl(*args, "-o", "json", context=context, kubeconfig=file).stdout)


def _web_pod(env: ClusterEnv, cluster: str) -> str:
    pods = _json(env, cluster, "get", "pods", "-n", "shop", "-l", "app=web")["items"]
    return str(pods[0]["metadata"]["name"])


@pytest.mark.parametrize("cluster", list(ADMIN_CONTEXTS))
def test_nodes_are_ready_and_seeded_pods_run(clusters: ClusterEnv, cluster: str) -> None:
    nodes = _json(clusters, cluster, "get", "nodes")["items"]
    assert len(nodes) >= 2
    for node in nodes:
        ready = [c for c in node["status"]["conditions"] if c["type"] == "Ready"]
        assert ready[0]["status"] == "True", node["metadata"]["name"]
    pods = _json(clusters, cluster, "get", "pods", "-A")["items"]
    running = {
        (p["metadata"]["namespace"], p["metadata"]["labels"].get("app"))
        for p in pods
        if p["status"].get("phase") == "Running"
    }
    assert {
        ("shop", "web"),
        ("team-a", "api"),
        ("team-a", "cache"),
        ("team-b", "worker"),
        ("team-b", "log-shipper"),
    } <= running
    web = [
        p
        for p in pods
        if p["metadata"]["namespace"] == "shop"
        and p["metadata"]["labels"].get("app") == "web"
        and p["status"]["phase"] == "Running"
    ]
    assert len(web) == 3


@pytest.mark.parametrize("cluster", list(ADMIN_CONTEXTS))
def test_every_seeded_kind_exists(clusters: ClusterEnv, cluster: str) -> None:
    wanted = {
        ("statefulsets", "team-a"): "cache",
        ("daemonsets", "team-b"): "log-shipper",
        ("jobs", "team-a"): "migrate",
        ("cronjobs", "team-a"): "report",
        ("services", "shop"): "web",
        ("configmaps", "shop"): "settings",
        ("secrets", "shop"): "db-credentials",
        ("ingresses", "shop"): "web",
        ("persistentvolumeclaims", "team-a"): "data",
        ("backups.ops.example.com", "team-a"): "nightly",
    }
    for (kind, namespace), name in wanted.items():
        names = [
            o["metadata"]["name"]
            for o in _json(clusters, cluster, "get", kind, "-n", namespace)["items"]
        ]
        assert name in names, (kind, namespace)
    pvc = _json(clusters, cluster, "get", "pvc", "data", "-n", "team-a")
    assert pvc["status"]["phase"] == "Bound"


@pytest.mark.parametrize("cluster", list(ADMIN_CONTEXTS))
def test_logs_have_timestamps_and_name_their_cluster(clusters: ClusterEnv, cluster: str) -> None:
    file, context = ADMIN_CONTEXTS[cluster]
    out = clusters.kubectl(
        "logs",
        "-n",
        "shop",
        _web_pod(clusters, cluster),
        "-c",
        "web",
        "--timestamps",
        "--tail=5",
        context=context,
        kubeconfig=file,
    ).stdout
    lines = out.splitlines()
    assert len(lines) == 5
    for line in lines:
        assert CRI_TIMESTAMP.match(line), line
        assert f"cluster={cluster} " in line


def test_logs_of_different_clusters_interleave_in_time(clusters: ClusterEnv) -> None:
    merged = []
    for cluster, (file, context) in ADMIN_CONTEXTS.items():
        out = clusters.kubectl(
            "logs",
            "-n",
            "shop",
            _web_pod(clusters, cluster),
            "-c",
            "web",
            "--timestamps",
            "--tail=9",
            context=context,
            kubeconfig=file,
        ).stdout
        merged += [(line.split(" ", 1)[0], cluster) for line in out.splitlines()]
    order = [cluster for _, cluster in sorted(merged)]
    switches = sum(1 for a, b in itertools.pairwise(order) if a != b)
    assert switches >= len(ADMIN_CONTEXTS) * 2


def test_follow_streams_new_lines(clusters: ClusterEnv) -> None:
    pod = _web_pod(clusters, "alpha")
    argv = [
        str(clusters.kubectl_path),
        "--kubeconfig",
        str(clusters.kubeconfig_dir / "dev.yaml"),
        "--context",
        "alpha",
        "logs",
        "-f",
        "--tail=1",
        "-n",
        "shop",
        pod,
        "-c",
        "web",
    ]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True) as follow:
        try:
            assert follow.stdout is not None
            seqs: list[int] = []
            deadline = time.monotonic() + 30
            while len(seqs) < 3 and time.monotonic() < deadline:
                ready, _, _ = select.select([follow.stdout], [], [], deadline - time.monotonic())
                if ready:
                    seqs.append(int(follow.stdout.readline().rsplit("seq=", 1)[1]))
            assert len(seqs) == 3
            assert seqs == sorted(seqs) and seqs[-1] > seqs[0]
        finally:
            follow.terminate()


def test_previous_logs_are_served(clusters: ClusterEnv) -> None:
    out = clusters.kubectl(
        "logs", "--previous", "-n", "shop", _web_pod(clusters, "beta"), "-c", "web", context="beta"
    ).stdout
    assert "panic: lost connection cluster=beta" in out


def test_the_restart_stage_restarts_one_container_once(clusters: ClusterEnv) -> None:
    namespace = f"restart-{os.getpid()}"
    pod = ("-n", namespace, "pod/crashy")
    clusters.create_namespace("alpha", namespace)
    try:
        spec = {
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": {"name": "crashy", "namespace": namespace},
            "spec": {"containers": [{"name": c, "image": "example/x:1"} for c in ("app", "side")]},
        }
        clusters.admin_kubectl("alpha", "apply", "-f", "-", input=json.dumps(spec))
        clusters.admin_kubectl("alpha", "wait", *pod, "--for=condition=Ready", "--timeout=45s")
        clusters.admin_kubectl("alpha", "annotate", *pod, f"{kwokconfig.RESTART_ANNOTATION}=app")
        # The stage removes the annotation before it restarts, so the restart is done once it is
        # reported (a watch, not a sleep).
        restarted = "--for=jsonpath={.status.containerStatuses[?(@.name=='app')].restartCount}=1"
        clusters.admin_kubectl("alpha", "wait", *pod, restarted, "--timeout=45s")
        got = json.loads(clusters.admin_kubectl("alpha", "get", *pod, "-o", "json").stdout)
        assert kwokconfig.RESTART_ANNOTATION not in got["metadata"].get("annotations", {})
        app, side = sorted(got["status"]["containerStatuses"], key=lambda c: c["name"])
        assert app["restartCount"] == 1 and "running" in app["state"]
        terminated = app["lastState"]["terminated"]
        assert (terminated["exitCode"], terminated["reason"]) == (
            kwokconfig.RESTART_EXIT_CODE,
            "Error",
        )
        assert side["restartCount"] == 0 and not side.get("lastState")
        assert got["status"]["phase"] == "Running"

        def backed_off() -> bool:
            got = clusters.admin_kubectl("alpha", "get", "events", "-n", namespace, "-o", "json")
            events = json.loads(got.stdout)["items"]
            return ("Warning", "BackOff") in {(e["type"], e["reason"]) for e in events}

        wait_until("the restart's BackOff event", backed_off, 30, 0.2)  # sent after the patch
        out = clusters.admin_kubectl("alpha", "logs", "--previous", *pod, "-c", "app").stdout
        assert "panic: lost connection cluster=alpha" in out
    finally:
        clusters.admin_kubectl("alpha", "delete", "namespace", namespace, "--wait=false")


@pytest.mark.parametrize("cluster", list(ADMIN_CONTEXTS))
def test_warning_and_normal_events(clusters: ClusterEnv, cluster: str) -> None:
    events = _json(clusters, cluster, "get", "events", "-n", "shop")["items"]
    types = {e["type"] for e in events}
    assert {"Warning", "Normal"} <= types
    assert any(e["reason"] == "Unhealthy" and e["involvedObject"]["name"] == "web" for e in events)


def test_exec_runs_through_the_right_cluster(clusters: ClusterEnv) -> None:
    for cluster, (file, context) in ADMIN_CONTEXTS.items():
        out = clusters.kubectl(
            "exec",
            "-n",
            "shop",
            _web_pod(clusters, cluster),
            "-c",
            "web",
            "--",
            "sh",
            "-c",
            "echo $REGATTA_CLUSTER",
            context=context,
            kubeconfig=file,
        )
        assert out.stdout.strip() == cluster


def test_port_forward_reaches_the_right_cluster(clusters: ClusterEnv) -> None:
    pod = _web_pod(clusters, "gamma")
    argv = [
        str(clusters.kubectl_path),
        "--kubeconfig",
        str(clusters.kubeconfig_dir / "prod.yaml"),
        "--context",
        topology.GAMMA_ARN_CONTEXT,
        "port-forward",
        "-n",
        "shop",
        f"pod/{pod}",
        ":8080",
    ]
    env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost"}
    with subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env) as forward:
        try:
            assert forward.stdout is not None
            ready, _, _ = select.select([forward.stdout], [], [], 30)
            assert ready, "port-forward printed nothing"
            port = int(re.findall(r"127\.0\.0\.1:(\d+)", forward.stdout.readline())[0])
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hello", timeout=10) as resp:
                body = json.loads(resp.read())
            assert body == {"cluster": "gamma", "path": "/hello"}
        finally:
            forward.terminate()


def test_staging_names_a_different_cluster_in_each_file(clusters: ClusterEnv) -> None:
    def cluster_of(file: str) -> str:
        return clusters.kubectl(
            "get",
            "configmap",
            "settings",
            "-n",
            "shop",
            "-o",
            "jsonpath={.data.CLUSTER}",
            context="staging",
            kubeconfig=file,
        ).stdout

    assert (cluster_of("dev.yaml"), cluster_of("prod.yaml")) == ("beta", "gamma")
    with pytest.raises(ValueError, match="staging"):
        clusters.kubectl("get", "ns", context="staging")


def test_the_restricted_user_is_forbidden_outside_its_grant(clusters: ClusterEnv) -> None:
    def viewer(*args: str) -> subprocess.CompletedProcess[str]:
        return clusters.kubectl(*args, context="beta-viewer", check=False)

    allowed = viewer("get", "pods", "-n", "shop", "-o", "name")
    assert allowed.returncode == 0 and "pod/web-" in allowed.stdout
    assert viewer("get", "deployments", "-n", "team-a").returncode == 0
    for args in (
        ("get", "secrets", "-n", "shop"),
        ("get", "nodes"),
        ("get", "namespaces"),
        ("get", "pods", "-n", "team-b"),
    ):
        denied = viewer(*args)
        assert denied.returncode != 0 and "Forbidden" in denied.stderr, args


def test_describe_matches_the_interface(clusters: ClusterEnv) -> None:
    doc = clusters.describe()
    assert sorted(p.name for p in Path(doc["kubeconfigDir"]).iterdir()) == ["dev.yaml", "prod.yaml"]
    assert [c["name"] for c in doc["clusters"]] == ["alpha", "beta", "gamma"]
    for c in doc["clusters"]:
        assert {"name", "contexts", "server", "users", "pids", "logDir"} <= c.keys()
        assert c["server"].startswith("https://127.0.0.1:")
        assert (Path(c["logDir"]) / "kube-apiserver.log").is_file()
    assert harness.status(clusters.state_dir)["healthy"] is True


def _answers(env: ClusterEnv, cluster: str, within_s: int = 20) -> bool:
    """Whether the cluster's apiserver answers /readyz within `within_s` (short only for clusters
    expected not to answer; a healthy one on a loaded machine gets the long default)."""
    file, context = ADMIN_CONTEXTS[cluster]
    done = env.kubectl(
        "get",
        "--raw",
        "/readyz",
        f"--request-timeout={within_s}s",
        context=context,
        kubeconfig=file,
        check=False,
        timeout=within_s + 30,
    )
    return done.returncode == 0


def test_a_frozen_apiserver_hangs_alone_and_comes_back(clusters: ClusterEnv) -> None:
    with clusters.frozen("beta"):
        assert not _answers(clusters, "beta", within_s=3)
        assert _answers(clusters, "alpha") and _answers(clusters, "gamma")
    assert _answers(clusters, "beta")


def test_a_stopped_apiserver_refuses_and_restarts_on_its_port(clusters: ClusterEnv) -> None:
    server = clusters.cluster("gamma").server
    with clusters.apiserver_stopped("gamma"):
        refused = clusters.kubectl(
            "get",
            "ns",
            "--request-timeout=3s",
            context="staging",
            kubeconfig="prod.yaml",
            check=False,
        )
        assert refused.returncode != 0 and "refused" in refused.stderr
        assert _answers(clusters, "alpha")
    assert _answers(clusters, "gamma")
    assert ClusterEnv.load(clusters.state_dir).cluster("gamma").server == server


def test_heal_restores_a_fault_left_behind(clusters: ClusterEnv) -> None:
    clusters.freeze("alpha")
    assert clusters.heal() == ["alpha"]
    assert _answers(clusters, "alpha")


def _live(state_dir: Path) -> list[str]:
    state = load(state_dir)
    assert state is not None
    return [
        r.name
        for r in state.all_processes()
        if processes.group_members(r.pgid) and processes.run_state(r) != "exited"
    ]


def test_cli_up_status_down_leaves_nothing(tmp_path: Path) -> None:
    cli = [sys.executable, "-m", "tests.clusters"]
    state_dir = tmp_path / "run"
    out = subprocess.run(
        [*cli, "up", "--clusters", "1", "--state-dir", str(state_dir)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    try:
        doc = json.loads(out.stdout)
        assert [c["name"] for c in doc["clusters"]] == ["alpha"]
        assert (
            subprocess.run(
                [*cli, "status", "--state-dir", str(state_dir)], cwd=REPO, capture_output=True
            ).returncode
            == 0
        )
        pgids = [r.pgid for r in load(state_dir).all_processes()]  # type: ignore[union-attr]
    finally:
        subprocess.run(
            [*cli, "down", "--state-dir", str(state_dir)], cwd=REPO, check=True, capture_output=True
        )
    assert all(processes.group_members(p) == [] for p in pgids)
    assert load(state_dir).phase == "stopped"  # type: ignore[union-attr]


def test_a_run_whose_owner_died_tears_itself_down(tmp_path: Path) -> None:
    owner = subprocess.Popen(["sleep", "600"])
    state_dir = tmp_path / "orphan"
    try:
        harness.up(1, state_dir, owner_pid=owner.pid)
        assert _live(state_dir)
    finally:
        owner.kill()
        owner.wait()
    wait_until(
        "the orphaned run to stop",
        lambda: not _live(state_dir),
        60,
        0.5,
        describe=lambda: ", ".join(_live(state_dir)),
    )
    assert load(state_dir).phase == "stopped"  # type: ignore[union-attr]


def test_run_passes_the_kubeconfig_dir_and_the_exit_code(tmp_path: Path) -> None:
    state_dir = tmp_path / "run"
    script = 'test -f "$REGATTA_KUBECONFIG_DIR/dev.yaml" && echo "arg={kubeconfigDir}" && exit 7'
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.clusters",
            "run",
            "--clusters",
            "1",
            "--state-dir",
            str(state_dir),
            "--",
            "sh",
            "-c",
            script,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 7, done.stderr[-2000:]
    assert done.stdout.strip() == f"arg={state_dir / 'kubeconfig'}"
    assert not _live(state_dir)
    assert load(state_dir).phase == "stopped"  # type: ignore[union-attr]


def test_run_tears_down_on_sigterm(tmp_path: Path) -> None:
    state_dir = tmp_path / "run"
    marker = tmp_path / "started"
    log = (tmp_path / "run.log").open("w")
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.clusters",
            "run",
            "--clusters",
            "1",
            "--state-dir",
            str(state_dir),
            "--",
            "sh",
            "-c",
            f"touch {marker}; exec sleep 600",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    try:
        wait_until("the command of `run` to start", marker.exists, 300, 0.5)
        run.terminate()
        run.wait(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
        log.close()
    assert not _live(state_dir)
    assert load(state_dir).phase == "stopped"  # type: ignore[union-attr]
