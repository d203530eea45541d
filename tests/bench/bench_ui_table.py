"""The aggregated pods table with 100,000 rows: time to first rows and scroll frame times.

Serves the built frontend (backend/static, `npm run build` in frontend/) from a plain static
server and answers the API in the page itself (an init script replaces `fetch` and
`EventSource`), so it measures the table — paging, virtualization, rendering — and not the
backend. The stubbed snapshot endpoint honours `limit`/`offset` like the real one and answers
after `--latency-ms`. Chromium is Debian's (/usr/bin/chromium), headless.

Wall times (first rows, frame durations) suffer from whatever else the machine runs; the
`*_cpu*` figures are the page main thread's CPU time (CDP `ThreadTime`) and do not.

Prints one JSON line per measurement. Run:
    uv run python tests/bench/bench_ui_table.py [--rows 100000] [--latency-ms 5] [--runs 3]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import CDPSession, Page, ViewportSize, sync_playwright

from tests.browser import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "backend" / "static"
VIEWPORT: ViewportSize = {"width": 1500, "height": 900}
CLUSTERS = ["dev.yaml:alpha", "dev.yaml:beta", "prod.yaml:gamma", "prod.yaml:delta"]
FIRST_ROW = 'table[aria-label="Pods"] tbody tr:not([data-loading]) td[data-column="name"]'

# The fake backend, run in the page before the app: bridge, health, diagnostics, namespaces and a
# pods snapshot of `rows` rows spread over four clusters, paged by limit/offset.
STUB_SCRIPT = """
(() => {
  const config = %(config)s;
  const clusters = config.clusters;
  const nameOf = (id) => id.slice(id.indexOf(':') + 1);
  const context = (id) => ({
    clusterId: id, clusterName: nameOf(id), file: id.slice(0, id.indexOf(':')),
    path: '/bench/' + id, context: nameOf(id), server: 'https://127.0.0.1:6443', user: 'admin',
    namespace: null, selected: true, disabled: false, disabledReason: null,
  });
  const part = (id, count) => ({
    clusterId: id, clusterName: nameOf(id), status: 'ready', message: null,
    itemCount: count, durationMs: 1, cause: null, version: '1',
  });
  const pod = (i) => {
    const clusterId = clusters[i %% clusters.length];
    return {
      clusterId, clusterName: nameOf(clusterId), stale: false,
      group: '', version: 'v1', kind: 'Pod',
      namespace: 'ns-' + (i %% 50), name: 'pod-' + String(i).padStart(6, '0'),
      uid: 'uid-' + i, phase: 'Running', status: i %% 97 === 0 ? 'CrashLoopBackOff' : 'Running',
      ready: '1/1', restarts: i %% 7, node: 'node-' + (i %% 20),
      createdAt: '2025-01-01T00:00:00Z', ownerKind: 'ReplicaSet', ownerName: 'rs-' + (i %% 300),
    };
  };
  const snapshot = (domain, items, total) => ({
    domain, selectedClusterIds: clusters, scopes: clusters.map((id) => id + '|'),
    version: 'v1', generatedAt: '2025-01-01T00:00:00Z',
    clusters: clusters.map((id) => part(id, Math.floor(total / clusters.length))),
    items, total,
  });
  const json = (body) => new Response(JSON.stringify(body), {
    status: 200, headers: {'Content-Type': 'application/json', 'ETag': '"v1"'},
  });
  const later = (make) => new Promise((resolve) => setTimeout(() => resolve(make()), config.latencyMs));
  window.__bench = {requests: 0, rowsServed: 0};
  window.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    const path = url.pathname;
    if (path === '/api/v1/health') return json({status: 'ok', version: 'bench'});
    if (path === '/api/v1/bridge/list_kubeconfigs') {
      return json({sources: [], contexts: clusters.map(context)});
    }
    if (path === '/api/v1/bridge/get_selection') return json({selectedClusterIds: clusters});
    if (path === '/api/v1/diagnostics') {
      return json({clusters: [], server: {openStreams: 0, cachedRows: 0, estimatedBytes: 0,
                                          sortedRuns: 0, notices: []}});
    }
    if (path === '/api/v1/snapshots/namespaces') {
      const items = [];
      for (const id of clusters) for (let n = 0; n < 50; n++) {
        items.push({clusterId: id, clusterName: nameOf(id), stale: false, name: 'ns-' + n,
                    phase: 'Active', createdAt: '2025-01-01T00:00:00Z'});
      }
      return json(snapshot('namespaces', items, items.length));
    }
    if (path === '/api/v1/snapshots/pods') {
      const offset = Number(url.searchParams.get('offset') || 0);
      const limit = Number(url.searchParams.get('limit') || 500);
      window.__bench.requests += 1;
      return later(() => {
        const items = [];
        for (let i = offset; i < Math.min(config.rows, offset + limit); i++) items.push(pod(i));
        window.__bench.rowsServed += items.length;
        return json(snapshot('pods', items, config.rows));
      });
    }
    return new Response(JSON.stringify({error: {code: 'not_found', message: path}}),
                        {status: 404, headers: {'Content-Type': 'application/json'}});
  };
  // A catalog stream that opens and stays quiet (no polling fallback during the run).
  window.EventSource = class {
    static CONNECTING = 0; static OPEN = 1; static CLOSED = 2;
    constructor(url) { this.url = url; this.readyState = 0;
      setTimeout(() => { this.readyState = 1; this.onopen && this.onopen(new Event('open')); }, 0); }
    addEventListener() {}
    close() { this.readyState = 2; }
  };
})();
"""

# True when the rows at the grid's scroll position are rendered and loaded (no placeholders).
SHOWN_JS = """
const shown = (grid) => {
  const rows = [...grid.querySelectorAll('tbody tr')];
  const top = Math.floor(grid.scrollTop / 28);
  return rows.some((row) => Number(row.dataset.index) === top)
    && !rows.some((row) => row.hasAttribute('data-loading'));
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const grid = () => document.querySelector('table[aria-label="Pods"]').parentElement;
"""

# Scrolls the grid by `step` pixels per animation frame for `frames` frames and returns every
# frame's duration (ms), then how long until the rows at the final position are shown.
SCROLL_SCRIPT = (
    """
async ([step, frames]) => {
"""
    + SHOWN_JS
    + """
  const scroller = grid();
  const durations = [];
  let last = performance.now();
  for (let i = 0; i < frames; i++) {
    scroller.scrollTop += step;
    await frame();
    const now = performance.now();
    durations.push(now - last);
    last = now;
  }
  const stopped = performance.now();
  while (!shown(scroller) && performance.now() - stopped < 10000) await frame();
  return {durations, settleMs: performance.now() - stopped, scrollTop: scroller.scrollTop};
}
"""
)

# Jumps to the end and returns how long until the last rows are shown.
JUMP_SCRIPT = (
    """
async () => {
"""
    + SHOWN_JS
    + """
  const scroller = grid();
  const started = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  await frame();
  while (!shown(scroller) && performance.now() - started < 10000) await frame();
  const last = [...scroller.querySelectorAll('tbody tr')]
    .map((row) => Number(row.dataset.index)).reduce((a, b) => Math.max(a, b), 0);
  return {ms: performance.now() - started, lastIndex: last};
}
"""
)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def static_server(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def emit(metric: str, value: float | int, unit: str, **extra: Any) -> None:
    print(
        json.dumps({"bench": "ui_table", "metric": metric, "value": value, "unit": unit, **extra})
    )
    sys.stdout.flush()


def frame_stats(durations: list[float]) -> dict[str, float]:
    return {
        "p50": round(percentile(durations, 50), 2),
        "p95": round(percentile(durations, 95), 2),
        "p99": round(percentile(durations, 99), 2),
        "max": round(max(durations), 2),
        "over50ms": sum(1 for d in durations if d > 50),
        "frames": len(durations),
    }


def main_thread_cpu_ms(cdp: CDPSession) -> float:
    """CPU time of the page's main thread so far: unlike wall time, not inflated by other load."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return 1000.0 * float(next(m["value"] for m in metrics if m["name"] == "ThreadTime"))


def scroll(page: Page, cdp: CDPSession, step: int, frames: int) -> dict[str, Any]:
    before = main_thread_cpu_ms(cdp)
    result: dict[str, Any] = page.evaluate(SCROLL_SCRIPT, [step, frames])
    result["cpuPerFrameMs"] = (main_thread_cpu_ms(cdp) - before) / frames
    return result


def one_run(page: Page, url: str) -> dict[str, Any]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    page.goto(url + "#/pods")
    page.wait_for_selector(FIRST_ROW, timeout=30_000)
    first_rows_ms = page.evaluate("performance.now()")
    first_rows_cpu_ms = main_thread_cpu_ms(cdp)
    rendered = page.locator('table[aria-label="Pods"] tbody tr').count()
    smooth = scroll(page, cdp, 84, 240)  # 3 rows per frame: reading speed
    fling = scroll(page, cdp, 2400, 120)  # 85 rows per frame: a fast drag
    jump = page.evaluate(JUMP_SCRIPT)
    served = page.evaluate("window.__bench")
    heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0")
    return {
        "first_rows_ms": first_rows_ms,
        "first_rows_cpu_ms": first_rows_cpu_ms,
        "rendered_rows": rendered,
        "smooth": smooth,
        "fling": fling,
        "jump": jump,
        "served": served,
        "heap": heap,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--latency-ms", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--static", type=Path, default=STATIC, help="the built frontend to serve")
    args = parser.parse_args()
    if not (args.static / "index.html").exists():
        print(f"no build in {args.static}: run `npm run build` in frontend/", file=sys.stderr)
        return 2

    config = {"clusters": CLUSTERS, "rows": args.rows, "latencyMs": args.latency_ms}
    runs = []
    with static_server(args.static) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            context = browser.new_context(viewport=VIEWPORT)  # fresh storage per run
            context.add_init_script(STUB_SCRIPT % {"config": json.dumps(config)})
            page = context.new_page()
            runs.append(one_run(page, url))
            context.close()
        version = browser.version
        browser.close()

    common = {"rows": args.rows, "clusters": len(CLUSTERS), "runs": args.runs}
    # The machine is shared: the load average says how much of the wall time is contention.
    common |= {"latency_ms": args.latency_ms, "chromium": version, "loadavg": os.getloadavg()[0]}
    first = [run["first_rows_ms"] for run in runs]
    emit(
        "time_to_first_rows",
        round(statistics.median(first), 1),
        "ms",
        **common,
        all=[round(v, 1) for v in first],
    )
    cpu = [run["first_rows_cpu_ms"] for run in runs]
    emit(
        "time_to_first_rows_cpu",
        round(statistics.median(cpu), 1),
        "ms",
        **common,
        all=[round(v, 1) for v in cpu],
    )
    emit("rendered_rows", runs[-1]["rendered_rows"], "rows", **common)
    for name in ("smooth", "fling"):
        durations = [d for run in runs for d in run[name]["durations"][1:]]
        settle = [run[name]["settleMs"] for run in runs]
        per_frame = [run[name]["cpuPerFrameMs"] for run in runs]
        emit(
            f"scroll_{name}_cpu_per_frame",
            round(statistics.median(per_frame), 2),
            "ms",
            **common,
            all=[round(v, 2) for v in per_frame],
        )
        emit(
            f"scroll_{name}_frame_ms",
            frame_stats(durations)["p50"],
            "ms",
            **common,
            **frame_stats(durations),
        )
        emit(
            f"scroll_{name}_settle",
            round(statistics.median(settle), 1),
            "ms",
            **common,
            all=[round(v, 1) for v in settle],
        )
    jumps = [run["jump"]["ms"] for run in runs]
    emit(
        "jump_to_end_rows",
        round(statistics.median(jumps), 1),
        "ms",
        **common,
        last_index=runs[-1]["jump"]["lastIndex"],
        all=[round(v, 1) for v in jumps],
    )
    emit(
        "snapshot_requests",
        runs[-1]["served"]["requests"],
        "requests",
        **common,
        rows_served=runs[-1]["served"]["rowsServed"],
    )
    emit("js_heap_after_scroll", round(runs[-1]["heap"] / 1024 / 1024, 1), "MiB", **common)
    return 0


if __name__ == "__main__":
    sys.exit(main())
