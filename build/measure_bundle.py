"""Size and start-up times of the built Linux bundle, for docs/benchmarks.md:

    uv run python build/measure_bundle.py [--runs 3]

Size: `du -sh` of build/dist/regatta and of a `tar -czf` of it. Start-up, per run, from
process start: headless → JSON line; windowed (offscreen Qt) → JSON line, → the UI rendered
(`[data-testid=health-status]` says ok, read over CDP). The first run after a build reads the
files from disk only with `--cold` (drops the page cache first; needs root); later runs find
them in the page cache. The same for `python -m backend`
unfrozen, for comparison. Prints a Markdown table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import aiohttp  # noqa: E402

from tests.e2e.cdp import open_page, wait_for_value  # noqa: E402

BUNDLE = ROOT / "build" / "dist" / "regatta"
HEALTH = "document.querySelector('[data-testid=health-status]')?.textContent ?? null"
DEADLINE_S = 180.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sizes() -> tuple[str, str]:
    du = subprocess.run(["du", "-sh", str(BUNDLE)], capture_output=True, text=True, check=True)
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "regatta.tar.gz"
        subprocess.run(
            ["tar", "-C", str(BUNDLE.parent), "-czf", str(archive), "regatta"], check=True
        )
        packed = archive.stat().st_size
    return du.stdout.split()[0], f"{packed / 2**20:.0f} MiB"


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (not its children)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def one_start(command: list[str], windowed: bool) -> tuple[float, float | None, float]:
    """Seconds from process start to the JSON line and to the UI rendered (windowed), and the
    CPU seconds the process had used at the JSON line (independent of other load)."""
    with tempfile.TemporaryDirectory() as home:
        kube = Path(home) / "kube"
        kube.mkdir()
        debug_port = free_port()
        env = {
            **os.environ,
            "HOME": home,
            "KUBECONFIG": "",
            "REGATTA_LOG_DIR": str(Path(home) / "log"),
            "NO_PROXY": "127.0.0.1,localhost",
            "QT_QPA_PLATFORM": "offscreen",
            "QTWEBENGINE_REMOTE_DEBUGGING": f"127.0.0.1:{debug_port}",
            "QTWEBENGINE_CHROMIUM_FLAGS": "--no-sandbox",
        }
        args = ["--config-dir", str(Path(home) / "config"), "--kubeconfig-dir", str(kube)]
        if not windowed:
            args.insert(0, "--headless")
        loop = asyncio.get_running_loop()
        started = loop.time()
        proc = await asyncio.create_subprocess_exec(
            *command,
            *args,
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            assert proc.stdout is not None
            line = await asyncio.wait_for(proc.stdout.readline(), DEADLINE_S)
            to_line = loop.time() - started
            cpu = cpu_seconds(proc.pid)
            info = json.loads(line)
            to_ui = None
            if windowed:
                deadline = started + DEADLINE_S
                async with aiohttp.ClientSession() as session:
                    page = await open_page(
                        session, debug_port, f"http://127.0.0.1:{info['port']}/", deadline
                    )
                    await wait_for_value(page, HEALTH, "ok", deadline)
                to_ui = loop.time() - started
            return to_line, to_ui, cpu
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)


def drop_page_cache() -> bool:
    """Make the next start read the bundle from disk (Linux, root); False where not allowed."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


async def measure(runs: int, cold: bool) -> None:
    print(f"bundle {BUNDLE}: {' / '.join(sizes())} (du -sh / tar.gz)\n")
    print(
        "| program | mode | to JSON line: first, median of the rest"
        " | to UI rendered: first, median | CPU to JSON line: median |"
    )
    print("|---|---|---|---|---|")
    programs = {"bundle": [str(BUNDLE / "regatta")], "unfrozen": [sys.executable, "-m", "backend"]}
    for name, command in programs.items():
        for windowed in (False, True):
            results = []
            for run in range(runs):
                if run == 0 and cold and not drop_page_cache():
                    print("(the page cache could not be dropped: first runs are warm)")
                results.append(await one_start(command, windowed))
            lines = [r[0] for r in results]
            cells = [f"{lines[0]:.2f} s, {statistics.median(lines[1:] or lines):.2f} s"]
            uis = [r[1] for r in results if r[1] is not None]
            cells.append(
                f"{uis[0]:.2f} s, {statistics.median(uis[1:] or uis):.2f} s" if uis else "–"
            )
            cells.append(f"{statistics.median(r[2] for r in results):.2f} s")
            mode = "window (offscreen)" if windowed else "headless"
            print(f"| {name} | {mode} | {' | '.join(cells)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--cold", action="store_true", help="drop the page cache before each first run (root)"
    )
    if not (BUNDLE / "regatta").is_file():
        raise SystemExit("no bundle: run `make package` first")
    started = time.monotonic()
    options = parser.parse_args()
    print(f"load average before: {' '.join(f'{v:.1f}' for v in os.getloadavg())}", flush=True)
    asyncio.run(measure(options.runs, options.cold))
    print(
        f"\n(measured in {time.monotonic() - started:.0f} s; load average after: "
        f"{' '.join(f'{v:.1f}' for v in os.getloadavg())})"
    )


if __name__ == "__main__":
    main()
