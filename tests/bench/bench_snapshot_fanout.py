"""Snapshot fan-out over real clusters (issue 5): all clusters at once vs the slowest alone.

Starts 3 harness clusters (REGATTA_BENCH_CLUSTERS=<state dir> reuses a running set), runs the
headless app with 4 cluster ids selected (alpha, beta, gamma, and `staging` — a second context
of beta), then times:
- cached snapshots (`GET /snapshots/pods`): each cluster alone, then all together;
- live relists (`POST /refresh/pods`): each cluster alone, then all together;
- the 304 path (`If-None-Match` with the current version).
Prints JSON lines: medians in ms and the ratio all/slowest-single (goal ≤ 1.1).
"""

from __future__ import annotations

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


def median_ms(fn: Callable[[], None], repeat: int = REPEAT) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 2)


def measure(app: RunningApp) -> None:
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
        return lambda: client.post(
            "/api/v1/refresh/pods", json={"scopes": scopes}
        ).raise_for_status()

    for name, action, repeat in (("snapshot_cached", get, REPEAT), ("refresh_relist", refresh, 5)):
        singles = {cid: median_ms(action([f"{cid}|"]), repeat) for cid in IDS}
        together = median_ms(action([f"{cid}|" for cid in IDS]), repeat)
        slowest = max(singles.values())
        print(
            json.dumps(
                {
                    "bench": "snapshot_fanout",
                    "case": name,
                    "clusters": len(IDS),
                    "singles_ms": singles,
                    "all_ms": together,
                    "ratio_all_to_slowest": round(together / slowest, 3),
                }
            )
        )
    version = client.get("/api/v1/snapshots/pods").json()["version"]

    def not_modified() -> None:
        r = client.get("/api/v1/snapshots/pods", headers={"If-None-Match": f'"{version}"'})
        assert r.status_code == 304, r.status_code

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


def main() -> None:
    reuse = os.environ.get("REGATTA_BENCH_CLUSTERS")
    state = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="regatta-bench-"))
    env = ClusterEnv.load(state) if reuse else harness.up(state_dir=state, owner_pid=os.getpid())
    try:
        with (
            tempfile.TemporaryDirectory() as config,
            running_app("--kubeconfig-dir", str(env.kubeconfig_dir), "--config-dir", config) as app,
        ):
            bridge(app, "set_selection", IDS)
            measure(app)
    finally:
        if not reuse:
            harness.down(state)


if __name__ == "__main__":
    main()
