"""Change signals: what changed in which cache, delivered to subscribers in batches.

One batch is what one step applied atomically: a whole LIST (its difference to the cache) or a
single WATCH event. Subscribers are plain callables run synchronously in the event loop; they
must be quick (queue the batch, coalesce, wake a stream) and never block.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from backend.kube.resources import KindKey
from backend.objectcatalog.store import ChangeType

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class CatalogChange:
    cluster_id: str
    kind_key: KindKey
    kind: str  # the Kind name, e.g. "Pod"
    namespace: str
    name: str
    uid: str
    type: ChangeType


ChangeListener = Callable[[Sequence[CatalogChange]], None]


class ChangeHub:
    """Fan-out of change batches to subscribers; a failing subscriber does not stop the rest."""

    def __init__(self) -> None:
        self._listeners: list[ChangeListener] = []

    def subscribe(self, listener: ChangeListener) -> Callable[[], None]:
        """Register `listener`; call the returned function to unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, changes: Sequence[CatalogChange]) -> None:
        for listener in tuple(self._listeners):
            try:
                listener(changes)
            except Exception:
                log.exception("change subscriber %r failed", listener)

    def clear(self) -> None:
        self._listeners.clear()
