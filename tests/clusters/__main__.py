"""`python -m tests.clusters up|down|status|run` (see README.md)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from tests.clusters import harness


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.clusters")
    sub = parser.add_subparsers(dest="command", required=True)

    def state_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--state-dir",
            type=Path,
            default=None,
            help="run directory (default $REGATTA_CLUSTERS_STATE_DIR or "
            "~/.cache/regatta/clusters-run)",
        )

    def starting(p: argparse.ArgumentParser) -> None:
        state_dir(p)
        p.add_argument("--clusters", type=int, default=3, help="number of clusters (default 3)")
        p.add_argument(
            "--pods-per-cluster",
            type=int,
            default=0,
            help="also create this many Running pods per cluster (namespace `scale`)",
        )

    starting(sub.add_parser("up", help="start clusters; prints one JSON document"))
    state_dir(sub.add_parser("down", help="stop everything a run started"))
    state_dir(sub.add_parser("status", help="health of every process; exit 1 if not all healthy"))
    run = sub.add_parser("run", help="up, run a command with REGATTA_KUBECONFIG_DIR set, down")
    starting(run)
    run.add_argument(
        "cmd", nargs=argparse.REMAINDER, help="-- CMD ARGS... ({kubeconfigDir} is replaced)"
    )
    return parser


def _run_command(args: argparse.Namespace) -> int:
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        print("run: give a command after --", file=sys.stderr)
        return 2
    env = harness.up(args.clusters, args.state_dir, args.pods_per_cluster, owner_pid=os.getpid())
    child: subprocess.Popen[bytes] | None = None
    stopping = False

    def forward(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    old = {s: signal.signal(s, forward) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        kube_dir = str(env.kubeconfig_dir)
        argv = [a.replace("{kubeconfigDir}", kube_dir) for a in cmd]
        print(json.dumps(env.describe()), file=sys.stderr, flush=True)
        if not stopping:
            child = subprocess.Popen(argv, env={**os.environ, "REGATTA_KUBECONFIG_DIR": kube_dir})
            return child.wait()
        return 130
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
        env.down()


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    if args.command == "up":
        env = harness.up(args.clusters, args.state_dir, args.pods_per_cluster)
        print(json.dumps(env.describe(), indent=2))
        return 0
    if args.command == "down":
        stopped = harness.down(args.state_dir)
        print(json.dumps({"stopped": stopped}))
        return 0
    if args.command == "status":
        report = harness.status(args.state_dir)
        print(json.dumps(report, indent=2))
        return 0 if report["healthy"] else 1
    return _run_command(args)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
