"""How fast a frozen API server shows as not ready, and what the liveness probes cost.

  uv run python tests/bench/bench_health_freeze.py --state-dir DIR   # clusters already `up`
  uv run python tests/bench/bench_health_freeze.py --runs 10         # brings 3 clusters up and down

Starts the headless app as a user would, selects alpha and beta and reads the catalog stream as
a browser does. Then, `--runs` times: beta's apiserver is frozen (SIGSTOP) at a random point of
the probe cadence, and the time from the signal to the `event: cluster` saying beta is not ready
is measured; then it is resumed, and the time from its first answer again to `ready` as well.
Last, the app's CPU time over `--idle-s` seconds with both clusters selected and nothing else to
do: what the liveness probes (one `/readyz` per cluster every 2 s) and the idle watches cost.
Prints one JSON object per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.app_process import RunningApp, bridge, running_app  # noqa: E402
from tests.clusters import ClusterEnv, harness, processes  # noqa: E402
from tests.sse_client import Received, SseQueue, open_sse  # noqa: E402

ALPHA = "dev.yaml:alpha"
BETA = "dev.yaml:beta"
EVENT_BOUND_S = 60.0
"""A hang guard only."""
DETECT_BOUND_S = 20.0
"""How long a freeze may go unreported before the run is looked at (a miss, or spoiled)."""


def emit(**figures: Any) -> None:
    print(json.dumps(figures), flush=True)


def beta_health(*statuses: str) -> Any:
    def match(event: Received) -> bool:
        return (
            event.event == "cluster"
            and event.data["clusterId"] == BETA
            and event.data["status"] in statuses
        )

    return match


NOT_READY = ("timeout", "unreachable", "error", "forbidden")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def still_frozen(env: ClusterEnv) -> bool:
    """Whether beta's apiserver is stopped now: on a shared set of clusters another session's
    clean-up (`ClusterEnv.heal`) may resume it behind our back, which spoils that run."""
    _, record = env._apiserver("beta")  # the harness's own record of the process
    return processes.run_state(record) == "frozen"


def freeze_runs(env: ClusterEnv, sse: SseQueue, runs: int) -> None:
    detect: list[float] = []
    recover: list[float] = []
    spoiled = 0
    while len(detect) < runs and spoiled < 3 * runs:
        time.sleep(random.uniform(0.0, 2.0))  # a random point of the 2 s probe cadence
        started = time.monotonic()
        env.freeze("beta")
        try:
            event = sse.next_event(beta_health(*NOT_READY), DETECT_BOUND_S)
            kept = still_frozen(env)
        except TimeoutError:
            if still_frozen(env):
                raise  # frozen all along and never reported: a real miss
            event, kept = None, False
        finally:
            env.resume("beta")  # returns once beta answers /readyz again
        answering = time.monotonic()
        if event is not None:
            back = sse.next_event(beta_health("ready"), EVENT_BOUND_S)
        if event is None or not kept:
            spoiled += 1
            emit(bench="freeze_run_spoiled", reason="beta was resumed by someone else")
            continue
        detect.append(event.at - started)
        recover.append(back.at - answering)
        emit(
            bench="freeze_run",
            freeze_to_not_ready_s=round(detect[-1], 2),
            answering_to_ready_s=round(recover[-1], 2),
        )
    for name, values in (("freeze_to_not_ready_s", detect), ("answering_to_ready_s", recover)):
        emit(
            bench=name,
            runs=len(values),
            spoiled_runs=spoiled,
            min=round(min(values), 2),
            median=round(statistics.median(values), 2),
            max=round(max(values), 2),
            all=[round(v, 2) for v in values],
        )


def idle_cost(app: RunningApp, idle_s: float) -> None:
    pid = app.process.pid
    before, started = cpu_seconds(pid), time.monotonic()
    time.sleep(idle_s)  # the measured interval itself
    cpu = cpu_seconds(pid) - before
    wall = time.monotonic() - started
    emit(
        bench="idle_app_cpu_with_2_clusters",
        seconds=round(wall, 1),
        cpu_s=round(cpu, 2),
        cpu_percent=round(100 * cpu / wall, 2),
        liveness_probes=int(wall / 2.0) * 2,
    )


def run(env: ClusterEnv, runs: int, idle_s: float) -> None:
    emit(bench="machine", cpus=os.cpu_count(), load_average=[round(v, 2) for v in os.getloadavg()])
    with (
        tempfile.TemporaryDirectory(prefix="bench-health-") as config,
        running_app("--kubeconfig-dir", str(env.kubeconfig_dir), "--config-dir", config) as app,
    ):
        bridge(app, "set_selection", [ALPHA, BETA])
        scopes = [f"{ALPHA}|", f"{BETA}|"]
        with open_sse(app.base, "/api/v1/streams/catalog", app.auth, scopes) as sse:
            sse.next_event(beta_health("ready"), EVENT_BOUND_S)
            freeze_runs(env, sse, runs)
            idle_cost(app, idle_s)
    emit(bench="machine_after", load_average=[round(v, 2) for v in os.getloadavg()])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", type=Path)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--idle-s", type=float, default=30.0)
    args = parser.parse_args()
    if args.state_dir:
        run(ClusterEnv.load(args.state_dir), args.runs, args.idle_s)
        return
    state_dir = Path(tempfile.mkdtemp(prefix="bench-health-clusters-"))
    env = harness.up(3, state_dir=state_dir, owner_pid=os.getpid())
    try:
        run(env, args.runs, args.idle_s)
    finally:
        harness.down(state_dir)


if __name__ == "__main__":
    main()
