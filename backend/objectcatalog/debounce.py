"""Run a job once per burst of triggers: after a quiet delay, and again if triggered meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any


class Debounced:
    """`poke()` asks for one run of `job` after `delay` seconds; pokes during that wait or
    during the run lead to exactly one more run, never to overlapping runs."""

    def __init__(
        self,
        job: Callable[[], Awaitable[None]],
        delay: float,
        spawn: Callable[[Coroutine[Any, Any, None]], asyncio.Task[Any]],
    ) -> None:
        self._job = job
        self._delay = delay
        self._spawn = spawn
        self._task: asyncio.Task[Any] | None = None
        self._again = False

    def poke(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = self._spawn(self._run())

    async def _run(self) -> None:
        while True:
            self._again = False
            await asyncio.sleep(self._delay)  # let the burst finish
            await self._job()
            if not self._again:
                return
