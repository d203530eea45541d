"""One run per burst of pokes; a poke during a run gives exactly one more run."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from backend.objectcatalog.debounce import Debounced

pytestmark = pytest.mark.asyncio


class Job:
    def __init__(self) -> None:
        self.runs = 0
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.release.set()

    async def __call__(self) -> None:
        self.runs += 1
        self.started.set()
        await self.release.wait()


def spawner(tasks: list[asyncio.Task[Any]]) -> Any:
    def spawn(work: Any) -> asyncio.Task[Any]:
        task = asyncio.get_running_loop().create_task(work)
        tasks.append(task)
        return task

    return spawn


async def test_a_burst_of_pokes_runs_the_job_once() -> None:
    job, tasks = Job(), []
    debounced = Debounced(job, 0, spawner(tasks))
    for _ in range(5):
        debounced.poke()
    await asyncio.gather(*tasks)
    assert (job.runs, len(tasks)) == (1, 1)


async def test_a_poke_during_a_run_runs_it_once_more() -> None:
    job, tasks = Job(), []
    job.release.clear()
    debounced = Debounced(job, 0, spawner(tasks))
    debounced.poke()
    await job.started.wait()
    debounced.poke()
    debounced.poke()
    job.release.set()
    await asyncio.gather(*tasks)
    assert (job.runs, len(tasks)) == (2, 1)


async def test_pokes_after_a_run_start_a_new_one() -> None:
    job, tasks = Job(), []
    debounced = Debounced(job, 0, spawner(tasks))
    debounced.poke()
    await asyncio.gather(*tasks)
    debounced.poke()
    await asyncio.gather(*tasks)
    assert (job.runs, len(tasks)) == (2, 2)
