"""Benchmark of the stream wiring end to end: log lines → follow parsing → merge → buffer → SSE
loop → uvicorn → an HTTP client reading the stream, all in one process and loop.

Run: `uv run python tests/bench/bench_stream_sse.py [--lines N] [--sources S]`. Prints one JSON
object. Lines are fed through `LogStream`'s own per-line path (timestamp split, resume cursor,
payload, merge) in chunks as a follow reads them, so the number includes everything the server
does per line except reading the cluster's socket. The client is a separate process that reads
the raw bytes and counts `event: log` frames, so `cpu_us_per_line` is the server's alone. On a
machine busy with other work the wall-clock rate says little; the CPU per line is the number.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import sys
import time
from typing import Any, cast

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from backend.objectcatalog.registry import CatalogRegistry
from backend.refresh.lifecycle import ServerLifecycle
from backend.refresh.streams.budget import SourceBudget
from backend.refresh.streams.buffer import EventBuffer
from backend.refresh.streams.log_targets import LogTarget
from backend.refresh.streams.logs import FollowTiming, LogOptions, LogStream, OpenFollows, _Source
from backend.refresh.streams.merged_output import MergedOutput
from backend.refresh.streams.session import StreamSession
from backend.refresh.streams.timestamps import format_rfc3339_ns

START_NS = 1_795_679_381_000_000_000
CHUNK = 20

CLIENT = """
import socket, sys
port, total = int(sys.argv[1]), int(sys.argv[2])
sock = socket.create_connection(("127.0.0.1", port))
sock.sendall(b"GET /s HTTP/1.1\\r\\nHost: 127.0.0.1\\r\\n\\r\\n")
seen, tail, marker = 0, b"", b"event: log\\n"
while seen < total:
    data = sock.recv(1 << 20)
    if not data:
        break
    chunk = tail + data
    seen += chunk.count(marker)
    tail = chunk[-(len(marker) - 1):]
    if b"event: dropped" in chunk:
        print("dropped", flush=True)
        break
print(seen, flush=True)
"""


class _Nothing:
    upstream = False

    async def run(self) -> None:
        await asyncio.Event().wait()

    async def cluster_removed(self, cluster_id: str) -> None:
        return None

    def close(self) -> None:
        return None


async def run(total: int, sources: int) -> dict[str, Any]:
    lifecycle = ServerLifecycle()
    buffer = EventBuffer(first_id=StreamSession.first_id(1))
    session = StreamSession(1, "bench", buffer, [_Nothing()])
    output = MergedOutput(buffer, 0.5)
    targets = [
        LogTarget(
            f"kubeconfig.yaml:c{i % 5}|pod:shop/web-{i}",
            f"kubeconfig.yaml:c{i % 5}",
            f"c{i % 5}",
            "shop",
            f"web-{i:02d}",
            "app",
        )
        for i in range(sources)
    ]
    stream = LogStream(
        cast(Any, None),
        SourceBudget(),
        OpenFollows(),
        output,
        LogOptions(),
        FollowTiming(),
        CatalogRegistry(),
        targets,
    )
    states = [_Source(t) for t in targets]
    for target in targets:
        output.register(target.key, target.source)

    async def endpoint(_: Request) -> Any:
        from backend.refresh.streams.response import EventStreamResponse

        return EventStreamResponse(cast(Any, _Hub(lifecycle)), session, session.attach())

    app = Starlette(routes=[Route("/s", endpoint)])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server_task = asyncio.get_running_loop().create_task(server.serve(sockets=[sock]))
    while not server.started:
        assert not server_task.done(), "the server stopped before it started"
        await asyncio.sleep(0.01)

    per_source = total // sources
    lines = per_source * sources
    client = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        CLIENT,
        str(sock.getsockname()[1]),
        str(lines),
        stdout=asyncio.subprocess.PIPE,
    )
    while not session.attached:
        assert client.returncode is None, "the client ended before it connected"
        await asyncio.sleep(0.01)
    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, per_source, CHUNK):
        for index, state in enumerate(states):
            chunk = [
                f"{format_rfc3339_ns(START_NS + (start + k) * 1_000_000 + index)} "
                f'10.0.0.{k} "GET /api/items?page={start + k} HTTP/1.1" 200 512 src={index}'
                for k in range(CHUNK)
            ]
            stream._push(state, chunk)
        await asyncio.sleep(0)
    output.close()
    out, _ = await asyncio.wait_for(client.communicate(), 300)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    lifecycle.begin_shutdown()
    server.should_exit = True
    await server_task
    answer = out.decode().split()
    return {
        "bench": "stream_sse",
        "lines": lines,
        "sources": sources,
        "received": int(answer[-1]),
        "client_saw_dropped": "dropped" in answer,
        "wall_s": round(wall, 3),
        "lines_per_s": round(lines / wall),
        "cpu_us_per_line": round(cpu / lines * 1e6, 2),
    }


class _Hub:
    def __init__(self, lifecycle: ServerLifecycle) -> None:
        self.lifecycle = lifecycle

    def disconnect(self, session: StreamSession, reader: asyncio.Event) -> None:
        session.detach(reader)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--sources", type=int, default=50)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.lines, args.sources))), flush=True)


if __name__ == "__main__":
    main()
