"""Process handling of the cluster harness, on real (harmless) processes."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from tests.clusters import limits, processes
from tests.clusters.state import ClusterState, RunState


def _spawn(tmp_path: Path, script: str) -> processes.ProcessRecord:
    return processes.spawn(
        "probe", None, ["bash", "-c", script], tmp_path / "probe.log", {"X": "1"}, tmp_path
    )


def _wait_for_text(path: Path, text: str) -> None:
    from tests.clusters.waiting import wait_until

    wait_until(f"{text!r} in {path}", lambda: text in path.read_text(), 10, 0.05)


def test_stop_ends_the_whole_process_group(tmp_path: Path) -> None:
    record = _spawn(tmp_path, "sleep 300 & echo child-started; wait")
    _wait_for_text(Path(record.log), "child-started")
    assert len(processes.group_members(record.pgid)) == 2
    processes.stop(record)
    assert processes.run_state(record) == "exited"
    assert processes.group_members(record.pgid) == []


def test_a_frozen_process_is_reported_and_still_stops(tmp_path: Path) -> None:
    record = _spawn(tmp_path, "exec sleep 300")
    assert processes.signal_group(record, signal.SIGSTOP)
    from tests.clusters.waiting import wait_until

    wait_until("frozen", lambda: processes.run_state(record) == "frozen", 10, 0.05)
    processes.stop(record)
    assert processes.run_state(record) == "exited"


def test_sigterm_is_followed_by_sigkill(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "STOP_GRACE_S", 0.5)
    record = _spawn(tmp_path, "trap '' TERM; echo trapped; while :; do sleep 1; done")
    _wait_for_text(Path(record.log), "trapped")
    processes.stop(record)
    assert processes.group_members(record.pgid) == []


def test_a_reused_pid_is_never_signalled(tmp_path: Path) -> None:
    record = _spawn(tmp_path, "exec sleep 300")
    impostor = record.model_copy(update={"start_ticks": record.start_ticks + 1})
    assert processes.run_state(impostor) == "exited"
    assert not processes.signal_group(impostor, signal.SIGTERM)
    assert processes.run_state(record) == "running"
    processes.stop(record)


def test_state_lists_processes_in_stopping_order() -> None:
    def rec(name: str, cluster: str | None) -> processes.ProcessRecord:
        return processes.ProcessRecord(
            name=name,
            cluster=cluster,
            argv=[],
            env={},
            cwd="/",
            log="/dev/null",
            pid=1,
            pgid=1,
            start_ticks=0,
        )

    clusters = {}
    for name in ("alpha", "beta"):
        clusters[name] = ClusterState(
            name=name,
            server="",
            api_port=0,
            kwok_port=0,
            dir="",
            log_dir="",
            admin_kubeconfig="",
            processes={p: rec(p, name) for p in ("kube-apiserver", "kwok")},
        )
    state = RunState(
        state_dir="/x",
        kubeconfig_dir="/x/k",
        bin_dir={},
        shared={"etcd": rec("etcd", None), "sidecar": rec("sidecar", None)},
        clusters=clusters,
    )
    order = [(r.cluster, r.name) for r in state.all_processes()]
    assert order == [
        ("beta", "kwok"),
        ("beta", "kube-apiserver"),
        ("alpha", "kwok"),
        ("alpha", "kube-apiserver"),
        (None, "sidecar"),
        (None, "etcd"),
    ]
