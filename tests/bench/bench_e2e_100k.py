"""Many clusters of many pods end to end (issue 20), each figure beside `kubectl` on the same
clusters: select → all rows, scroll to the end, sort by each column, filter.

  uv run --frozen python -m tests.clusters up --state-dir DIR --clusters 5 --pods-per-cluster 20000
  uv run --frozen python tests/bench/bench_e2e_100k.py --state-dir DIR [--runs 3]

It takes the state dir of a running cluster set, so the slow `up` stays outside the figures.

- kubectl: `get pods -A` on every cluster at once (threads, wall time until the last one is
  done); `--sort-by` for the columns kubectl can sort by; `get pods -A | grep TEXT` for the
  filter. kubectl sorts and filters each cluster on its own; the app merges all of them.
- API (no browser): a fresh headless app per run; `set_selection` of every cluster, then
  `GET /snapshots/pods` until every cluster is ready and the total is complete, then every row
  paged out (limit 5000): "select → all rows served".
- UI: a fresh app per run and the built frontend (backend/static) in Debian's Chromium: the
  clusters ticked one after another in the picker, then the first row rendered and the row count
  complete (wall and page main-thread CPU, CDP `ThreadTime`); the jump to the last row; a click
  on each sortable header until the new first rows are shown; a text filter until the filtered
  count is shown.

Prints one JSON line per measurement; medians over the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from playwright.sync_api import CDPSession, Page, ViewportSize, sync_playwright

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", ".."))

from tests.app_process import RunningApp, bridge, running_app
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.clusters import control_plane, topology
from tests.clusters.env import ClusterEnv

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "backend" / "static"
VIEWPORT: ViewportSize = {"width": 1500, "height": 900}
TIMEOUT_MS = 600_000
"""A hang guard only: 100k pods on a loaded 2-core machine."""
CHURN = 20
"""Rows the seeded workloads may add or remove between kubectl's count and the app's."""
FILTER_TEXT = "scale-01234"
"""Ten scale pods per cluster of 20k (`scale-012340` … `scale-012349`); none at 500 per cluster."""
FILTER_TEXT_SMALL = "scale-0001"
PAGE_LIMIT = 5000

# kubectl's --sort-by for the pods table's columns (by the header's data-column); the others
# (cluster, ready, usage and percentages) have no kubectl counterpart.
KUBECTL_SORT = {
    "namespace": ".metadata.namespace",
    "name": ".metadata.name",
    "status": ".status.phase",
    "restarts": ".status.containerStatuses[0].restartCount",
    "node": ".spec.nodeName",
    "owner": ".metadata.ownerReferences[0].name",
    "createdAt": ".metadata.creationTimestamp",
}

TABLE = 'table[aria-label="Pods"]'
SHOWN_JS = """
const shown = () => {
  const table = document.querySelector('table[aria-label="Pods"]');
  if (!table) return false;
  const grid = table.parentElement;
  const rows = [...table.querySelectorAll('tbody tr')];
  const top = Math.floor(grid.scrollTop / 28);
  return rows.some((row) => Number(row.dataset.index) === top)
    && !rows.some((row) => row.hasAttribute('data-loading'));
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const rowCount = () => {
  const count = document.querySelector('[data-testid="row-count"]');
  return count ? Number(count.textContent.split(' ')[0]) : -1;
};
"""
# Resolves with performance.now() once `done()` holds, checked every frame.
UNTIL_JS = (
    """
async ([condition, arg, timeoutMs]) => {
"""
    + SHOWN_JS
    + """
  const done = new Function('shown', 'rowCount', 'arg', 'return ' + condition);
  const started = performance.now();
  while (!done(shown, rowCount, arg)) {
    if (performance.now() - started > timeoutMs) throw new Error('timed out: ' + condition);
    await frame();
  }
  return performance.now();
}
"""
)
JUMP_JS = (
    """
async (timeoutMs) => {
"""
    + SHOWN_JS
    + """
  const grid = document.querySelector('table[aria-label="Pods"]').parentElement;
  const started = performance.now();
  grid.scrollTop = grid.scrollHeight;
  await frame();
  while (!shown() && performance.now() - started < timeoutMs) await frame();
  const last = [...grid.querySelectorAll('tbody tr')]
    .map((row) => Number(row.dataset.index)).reduce((a, b) => Math.max(a, b), 0);
  return {ms: performance.now() - started, lastIndex: last};
}
"""
)


def emit(**fields: Any) -> None:
    print(json.dumps(fields), flush=True)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


# --- kubectl ----------------------------------------------------------------------------------


def kubectl_argv(env: ClusterEnv, name: str, *args: str) -> list[str]:
    return [str(env.kubectl_path), "--kubeconfig", str(env.cluster(name).admin_kubeconfig), *args]


def get_pods(env: ClusterEnv, *extra: str) -> Callable[[str], list[str]]:
    """`kubectl get pods -A [extra]` for a cluster's name."""
    return lambda name: kubectl_argv(env, name, "get", "pods", "-A", *extra)


def in_parallel(env: ClusterEnv, command: Callable[[str], list[str]]) -> tuple[float, list[str]]:
    """Run one command per cluster, all at once; wall seconds until the last one is done."""
    process_env = {**os.environ, **control_plane.PROCESS_ENV}
    process_env.pop("KUBECONFIG", None)

    def one(name: str) -> str:
        done = subprocess.run(
            command(name), capture_output=True, text=True, timeout=1800, env=process_env
        )
        if done.returncode not in (0, 1):  # grep -c finding nothing exits 1
            raise RuntimeError(f"{name}: {command(name)[-3:]} exited {done.returncode}: "
                               f"{done.stderr[-300:]}")  # fmt: skip
        return done.stdout

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(env.names)) as pool:
        outputs = list(pool.map(one, env.names))
    return time.monotonic() - started, outputs


def measure_kubectl(env: ClusterEnv, runs: int, filter_text: str) -> dict[str, Any]:
    get_s, rows = [], 0
    for _ in range(runs):
        seconds, outputs = in_parallel(env, get_pods(env))
        get_s.append(seconds)
        rows = sum(len(out.splitlines()) - 1 for out in outputs)
    emit(bench="e2e_kubectl", case="get pods -A", clusters=len(env.names), rows=rows,
         median_s=median(get_s), all_s=[round(s, 2) for s in get_s])  # fmt: skip
    filter_s, matches = [], 0
    for _ in range(runs):
        seconds, outputs = in_parallel_grep(env, filter_text)
        filter_s.append(seconds)
        matches = sum(int(out.strip() or 0) for out in outputs)
    emit(bench="e2e_kubectl", case=f"get pods -A | grep -c {filter_text}", matches=matches,
         median_s=median(filter_s), all_s=[round(s, 2) for s in filter_s])  # fmt: skip
    return {"get_s": median(get_s), "rows": rows, "filter_s": median(filter_s),
            "matches": matches}  # fmt: skip


def measure_kubectl_sorts(env: ClusterEnv) -> dict[str, float]:
    """`get pods -A --sort-by` once per column kubectl can sort by (slow: full objects)."""
    sorted_s: dict[str, float] = {}
    for column, path in KUBECTL_SORT.items():
        seconds, _ = in_parallel(env, get_pods(env, f"--sort-by={path}"))
        sorted_s[column] = round(seconds, 2)
        emit(bench="e2e_kubectl", case=f"get pods -A --sort-by={path}", column=column,
             seconds=sorted_s[column])  # fmt: skip
    return sorted_s


def in_parallel_grep(env: ClusterEnv, text: str) -> tuple[float, list[str]]:
    """`kubectl get pods -A | grep -c TEXT` on every cluster at once."""

    def command(name: str) -> list[str]:
        argv = kubectl_argv(env, name, "get", "pods", "-A")
        return ["bash", "-c", '"${@:2}" | grep -c -- "$1"', "grep", text, *argv]

    return in_parallel(env, command)


# --- the app ----------------------------------------------------------------------------------


def cluster_ids(env: ClusterEnv) -> list[str]:
    """One admin context per cluster: dev.yaml:<name>, gamma by its ARN-named context."""
    ids = []
    for name in env.names:
        if name == "gamma":
            ids.append(f"{topology.PROD_FILE}:{topology.GAMMA_ARN_CONTEXT}")
        else:
            ids.append(f"{topology.DEV_FILE}:{name}")
    return ids


@contextmanager
def fresh_app(env: ClusterEnv) -> Iterator[RunningApp]:
    """A new app process with a config folder of its own: nothing selected, nothing cached."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-e2e-config-") as config,
        running_app("--kubeconfig-dir", str(env.kubeconfig_dir), "--config-dir", config) as app,
    ):
        yield app


def measure_api(env: ClusterEnv, runs: int, expected: int) -> dict[str, Any]:
    ids = cluster_ids(env)
    ready_s, served_s, first_s = [], [], []
    for _ in range(runs):
        with (
            fresh_app(env) as app,
            httpx.Client(base_url=app.base, headers=app.auth, timeout=600) as client,
        ):
            started = time.monotonic()
            bridge(app, "set_selection", ids)
            first = None
            while True:
                body = client.get("/api/v1/snapshots/pods", params={"limit": 100}).json()
                if first is None and body["items"]:
                    first = time.monotonic() - started
                parts = body["clusters"]
                if body["total"] >= expected - CHURN and all(
                    p["status"] != "loading" for p in parts
                ):
                    break
                if time.monotonic() - started > TIMEOUT_MS / 1000:
                    raise RuntimeError(f"not all rows after {TIMEOUT_MS} ms: {body['total']} "
                                       f"of {expected}; {[p['status'] for p in parts]}")  # fmt: skip
                time.sleep(0.05)
            ready = time.monotonic() - started
            total, offset = body["total"], 0
            while offset < total:
                page = client.get(
                    "/api/v1/snapshots/pods", params={"limit": PAGE_LIMIT, "offset": offset}
                ).json()
                offset += len(page["items"])
                if not page["items"]:
                    break
            served = time.monotonic() - started
        first_s.append(first or ready)
        ready_s.append(ready)
        served_s.append(served)
        emit(bench="e2e_api_run", first_rows_s=round(first or ready, 3), ready_s=round(ready, 3),
             all_rows_served_s=round(served, 3), rows=offset)  # fmt: skip
    return {"first_s": median(first_s), "ready_s": median(ready_s), "served_s": median(served_s)}


# --- the UI -----------------------------------------------------------------------------------


def cpu_ms(cdp: CDPSession) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return 1000.0 * float(next(m["value"] for m in metrics if m["name"] == "ThreadTime"))


def until(page: Page, condition: str, arg: Any = None) -> float:
    """performance.now() once `condition` (JS over shown(), rowCount(), arg) holds."""
    return float(page.evaluate(UNTIL_JS, [condition, arg, TIMEOUT_MS]))


def select_in_picker(page: Page, env: ClusterEnv) -> None:
    page.get_by_test_id("cluster-picker").click()
    dialog = page.get_by_role("dialog", name="Kubeconfig contexts")
    for cluster_id in cluster_ids(env):
        file, _, context = cluster_id.partition(":")
        group = dialog.get_by_role("group", name=file)
        group.get_by_role("checkbox", name=context, exact=True).check(timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")


def ui_run(page: Page, app: RunningApp, env: ClusterEnv, expected: int, kubectl: dict[str, Any],
           filter_text: str) -> dict[str, Any]:  # fmt: skip
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(app.url + "#/pods")
    page.get_by_test_id("selection-label").filter(has_text="No cluster selected").wait_for()
    result: dict[str, Any] = {}

    cpu0, t0 = cpu_ms(cdp), float(page.evaluate("performance.now()"))
    select_in_picker(page, env)
    cpu1, t1 = cpu_ms(cdp), float(page.evaluate("performance.now()"))
    result["ticking_ms"] = t1 - t0  # each tick waits for the previous set_selection
    t_first = until(page, "shown()")
    result["first_rows_ms"], result["first_rows_after_last_tick_ms"] = t_first - t0, t_first - t1
    cpu = cpu_ms(cdp)
    result["first_rows_cpu_ms"], result["first_rows_after_last_tick_cpu_ms"] = (
        cpu - cpu0,
        cpu - cpu1,
    )
    t_all = until(page, "shown() && rowCount() >= arg", expected - CHURN)
    result["all_rows_ms"], result["all_rows_after_last_tick_ms"] = t_all - t0, t_all - t1
    cpu = cpu_ms(cdp)
    result["all_rows_cpu_ms"], result["all_rows_after_last_tick_cpu_ms"] = cpu - cpu0, cpu - cpu1
    result["rows"] = int(page.evaluate(SHOWN_JS + "rowCount()"))

    cpu0 = cpu_ms(cdp)
    jump = page.evaluate(JUMP_JS, TIMEOUT_MS)
    result["jump_ms"], result["jump_last_index"] = jump["ms"], jump["lastIndex"]
    result["jump_cpu_ms"] = cpu_ms(cdp) - cpu0

    headers = page.locator(f"{TABLE} thead th:has(button.grid-table__sort)")
    columns = [c for c in headers.evaluate_all("(ths) => ths.map((th) => th.dataset.column)") if c]
    result["sort"] = {}
    for column in columns:
        cpu0, t0 = cpu_ms(cdp), float(page.evaluate("performance.now()"))
        page.locator(f'{TABLE} thead th[data-column="{column}"] button.grid-table__sort').click()
        done = until(
            page,
            "shown() && !!document.querySelector("
            '`table[aria-label="Pods"] th[data-column="${arg}"][aria-sort="ascending"]`)',
            column,
        )
        result["sort"][column] = {"ms": done - t0, "cpu_ms": cpu_ms(cdp) - cpu0}

    box = page.get_by_role("searchbox", name="Filter")
    cpu0, t0 = cpu_ms(cdp), float(page.evaluate("performance.now()"))
    box.fill(filter_text)
    done = until(page, "rowCount() === arg && (arg === 0 || shown())", kubectl["matches"])
    result["filter_ms"], result["filter_cpu_ms"] = done - t0, cpu_ms(cdp) - cpu0
    result["heap_mib"] = page.evaluate("performance.memory.usedJSHeapSize") / 1024 / 1024
    return result


def measure_ui(env: ClusterEnv, runs: int, expected: int, kubectl: dict[str, Any],
               filter_text: str) -> list[dict[str, Any]]:  # fmt: skip
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            with fresh_app(env) as app:
                context = browser.new_context(viewport=VIEWPORT)
                page = context.new_page()
                try:
                    result = ui_run(page, app, env, expected, kubectl, filter_text)
                finally:
                    context.close()
            emit(bench="e2e_ui_run", **round_all(result))
            results.append(result)
        emit(bench="e2e_ui_browser", chromium=browser.version)
        browser.close()
    return results


def round_all(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 1)
    if isinstance(value, dict):
        return {k: round_all(v) for k, v in value.items()}
    return value


# --- report -----------------------------------------------------------------------------------


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=False)  # fmt: skip
    dirty = subprocess.run(["git", "status", "--porcelain", "backend", "frontend/src"], cwd=ROOT,
                           capture_output=True, text=True, check=False).stdout.strip()  # fmt: skip
    return done.stdout.strip() + (" (+ uncommitted changes in backend/frontend)" if dirty else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state-dir", type=Path, required=True, help="a running cluster set")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip", action="append", default=[], choices=["kubectl", "api", "ui"])
    args = parser.parse_args()
    if "ui" not in args.skip and not (STATIC / "index.html").exists():
        print(f"no build in {STATIC}: run `npm run build` in frontend/", file=sys.stderr)
        return 2
    env = ClusterEnv.load(args.state_dir)
    emit(bench="e2e_machine", commit=commit(), clusters=env.names, cpus=os.cpu_count(),
         loadavg=os.getloadavg())  # fmt: skip
    pods = int(env.admin_kubectl(env.names[0], "get", "pods", "-n", "scale", "--no-headers",
                                 "-o", "name", timeout=600).stdout.count("\n"))  # fmt: skip
    filter_text = FILTER_TEXT if pods >= 12_350 else FILTER_TEXT_SMALL

    # kubectl's plain list and filter first: they give the row counts the app must reach.
    kubectl = measure_kubectl(env, 1 if "kubectl" in args.skip else args.runs, filter_text)
    expected = kubectl["rows"]
    emit(bench="e2e_machine", after="kubectl", loadavg=os.getloadavg())
    if "api" not in args.skip:
        api = measure_api(env, args.runs, expected)
        emit(bench="e2e_api", rows=expected, **api, kubectl_get_s=kubectl["get_s"],
             ratio_served_to_kubectl=round(api["served_s"] / kubectl["get_s"], 3),
             ratio_ready_to_kubectl=round(api["ready_s"] / kubectl["get_s"], 3),
             loadavg=os.getloadavg())  # fmt: skip
    if "ui" not in args.skip:
        runs = measure_ui(env, args.runs, expected, kubectl, filter_text)
        sorted_s = {} if "kubectl" in args.skip else measure_kubectl_sorts(env)
        k = kubectl["get_s"] * 1000
        for key in ("first_rows", "first_rows_after_last_tick", "all_rows",
                    "all_rows_after_last_tick"):  # fmt: skip
            wall = median([r[f"{key}_ms"] for r in runs])
            emit(bench="e2e_ui", case=f"select → {key}", ms=wall,
                 cpu_ms=median([r[f"{key}_cpu_ms"] for r in runs]),
                 kubectl_get_ms=round(k), ratio=round(wall / k, 3))  # fmt: skip
        wall = median([r["jump_ms"] for r in runs])
        emit(bench="e2e_ui", case="jump to the last row", ms=wall,
             cpu_ms=median([r["jump_cpu_ms"] for r in runs]), kubectl_get_ms=round(k),
             ratio=round(wall / k, 3))  # fmt: skip
        for column in runs[0]["sort"]:
            wall = median([r["sort"][column]["ms"] for r in runs])
            theirs = sorted_s.get(column)
            emit(bench="e2e_ui", case=f"sort by {column}", ms=wall,
                 cpu_ms=median([r["sort"][column]["cpu_ms"] for r in runs]),
                 kubectl_sort_ms=round(theirs * 1000) if theirs else None,
                 ratio=round(wall / (theirs * 1000), 4) if theirs else None)  # fmt: skip
        wall = median([r["filter_ms"] for r in runs])
        emit(bench="e2e_ui", case=f"filter {filter_text}", ms=wall,
             cpu_ms=median([r["filter_cpu_ms"] for r in runs]), matches=kubectl["matches"],
             kubectl_grep_ms=round(kubectl["filter_s"] * 1000),
             ratio=round(wall / (kubectl["filter_s"] * 1000), 4))  # fmt: skip
    emit(bench="e2e_machine", after="all", loadavg=os.getloadavg())
    return 0


if __name__ == "__main__":
    sys.exit(main())
