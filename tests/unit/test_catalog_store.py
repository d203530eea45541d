"""The per-scope row store: what each update reports as a change."""

from __future__ import annotations

from backend.objectcatalog.rows.generic import GenericRow
from backend.objectcatalog.store import ChangeType, ScopeStore


def row(name: str, created: str = "t0", uid: str | None = None) -> GenericRow:
    return GenericRow("ns", name, uid if uid is not None else f"uid-{name}", created)


def test_upsert_reports_added_then_modified_then_nothing_for_an_equal_row() -> None:
    store = ScopeStore()
    assert store.upsert(row("a")) == [(ChangeType.ADDED, row("a"))]
    assert store.upsert(row("a", "t1")) == [(ChangeType.MODIFIED, row("a", "t1"))]
    assert store.upsert(row("a", "t1")) == []
    assert len(store) == 1


def test_delete_reports_the_cached_row_once() -> None:
    store = ScopeStore()
    store.upsert(row("a", "t1"))
    assert store.delete(row("a", "t2")) == [(ChangeType.DELETED, row("a", "t1"))]
    assert store.delete(row("a")) == []


def test_replace_reports_exactly_the_difference() -> None:
    store = ScopeStore()
    for name in ("keep", "change", "gone"):
        store.upsert(row(name))
    applied = store.replace({r.uid: r for r in (row("keep"), row("change", "t1"), row("new"))})
    assert sorted((t.value, r.name) for t, r in applied) == [
        ("ADDED", "new"),
        ("DELETED", "gone"),
        ("MODIFIED", "change"),
    ]
    assert sorted(store.rows) == ["uid-change", "uid-keep", "uid-new"]


def test_an_object_recreated_under_its_name_is_a_new_row() -> None:
    store = ScopeStore()
    store.upsert(row("a", uid="first"))
    assert store.upsert(row("a", uid="second"))[0][0] is ChangeType.ADDED
    assert len(store) == 2


def test_rows_without_uid_are_keyed_by_namespace_and_name() -> None:
    store = ScopeStore()
    store.upsert(row("a", uid=""))
    assert list(store.rows) == ["ns/a"]


def test_clear_deletes_everything() -> None:
    store = ScopeStore()
    store.upsert(row("a"))
    store.upsert(row("b"))
    assert {r.name for t, r in store.clear() if t is ChangeType.DELETED} == {"a", "b"}
    assert len(store) == 0
