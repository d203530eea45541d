"""The run's side process: live pod-log lines, the port-forward targets, and the owner watch.

- Appends one line to every pod-log file of one cluster per tick, clusters in turn, so that
  `kubectl logs -f` streams and lines from different clusters interleave in time.
- Serves one small HTTP endpoint per cluster on 127.0.0.1; kwok forwards every
  `kubectl port-forward` of that cluster there, and the answer names the cluster.
  `GET /bytes/<n>` answers n zero bytes instead (port-forward throughput benchmark).
- If the process that owns the run (a pytest session, `run`) dies without tearing it down, it
  tears the run down itself, so a crashed harness leaves nothing behind.

Run as `python -m tests.clusters.sidecar <config.json>`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pydantic import BaseModel

from tests.clusters import limits, podlogs


class SideSource(BaseModel):
    namespace: str | None
    container: str | None
    path: str


class SideCluster(BaseModel):
    name: str
    forward_port: int
    sources: list[SideSource]


class SideConfig(BaseModel):
    state_dir: str
    owner_pid: int | None
    owner_start_ticks: int | None
    first_seq: int
    interval_s: float
    clusters: list[SideCluster]


_CHUNK = 64 * 1024
_MAX_BYTES = 1 << 30


def _handler_for(cluster: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/bytes/") and self.path[7:].isdigit():
                self._zeros(min(int(self.path[7:]), _MAX_BYTES))
                return
            body = json.dumps({"cluster": cluster, "path": self.path}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _zeros(self, size: int) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = bytes(_CHUNK)
            while size > 0:
                self.wfile.write(chunk[: min(size, _CHUNK)])
                size -= _CHUNK

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


def owner_alive(pid: int, start_ticks: int | None) -> bool:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    fields = raw[raw.rindex(")") + 2 :].split()
    if fields[0] in ("Z", "X"):
        return False
    return start_ticks is None or int(fields[19]) == start_ticks


def run(config: SideConfig) -> int:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    servers = []
    for cluster in config.clusters:
        server = ThreadingHTTPServer(
            ("127.0.0.1", cluster.forward_port), _handler_for(cluster.name)
        )
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)

    sources = [
        [podlogs.LogSource(c.name, s.namespace, s.container, Path(s.path)) for s in c.sources]
        for c in config.clusters
    ]
    seq = [config.first_seq] * len(config.clusters)
    tick = 0
    step = config.interval_s / len(config.clusters)
    owner_lost = False
    while not stop.is_set():
        i = tick % len(config.clusters)
        now = dt.datetime.now(dt.UTC)
        for source in sources[i]:
            stream, text = podlogs.message(source, seq[i])
            with source.path.open("a") as f:
                f.write(podlogs.cri_line(now, text, stream))
        seq[i] += 1
        tick += 1
        if (
            config.owner_pid is not None
            and tick % max(1, round(limits.OWNER_CHECK_INTERVAL_S / step)) == 0
            and not owner_alive(config.owner_pid, config.owner_start_ticks)
        ):
            owner_lost = True
            break
        stop.wait(step)

    for server in servers:
        server.shutdown()
    if owner_lost:
        from tests.clusters import harness

        print(f"[sidecar] owner {config.owner_pid} is gone; tearing the run down", flush=True)
        harness.down(Path(config.state_dir))
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.clusters.sidecar <config.json>", file=sys.stderr)
        return 2
    config = SideConfig.model_validate_json(Path(argv[0]).read_text())
    os.chdir(config.state_dir)
    return run(config)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
