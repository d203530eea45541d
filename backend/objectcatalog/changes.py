"""Change signals: what changed in which cache, delivered to subscribers in batches.

One batch is what one step applied atomically: a whole LIST (its difference to the cache) or a
single WATCH event. Subscribers are plain callables run synchronously in the event loop; they
must be quick (queue the batch, coalesce, wake a stream) and never block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from backend.kube.resources import KindKey
from backend.listeners import Callbacks
from backend.objectcatalog.store import ChangeType


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


ChangeHub = Callbacks[[Sequence[CatalogChange]]]
"""Fan-out of change batches to subscribers (`add`, `tell`)."""
