"""Benchmark of the merged-stream core: parse + merge + SSE encoding, and buffer memory.

Run: `uv run python tests/bench/bench_stream_merge.py [--lines N]`. Prints one JSON object per
line. Everything runs in this one thread, so the numbers are for one core.

- `pipeline`: kubelet lines of 50 sources arriving in interleaved chunks, each split and parsed,
  rate-checked, merged with the default 500 ms window, given its contract payload (timestamp
  re-formatted with nine digits), encoded as an SSE frame into a client's buffer and read out.
- `stage`: the cost of each step alone, per line.
- `buffer_memory`: a client that stopped reading while 200,000 lines were put (short lines, so
  the event count binds; long lines, so the byte bound binds); tracemalloc's peak and what the
  buffer still holds.
"""

from __future__ import annotations

import argparse
import json
import random
import time
import tracemalloc
from collections.abc import Callable

from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.limits import DEFAULT_BUFFER_MAX_BYTES, DEFAULT_BUFFER_MAX_EVENTS
from backend.refresh.streams.merge import SourceKey, TimestampMerger
from backend.refresh.streams.ratelimit import SourceRateLimiter
from backend.refresh.streams.sse import encode_event
from backend.refresh.streams.timestamps import (
    format_rfc3339_ns,
    parse_rfc3339_ns,
    split_log_line,
)

SOURCES = 50
CHUNK = 20  # lines per read from one source's stream
GOAL_LINES_PER_S = 50_000
START_NS = 1_795_679_381_000_000_000  # 2026-11-26T07:49:41Z
MESSAGES = [
    '10.0.0.{n} - - [26/Nov/2026:07:49:41 +0000] "GET /api/v1/items?page={n} HTTP/1.1" 200 512',
    'level=info msg="reconciled" controller=deployment name=web-{n} duration=3.{n}ms',
    "WARN  [worker-{n}] retrying request to upstream after connection reset (attempt {n})",
]


def emit(record: dict[str, object]) -> None:
    print(json.dumps(record), flush=True)


def make_source_keys() -> list[tuple[SourceKey, dict[str, str]]]:
    """50 containers over 5 clusters, with the fields a log payload carries."""
    sources: list[tuple[SourceKey, dict[str, str]]] = []
    for index in range(SOURCES):
        cluster = f"kubeconfig.yaml:cluster-{index % 5}"
        pod, container, namespace = f"web-{index:02d}-7d9f8c", "app", "default"
        scope = f"{cluster}|pod:{namespace}/{pod}/{container}"
        fields = {
            "scope": scope,
            "clusterId": cluster,
            "clusterName": cluster.split(":", 1)[1],
            "namespace": namespace,
            "pod": pod,
            "container": container,
        }
        sources.append(((cluster, pod, container, namespace), fields))
    return sources


def make_chunks(lines: int, seed: int = 7) -> list[tuple[int, float, list[str]]]:
    """(source index, arrival time, raw kubelet lines) in arrival order, ~50k lines per second."""
    rng = random.Random(seed)
    per_source = lines // SOURCES
    chunks: list[tuple[int, float, list[str]]] = []
    for source in range(SOURCES):
        stamp = START_NS + rng.randrange(10**6)
        arrival = 0.0
        for first in range(0, per_source, CHUNK):
            raw = []
            for n in range(first, min(first + CHUNK, per_source)):
                stamp += rng.randrange(1, 2 * 10**6 * SOURCES // 100)
                text = rng.choice(MESSAGES).format(n=n)
                raw.append(f"{format_rfc3339_ns(stamp).replace('000Z', 'Z')} {text}")
            # read a little after its last line was written, never before the previous chunk
            arrival = max(arrival, (stamp - START_NS) / 1e9 + rng.uniform(0.0, 0.2))
            chunks.append((source, arrival, raw))
    chunks.sort(key=lambda chunk: chunk[1])  # stable: one source's chunks keep their order
    return chunks


def run_pipeline(chunks: list[tuple[int, float, list[str]]]) -> dict[str, object]:
    sources = make_source_keys()
    merger: TimestampMerger[tuple[int, str, dict[str, str]]] = TimestampMerger()
    limiter = SourceRateLimiter(rate_per_s=1e9, burst=10**9)
    buffer = EventBuffer()
    for key, _ in sources:
        merger.register(key)
    seq = 0
    written = 0
    previous_stamp = 0
    out_of_order = 0

    def deliver(released: list[tuple[int, str, dict[str, str]]]) -> None:
        nonlocal seq, written, previous_stamp, out_of_order
        for stamp, text, fields in released:
            seq += 1
            out_of_order += stamp < previous_stamp
            previous_stamp = stamp
            buffer.put(
                "log",
                {**fields, "timestamp": format_rfc3339_ns(stamp), "line": text, "seq": seq},
            )
        frame = buffer.get_nowait()
        while frame is not None:
            written += len(frame)
            frame = buffer.get_nowait()

    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for source, arrival, raw in chunks:
        key, fields = sources[source]
        for line in raw:
            if limiter.admit(key, arrival):
                stamp, text = split_log_line(line)
                merger.push(key, stamp, (stamp, text, fields), arrival)
        deliver(merger.release_ready(arrival))
    for key, _ in sources:
        merger.end_source(key)
    deliver(merger.release_ready(chunks[-1][1]))
    cpu = time.process_time() - started_cpu
    wall = time.perf_counter() - started_wall
    lines = sum(len(raw) for _, _, raw in chunks)
    assert seq == lines, (seq, lines)
    return {
        "bench": "pipeline",
        "sources": SOURCES,
        "lines": lines,
        "cpu_s": round(cpu, 3),
        "wall_s": round(wall, 3),
        "lines_per_s": round(lines / cpu),
        "us_per_line": round(cpu / lines * 1e6, 2),
        "goal_lines_per_s": GOAL_LINES_PER_S,
        "meets_goal": lines / cpu >= GOAL_LINES_PER_S,
        "late": merger.late,
        "backwards": merger.backwards,
        "out_of_order": out_of_order,
        "bytes_written": written,
    }


def per_call_ns(action: Callable[[], object], repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        action()
    return (time.process_time() - started) / repeat * 1e9


def run_stages() -> list[dict[str, object]]:
    line = "2026-11-26T07:49:41.123456789Z " + MESSAGES[0].format(n=3)
    stamp = "2026-11-26T07:49:41.123456789Z"
    payload = {
        **make_source_keys()[0][1],
        "timestamp": stamp,
        "line": MESSAGES[0].format(n=3),
        "seq": 12345,
    }
    repeat = 100_000
    stages = {
        "parse_rfc3339_ns (kubelet form)": lambda: parse_rfc3339_ns(stamp),
        "parse_rfc3339_ns (+02:00 offset)": lambda: parse_rfc3339_ns(
            "2026-11-26T09:49:41.123+02:00"
        ),
        "split_log_line": lambda: split_log_line(line),
        "format_rfc3339_ns": lambda: format_rfc3339_ns(1_795_679_381_123_456_789),
        "encode_event": lambda: encode_event("log", payload, 123456),
    }
    results: list[dict[str, object]] = [
        {"bench": "stage", "stage": name, "ns_per_call": round(per_call_ns(action, repeat))}
        for name, action in stages.items()
    ]
    merger: TimestampMerger[int] = TimestampMerger()
    keys = [key for key, _ in make_source_keys()]
    for key in keys:
        merger.register(key)
    count = 100_000
    started = time.process_time()
    for n in range(count):
        merger.push(keys[n % SOURCES], START_NS + n * 1000, n, n / 50_000)
        if n % CHUNK == 0:
            merger.release_ready(n / 50_000)
    merger.flush()
    results.append(
        {
            "bench": "stage",
            "stage": "merger push + release (50 sources)",
            "ns_per_call": round((time.process_time() - started) / count * 1e9),
        }
    )
    return results


def run_buffer_memory(line_chars: int, lines: int = 200_000) -> dict[str, object]:
    fields = make_source_keys()[0][1]
    padding = "x" * line_chars
    tracemalloc.start()
    buffer = EventBuffer()
    baseline, _ = tracemalloc.get_traced_memory()
    for n in range(lines):
        buffer.put(
            "log",
            {
                **fields,
                "timestamp": format_rfc3339_ns(START_NS + n),
                "line": (MESSAGES[n % 3].format(n=n) + padding)[:line_chars],
                "seq": n,
            },
        )
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    buffer.get_nowait()  # the `dropped` notice; then every frame the buffer held
    held = []
    while (frame := buffer.get_nowait()) is not None:
        held.append(frame)
    held_bytes = sum(len(frame) for frame in held)
    return {
        "bench": "buffer_memory",
        "lines_put": lines,
        "line_chars": line_chars,
        "reader": "stopped",
        "max_events": DEFAULT_BUFFER_MAX_EVENTS,
        "max_bytes": DEFAULT_BUFFER_MAX_BYTES,
        "held_events": len(held),
        "held_bytes": held_bytes,
        "traced_current_bytes": current - baseline,
        "traced_peak_bytes": peak - baseline,
        "overhead_per_held_event_bytes": round(
            (current - baseline - held_bytes) / max(len(held), 1)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    chunks = make_chunks(args.lines)
    emit(run_pipeline(chunks))
    for result in run_stages():
        emit(result)
    emit(run_buffer_memory(line_chars=80))  # the event count binds
    emit(run_buffer_memory(line_chars=2000))  # the byte bound binds


if __name__ == "__main__":
    main()
