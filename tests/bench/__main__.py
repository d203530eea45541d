"""`make bench`: run every benchmark script in this folder, one after another.

Each `bench_*.py` is a plain script that prints its results as JSON lines; this runner prints
them all and a summary of which scripts failed. Copy the numbers into docs/benchmarks.md with
the machine and the command. Select scripts by substring: `python -m tests.bench stream`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    scripts = sorted(
        p for p in HERE.glob("bench_*.py") if not wanted or any(w in p.name for w in wanted)
    )
    failed = []
    for script in scripts:
        print(f"# {script.name}", flush=True)
        started = time.monotonic()
        code = subprocess.call([sys.executable, str(script)], cwd=ROOT)
        print(f"# {script.name}: exit {code} after {time.monotonic() - started:.1f}s", flush=True)
        if code != 0:
            failed.append(script.name)
    if failed:
        print(f"# failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
