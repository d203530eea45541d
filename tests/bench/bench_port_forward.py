"""Port-forward: connection set-up time and throughput through Regatta against `kubectl
port-forward`, to the same pod.

  uv run python tests/bench/bench_port_forward.py                  # brings 1 cluster up and down
  uv run python tests/bench/bench_port_forward.py --state-dir DIR  # clusters already `up`

kwok sends every port-forward of a cluster to the harness's side process: `GET /` answers a small
JSON document, `GET /bytes/<n>` n bytes (a run started before that endpoint existed cannot give
throughput). Set-up: `--connections` sequential HTTP/1.0 requests, each on a new TCP connection
(so a new port-forward stream), timed from connect to the last byte of the small answer.
Throughput: `--runs` downloads of `--mib` MiB, each on its own connection. Both tools forward
to one pod of alpha, one after the other; the machine's load average is printed with the figures.
Prints one JSON object per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.app_process import RunningApp, bridge, running_app  # noqa: E402
from tests.clusters import ClusterEnv, harness  # noqa: E402

ALPHA = "dev.yaml:alpha"
PORT = 8080
READ_BOUND_S = 120.0
"""A hang guard only."""


def emit(**figures: Any) -> None:
    print(json.dumps(figures), flush=True)


def load() -> dict[str, Any]:
    one, five, _ = os.getloadavg()
    return {"load1": round(one, 2), "load5": round(five, 2), "cpus": os.cpu_count()}


def get(port: int, path: str) -> tuple[int, float]:
    """Body bytes of the answer to one HTTP/1.0 GET on a new connection, read to its
    Content-Length as HTTP clients do (the WebSocket port-forward channel never tells that the
    pod's side closed), and the seconds it took from connecting."""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=READ_BOUND_S) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(65536)
            if not chunk:
                raise RuntimeError(f"the answer on 127.0.0.1:{port}{path} ended early")
            head += chunk
        head, _, body = head.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
        size = len(body)
        while size < length:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            size += len(chunk)
    return size, time.perf_counter() - started


@contextmanager
def kubectl_forward(env: ClusterEnv, namespace: str, pod: str) -> Iterator[int]:
    """`kubectl port-forward` to the pod on a free local port; that port."""
    proc = subprocess.Popen(
        [
            str(env.kubectl_path),
            "--kubeconfig",
            str(env.kubeconfig_dir / "dev.yaml"),
            "--context",
            "alpha",
            "port-forward",
            "-n",
            namespace,
            f"pod/{pod}",
            f":{PORT}",
            "--address",
            "127.0.0.1",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)", line)
        if found is None:
            raise RuntimeError(f"kubectl port-forward said {line!r}")
        yield int(found.group(1))
    finally:
        proc.terminate()
        proc.wait(10)


@contextmanager
def regatta_forward(app: RunningApp, namespace: str, pod: str) -> Iterator[int]:
    ref = {
        "clusterId": ALPHA,
        "group": "",
        "version": "v1",
        "kind": "Pod",
        "namespace": namespace,
        "name": pod,
    }
    created = httpx.post(
        f"{app.base}/api/v1/port-forwards",
        json={"ref": ref, "remotePort": PORT},
        headers=app.auth,
        timeout=60,
    )
    created.raise_for_status()
    forward = created.json()
    try:
        yield int(forward["localPort"])
    finally:
        httpx.delete(
            f"{app.base}/api/v1/port-forwards/{forward['id']}",
            headers={**app.auth, "Content-Type": "application/json"},
            timeout=30,
        )


def measure(tool: str, port: int, connections: int, mib: int, runs: int) -> None:
    get(port, "/warm-up")
    setups = [get(port, f"/s{i}")[1] * 1000 for i in range(connections)]
    setups.sort()
    emit(
        figure="connection set-up (connect → whole small answer)",
        tool=tool,
        connections=connections,
        median_ms=round(statistics.median(setups), 1),
        p95_ms=round(setups[int(len(setups) * 0.95) - 1], 1),
        min_ms=round(setups[0], 1),
        **load(),
    )
    size = mib << 20
    rates = []
    for _ in range(runs):
        got, seconds = get(port, f"/bytes/{size}")
        if got < size:
            emit(figure="throughput", tool=tool, error="the side process has no /bytes endpoint")
            return
        rates.append(got / seconds / 1e6)
    emit(
        figure="throughput (one connection)",
        tool=tool,
        mib=mib,
        runs=runs,
        median_mb_s=round(statistics.median(rates), 1),
        best_mb_s=round(max(rates), 1),
        **load(),
    )


def bench(env: ClusterEnv, args: argparse.Namespace) -> None:
    namespace = f"bench-pf-{os.getpid()}"
    pod = {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "target", "namespace": namespace},
        "spec": {
            "containers": [{"name": "app", "image": "example/app:1"}],
            "terminationGracePeriodSeconds": 0,
        },
    }
    env.admin_kubectl("alpha", "create", "namespace", namespace)
    try:
        env.admin_kubectl("alpha", "apply", "-f", "-", input=json.dumps(pod))
        env.admin_kubectl(
            "alpha", "wait", "-n", namespace, "--for=condition=Ready", "pod/target",
            "--timeout=120s",
        )  # fmt: skip
        with (
            tempfile.TemporaryDirectory() as config,
            running_app("--kubeconfig-dir", str(env.kubeconfig_dir), "--config-dir", config) as app,
        ):
            bridge(app, "set_selection", [ALPHA])
            with regatta_forward(app, namespace, "target") as port:
                measure("regatta", port, args.connections, args.mib, args.runs)
            with kubectl_forward(env, namespace, "target") as port:
                measure("kubectl", port, args.connections, args.mib, args.runs)
    finally:
        env.admin_kubectl("alpha", "delete", "namespace", namespace, "--wait=false", check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--state-dir", type=Path, help="a run already `up` (default: start one)")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--mib", type=int, default=64)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.state_dir is not None:
        bench(ClusterEnv.load(args.state_dir), args)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-pf-") as state:
        env = harness.up(1, Path(state))
        try:
            bench(env, args)
        finally:
            harness.down(Path(state))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
