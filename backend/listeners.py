"""Listeners: who is told when something changes, in the order they subscribed.

`add` returns the function that removes the listener again, so a subscriber keeps no handle on
what it listens to. Telling walks a copy: a listener may unsubscribe (or subscribe another) while
it is told. `Callbacks` tells plain callables and logs one that fails, so the rest are still told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Generic, ParamSpec, TypeVar

log = logging.getLogger(__name__)

L = TypeVar("L")
P = ParamSpec("P")


class Listeners(Generic[L]):
    def __init__(self) -> None:
        self._items: list[L] = []

    def add(self, listener: L) -> Callable[[], None]:
        """Register `listener`; call the returned function to remove it."""
        self._items.append(listener)

        def remove() -> None:
            if listener in self._items:
                self._items.remove(listener)

        return remove

    def __iter__(self) -> Iterator[L]:
        return iter(tuple(self._items))

    def clear(self) -> None:
        self._items.clear()


class Callbacks(Listeners[Callable[P, None]], Generic[P]):
    def tell(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Call every listener; one that raises is logged and the rest are still called."""
        for listener in self:
            try:
                listener(*args, **kwargs)
            except Exception:
                log.exception("listener %r failed", listener)
