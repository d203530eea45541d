"""A blocking Server-Sent Events reader for tests and benchmarks that drive the app as a process.

`open_sse` reads a stream in a thread and hands each event to a queue with the monotonic time
it arrived, so a caller can await the next event with a deadline (`next_event`) and measure
when it came, without sleeping.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class Received:
    event: str
    data: Any
    at: float
    """`time.monotonic()` when the event's last line was read."""


class SseQueue:
    """Events of one open stream, in the order they arrived."""

    def __init__(self) -> None:
        self._events: queue.Queue[Received | BaseException] = queue.Queue()
        self.seen: list[Received] = []

    def put(self, item: Received | BaseException) -> None:
        self._events.put(item)

    def next_event(self, match: Callable[[Received], bool], within_s: float) -> Received:
        """The next event for which `match` holds (others are kept in `seen`), within `within_s`."""
        deadline = time.monotonic() + within_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no matching event within {within_s:g} s")
            try:
                item = self._events.get(timeout=left)
            except queue.Empty:
                raise TimeoutError(f"no matching event within {within_s:g} s") from None
            if isinstance(item, BaseException):
                raise RuntimeError("the stream ended") from item
            self.seen.append(item)
            if match(item):
                return item


@contextmanager
def open_sse(
    base: str, path: str, headers: dict[str, str], scopes: Sequence[str] = ()
) -> Iterator[SseQueue]:
    """Open `GET <base><path>?scope=…`; leaving the block closes the connection."""
    events = SseQueue()
    client = httpx.Client(base_url=base, headers=headers, timeout=httpx.Timeout(30.0, read=None))
    request = client.build_request("GET", path, params={"scope": list(scopes)})
    response = client.send(request, stream=True)
    response.raise_for_status()

    def read() -> None:
        name, data = "message", []
        try:
            for line in response.iter_lines():
                if line == "":
                    if data:
                        events.put(Received(name, json.loads("\n".join(data)), time.monotonic()))
                    name, data = "message", []
                elif line.startswith("event:"):
                    name = line[6:].strip()
                elif line.startswith("data:"):
                    data.append(line[5:].lstrip())
            events.put(EOFError("end of stream"))
        except Exception as exc:  # closed by the caller, or the server went away
            events.put(exc)

    reader = threading.Thread(target=read, name=f"sse {path}", daemon=True)
    reader.start()
    try:
        yield events
    finally:
        response.close()
        client.close()
        reader.join(10)
