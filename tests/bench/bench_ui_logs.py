"""The Logs view holding 50,000 lines from 20 sources while following at 2,000 lines/s.

Serves the built frontend (backend/static, `npm run build` in frontend/) from a plain static
server and answers the API in the page itself (an init script replaces `fetch` and
`EventSource`, as bench_ui_table.py does), so it measures the view — the line buffer, filters,
virtualization, rendering — and not the backend. The page picks the 20 pods, the fake stream
fills the session with 50,000 lines (the cap), then sends 2,000 lines/s (100 every 50 ms) while
the view follows; frame durations, the main thread's CPU time and the JS heap are measured.

Prints one JSON line per measurement. Run:
    uv run python tests/bench/bench_ui_logs.py [--sources 20] [--fill 50000] [--rate 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from typing import Any

from playwright.sync_api import Page, sync_playwright

from tests.bench.bench_ui_table import (
    STATIC,
    VIEWPORT,
    frame_stats,
    main_thread_cpu_ms,
    static_server,
)
from tests.browser import CHROMIUM, CHROMIUM_ARGS

CLUSTERS = ["dev.yaml:alpha", "dev.yaml:beta", "prod.yaml:gamma", "prod.yaml:delta"]

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
      clusterId, clusterName: nameOf(clusterId), stale: false, group: '', version: 'v1',
      kind: 'Pod', namespace: 'shop', name: 'web-' + String(i).padStart(2, '0'), uid: 'uid-' + i,
      phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, node: 'node-1',
      createdAt: '2025-01-01T00:00:00Z', ownerKind: 'ReplicaSet', ownerName: 'web',
    };
  };
  const snapshot = (domain, items) => ({
    domain, selectedClusterIds: clusters, scopes: clusters.map((id) => id + '|'),
    version: 'v1', generatedAt: '2025-01-01T00:00:00Z',
    clusters: clusters.map((id) => part(id, items.length / clusters.length)),
    items, total: items.length,
  });
  const json = (body) => new Response(JSON.stringify(body), {
    status: 200, headers: {'Content-Type': 'application/json', 'ETag': '"v1"'},
  });
  window.fetch = async (input) => {
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
      return json(snapshot('namespaces', clusters.map((id) => ({
        clusterId: id, clusterName: nameOf(id), stale: false, name: 'shop', phase: 'Active',
        createdAt: '2025-01-01T00:00:00Z'}))));
    }
    if (path === '/api/v1/snapshots/pods') {
      const items = [];
      for (let i = 0; i < config.sources; i++) items.push(pod(i));
      return json(snapshot('pods', items));
    }
    return new Response(JSON.stringify({error: {code: 'not_found', message: path}}),
                        {status: 404, headers: {'Content-Type': 'application/json'}});
  };
  // Streams: the catalog stream stays quiet; the logs stream is driven by window.__logs.
  const paths = ['/', '/products', '/cart', '/checkout', '/api/items'];
  let seq = 0;
  let clock = Date.parse('2025-01-01T00:00:00Z');
  const line = (scope, source) => {
    seq += 1;
    clock += 1;
    const clusterId = scope.slice(0, scope.indexOf('|'));
    const pod = scope.slice(scope.lastIndexOf('/') + 1);
    const stamp = new Date(clock).toISOString().slice(0, 23) + '000000Z';
    const text = seq %% 10 === 0
      ? 'level=error msg="upstream timeout" retry=true seq=' + seq
      : '10.244.0.' + (seq %% 250) + ' "GET ' + paths[seq %% paths.length] + ' HTTP/1.1" 200 ' +
        (seq %% 90) + 'ms seq=' + seq;
    return JSON.stringify({scope, clusterId, clusterName: nameOf(clusterId), namespace: 'shop',
      pod, container: 'web', timestamp: stamp, line: text, seq, late: false});
  };
  window.__logs = {source: null, sent: 0};
  window.__sendLogs = (count) => {
    const stream = window.__logs.source;
    if (!stream) return 0;
    const scopes = new URL(stream.url, location.href).searchParams.getAll('scope');
    const handlers = stream.listeners.log || [];
    for (let i = 0; i < count; i++) {
      const scope = scopes[(window.__logs.sent + i) %% scopes.length];
      const event = new MessageEvent('log', {data: line(scope)});
      for (const handle of handlers) handle(event);
    }
    window.__logs.sent += count;
    return count;
  };
  window.EventSource = class {
    static CONNECTING = 0; static OPEN = 1; static CLOSED = 2;
    constructor(url) {
      this.url = url; this.readyState = 0; this.listeners = {};
      if (url.includes('/streams/logs')) window.__logs.source = this;
      setTimeout(() => { this.readyState = 1; this.onopen && this.onopen(new Event('open')); }, 0);
    }
    addEventListener(name, handle) { (this.listeners[name] ||= []).push(handle); }
    close() { this.readyState = 2; if (window.__logs.source === this) window.__logs.source = null; }
  };
})();
"""

# Sends `rate` lines/s in batches every 50 ms for `seconds`, recording every frame's duration.
FOLLOW_SCRIPT = """
async ([rate, seconds]) => {
  const durations = [];
  const perTick = Math.round(rate / 20);
  const timer = setInterval(() => window.__sendLogs(perTick), 50);
  const started = performance.now();
  let last = started;
  while (performance.now() - started < seconds * 1000) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const now = performance.now();
    durations.push(now - last);
    last = now;
  }
  clearInterval(timer);
  return {durations, sent: window.__logs.sent};
}
"""


def heap_mb(page: Page) -> float:
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("Performance.enable")
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    used = next(m["value"] for m in metrics if m["name"] == "JSHeapUsedSize")
    return round(float(used) / 2**20, 1)


def one_run(page: Page, url: str, args: argparse.Namespace) -> dict[str, Any]:
    page.goto(url + "#/logs")
    baseline_heap = heap_mb(page)
    page.get_by_role("button", name="+ New session").click()
    page.get_by_role("button", name=f"Select all matching ({args.sources})").click()
    page.wait_for_function("window.__logs.source !== null")
    for _ in range(args.fill // 5000):
        page.evaluate("window.__sendLogs(5000)")
    count = page.get_by_test_id("log-line-count")
    page.wait_for_function(
        "n => Number(document.querySelector('[data-testid=log-line-count]').textContent"
        ".replace(/\\D/g, '')) >= n",
        arg=args.fill,
    )
    filled_heap = heap_mb(page)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    before = main_thread_cpu_ms(cdp)
    follow = page.evaluate(FOLLOW_SCRIPT, [args.rate, args.seconds])
    cpu_ms = main_thread_cpu_ms(cdp) - before
    page.wait_for_timeout(300)  # the last flush
    shown = count.inner_text()
    return {
        "baseline_heap_mb": baseline_heap,
        "filled_heap_mb": filled_heap,
        "after_heap_mb": heap_mb(page),
        "durations": follow["durations"],
        "cpu_share": cpu_ms / (args.seconds * 1000),
        "sent": follow["sent"],
        "shown": shown,
        "cap_notice": page.get_by_test_id("log-cap").count() == 1,
    }


def emit(metric: str, value: float | int | str, unit: str, **extra: Any) -> None:
    print(json.dumps({"bench": "ui_logs", "metric": metric, "value": value, "unit": unit, **extra}))
    sys.stdout.flush()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=20)
    parser.add_argument("--fill", type=int, default=50_000)
    parser.add_argument("--rate", type=int, default=2_000, help="lines per second while following")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (STATIC / "index.html").exists():
        print(f"no build in {STATIC}: run `npm run build` in frontend/", file=sys.stderr)
        return 2
    config = {"clusters": CLUSTERS, "sources": args.sources}
    runs = []
    with static_server(STATIC) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(args.runs):
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(STUB_SCRIPT % {"config": json.dumps(config)})
            page = context.new_page()
            runs.append(one_run(page, url, args))
            context.close()
        version = browser.version
        browser.close()

    common = {
        "sources": args.sources,
        "fill": args.fill,
        "rate": args.rate,
        "seconds": args.seconds,
        "runs": args.runs,
        "chromium": version,
        "loadavg": os.getloadavg()[0],
    }
    durations = [d for run in runs for d in run["durations"][1:]]
    emit("follow_frame_ms", frame_stats(durations)["p50"], "ms", **common, **frame_stats(durations))
    shares = [run["cpu_share"] for run in runs]
    emit(
        "follow_main_thread_cpu_share",
        round(statistics.median(shares), 3),
        "fraction",
        **common,
        all=[round(v, 3) for v in shares],
    )
    for key in ("baseline_heap_mb", "filled_heap_mb", "after_heap_mb"):
        values = [run[key] for run in runs]
        emit(key, statistics.median(values), "MiB", **common, all=values)
    emit(
        "shown_after_follow", runs[-1]["shown"], "text", **common, cap_notice=runs[-1]["cap_notice"]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
