"""Command lines and readiness probes of the processes of a run, and starting one of them.

Order and flags follow test-clusters.md §4: one etcd per run (a key prefix per cluster), then per
cluster kube-apiserver, kube-controller-manager, kube-scheduler and kwok, and metrics-server on the
clusters that have one, all on 127.0.0.1.
"""

from __future__ import annotations

import ssl
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.clusters import limits, ports, processes
from tests.clusters.binaries import Binaries
from tests.clusters.pki import FRONT_PROXY_CLIENT
from tests.clusters.processes import ProcessRecord, ProcessStartError
from tests.clusters.waiting import wait_until

# The apiserver reaches kwok ("the kubelet") through http.ProxyFromEnvironment (recipe §1).
PROCESS_ENV = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


@dataclass(frozen=True)
class SharedFiles:
    """Files every cluster of the run uses."""

    ca_cert: Path
    sa_key: Path
    sa_pub: Path
    front_proxy_ca_cert: Path
    proxy_client_cert: Path
    proxy_client_key: Path

    @classmethod
    def under(cls, pki_dir: Path) -> SharedFiles:
        return cls(
            ca_cert=pki_dir / "ca.crt",
            sa_key=pki_dir / "sa.key",
            sa_pub=pki_dir / "sa.pub",
            front_proxy_ca_cert=pki_dir / "front-proxy-ca.crt",
            proxy_client_cert=pki_dir / "front-proxy-client.crt",
            proxy_client_key=pki_dir / "front-proxy-client.key",
        )


@dataclass(frozen=True)
class ClusterFiles:
    """Files and directories of one cluster."""

    root: Path
    serving_cert: Path
    serving_key: Path
    tokens: Path
    admin_kubeconfig: Path
    kwok_config: Path
    log_dir: Path
    pod_log_dir: Path
    exec_dir: Path
    metrics_server_cert: Path
    metrics_server_key: Path

    @classmethod
    def under(cls, root: Path) -> ClusterFiles:
        return cls(
            root=root,
            serving_cert=root / "serving.crt",
            serving_key=root / "serving.key",
            tokens=root / "tokens.csv",
            admin_kubeconfig=root / "admin.kubeconfig",
            kwok_config=root / "kwok.yaml",
            log_dir=root / "logs",
            pod_log_dir=root / "podlogs",
            exec_dir=root / "exec",
            metrics_server_cert=root / "metrics-server.crt",
            metrics_server_key=root / "metrics-server.key",
        )


def etcd_argv(bins: Binaries, data_dir: Path, client_port: int, peer_port: int) -> list[str]:
    client = f"http://127.0.0.1:{client_port}"
    peer = f"http://127.0.0.1:{peer_port}"
    return [
        str(bins.etcd),
        "--name=s0",
        f"--data-dir={data_dir}",
        "--unsafe-no-fsync",
        f"--listen-client-urls={client}",
        f"--advertise-client-urls={client}",
        f"--listen-peer-urls={peer}",
        f"--initial-advertise-peer-urls={peer}",
        f"--initial-cluster=s0={peer}",
        "--listen-metrics-urls=",
        f"--quota-backend-bytes={limits.ETCD_QUOTA_BYTES}",
        "--log-level=warn",
    ]


def apiserver_argv(
    bins: Binaries,
    cluster: str,
    shared: SharedFiles,
    files: ClusterFiles,
    etcd_url: str,
    port: int,
    compacts: bool,
) -> list[str]:
    argv = [
        str(bins.kube_apiserver),
        f"--etcd-servers={etcd_url}",
        f"--etcd-prefix=/regatta-{cluster}/registry",
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        f"--secure-port={port}",
        f"--tls-cert-file={files.serving_cert}",
        f"--tls-private-key-file={files.serving_key}",
        f"--client-ca-file={shared.ca_cert}",
        f"--token-auth-file={files.tokens}",
        "--authorization-mode=RBAC",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        f"--service-account-key-file={shared.sa_pub}",
        f"--service-account-signing-key-file={shared.sa_key}",
        "--service-cluster-ip-range=10.96.0.0/16",
        "--allow-privileged=true",
        "--kubelet-preferred-address-types=InternalIP",
        # The front proxy: how the apiserver vouches for the user towards aggregated APIs
        # (metrics.k8s.io served by metrics-server).
        f"--requestheader-client-ca-file={shared.front_proxy_ca_cert}",
        f"--requestheader-allowed-names={FRONT_PROXY_CLIENT}",
        "--requestheader-username-headers=X-Remote-User",
        "--requestheader-group-headers=X-Remote-Group",
        "--requestheader-extra-headers-prefix=X-Remote-Extra-",
        f"--proxy-client-cert-file={shared.proxy_client_cert}",
        f"--proxy-client-key-file={shared.proxy_client_key}",
        "--endpoint-reconciler-type=none",
        "--enable-priority-and-fairness=false",
        "--event-ttl=24h",
        "--profiling=false",
        "--v=1",
    ]
    if not compacts:
        # Only one apiserver of those sharing the etcd compacts it.
        argv.append("--etcd-compaction-interval=0")
    return argv


def controller_manager_argv(
    bins: Binaries, cluster: str, shared: SharedFiles, files: ClusterFiles, port: int
) -> list[str]:
    kubeconfig = str(files.admin_kubeconfig)
    return [
        str(bins.kube_controller_manager),
        f"--kubeconfig={kubeconfig}",
        f"--authentication-kubeconfig={kubeconfig}",
        f"--authorization-kubeconfig={kubeconfig}",
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        f"--secure-port={port}",
        f"--cluster-name={cluster}",
        f"--service-account-private-key-file={shared.sa_key}",
        f"--root-ca-file={shared.ca_cert}",
        # kwokctl's relaxed values: no spurious NotReady nodes on a loaded 2-core machine.
        "--node-monitor-grace-period=3m20s",
        "--node-monitor-period=25s",
        "--kube-api-qps=100",
        "--kube-api-burst=200",
        "--profiling=false",
        "--v=1",
    ]


def scheduler_argv(bins: Binaries, files: ClusterFiles, port: int) -> list[str]:
    kubeconfig = str(files.admin_kubeconfig)
    return [
        str(bins.kube_scheduler),
        f"--kubeconfig={kubeconfig}",
        f"--authentication-kubeconfig={kubeconfig}",
        f"--authorization-kubeconfig={kubeconfig}",
        "--leader-elect=false",
        "--bind-address=127.0.0.1",
        f"--secure-port={port}",
        "--profiling=false",
        "--v=1",
    ]


def kwok_argv(bins: Binaries, files: ClusterFiles, port: int) -> list[str]:
    return [
        str(bins.kwok),
        f"--kubeconfig={files.admin_kubeconfig}",
        f"--config={files.kwok_config}",
        "--manage-all-nodes=true",
        "--node-ip=127.0.0.1",
        f"--node-port={port}",
        f"--server-address=127.0.0.1:{port}",
        "--node-lease-duration-seconds=40",
        "--cidr=10.244.0.0/16",
    ]


def metrics_server_argv(
    bins: Binaries, files: ClusterFiles, port: int, resolution_s: int
) -> list[str]:
    """metrics-server scraping kwok's simulated kubelets (docs/test-clusters.md, "Metrics").

    kwok serves every node on one port, TLS with a throwaway certificate: the port comes from the
    node status, the per-node path from the node annotation metrics.k8s.io/resource-metrics-path.
    """
    kubeconfig = str(files.admin_kubeconfig)
    return [
        str(bins.metrics_server),
        f"--kubeconfig={kubeconfig}",
        f"--authentication-kubeconfig={kubeconfig}",
        f"--authorization-kubeconfig={kubeconfig}",
        "--bind-address=127.0.0.1",
        f"--secure-port={port}",
        f"--tls-cert-file={files.metrics_server_cert}",
        f"--tls-private-key-file={files.metrics_server_key}",
        "--kubelet-insecure-tls",
        "--kubelet-use-node-status-port",
        "--kubelet-preferred-address-types=InternalIP",
        f"--metric-resolution={resolution_s}s",
        "--profiling=false",
        "--v=1",
    ]


def _http_ok(url: str, context: ssl.SSLContext | None, expect: str | None) -> bool:
    try:
        with urllib.request.urlopen(
            url, context=context, timeout=limits.HEALTH_PROBE_TIMEOUT_S
        ) as r:
            body: str = r.read().decode(errors="replace")
    except (OSError, ValueError):
        return False
    return expect is None or expect in body


def insecure_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def etcd_healthy(port: int) -> bool:
    return _http_ok(f"http://127.0.0.1:{port}/health", None, '"health":"true"')


def apiserver_ready(port: int, ca_file: Path) -> bool:
    ctx = ssl.create_default_context(cafile=str(ca_file))
    return _http_ok(f"https://127.0.0.1:{port}/readyz", ctx, "ok")


def component_healthy(port: int) -> bool:
    """controller-manager and scheduler: /healthz on their self-signed secure port."""
    return _http_ok(f"https://127.0.0.1:{port}/healthz", insecure_context(), "ok")


def metrics_server_live(port: int) -> bool:
    """/livez (always allowed); /readyz waits for a first scrape, which takes a resolution."""
    return _http_ok(f"https://127.0.0.1:{port}/livez", insecure_context(), "ok")


def kwok_healthy(port: int) -> bool:
    return _http_ok(f"http://127.0.0.1:{port}/healthz", None, "ok")


def http_listening(port: int) -> bool:
    return ports.accepts_connections(port)


def wait_ready(record: ProcessRecord, what: str, ready: Callable[[], bool], timeout: float) -> None:
    """Wait until `ready()`; fail at once, quoting the log, if the process exits first."""

    def check() -> bool:
        if ready():
            return True
        if processes.run_state(record) == "exited":
            raise ProcessStartError(
                f"{what} exited while starting; log {record.log}:\n{processes.log_tail(record)}"
            )
        return False

    try:
        wait_until(what, check, timeout, limits.POLL_INTERVAL_S)
    except TimeoutError as err:
        raise ProcessStartError(f"{err}; log {record.log}:\n{processes.log_tail(record)}") from None


@dataclass
class Launch:
    """A process being started on a port; `settle` waits for it and retries on a port clash.

    Another process can grab a picked free port before ours binds it; the start is then repeated
    on a new port (a few times). Launching and settling are separate so the harness can start a
    cluster's components and go on with the next cluster's apiserver meanwhile.
    """

    name: str
    cluster: str | None
    argv_for: Callable[[int], list[str]]
    ready_for: Callable[[int], bool]
    log: Path
    cwd: Path
    port: int = 0
    fixed_port: bool = False
    record: ProcessRecord | None = None

    @property
    def what(self) -> str:
        return f"{self.name} of {self.cluster}" if self.cluster else self.name

    def start(self) -> ProcessRecord:
        """Spawn the process (on a fresh port unless the port is fixed); returns its record."""
        if not self.fixed_port or not self.port:
            self.port = ports.free_port()
        self.record = processes.spawn(
            self.name, self.cluster, self.argv_for(self.port), self.log, PROCESS_ENV, self.cwd
        )
        return self.record

    def _ready_now(self) -> bool:
        return self.ready_for(self.port)

    def settle(self, timeout: float) -> ProcessRecord:
        for attempt in range(1, limits.PORT_BIND_ATTEMPTS + 1):
            record = self.record
            assert record is not None, "settle() before start()"
            try:
                wait_ready(record, self.what, self._ready_now, timeout)
                return record
            except ProcessStartError as err:
                processes.stop(record)
                clash = "address already in use" in str(err)
                if self.fixed_port or not clash or attempt == limits.PORT_BIND_ATTEMPTS:
                    raise
                self.start()
        raise AssertionError("unreachable")
