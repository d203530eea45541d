"""The per-scope row store: what each update reports as a change, and the indexes it keeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable

from hypothesis import given
from hypothesis import strategies as st

from backend.objectcatalog.indexes import RowIndexes
from backend.objectcatalog.rows.generic import GenericRow
from backend.objectcatalog.store import Change, ChangeType, ScopeStore


def row(name: str, created: str = "t0", uid: str | None = None, ns: str = "ns") -> GenericRow:
    return GenericRow(ns, name, uid if uid is not None else f"uid-{name}", created)


def listed(*rows: GenericRow) -> dict[str, dict[Hashable, GenericRow]]:
    """Rows as a LIST hands them to the store: by namespace, then uid."""
    grouped: dict[str, dict[Hashable, GenericRow]] = {}
    for r in rows:
        grouped.setdefault(r.namespace, {})[r.uid] = r
    return grouped


def test_upsert_reports_added_then_modified_then_nothing_for_an_equal_row() -> None:
    store = ScopeStore()
    assert store.upsert(row("a")) == [Change(ChangeType.ADDED, row("a"), None)]
    assert store.upsert(row("a", "t1")) == [Change(ChangeType.MODIFIED, row("a", "t1"), row("a"))]
    assert store.upsert(row("a", "t1")) == []
    assert len(store) == 1


def test_delete_reports_the_cached_row_once() -> None:
    store = ScopeStore()
    store.upsert(row("a", "t1"))
    deleted = row("a", "t1")
    assert store.delete(row("a", "t2")) == [Change(ChangeType.DELETED, deleted, deleted)]
    assert store.delete(row("a")) == []


def test_replace_reports_exactly_the_difference() -> None:
    store = ScopeStore()
    for name in ("keep", "change", "gone"):
        store.upsert(row(name))
    applied = store.replace(listed(row("keep"), row("change", "t1"), row("new")))
    assert sorted((t.value, r.name) for t, r, _ in applied) == [
        ("ADDED", "new"),
        ("DELETED", "gone"),
        ("MODIFIED", "change"),
    ]
    assert sorted(store.namespaces["ns"]) == ["uid-change", "uid-keep", "uid-new"]
    assert {r.name: before for _, r, before in applied} == {
        "new": None,
        "change": row("change"),  # the row it replaced, for readers that keep rows in order
        "gone": row("gone"),
    }


def test_an_object_recreated_under_its_name_is_a_new_row() -> None:
    store = ScopeStore()
    store.upsert(row("a", uid="first"))
    assert store.upsert(row("a", uid="second"))[0][0] is ChangeType.ADDED
    assert len(store) == 2


def test_rows_without_uid_are_keyed_by_namespace_and_name() -> None:
    store = ScopeStore()
    store.upsert(row("a", uid=""))
    assert list(store.namespaces["ns"]) == ["ns/a"]


def test_clear_deletes_everything() -> None:
    store = ScopeStore()
    store.upsert(row("a"))
    store.upsert(row("b"))
    assert {r.name for t, r, _ in store.clear() if t is ChangeType.DELETED} == {"a", "b"}
    assert len(store) == 0


def test_rows_are_read_by_namespace_and_an_emptied_namespace_is_gone() -> None:
    store = ScopeStore()
    store.upsert(row("a", ns="shop"))
    store.upsert(row("b", ns="team-a"))
    store.upsert(row("node-1", ns=""))
    assert [r.name for r in store.rows(["shop", "nowhere"])] == ["a"]
    assert sorted(r.name for r in store.rows()) == ["a", "b", "node-1"]
    assert store.get("team-a", "uid-b") == row("b", ns="team-a")
    store.delete(row("b", ns="team-a"))
    assert set(store.namespaces) == {"shop", ""}


# --- indexes: after any sequence of changes, equal to the index computed from the rows -----------

BY_CREATED = RowIndexes(group_by=lambda r: r.created_at, count_by=lambda r: r.created_at[:1])

changes = st.lists(
    st.tuples(
        st.sampled_from(["upsert", "delete", "replace"]),
        st.lists(
            st.builds(
                lambda name, created, ns: row(name, created, f"{ns}/{name}", ns),
                name=st.sampled_from(["a", "b", "c", "d"]),
                created=st.sampled_from(["x1", "x2", "y1"]),
                ns=st.sampled_from(["shop", "team-a", ""]),
            ),
            max_size=5,
        ),
    ),
    max_size=12,
)


@given(changes)
def test_indexes_follow_every_change(steps: list[tuple[str, list[GenericRow]]]) -> None:
    store = ScopeStore(indexes=BY_CREATED)
    for operation, rows in steps:
        if operation == "replace":
            store.replace(listed(*rows))
        for r in rows if operation != "replace" else ():
            store.upsert(r) if operation == "upsert" else store.delete(r)
        cached = list(store.rows())
        assert store.counts == Counter(r.created_at[:1] for r in cached)
        groups: dict[Hashable, list[GenericRow]] = {}
        for r in sorted(cached, key=lambda r: r.uid):
            groups.setdefault(r.created_at, []).append(r)
        by_uid = {v: sorted(rows, key=lambda r: r.uid) for v, rows in store.groups.items()}
        assert by_uid == groups
        held = {id(r) for r in cached}  # the groups hold the cached rows, not equal copies
        assert all(id(r) in held for rows in store.groups.values() for r in rows)
        assert all(store.namespaces.values())
