"""The state file of a run: everything `down`, `status` and a later process need to find it.

It is rewritten (atomically) after every process start, so a harness that crashes half-way still
leaves a file from which `down` stops what was started.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from tests.clusters.processes import ProcessRecord

STATE_FILE = "state.json"

Phase = Literal["starting", "up", "stopped", "failed"]


class ContextRef(BaseModel):
    """One kubeconfig context that reaches a cluster."""

    kubeconfig: str  # file name inside the kubeconfig directory
    context: str
    user: str


class UserRef(BaseModel):
    name: str
    auth: str
    groups: list[str]


class ClusterState(BaseModel):
    name: str
    server: str
    api_port: int
    kwok_port: int
    dir: str
    log_dir: str
    admin_kubeconfig: str
    contexts: list[ContextRef] = []
    users: list[UserRef] = []
    processes: dict[str, ProcessRecord] = {}


class RunState(BaseModel):
    state_dir: str
    phase: Phase = "starting"
    kubeconfig_dir: str
    bin_dir: dict[str, str]  # component -> directory of its binary
    owner_pid: int | None = None
    shared: dict[str, ProcessRecord] = {}  # etcd and the side process
    clusters: dict[str, ClusterState] = {}

    def all_processes(self) -> list[ProcessRecord]:
        """Every recorded process, in the order they must be stopped."""
        ordered: list[ProcessRecord] = []
        for cluster in reversed(list(self.clusters.values())):
            ordered += reversed(list(cluster.processes.values()))
        ordered += reversed(list(self.shared.values()))
        return ordered


_save_lock = threading.Lock()


def state_path(state_dir: Path) -> Path:
    return state_dir / STATE_FILE


def save(state: RunState) -> None:
    path = state_path(Path(state.state_dir))
    with _save_lock:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(state.model_dump_json(indent=2))
        os.replace(tmp, path)


def load(state_dir: Path) -> RunState | None:
    path = state_path(state_dir)
    if not path.exists():
        return None
    return RunState.model_validate_json(path.read_text())
