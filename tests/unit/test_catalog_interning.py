"""The per-cluster interning pool: sharing, and releasing values no row holds."""

from __future__ import annotations

import gc

from backend.objectcatalog.interning import Interner


def fresh(text: str) -> str:
    return "".join(list(text))  # a new str object equal to `text`


def test_equal_values_become_one_object() -> None:
    intern = Interner()
    a = intern[fresh("kube-system")]
    b = intern[fresh("kube-system")]
    assert a is b
    assert intern[("app", "web")] is intern[("app", "web")]
    assert len(intern) == 2


def test_prune_drops_only_values_nobody_else_holds() -> None:
    intern = Interner()
    kept = intern[fresh("node-a")]
    intern[fresh("node-b")]
    intern[(fresh("k"), fresh("v"))]
    gc.collect()
    assert intern.prune() == 2
    assert len(intern) == 1
    assert intern[fresh("node-a")] is kept


def test_holds_tells_pooled_values_from_equal_copies() -> None:
    intern = Interner()
    pooled = intern[fresh("shop")]
    assert intern.holds(pooled)
    assert not intern.holds(fresh("shop"))
    assert not intern.holds(["unhashable"])


def test_clear_empties_the_pool() -> None:
    intern = Interner()
    intern[fresh("x")]
    intern.clear()
    assert len(intern) == 0
