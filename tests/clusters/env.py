"""A running set of clusters as tests see it: where the kubeconfigs are, a kubectl, and faults.

Fault helpers act on one cluster's apiserver only (the other clusters and this cluster's etcd
data are untouched) and always restore it: use the context managers `frozen` and
`apiserver_stopped`, or call `heal()`.
"""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.clusters import control_plane, limits, processes
from tests.clusters.api import KubeApi
from tests.clusters.state import ClusterState, RunState, load, save
from tests.clusters.waiting import wait_until

APISERVER = "kube-apiserver"


class KubectlError(subprocess.CalledProcessError):
    """A failed kubectl call whose message includes what kubectl printed on stderr."""

    def __str__(self) -> str:
        return f"{super().__str__()}\nstderr: {(self.stderr or '').strip()[-2000:]}"


@dataclass(frozen=True)
class KubeContext:
    """One context that reaches a cluster: which file, which context name, which user."""

    kubeconfig: Path
    name: str
    user: str


@dataclass(frozen=True)
class ClusterInfo:
    name: str
    server: str
    contexts: tuple[str, ...]  # context names; `staging` exists in two files, see context_refs
    context_refs: tuple[KubeContext, ...]
    users: tuple[str, ...]
    log_dir: Path
    admin_kubeconfig: Path  # the harness's own system:masters identity


def _info(cluster: ClusterState, kubeconfig_dir: Path) -> ClusterInfo:
    refs = tuple(
        KubeContext(kubeconfig_dir / c.kubeconfig, c.context, c.user) for c in cluster.contexts
    )
    return ClusterInfo(
        name=cluster.name,
        server=cluster.server,
        contexts=tuple(c.context for c in cluster.contexts),
        context_refs=refs,
        users=tuple(u.name for u in cluster.users),
        log_dir=Path(cluster.log_dir),
        admin_kubeconfig=Path(cluster.admin_kubeconfig),
    )


class ClusterEnv:
    """The clusters of one run (the state directory it was started in)."""

    def __init__(self, state: RunState) -> None:
        self.state_dir = Path(state.state_dir)
        self.kubeconfig_dir = Path(state.kubeconfig_dir)
        self.kubectl_path = Path(state.bin_dir["kubernetes"]) / "kubectl"
        self.ca_file = self.state_dir / "pki" / "ca.crt"
        self.clusters = [_info(c, self.kubeconfig_dir) for c in state.clusters.values()]
        self._broken: dict[str, str] = {}  # cluster -> "frozen" | "stopped"

    @classmethod
    def load(cls, state_dir: Path) -> ClusterEnv:
        state = load(state_dir)
        if state is None:
            raise FileNotFoundError(f"no cluster run in {state_dir}")
        if state.phase != "up":
            raise RuntimeError(f"the cluster run in {state_dir} is {state.phase}, not up")
        return cls(state)

    def _state(self) -> RunState:
        state = load(self.state_dir)
        if state is None:
            raise FileNotFoundError(f"the state file of {self.state_dir} is gone")
        return state

    # --- lookup ------------------------------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.clusters]

    def cluster(self, name: str) -> ClusterInfo:
        for c in self.clusters:
            if c.name == name:
                return c
        raise KeyError(f"no cluster {name!r}; have {self.names}")

    def kubeconfig_for(self, context: str) -> Path:
        """The kubeconfig file holding `context`; an error if two files hold it (`staging`)."""
        files = sorted(
            {r.kubeconfig for c in self.clusters for r in c.context_refs if r.name == context}
        )
        if not files:
            raise KeyError(f"no context {context!r} in {self.kubeconfig_dir}")
        if len(files) > 1:
            names = ", ".join(f.name for f in files)
            raise ValueError(f"context {context!r} is in {names}; pass kubeconfig= to choose")
        return files[0]

    def pids(self, name: str) -> dict[str, int]:
        return {p: r.pid for p, r in self._state().clusters[name].processes.items()}

    def describe(self) -> dict[str, Any]:
        """The JSON document `python -m tests.clusters up` prints."""
        state = self._state()
        shared = {n: r.pid for n, r in state.shared.items()}
        return {
            "kubeconfigDir": str(self.kubeconfig_dir),
            "stateDir": str(self.state_dir),
            "clusters": [
                {
                    "name": c.name,
                    "contexts": [
                        {"kubeconfig": r.kubeconfig, "context": r.context, "user": r.user}
                        for r in c.contexts
                    ],
                    "server": c.server,
                    "users": [u.model_dump() for u in c.users],
                    "pids": {**{n: r.pid for n, r in c.processes.items()}, **shared},
                    "logDir": c.log_dir,
                }
                for c in state.clusters.values()
            ],
        }

    # --- clients -----------------------------------------------------------------------------

    def kubectl(
        self,
        *args: str,
        context: str,
        kubeconfig: str | Path | None = None,
        input: str | None = None,
        check: bool = True,
        timeout: float = limits.KUBECTL_TIMEOUT_S,
    ) -> subprocess.CompletedProcess[str]:
        """Run the built kubectl as the user of `context` (from dev.yaml or prod.yaml)."""
        if kubeconfig is None:
            path = self.kubeconfig_for(context)
        else:
            path = Path(kubeconfig)
            if not path.is_absolute():
                path = self.kubeconfig_dir / path
        return self._kubectl(
            ["--kubeconfig", str(path), "--context", context, *args], input, check, timeout
        )

    def admin_kubectl(
        self,
        name: str,
        *args: str,
        input: str | None = None,
        check: bool = True,
        timeout: float = limits.KUBECTL_TIMEOUT_S,
    ) -> subprocess.CompletedProcess[str]:
        """Run kubectl on cluster `name` as the harness's admin (for test set-up and checks)."""
        return self._kubectl(
            ["--kubeconfig", str(self.cluster(name).admin_kubeconfig), *args], input, check, timeout
        )

    def create_namespace(self, name: str, namespace: str) -> None:
        """Create `namespace` on cluster `name` and wait until pods may be created in it: the API
        server refuses pods until the controller manager has made the namespace's default
        ServiceAccount, and a workload's controller then retries with a growing backoff."""
        self.admin_kubectl(name, "create", "namespace", namespace)
        self.admin_kubectl(
            name,
            "wait",
            "--for=create",
            "serviceaccount/default",
            "-n",
            namespace,
            f"--timeout={int(limits.KUBECTL_TIMEOUT_S)}s",
            timeout=limits.KUBECTL_TIMEOUT_S + 10,
        )

    def _kubectl(
        self, args: list[str], input: str | None, check: bool, timeout: float
    ) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **control_plane.PROCESS_ENV}
        env.pop("KUBECONFIG", None)
        argv = [str(self.kubectl_path), *args]
        done = subprocess.run(
            argv, input=input, capture_output=True, text=True, timeout=timeout, env=env
        )
        if check and done.returncode != 0:
            raise KubectlError(done.returncode, argv, done.stdout, done.stderr)
        return done

    def admin_api(self, name: str) -> KubeApi:
        """A tiny REST client for cluster `name` as the harness's admin."""
        config = yaml.safe_load(self.cluster(name).admin_kubeconfig.read_text())
        token = config["users"][0]["user"]["token"]
        return KubeApi(self.cluster(name).server, str(self.ca_file), token)

    # --- faults ------------------------------------------------------------------------------

    def _apiserver(self, name: str) -> tuple[RunState, processes.ProcessRecord]:
        state = self._state()
        if name not in state.clusters:
            raise KeyError(f"no cluster {name!r}; have {list(state.clusters)}")
        return state, state.clusters[name].processes[APISERVER]

    def _ready(self, name: str) -> bool:
        state = self._state()
        return control_plane.apiserver_ready(state.clusters[name].api_port, self.ca_file)

    def freeze(self, name: str) -> None:
        """SIGSTOP cluster `name`'s apiserver: connections are accepted but never answered."""
        _, record = self._apiserver(name)
        if not processes.signal_group(record, signal.SIGSTOP):
            raise RuntimeError(f"the apiserver of {name} is not running")
        self._broken[name] = "frozen"
        wait_until(
            f"apiserver of {name} frozen",
            lambda: processes.run_state(record) == "frozen",
            limits.STOP_GRACE_S,
            limits.POLL_INTERVAL_S,
        )

    def resume(self, name: str) -> None:
        """SIGCONT the apiserver of `name` and wait until it answers /readyz again."""
        _, record = self._apiserver(name)
        processes.signal_group(record, signal.SIGCONT)
        wait_until(
            f"apiserver of {name} ready after resume",
            lambda: self._ready(name),
            limits.APISERVER_READY_TIMEOUT_S,
            limits.POLL_INTERVAL_S,
        )
        self._broken.pop(name, None)

    def stop_apiserver(self, name: str) -> None:
        """Stop the apiserver of `name` (SIGTERM, then SIGKILL); its port refuses connections."""
        _, record = self._apiserver(name)
        self._broken[name] = "stopped"
        processes.stop(record)

    def start_apiserver(self, name: str) -> None:
        """Start the apiserver of `name` again on the same port and wait until it is ready."""
        state, record = self._apiserver(name)
        if processes.run_state(record) != "exited":
            raise RuntimeError(f"the apiserver of {name} is still running (pid {record.pid})")
        launch = control_plane.Launch(
            APISERVER,
            name,
            lambda _port: record.argv,
            lambda _port: control_plane.apiserver_ready(
                state.clusters[name].api_port, self.ca_file
            ),
            Path(record.log),
            Path(record.cwd),
            port=state.clusters[name].api_port,
            fixed_port=True,
        )
        launch.start()
        state.clusters[name].processes[APISERVER] = launch.settle(limits.APISERVER_READY_TIMEOUT_S)
        save(state)
        self._broken.pop(name, None)

    @contextmanager
    def frozen(self, name: str) -> Iterator[None]:
        """The apiserver of `name` is frozen inside the block, and ready again after it."""
        self.freeze(name)
        try:
            yield
        finally:
            self.resume(name)

    @contextmanager
    def apiserver_stopped(self, name: str) -> Iterator[None]:
        """The apiserver of `name` is down inside the block, and restarted and ready after it."""
        self.stop_apiserver(name)
        try:
            yield
        finally:
            self.start_apiserver(name)

    def heal(self) -> list[str]:
        """Undo any apiserver fault a test left behind; returns the clusters that needed it."""
        healed = []
        for name in self.names:
            _, record = self._apiserver(name)
            run_state = processes.run_state(record)
            if run_state == "frozen":
                self.resume(name)
            elif run_state == "exited":
                self.start_apiserver(name)
            elif name not in self._broken:
                continue
            self._broken.pop(name, None)
            healed.append(name)
        return healed

    def down(self) -> list[str]:
        from tests.clusters import harness

        return harness.down(self.state_dir)
