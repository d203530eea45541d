"""Bringing a run of clusters up, tearing it down, and reporting on it.

`up` is sequential where the CPU is the bottleneck (one apiserver starting at a time, recipe §8)
and concurrent where it waits (seeding and settling of all clusters at once).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.clusters import (
    binaries,
    control_plane,
    helm_releases,
    kubeconfigs,
    kwokconfig,
    limits,
    pki,
    podlogs,
    ports,
    processes,
    seed,
    topology,
)
from tests.clusters.api import KubeApi
from tests.clusters.control_plane import ClusterFiles, Launch, SharedFiles
from tests.clusters.env import ClusterEnv
from tests.clusters.sidecar import SideCluster, SideConfig, SideSource
from tests.clusters.state import ClusterState, ContextRef, RunState, UserRef, load, save
from tests.clusters.waiting import wait_until

ETCD_DATA = "etcd-data"


def default_state_dir() -> Path:
    default = Path.home() / ".cache" / "regatta" / "clusters-run"
    return Path(os.environ.get("REGATTA_CLUSTERS_STATE_DIR", str(default)))


def _say(message: str) -> None:
    print(f"[clusters] {message}", file=sys.stderr, flush=True)


def _fresh_state_dir(state_dir: Path) -> None:
    """Stop whatever an earlier run left in `state_dir`, then empty it.

    Only a harness state directory (one with a state file) or an empty one is ever emptied.
    """
    if state_dir.exists():
        if load(state_dir) is not None:
            down(state_dir)
        elif any(state_dir.iterdir()):
            raise RuntimeError(f"{state_dir} is not empty and not a cluster-harness state dir")
        shutil.rmtree(state_dir)
    state_dir.mkdir(parents=True)


def _write_private(path: Path, data: bytes) -> None:
    """Write key material readable by the owner only."""
    path.touch(mode=0o600)
    path.write_bytes(data)


def _start_ticks(pid: int) -> int | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return None
    return int(raw[raw.rindex(")") + 2 :].split()[19])


class _Run:
    """The working set of one `up` call."""

    def __init__(
        self, state_dir: Path, names: list[str], bins: binaries.Binaries, owner_pid: int | None
    ) -> None:
        self.dir = state_dir
        self.names = names
        self.bins = bins
        self.timings: dict[str, float] = {}
        self.tokens: dict[tuple[str, str], str] = {}  # (cluster, user) -> token
        self.credentials: dict[str, kubeconfigs.Credential] = {}
        self.files = {n: ClusterFiles.under(state_dir / "clusters" / n) for n in names}
        self.state = RunState(
            state_dir=str(state_dir),
            kubeconfig_dir=str(state_dir / "kubeconfig"),
            bin_dir={
                "kubernetes": str(bins.kubectl.parent),
                "etcd": str(bins.etcd.parent),
                "kwok": str(bins.kwok.parent),
                "metrics-server": str(bins.metrics_server.parent),
                "helm": str(helm_releases.helm_path().parent),
            },
            owner_pid=owner_pid,
        )
        pki_dir = state_dir / "pki"
        self.shared = SharedFiles.under(pki_dir)
        self.ca = pki.new_ca("regatta-test-ca")
        self.apis: dict[str, KubeApi] = {}
        self.metrics_servers: dict[str, Launch] = {}

    def timed(self, label: str, started: float) -> None:
        self.timings[label] = round(time.monotonic() - started, 2)

    # --- files -------------------------------------------------------------------------------

    def write_pki(self) -> None:
        pki_dir = self.shared.ca_cert.parent
        pki_dir.mkdir(parents=True)
        self.shared.ca_cert.write_bytes(self.ca.cert_pem)
        _write_private(pki_dir / "ca.key", self.ca.key_pem)
        sa_key, sa_pub = pki.new_service_account_keys()
        _write_private(self.shared.sa_key, sa_key)
        self.shared.sa_pub.write_bytes(sa_pub)
        front_proxy_ca = pki.new_ca("regatta-test-front-proxy-ca")
        self.shared.front_proxy_ca_cert.write_bytes(front_proxy_ca.cert_pem)
        proxy_client = pki.issue_front_proxy_client(front_proxy_ca)
        self.shared.proxy_client_cert.write_bytes(proxy_client.cert_pem)
        _write_private(self.shared.proxy_client_key, proxy_client.key_pem)
        for name in self.names:
            f = self.files[name]
            for d in (f.root, f.log_dir, f.pod_log_dir, f.exec_dir):
                d.mkdir(parents=True, exist_ok=True)
            serving = pki.issue_serving(self.ca, f"kube-apiserver-{name}")
            f.serving_cert.write_bytes(serving.cert_pem)
            _write_private(f.serving_key, serving.key_pem)
            if name in topology.METRICS_CLUSTERS:
                ms = pki.issue_service_serving(
                    self.ca, seed.METRICS_SERVICE, seed.METRICS_NAMESPACE
                )
                f.metrics_server_cert.write_bytes(ms.cert_pem)
                _write_private(f.metrics_server_key, ms.key_pem)
            lines = []
            harness_token = secrets.token_urlsafe(32)
            self.tokens[(name, topology.HARNESS_USER)] = harness_token
            lines.append(
                f'{harness_token},{topology.HARNESS_USER},uid-harness,"{topology.ADMIN_GROUP}"'
            )
            for user in topology.users_for(self.names):
                if user.cluster != name:
                    continue
                if user.auth == "token":
                    token = secrets.token_urlsafe(32)
                    self.tokens[(name, user.name)] = token
                    groups = ",".join(user.groups)
                    lines.append(f'{token},{user.name},uid-{user.name},"{groups}"')
                    self.credentials[user.name] = kubeconfigs.token_credential(token)
                else:
                    cert = pki.issue_client(self.ca, user.name, user.groups)
                    self.credentials[user.name] = kubeconfigs.cert_credential(
                        cert.cert_pem, cert.key_pem
                    )
            f.tokens.write_text("\n".join(lines) + "\n")
            f.tokens.chmod(0o600)

    def write_admin_kubeconfig(self, name: str, port: int) -> None:
        ctx = topology.ContextSpec("admin", "harness", name, topology.HARNESS_USER)
        creds = {
            topology.HARNESS_USER: kubeconfigs.token_credential(
                self.tokens[(name, topology.HARNESS_USER)]
            )
        }
        config = kubeconfigs.render(
            [ctx], {name: f"https://127.0.0.1:{port}"}, self.ca.cert_pem, creds
        )
        kubeconfigs.write(self.files[name].admin_kubeconfig, config)

    def write_pod_logs(self, now: dt.datetime) -> dict[str, list[podlogs.LogSource]]:
        sources = {}
        for i, name in enumerate(self.names):
            f = self.files[name]
            sources[name] = podlogs.log_sources(name, f.pod_log_dir)
            for s in sources[name]:
                s.path.write_text(
                    podlogs.history(
                        s,
                        i,
                        len(self.names),
                        limits.LOG_HISTORY_LINES,
                        limits.LOG_HISTORY_SPACING_S,
                        now,
                    )
                )
            podlogs.previous_log(f.pod_log_dir).write_text(podlogs.previous_history(name, now))
        return sources

    # --- processes ---------------------------------------------------------------------------

    def start_etcd(self) -> str:
        started = time.monotonic()
        data = self.dir / ETCD_DATA

        def argv(port: int) -> list[str]:
            return control_plane.etcd_argv(self.bins, data, port, ports.free_port())

        launch = Launch(
            "etcd", None, argv, control_plane.etcd_healthy, self.dir / "logs" / "etcd.log", self.dir
        )
        self.state.shared["etcd"] = launch.start()
        save(self.state)
        self.state.shared["etcd"] = launch.settle(limits.ETCD_READY_TIMEOUT_S)
        save(self.state)
        self.timed("etcd", started)
        return f"http://127.0.0.1:{launch.port}"

    def start_sidecar(self, sources: dict[str, list[podlogs.LogSource]]) -> dict[str, int]:
        forward_ports = {n: ports.free_port() for n in self.names}
        owner = self.state.owner_pid
        config = SideConfig(
            state_dir=str(self.dir),
            owner_pid=owner,
            owner_start_ticks=_start_ticks(owner) if owner else None,
            first_seq=limits.LOG_HISTORY_LINES + 1,
            interval_s=limits.LOG_LIVE_INTERVAL_S,
            clusters=[
                SideCluster(
                    name=n,
                    forward_port=forward_ports[n],
                    sources=[
                        SideSource(namespace=s.namespace, container=s.container, path=str(s.path))
                        for s in sources[n]
                    ],
                )
                for n in self.names
            ],
        )
        config_path = self.dir / "sidecar.json"
        config_path.write_text(config.model_dump_json(indent=2))
        repo_root = Path(__file__).resolve().parents[2]
        record = processes.spawn(
            "sidecar",
            None,
            [sys.executable, "-m", "tests.clusters.sidecar", str(config_path)],
            self.dir / "logs" / "sidecar.log",
            control_plane.PROCESS_ENV,
            repo_root,
        )
        self.state.shared["sidecar"] = record
        save(self.state)
        control_plane.wait_ready(
            record,
            "sidecar",
            lambda: all(control_plane.http_listening(p) for p in forward_ports.values()),
            limits.COMPONENT_READY_TIMEOUT_S,
        )
        return forward_ports

    def start_cluster(
        self,
        index: int,
        etcd_url: str,
        forward_port: int,
        stage_dir: Path,
        sources: list[podlogs.LogSource],
    ) -> list[Launch]:
        """Start the apiserver and wait for it; launch the other components without waiting."""
        name = self.names[index]
        f = self.files[name]
        started = time.monotonic()
        ca = self.shared.ca_cert
        api = Launch(
            "kube-apiserver",
            name,
            lambda p: control_plane.apiserver_argv(
                self.bins, name, self.shared, f, etcd_url, p, compacts=index == 0
            ),
            lambda p: control_plane.apiserver_ready(p, ca),
            f.log_dir / "kube-apiserver.log",
            f.root,
        )
        cluster = ClusterState(
            name=name,
            server="",
            api_port=0,
            kwok_port=0,
            dir=str(f.root),
            log_dir=str(f.log_dir),
            admin_kubeconfig=str(f.admin_kubeconfig),
        )
        self.state.clusters[name] = cluster
        cluster.processes["kube-apiserver"] = api.start()
        save(self.state)
        cluster.processes["kube-apiserver"] = api.settle(limits.APISERVER_READY_TIMEOUT_S)
        cluster.api_port = api.port
        cluster.server = f"https://127.0.0.1:{api.port}"
        self.write_admin_kubeconfig(name, api.port)
        self.apis[name] = KubeApi(
            cluster.server, str(ca), self.tokens[(name, topology.HARNESS_USER)]
        )
        self.timed(f"{name}.apiserver", started)

        kwok_port = ports.free_port()
        f.kwok_config.write_text(
            kwokconfig.render(
                stage_dir,
                sources,
                podlogs.previous_log(f.pod_log_dir),
                f.exec_dir,
                name,
                forward_port,
            )
        )
        launches = [
            Launch(
                "kube-controller-manager",
                name,
                lambda p: control_plane.controller_manager_argv(self.bins, name, self.shared, f, p),
                control_plane.component_healthy,
                f.log_dir / "kube-controller-manager.log",
                f.root,
            ),
            Launch(
                "kube-scheduler",
                name,
                lambda p: control_plane.scheduler_argv(self.bins, f, p),
                control_plane.component_healthy,
                f.log_dir / "kube-scheduler.log",
                f.root,
            ),
            # kwok's port is written into the nodes it manages; it never moves.
            Launch(
                "kwok",
                name,
                lambda p: control_plane.kwok_argv(self.bins, f, p),
                control_plane.kwok_healthy,
                f.log_dir / "kwok.log",
                f.exec_dir,
                port=kwok_port,
                fixed_port=True,
            ),
        ]
        if name in topology.METRICS_CLUSTERS:
            metrics_server = Launch(
                "metrics-server",
                name,
                lambda p: control_plane.metrics_server_argv(
                    self.bins, f, p, limits.METRICS_RESOLUTION_S
                ),
                control_plane.metrics_server_live,
                f.log_dir / "metrics-server.log",
                f.root,
            )
            self.metrics_servers[name] = metrics_server
            launches.append(metrics_server)
        for launch in launches:
            cluster.processes[launch.name] = launch.start()
        cluster.kwok_port = kwok_port
        save(self.state)
        return launches

    def settle_components(self, name: str, launches: list[Launch]) -> None:
        started = time.monotonic()
        for launch in launches:
            self.state.clusters[name].processes[launch.name] = launch.settle(
                limits.COMPONENT_READY_TIMEOUT_S
            )
        save(self.state)
        self.timed(f"{name}.components", started)

    # --- contents ----------------------------------------------------------------------------

    def seed_cluster(self, index: int, now: dt.datetime) -> None:
        name = self.names[index]
        api = self.apis[name]
        api.kinds.update(seed.SEED_KINDS)
        started = time.monotonic()
        seed.create_all(api, seed.nodes(name, limits.NODES_PER_CLUSTER))
        seed.create_all(api, seed.foundation(name))
        wait_until(
            f"CRD {seed.CRD_NAME} on {name}",
            lambda: seed.crd_established(api),
            limits.COMPONENT_READY_TIMEOUT_S,
            limits.POLL_INTERVAL_S,
        )
        if name in self.metrics_servers:
            seed.create_all(
                api, seed.metrics_api(self.metrics_servers[name].port, self.ca.cert_pem)
            )
        uids = seed.create_all(api, seed.workloads(name))
        seed.create_all(api, seed.events(name, index, uids, now))
        if name == "beta":
            seed.create_all(api, helm_releases.broken_release())
        else:
            kubeconfig = self.files[name].admin_kubeconfig
            helm_releases.install(helm_releases.helm_path(), self.dir, name, kubeconfig)
        wait_until(
            f"Ready nodes on {name}",
            lambda: not seed.nodes_not_ready(api),
            limits.NODES_READY_TIMEOUT_S,
            limits.POLL_INTERVAL_S,
            describe=lambda: ", ".join(seed.nodes_not_ready(api)),
        )
        if name in self.metrics_servers:
            wait_until(
                f"metrics.k8s.io available on {name}",
                lambda: seed.metrics_api_available(api),
                limits.COMPONENT_READY_TIMEOUT_S,
                limits.POLL_INTERVAL_S,
            )
        wait_until(
            f"seeded workloads on {name}",
            lambda: not seed.unsettled(api),
            limits.WORKLOADS_READY_TIMEOUT_S,
            limits.POLL_INTERVAL_S,
            describe=lambda: ", ".join(seed.unsettled(api)),
        )
        self.timed(f"{name}.seed", started)

    def describe_clusters(self) -> None:
        contexts = topology.contexts_for(self.names)
        users = topology.users_for(self.names)
        for name in self.names:
            cluster = self.state.clusters[name]
            cluster.contexts = [
                ContextRef(kubeconfig=c.file, context=c.name, user=c.user)
                for c in contexts
                if c.cluster == name
            ]
            cluster.users = [
                UserRef(name=u.name, auth=u.auth, groups=list(u.groups))
                for u in users
                if u.cluster == name
            ]
        servers = {n: self.state.clusters[n].server for n in self.names}
        kubeconfigs.write_files(
            Path(self.state.kubeconfig_dir), contexts, servers, self.ca.cert_pem, self.credentials
        )


def up(
    clusters: int = 3,
    state_dir: Path | None = None,
    pods_per_cluster: int = 0,
    owner_pid: int | None = None,
) -> ClusterEnv:
    """Start `clusters` seeded clusters; returns when every seeded workload is Ready.

    `owner_pid`: if that process dies without calling `down`, the run tears itself down.
    """
    began = time.monotonic()
    state_dir = (state_dir or default_state_dir()).absolute()
    names = topology.cluster_names(clusters)
    bins = binaries.ensure()
    helm_releases.ensure_helm()
    _fresh_state_dir(state_dir)
    run = _Run(state_dir, names, bins, owner_pid)
    save(run.state)
    try:
        now = dt.datetime.now(dt.UTC)
        run.write_pki()
        stage_dir = binaries.kwok_stage_dir(bins.kwok_version)
        sources = run.write_pod_logs(now)
        etcd_url = run.start_etcd()
        forward_ports = run.start_sidecar(sources)
        _say(f"etcd and side process up ({time.monotonic() - began:.1f}s)")
        pending = {}
        for i, name in enumerate(names):
            pending[name] = run.start_cluster(
                i, etcd_url, forward_ports[name], stage_dir, sources[name]
            )
            _say(f"{name}: apiserver ready ({time.monotonic() - began:.1f}s)")
        for name in names:
            run.settle_components(name, pending[name])
        _say(f"all components healthy ({time.monotonic() - began:.1f}s)")
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=len(names)) as pool:
            list(pool.map(lambda i: run.seed_cluster(i, now), range(len(names))))
        run.timed("seed", started)
        _say(f"seeded and settled ({time.monotonic() - began:.1f}s)")
        run.describe_clusters()
        if pods_per_cluster:
            from tests.clusters import scale

            started = time.monotonic()
            scale.create_pods(
                {n: run.apis[n] for n in names}, pods_per_cluster, limits.NODES_PER_CLUSTER, _say
            )
            run.timed("scale", started)
        run.timed("total", began)
        run.state.phase = "up"
        save(run.state)
        (state_dir / "timings.json").write_text(json.dumps(run.timings, indent=2))
        _say(f"up in {time.monotonic() - began:.1f}s")
    except BaseException:
        run.state.phase = "failed"
        save(run.state)
        _say(f"start failed; stopping what was started (logs stay in {state_dir})")
        down(state_dir)
        raise
    return ClusterEnv.load(state_dir)


def down(state_dir: Path | None = None) -> list[str]:
    """Stop every process the run in `state_dir` started; returns what was stopped.

    Works from any process and after the process that ran `up` crashed (it reads the state file).
    """
    state_dir = (state_dir or default_state_dir()).absolute()
    state = load(state_dir)
    if state is None:
        return []
    stopped, errors = [], []
    for record in state.all_processes():
        if record.pid == os.getpid():
            continue
        label = f"{record.cluster}/{record.name}" if record.cluster else record.name
        try:
            if processes.run_state(record) != "exited" or processes.group_members(record.pgid):
                processes.stop(record)
                stopped.append(label)
        except RuntimeError as err:
            errors.append(str(err))
    shutil.rmtree(state_dir / ETCD_DATA, ignore_errors=True)
    if state.phase != "failed":
        state.phase = "stopped"
    save(state)
    if errors:
        raise RuntimeError("; ".join(errors))
    return stopped


def status(state_dir: Path | None = None) -> dict[str, Any]:
    """Health of every process of the run: running/frozen/exited, its probe, and its RSS."""
    state_dir = (state_dir or default_state_dir()).absolute()
    state = load(state_dir)
    if state is None:
        return {"stateDir": str(state_dir), "phase": "absent", "healthy": False, "processes": []}
    ca = state_dir / "pki" / "ca.crt"
    rows = []
    for record in reversed(state.all_processes()):
        cluster = state.clusters.get(record.cluster or "")
        run_state = processes.run_state(record)
        healthy = run_state == "running" and _probe(record, cluster, state, ca)
        rows.append(
            {
                "cluster": record.cluster,
                "name": record.name,
                "pid": record.pid,
                "state": run_state,
                "healthy": healthy,
                "rssBytes": processes.rss_bytes(record),
                "log": record.log,
            }
        )
    return {
        "stateDir": str(state_dir),
        "phase": state.phase,
        "healthy": state.phase == "up" and all(r["healthy"] for r in rows),
        "processes": rows,
    }


def _probe(
    record: processes.ProcessRecord, cluster: ClusterState | None, state: RunState, ca: Path
) -> bool:
    port = _flag_port(record.argv)
    if record.name == "etcd":
        return port is not None and control_plane.etcd_healthy(port)
    if record.name == "kube-apiserver" and cluster is not None:
        return control_plane.apiserver_ready(cluster.api_port, ca)
    if record.name in ("kube-controller-manager", "kube-scheduler"):
        return port is not None and control_plane.component_healthy(port)
    if record.name == "kwok" and cluster is not None:
        return control_plane.kwok_healthy(cluster.kwok_port)
    if record.name == "metrics-server":
        return port is not None and control_plane.metrics_server_live(port)
    return True  # the side process: alive is healthy


def _flag_port(argv: list[str]) -> int | None:
    for arg in argv:
        for flag in ("--secure-port=", "--listen-client-urls="):
            if arg.startswith(flag):
                return (
                    int(arg.rsplit(":", 1)[-1])
                    if ":" in arg[len(flag) :]
                    else int(arg[len(flag) :])
                )
    return None
