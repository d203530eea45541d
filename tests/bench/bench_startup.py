"""Start-up time, idle memory and memory per cached pod of the running app (issue #20).

  uv run python tests/bench/bench_startup.py [--runs 9]
  uv run python tests/bench/bench_startup.py --window                 # also the window's first UI
  uv run python tests/bench/bench_startup.py --state-dir BIG [--small-state-dir SMALL]

- Start to JSON line: `python -m backend --headless` (fresh HOME and config folder, an empty
  kubeconfig folder) against a bare `python -c "import starlette, uvicorn, pydantic"`, alternated
  run by run so that both see the same load; medians of the wall time and of the CPU time (the
  app's own at its JSON line), and their ratios. Goal: ≤ 2×.
- First requests: the wall time and the app's CPU of the requests a UI makes as it opens (index
  page, health, kubeconfig listing, selection, diagnostics), right after the JSON line, so that
  work moved out of start-up into them shows.
- Idle RSS: VmRSS of that app with no cluster selected, after those first requests. Goal: ≤ 70 MB.
- `--compare DIR` (an export of another commit): its app runs too, alternated with this one.
- `--window`: process start → first rendered UI in the window (Qt offscreen, read over CDP as in
  build/measure_bundle.py). Goal: < 1.5 s warm on a quiet machine.
- `--state-dir` (clusters already `up`, e.g. `--clusters 3 --pods-per-cluster 10000`): the app
  selects every cluster (a context with the harness's admin user); VmRSS growth per cached row and per pod
  next to the catalog's own estimate (`GET /api/v1/diagnostics`). With `--small-state-dir`, the
  same for a set with few pods, so that the per-cluster fixed costs (the kubernetes library,
  clients, discovery) cancel out: marginal bytes per row. Goal: ≤ 300 B per pod.

Children run with bytecode caching on (as an installed app has its .pyc files), after one warm-up
run each. One JSON line per measurement, with the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "build"))

from tests.clusters import ClusterEnv  # noqa: E402

BASELINE = [sys.executable, "-c", "import starlette, uvicorn, pydantic"]
APP = [sys.executable, "-m", "backend", "--headless"]
SYNC_DEADLINE_S = 900.0
POLL_S = 0.5


def emit(**fields: Any) -> None:
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    print(json.dumps({**fields, "load_average": load}), flush=True)


def child_env(home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "HOME": str(home),
        "KUBECONFIG": "",
        "NO_PROXY": "127.0.0.1,localhost",
        "REGATTA_LOG_DIR": str(home / "log"),
    }
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS")


def baseline_run() -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(BASELINE, check=True, env=child_env(Path.home()))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


@dataclass
class RunningApp:
    proc: subprocess.Popen[str]
    to_line_s: float
    cpu_at_line_s: float
    client: httpx.Client

    def bridge(self, method: str, *args: Any) -> Any:
        answer = self.client.post(f"/api/v1/bridge/{method}", json={"args": list(args)})
        if answer.is_error:
            raise RuntimeError(f"{method}: {answer.status_code} {answer.text}")
        return answer.json()

    def first_requests(self) -> tuple[float, float]:
        """What the UI asks for as it opens (no cluster selected): their wall time and the app's
        CPU over them."""
        cpu = cpu_seconds(self.proc.pid)
        started = time.perf_counter()
        self.client.get("/").raise_for_status()
        self.client.get("/api/v1/health").raise_for_status()
        self.bridge("list_kubeconfigs")
        self.bridge("get_selection")
        self.client.get("/api/v1/diagnostics").raise_for_status()
        return time.perf_counter() - started, cpu_seconds(self.proc.pid) - cpu


@contextmanager
def running_app(*args: str, root: Path = ROOT) -> Iterator[RunningApp]:
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
        home = Path(folder)
        (home / "kube").mkdir()
        command = [*APP, "--config-dir", str(home / "config"), *args]
        if "--kubeconfig-dir" not in args:
            command += ["--kubeconfig-dir", str(home / "kube")]
        stderr = (home / "stderr").open("w")
        started = time.perf_counter()
        proc = subprocess.Popen(
            command, cwd=root, env=child_env(home), stdout=subprocess.PIPE, stderr=stderr, text=True
        )
        try:
            assert proc.stdout is not None
            line = proc.stdout.readline()
            to_line = time.perf_counter() - started
            if not line:
                raise RuntimeError(f"no JSON line: {(home / 'stderr').read_text()[-2000:]}")
            cpu = cpu_seconds(proc.pid)
            info = json.loads(line)
            headers = {"Authorization": f"Bearer {info['token']}"}
            base = f"http://127.0.0.1:{info['port']}"
            with httpx.Client(base_url=base, headers=headers, timeout=120, trust_env=False) as c:
                yield RunningApp(proc, to_line, cpu, c)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
            stderr.close()


def start_to_line(runs: int, roots: list[Path]) -> None:
    baseline_run()
    for root in roots:
        with running_app(root=root):
            pass  # warm-up: bytecode written, files in the page cache
    base_wall, base_cpu = [], []
    figures: dict[Path, dict[str, list[float]]] = {
        root: {"wall": [], "cpu": [], "first_wall": [], "first_cpu": [], "idle": []}
        for root in roots
    }
    for _ in range(runs):
        wall, cpu = baseline_run()
        base_wall.append(wall)
        base_cpu.append(cpu)
        for root in roots:
            with running_app(root=root) as app:
                seen = figures[root]
                seen["wall"].append(app.to_line_s)
                seen["cpu"].append(app.cpu_at_line_s)
                first_wall, first_cpu = app.first_requests()
                seen["first_wall"].append(first_wall)
                seen["first_cpu"].append(first_cpu)
                time.sleep(1.0)
                seen["idle"].append(rss_bytes(app.proc.pid))
    med = statistics.median
    for root, seen in figures.items():
        emit(
            bench="start_to_json_line",
            app=str(root),
            runs=runs,
            baseline_wall_s=round(med(base_wall), 3),
            app_wall_s=round(med(seen["wall"]), 3),
            ratio_wall=round(med(seen["wall"]) / med(base_wall), 2),
            baseline_cpu_s=round(med(base_cpu), 3),
            app_cpu_s=round(med(seen["cpu"]), 3),
            ratio_cpu=round(med(seen["cpu"]) / med(base_cpu), 2),
            app_wall_min_s=round(min(seen["wall"]), 3),
            baseline_wall_min_s=round(min(base_wall), 3),
        )
        emit(
            bench="first_requests",
            app=str(root),
            runs=runs,
            wall_ms=round(1000 * med(seen["first_wall"]), 1),
            app_cpu_ms=round(1000 * med(seen["first_cpu"]), 1),
            line_plus_first_cpu_s=round(
                med(c + f for c, f in zip(seen["cpu"], seen["first_cpu"], strict=True)), 3
            ),
        )
        emit(
            bench="idle_rss",
            app=str(root),
            runs=runs,
            rss_mb_median=round(med(seen["idle"]) / 2**20, 1),
            rss_mb_max=round(max(seen["idle"]) / 2**20, 1),
        )


def window_first_ui(runs: int) -> None:
    from measure_bundle import one_start  # build/measure_bundle.py

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # one_start passes our environment on
    command = [sys.executable, "-m", "backend"]
    results = [asyncio.run(one_start(command, windowed=True)) for _ in range(runs + 1)]
    warm = results[1:]
    uis = [r[1] for r in warm if r[1] is not None]
    emit(
        bench="window_first_ui",
        runs=runs,
        first_s=round(results[0][1] or 0.0, 2),
        warm_to_json_line_s=round(statistics.median(r[0] for r in warm), 2),
        warm_to_ui_rendered_s=round(statistics.median(uis), 2),
        warm_to_ui_rendered_min_s=round(min(uis), 2),
    )


def _synced(report: dict[str, Any], clusters: int) -> tuple[bool, int]:
    entries = report["clusters"]
    watches = [w for entry in entries for w in entry["watches"]]
    done = (
        len(entries) == clusters
        and all(entry["watches"] for entry in entries)
        and all(w["state"] in ("synced", "forbidden") for w in watches)
    )
    pods = sum(w["items"] for w in watches if w["kind"] == "Pod")
    return done, pods


def selection_growth(kubeconfig_dir: Path, names: list[str], label: str) -> dict[str, Any]:
    """Select one context per cluster with the harness's admin user (`<cluster>-admin`)."""
    with running_app("--kubeconfig-dir", str(kubeconfig_dir)) as app:
        app.first_requests()
        time.sleep(1.0)
        before = rss_bytes(app.proc.pid)
        by_name: dict[str, str] = {}
        admins = {f"{name}-admin": name for name in names}
        for context in app.bridge("list_kubeconfigs")["contexts"]:
            if context["user"] in admins:
                by_name.setdefault(admins[context["user"]], context["clusterId"])
        ids = list(by_name.values())
        started = time.perf_counter()
        app.bridge("set_selection", ids)
        deadline = started + SYNC_DEADLINE_S
        last_rows = -1
        while True:
            report = app.client.get("/api/v1/diagnostics").json()
            done, pods = _synced(report, len(ids))
            rows = report["server"]["cachedRows"]
            if done and rows == last_rows:
                break
            if time.perf_counter() > deadline:
                raise RuntimeError(f"the catalogs did not sync within {SYNC_DEADLINE_S:g} s")
            last_rows = rows
            time.sleep(POLL_S)
        synced_s = time.perf_counter() - started
        time.sleep(2.0)
        after = rss_bytes(app.proc.pid)
        estimate = report["server"]["estimatedBytes"]
    result = {
        "clusters": len(ids),
        "rows": rows,
        "pods": pods,
        "rss_before_mb": round(before / 2**20, 1),
        "rss_after_mb": round(after / 2**20, 1),
        "rss_growth_mb": round((after - before) / 2**20, 1),
        "rss_bytes_per_row": round((after - before) / rows, 1),
        "estimated_bytes_per_row": round(estimate / rows, 1),
        "estimated_mb": round(estimate / 2**20, 1),
        "synced_s": round(synced_s, 1),
    }
    emit(bench="selection_rss", set=label, **result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--window", action="store_true")
    parser.add_argument("--state-dir", type=Path, help="clusters with many pods, already up")
    parser.add_argument("--small-state-dir", type=Path, help="as many clusters, few pods")
    parser.add_argument("--skip-start", action="store_true", help="only the selection figures")
    parser.add_argument(
        "--compare", type=Path, help="an export of another commit: its app alternates with this one"
    )
    args = parser.parse_args()
    if not args.skip_start:
        start_to_line(args.runs, [ROOT, *([args.compare] if args.compare else [])])
    if args.window:
        window_first_ui(max(2, args.runs // 3))
    if args.state_dir:
        env = ClusterEnv.load(args.state_dir)
        big = selection_growth(env.kubeconfig_dir, env.names, "many pods")
        if args.small_state_dir:
            env = ClusterEnv.load(args.small_state_dir)
            small = selection_growth(env.kubeconfig_dir, env.names, "few pods")
            grown = (big["rss_growth_mb"] - small["rss_growth_mb"]) * 2**20
            emit(
                bench="selection_rss_marginal",
                rows=big["rows"] - small["rows"],
                pods=big["pods"] - small["pods"],
                rss_bytes_per_row=round(grown / (big["rows"] - small["rows"]), 1),
                estimated_bytes_per_row=big["estimated_bytes_per_row"],
            )


if __name__ == "__main__":
    main()
