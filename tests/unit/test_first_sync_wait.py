"""A snapshot waits for a kind's first LIST a bounded time counted from when that LIST began, not
from each request: while a large cluster lists, every doorbell's refetch would otherwise wait the
whole bound again before answering with the clusters already synced."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from backend.objectcatalog.reflector import SyncState
from backend.refresh.snapshots.lists import settle


@dataclass
class Cache:
    """The parts of a KindCache that `settle` reads."""

    began_s_ago: float
    state: SyncState = SyncState.SYNCING
    last_sync_at: str | None = None
    waited: list[float | None] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.created_at = time.monotonic() - self.began_s_ago

    async def wait_settled(self, within: float | None = None) -> SyncState:
        self.waited.append(within)
        return self.state


def test_a_first_list_is_waited_for_only_what_is_left_of_the_bound() -> None:
    started = time.monotonic()
    just_began, began_earlier, past_bound = Cache(0.0), Cache(2.0), Cache(3.0)
    synced = Cache(0.0, SyncState.SYNCED, "2026-12-07T20:00:00Z")
    asyncio.run(settle([just_began, began_earlier, past_bound, synced], 2.5))  # type: ignore[list-item]
    elapsed = time.monotonic() - started  # what the bound may have lost while this test ran
    [waited] = just_began.waited
    assert waited is not None and 2.5 - elapsed <= waited <= 2.5
    [waited] = began_earlier.waited
    assert waited is not None and 0.5 - elapsed <= waited <= 0.5
    assert past_bound.waited == []
    assert synced.waited == []


def test_without_a_bound_a_first_list_is_waited_for_to_its_end() -> None:
    listing = Cache(60.0)
    asyncio.run(settle([listing]))  # type: ignore[list-item]
    assert listing.waited == [None]
