"""Terminal: keystroke round trip and `cat` throughput through Regatta, against `kubectl exec`, to
the same pod.

  uv run python tests/bench/bench_terminal.py                  # brings 1 cluster up and down
  uv run python tests/bench/bench_terminal.py --state-dir DIR  # clusters already `up`

Keystroke: `--keys` single bytes typed into `cat` running with a TTY, each timed from sending it
to reading its echo (the pty's echo: the byte went browser side → backend → API server → kwok →
pty and back). kubectl runs `kubectl exec -it` in a pty of this process, as in a terminal window.
Throughput: `cat` of a `--mib` MiB text file without a TTY (bytes as they are), from the
request to the exit frame (kubectl: to its exit), `--runs` times each; plus Regatta with a TTY.
kwok runs the commands on this host, so the file is a local file. One pod of alpha; the machine's
load average is printed with the figures. Prints one JSON object per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import pty
import statistics
import subprocess
import sys
import tempfile
import time
import tty
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import ClientConnection, connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from tests.app_process import RunningApp, bridge, running_app  # noqa: E402
from tests.clusters import ClusterEnv, harness  # noqa: E402

ALPHA = "dev.yaml:alpha"
BOUND_S = 120.0
"""A hang guard only."""


def emit(**figures: Any) -> None:
    print(json.dumps(figures), flush=True)


def load() -> dict[str, Any]:
    one, five, _ = os.getloadavg()
    return {"load1": round(one, 2), "load5": round(five, 2), "cpus": os.cpu_count()}


def summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
    }


@contextmanager
def clusters(state_dir: str | None) -> Iterator[ClusterEnv]:
    if state_dir:
        yield ClusterEnv.load(Path(state_dir))
        return
    env = harness.up(1)
    try:
        yield env
    finally:
        harness.down(env.state_dir)


def web_pod(env: ClusterEnv) -> str:
    pods = json.loads(
        env.admin_kubectl(
            "alpha", "get", "pods", "-n", "shop", "-l", "app=web", "-o", "json"
        ).stdout
    )
    return sorted(
        p["metadata"]["name"] for p in pods["items"] if p["status"]["phase"] == "Running"
    )[0]


def url(app: RunningApp, pod: str, command: list[str], tty_on: bool) -> str:
    params = [("scope", f"{ALPHA}|pod:shop/{pod}/web"), *(("command", c) for c in command)]
    if not tty_on:
        params.append(("tty", "false"))
    return f"ws://127.0.0.1:{app.port}/api/v1/terminal?{urlencode(params)}"


async def regatta_keys(app: RunningApp, pod: str, keys: int) -> list[float]:
    samples = []
    async with connect(url(app, pod, ["cat"], True), additional_headers=app.auth) as ws:
        await echo(ws, b"warm-up\n")
        for i in range(keys):
            key = bytes((ord("a") + i % 26,))
            started = time.perf_counter()
            await echo(ws, key)
            samples.append(time.perf_counter() - started)
    return samples


async def echo(ws: ClientConnection, data: bytes) -> None:
    await ws.send(data)
    seen = b""
    async with asyncio.timeout(BOUND_S):
        while not seen.replace(b"\r\n", b"\n").endswith(data):
            frame = await ws.recv()
            if isinstance(frame, bytes):
                seen += frame


async def regatta_cat(app: RunningApp, pod: str, path: str, tty_on: bool) -> tuple[int, float]:
    started = time.perf_counter()
    size = 0
    async with connect(
        url(app, pod, ["cat", path], tty_on), additional_headers=app.auth, max_size=None
    ) as ws:
        try:
            async with asyncio.timeout(BOUND_S):
                while True:
                    frame = await ws.recv()
                    if isinstance(frame, bytes):
                        size += len(frame)
        except ConnectionClosed:
            pass
    return size, time.perf_counter() - started


def kubectl_argv(env: ClusterEnv, *args: str) -> list[str]:
    cluster = env.cluster("alpha")
    return [str(env.kubectl_path), "--kubeconfig", str(cluster.admin_kubeconfig), *args]


def kubectl_keys(env: ClusterEnv, pod: str, keys: int) -> list[float]:
    argv = kubectl_argv(env, "exec", "-it", "-n", "shop", pod, "-c", "web", "--", "cat")
    pid, master = pty.fork()
    if pid == 0:
        os.execv(argv[0], argv)
    tty.setraw(master)

    def read_echo(data: bytes) -> None:
        seen = b""
        deadline = time.monotonic() + BOUND_S
        while not seen.replace(b"\r\n", b"\n").endswith(data):
            assert time.monotonic() < deadline, "kubectl did not echo"
            seen += os.read(master, 65536)

    try:
        os.write(master, b"warm-up\n")
        read_echo(b"warm-up\n")
        samples = []
        for i in range(keys):
            key = bytes((ord("a") + i % 26,))
            started = time.perf_counter()
            os.write(master, key)
            read_echo(key)
            samples.append(time.perf_counter() - started)
        return samples
    finally:
        os.write(master, b"\x15\x04")
        os.waitpid(pid, 0)
        os.close(master)


def kubectl_cat(env: ClusterEnv, pod: str, path: str) -> tuple[int, float]:
    argv = kubectl_argv(env, "exec", "-n", "shop", pod, "-c", "web", "--", "cat", path)
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, check=True, timeout=BOUND_S)
    return len(done.stdout), time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--state-dir")
    parser.add_argument("--keys", type=int, default=300)
    parser.add_argument("--mib", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with (
        clusters(args.state_dir) as env,
        tempfile.TemporaryDirectory() as tmp,
        running_app(
            "--kubeconfig-dir",
            str(env.kubeconfig_dir),
            "--config-dir",
            str(Path(tmp) / "config"),
            env={"HOME": tmp, "KUBECONFIG": ""},
        ) as app,
    ):
        bridge(app, "set_selection", [ALPHA])
        pod = web_pod(env)
        data = Path(tmp) / "ten.txt"
        line = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+/regatta\n"
        data.write_bytes(line * (args.mib * 1024 * 1024 // len(line)))
        size = data.stat().st_size

        for tool, samples in (
            ("regatta", asyncio.run(regatta_keys(app, pod, args.keys))),
            ("kubectl", kubectl_keys(env, pod, args.keys)),
        ):
            emit(
                figure="keystroke_round_trip",
                tool=tool,
                keys=args.keys,
                **summary(samples),
                **load(),
            )
        runs: dict[str, list[tuple[int, float]]] = {"regatta": [], "regatta_tty": [], "kubectl": []}
        for _ in range(args.runs):
            runs["regatta"].append(asyncio.run(regatta_cat(app, pod, str(data), False)))
            runs["regatta_tty"].append(asyncio.run(regatta_cat(app, pod, str(data), True)))
            runs["kubectl"].append(kubectl_cat(env, pod, str(data)))
        for tool, results in runs.items():
            best = min(seconds for _, seconds in results)
            emit(
                figure="cat_throughput",
                tool=tool,
                file_bytes=size,
                received_bytes=results[0][0],
                best_s=round(best, 3),
                median_s=round(statistics.median(s for _, s in results), 3),
                mib_per_s=round(size / best / 2**20, 1),
                **load(),
            )


if __name__ == "__main__":
    main()
