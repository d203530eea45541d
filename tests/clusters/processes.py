"""Starting, inspecting and stopping the harness's long-running processes.

Every process gets its own session (hence its own process group) so that stopping it also stops
anything it spawned (kwok's exec children), and so that a Ctrl-C in the terminal that ran `up`
does not reach the clusters. A record carries the kernel start time of the process, so a PID that
was reused by an unrelated process after a crash is never signalled.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from tests.clusters import limits

RunState = Literal["running", "frozen", "exited"]

# Popen objects of the processes this Python process started, so their exit can be reaped.
_children: dict[int, subprocess.Popen[bytes]] = {}


class ProcessRecord(BaseModel):
    """What is needed to find, judge, stop and restart one harness process."""

    name: str
    cluster: str | None
    argv: list[str]
    env: dict[str, str]
    cwd: str
    log: str
    pid: int
    pgid: int
    start_ticks: int


class ProcessStartError(RuntimeError):
    """A harness process exited or never became ready; the message quotes its log."""


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state letter, process group, start time in clock ticks) from /proc, or None if gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    return fields[0], int(fields[2]), int(fields[19])


def _reap(pid: int) -> None:
    child = _children.get(pid)
    if child is not None and child.poll() is not None:
        del _children[pid]


def spawn(
    name: str,
    cluster: str | None,
    argv: list[str],
    log: Path,
    env: dict[str, str],
    cwd: Path,
) -> ProcessRecord:
    """Start `argv` in a new session with stdout and stderr appended to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    full_env = {**os.environ, **env}
    with log.open("ab") as out:
        child = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=full_env,
            start_new_session=True,
        )
    _children[child.pid] = child
    stat = _stat(child.pid)
    ticks = stat[2] if stat else 0
    return ProcessRecord(
        name=name,
        cluster=cluster,
        argv=argv,
        env=env,
        cwd=str(cwd),
        log=str(log),
        pid=child.pid,
        pgid=child.pid,
        start_ticks=ticks,
    )


def run_state(record: ProcessRecord) -> RunState:
    """Whether the recorded process still runs, is stopped by SIGSTOP, or is gone."""
    _reap(record.pid)
    stat = _stat(record.pid)
    if stat is None or stat[2] != record.start_ticks or stat[0] in ("Z", "X"):
        return "exited"
    return "frozen" if stat[0] in ("T", "t") else "running"


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes whose process group is `pgid`."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        _reap(pid)
        stat = _stat(pid)
        if stat is not None and stat[1] == pgid and stat[0] not in ("Z", "X"):
            members.append(pid)
    return members


def _ours(record: ProcessRecord, members: list[int]) -> bool:
    """Whether the members of the record's group are still the ones the harness started."""
    if not members:
        return False
    leader = _stat(record.pgid)
    # A live leader with another start time means the PID was reused: not ours.
    return leader is None or leader[2] == record.start_ticks or record.pgid not in members


def signal_group(record: ProcessRecord, sig: signal.Signals) -> bool:
    """Send `sig` to the record's process group if it is still ours; False if nothing was sent."""
    if not _ours(record, group_members(record.pgid)):
        return False
    try:
        os.killpg(record.pgid, sig)
    except ProcessLookupError:
        return False
    return True


def _wait_group_gone(record: ProcessRecord, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _ours(record, group_members(record.pgid)):
        if time.monotonic() >= deadline:
            return False
        time.sleep(limits.POLL_INTERVAL_S)
    return True


def stop(record: ProcessRecord) -> None:
    """SIGTERM the process group, SIGKILL it after the grace period; return when it is gone."""
    if not signal_group(record, signal.SIGTERM):
        return
    # A frozen (SIGSTOPped) process only acts on SIGTERM once it runs again.
    signal_group(record, signal.SIGCONT)
    if _wait_group_gone(record, limits.STOP_GRACE_S):
        return
    signal_group(record, signal.SIGKILL)
    if not _wait_group_gone(record, limits.KILL_WAIT_S):
        left = group_members(record.pgid)
        raise RuntimeError(f"{record.name} (pgid {record.pgid}) still has processes {left}")


def log_tail(record: ProcessRecord, lines: int = limits.LOG_TAIL_LINES) -> str:
    try:
        text = Path(record.log).read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    return "\n".join(text.splitlines()[-lines:])


def rss_bytes(record: ProcessRecord) -> int | None:
    """Resident memory of the recorded process (VmRSS), or None if it is gone."""
    if run_state(record) == "exited":
        return None
    try:
        for line in Path(f"/proc/{record.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except FileNotFoundError:
        return None
    return None
