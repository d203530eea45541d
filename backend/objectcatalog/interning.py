"""Sharing of repeated values between cached rows of one cluster.

Thousands of rows repeat the same namespace, node, phase, owner, label set and creation second;
storing each once is most of what keeps a pod row under 300 bytes. The pool belongs to one
cluster's catalog, so deselecting the cluster frees it, and `prune()` drops values no row holds
any more, so churn (new ReplicaSet names, new timestamps) does not grow it forever.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable
from typing import Any, TypeVar

H = TypeVar("H", bound=Hashable)

# A pooled value that only the pool itself holds has four references while `prune` looks at it:
# the dict's key, the dict's value (the same object), the loop variable and getrefcount's argument.
_POOL_ONLY_REFS = 4


class Interner(dict[Hashable, Any]):
    """A per-cluster pool of shared immutable values (strings, tuples, frozen structs).

    `intern[value]` is the pooled instance equal to `value` (adding `value` if it is new). It is
    a dict lookup done in C, because row builders call it several times per object.
    """

    __slots__ = ()

    def __missing__(self, value: H) -> H:
        self[value] = value
        return value

    def prune(self) -> int:
        """Drop values that no row references any more; returns how many were dropped."""
        dead = [key for key in self if sys.getrefcount(key) <= _POOL_ONLY_REFS]
        for key in dead:
            del self[key]
        return len(dead)

    def holds(self, value: object) -> bool:
        """Whether `value` is the pooled instance itself (shared, not owned by one row)."""
        try:
            return self.get(value) is value
        except TypeError:  # unhashable: never pooled
            return False

    def footprint(self) -> int:
        """Approximate bytes: the pool's dict plus each pooled value (shallow)."""
        return sys.getsizeof(self) + sum(sys.getsizeof(v) for v in self)
