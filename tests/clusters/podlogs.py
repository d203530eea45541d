"""What `kubectl logs` returns for the fake pods: CRI-format files that kwok serves.

kwok picks a log file per (namespace, container) through ClusterLogs rules. The files are filled
with timestamped history at start-up and then appended to by the side process, so `logs -f`
streams, and lines of different clusters interleave in time (cluster i of n writes at offset
i/n of every interval).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

# (namespace, container) pairs with a file of their own; None = the namespace's other containers.
LOG_LAYOUT: dict[str, tuple[str | None, ...]] = {
    "shop": ("web", None),
    "team-a": ("api", "redis", None),
    "team-b": ("worker", None),
}


@dataclass(frozen=True)
class LogSource:
    """One log file and the pods/containers kwok serves it for."""

    cluster: str
    namespace: str | None  # None: every namespace not listed in LOG_LAYOUT
    container: str | None  # None: every container without a file of its own
    path: Path

    @property
    def style(self) -> str:
        return self.container or "generic"


def log_sources(cluster: str, log_root: Path) -> list[LogSource]:
    sources = []
    for namespace, containers in LOG_LAYOUT.items():
        for container in containers:
            stem = f"{namespace}-{container}" if container else namespace
            sources.append(LogSource(cluster, namespace, container, log_root / f"{stem}.log"))
    sources.append(LogSource(cluster, None, None, log_root / "other.log"))
    return sources


def previous_log(log_root: Path) -> Path:
    return log_root / "previous.log"


def cri_timestamp(when: dt.datetime) -> str:
    """RFC 3339 with nanoseconds in UTC, as container runtimes write it."""
    utc = when.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond:06d}000Z"


def cri_line(when: dt.datetime, message: str, stream: str = "stdout") -> str:
    return f"{cri_timestamp(when)} {stream} F {message}\n"


_PATHS = ("/", "/products", "/cart", "/checkout", "/api/items", "/healthz")


def message(source: LogSource, seq: int) -> tuple[str, str]:
    """(stream, text) of line `seq` of a source; deterministic so tests can predict it."""
    tail = f"cluster={source.cluster} seq={seq}"
    if seq % 10 == 0:
        return "stderr", f'level=error msg="upstream timeout" retry=true {tail}'
    status = 500 if seq % 17 == 0 else 200
    ms = 3 + (seq * 7) % 90
    if source.style == "web":
        path = _PATHS[seq % len(_PATHS)]
        return "stdout", f'10.244.0.{seq % 250} "GET {path} HTTP/1.1" {status} {ms}ms {tail}'
    if source.style == "api":
        return "stdout", f'level=info msg="request handled" status={status} ms={ms} {tail}'
    if source.style == "redis":
        return "stdout", f"* {seq % 100} changes in 60 seconds. Saving... {tail}"
    if source.style == "worker":
        return "stdout", f"processed job id={seq} queue=default duration={ms}ms {tail}"
    return "stdout", f"level=info msg=heartbeat {tail}"


def history(
    source: LogSource,
    cluster_index: int,
    cluster_count: int,
    lines: int,
    spacing_s: float,
    now: dt.datetime,
) -> str:
    """`lines` lines ending before `now`, offset by the cluster's slot within each spacing."""
    offset = spacing_s * cluster_index / cluster_count
    out = []
    for seq in range(1, lines + 1):
        when = now - dt.timedelta(seconds=spacing_s * (lines - seq + 1) - offset)
        stream, text = message(source, seq)
        out.append(cri_line(when, text, stream))
    return "".join(out)


def previous_history(cluster: str, now: dt.datetime) -> str:
    """The log of the 'previous' container instance (kubectl logs --previous)."""
    start = now - dt.timedelta(minutes=10)
    lines = [
        cri_line(start, f"starting cluster={cluster}"),
        cri_line(
            start + dt.timedelta(seconds=1), f"panic: lost connection cluster={cluster}", "stderr"
        ),
    ]
    return "".join(lines)
