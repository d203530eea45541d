"""Waiting on a condition with a deadline: the harness never sleeps for a fixed time."""

from __future__ import annotations

import time
from collections.abc import Callable


class WaitTimeout(TimeoutError):
    pass


def wait_until(
    what: str,
    condition: Callable[[], bool],
    timeout: float,
    interval: float,
    describe: Callable[[], str] | None = None,
) -> None:
    """Poll `condition` until it holds; raise WaitTimeout naming `what` after `timeout` seconds.

    `condition` may raise to abort the wait early (a process died); `describe` adds what was
    last seen to the timeout message.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            seen = f"; last seen: {describe()}" if describe else ""
            raise WaitTimeout(f"timed out after {timeout:.0f}s waiting for {what}{seen}")
        time.sleep(interval)
