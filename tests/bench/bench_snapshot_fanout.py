"""Snapshot fan-out over real clusters (issue 5): all clusters at once vs the slowest alone.

Starts 3 harness clusters (REGATTA_BENCH_CLUSTERS=<state dir> reuses a running set), runs the
headless app with 4 cluster ids selected (alpha, beta, gamma, and `staging` — a second context
of beta), then times:
- cached snapshots (`GET /snapshots/pods`): each cluster alone, then all together;
- live relists (`POST /refresh/pods`): in interleaved rounds (each cluster alone, then all
  together, so load drifts hit every case alike), with the CPU the app and the API servers spent
  on each (/proc schedstat) and the load average — on a 2-core machine that also runs
  the API servers, their CPU and the app's add up (issue 20: goal all ÷ slowest ≤ 1.3);
- the 304 path (`If-None-Match` with the current version).
Prints JSON lines: medians in ms and the ratio all/slowest-single (goal ≤ 1.1 for snapshots).
`--relist-rounds N` (default 15) sets the relist rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.app_process import RunningApp, bridge, running_app
from tests.clusters import harness
from tests.clusters.env import ClusterEnv

IDS = [
    "dev.yaml:alpha",
    "dev.yaml:beta",
    "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma",
    "dev.yaml:staging",
]
REPEAT = 15


def cpu_s(pid: int) -> float:
    """CPU seconds of a process so far, all its threads (schedstat: ns, not 10 ms ticks)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # a thread that just ended
    return total / 1e9


def median_ms(fn: Callable[[], None], repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def measure(app: RunningApp, env: ClusterEnv, rounds: int) -> None:
    client = httpx.Client(base_url=app.base, headers=app.auth, timeout=60)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        parts = client.get("/api/v1/snapshots/pods").json()["clusters"]
        if all(p["status"] == "ready" for p in parts):
            break
        time.sleep(0.2)

    def get(scopes: list[str]) -> Callable[[], None]:
        return lambda: client.get(
            "/api/v1/snapshots/pods", params={"scope": scopes, "limit": 100}
        ).raise_for_status()

    def refresh(scopes: list[str]) -> Callable[[], None]:
        def relist() -> None:
            answer = client.post("/api/v1/refresh/pods", json={"scopes": scopes})
            parts = answer.raise_for_status().json()["clusters"]
            assert all(p["status"] == "ready" for p in parts), parts

        return relist

    singles = {cid: median_ms(get([f"{cid}|"])) for cid in IDS}
    together = median_ms(get([f"{cid}|" for cid in IDS]))
    print(
        json.dumps(
            {
                "bench": "snapshot_fanout",
                "case": "snapshot_cached",
                "clusters": len(IDS),
                "singles_ms": singles,
                "all_ms": together,
                "ratio_all_to_slowest": round(together / max(singles.values()), 3),
            }
        )
    )
    relist(app, env, refresh, rounds)
    etag = [client.get("/api/v1/snapshots/pods").headers["ETag"]]

    def not_modified() -> None:
        """304 unless a pod changed meanwhile (other work on shared clusters): then the new
        version's ETag is asked next time."""
        r = client.get("/api/v1/snapshots/pods", headers={"If-None-Match": etag[0]})
        if r.status_code == 200:
            etag[0] = r.headers["ETag"]
        assert r.status_code in (200, 304), r.status_code

    full = median_ms(lambda: client.get("/api/v1/snapshots/pods").raise_for_status())
    print(
        json.dumps(
            {
                "bench": "snapshot_fanout",
                "case": "etag_304",
                "clusters": len(IDS),
                "304_ms": median_ms(not_modified),
                "full_200_ms": full,
            }
        )
    )


def relist(
    app: RunningApp,
    env: ClusterEnv,
    refresh: Callable[[list[str]], Callable[[], None]],
    rounds: int,
) -> None:
    """Relists in interleaved rounds: wall, app CPU and API-server CPU medians per case."""
    servers = [env.pids(name)["kube-apiserver"] for name in env.names]
    cases = {cid: [f"{cid}|"] for cid in IDS} | {"all": [f"{cid}|" for cid in IDS]}
    samples: dict[str, list[tuple[float, float, float]]] = {case: [] for case in cases}
    load_before = os.getloadavg()
    for scopes in cases.values():  # warm-up: the first relist of a kind costs more
        refresh(scopes)()
    for _ in range(rounds):
        for case, scopes in cases.items():
            app_cpu, server_cpu = cpu_s(app.process.pid), sum(map(cpu_s, servers))
            started = time.perf_counter()
            refresh(scopes)()
            wall = time.perf_counter() - started
            app_cpu = cpu_s(app.process.pid) - app_cpu
            server_cpu = sum(map(cpu_s, servers)) - server_cpu
            samples[case].append((wall * 1000, app_cpu * 1000, server_cpu * 1000))

    def med(case: str, column: int) -> float:
        return round(statistics.median(s[column] for s in samples[case]), 1)

    slowest = max(med(cid, 0) for cid in IDS)
    print(
        json.dumps(
            {
                "bench": "snapshot_fanout",
                "case": "refresh_relist",
                "clusters": len(IDS),
                "rounds": rounds,
                "singles_ms": {cid: med(cid, 0) for cid in IDS},
                "all_ms": med("all", 0),
                "ratio_all_to_slowest": round(med("all", 0) / slowest, 3),
                "app_cpu_ms": {case: med(case, 1) for case in cases},
                "apiservers_cpu_ms": {case: med(case, 2) for case in cases},
                "loadavg_before": load_before,
                "loadavg_after": os.getloadavg(),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relist-rounds", type=int, default=15)
    args = parser.parse_args()
    reuse = os.environ.get("REGATTA_BENCH_CLUSTERS")
    state = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="regatta-bench-"))
    env = ClusterEnv.load(state) if reuse else harness.up(state_dir=state, owner_pid=os.getpid())
    try:
        with (
            tempfile.TemporaryDirectory() as config,
            running_app("--kubeconfig-dir", str(env.kubeconfig_dir), "--config-dir", config) as app,
        ):
            bridge(app, "set_selection", IDS)
            measure(app, env, args.relist_rounds)
    finally:
        if not reuse:
            harness.down(state)


if __name__ == "__main__":
    main()
