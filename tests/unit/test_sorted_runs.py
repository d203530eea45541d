"""A sorted run that follows a cache's changes stays exactly what a fresh sort gives.

Rows go through the catalog's own `ScopeStore` (what a watch event or a relist applies) and its
`ChangeJournal` (what a kind cache records); the run cache follows the journal from one read to
the next. After every step the run — and its filtered copies — must equal a fresh sort (and a
fresh filter) of the store's rows, for several sort fields in both orders, with missing values,
ties and case differences.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.objectcatalog.journal import ChangeJournal
from backend.objectcatalog.store import ScopeStore
from backend.refresh.merged_page import SortedRunCache, SortSpec, sort_run


@dataclass(frozen=True)
class Row:
    namespace: str
    name: str
    restarts: int | None
    node: str | None
    status: str

    @property
    def uid(self) -> str:
        return f"{self.namespace}/{self.name}"


def spec(field: str, descending: bool) -> SortSpec[Row]:
    return SortSpec(field, descending, lambda r: getattr(r, field), lambda r: (r.namespace, r.name))


FIELDS = ["name", "restarts", "node", "status"]
NAMES = ["a", "B", "b", "c-1", "C-2", "d"]

rows = st.builds(
    Row,
    namespace=st.sampled_from(["shop", "team-a", "Team-B"]),
    name=st.sampled_from(NAMES),
    restarts=st.none() | st.integers(0, 3),
    node=st.none() | st.sampled_from(["n1", "N1", "n2"]),
    status=st.sampled_from(["Running", "running", "Pending", ""]),
)

steps = st.lists(
    st.tuples(
        st.sampled_from(["upsert", "upsert", "delete", "relist"]), st.lists(rows, max_size=4)
    ),
    max_size=25,
)


def key_of(row: Row) -> Hashable:
    return row.uid


def wanted(text: str) -> Any:
    return lambda r: text in r.name.casefold() or text in r.status.casefold()


@settings(max_examples=300, deadline=None)
@given(
    initial=st.lists(rows, max_size=12),
    steps=steps,
    field=st.sampled_from(FIELDS),
    descending=st.booleans(),
)
def test_a_followed_run_equals_a_fresh_sort(
    initial: list[Row], steps: list[tuple[str, list[Row]]], field: str, descending: bool
) -> None:
    store = ScopeStore(key_of)
    journal = ChangeJournal()
    version = 1
    for row in initial:
        store.upsert(row)
    runs = SortedRunCache(8)
    s = spec(field, descending)
    sorts: list[int] = []

    def read() -> list[Row]:
        sorts.append(1)
        return list(store.rows())

    def page() -> None:
        mark = journal.mark(version, None)
        run = runs.get("run", version, s, read, mark)
        fresh = sort_run(store.rows(), s)
        assert run.rows == fresh
        for text in ("b", "run", "c-"):  # filtered copies follow the changes too
            assert run.filtered(("q", text), wanted(text), lambda _k: False) == [
                r for r in fresh if wanted(text)(r)
            ]

    page()
    for operation, batch in steps:
        if operation == "relist":
            fresh: dict[str, dict[Hashable, Row]] = {}
            for row in batch:
                fresh.setdefault(row.namespace, {})[key_of(row)] = row
            applied = store.replace(fresh)
            if applied:
                version += 1
                journal.record(version, applied)
        for row in batch if operation != "relist" else ():
            applied = store.upsert(row) if operation == "upsert" else store.delete(row)
            if applied:
                version += 1
                journal.record(version, applied)
        page()
    assert len(sorts) == 1  # every later read followed the journal: the run was sorted once


@given(initial=st.lists(rows, min_size=1, max_size=12), field=st.sampled_from(FIELDS))
def test_a_filter_narrowing_a_kept_one_scans_only_its_rows(initial: list[Row], field: str) -> None:
    run = SortedRunCache(4).get("run", 1, spec(field, False), lambda: initial)
    broad = run.filtered("a", wanted("a"), lambda _k: False)
    scanned: list[Row] = []

    def narrow(r: Row) -> bool:
        scanned.append(r)
        return wanted("a-")(r)

    got = run.filtered("a-", narrow, lambda kept: kept == "a")
    assert got == [r for r in run.rows if wanted("a-")(r)]
    assert scanned == broad


def test_the_journal_tells_what_changed_between_two_reads_or_that_it_cannot() -> None:
    store = ScopeStore(key_of)
    journal = ChangeJournal(capacity=3)
    a, b = Row("shop", "a", 0, "n1", "Running"), Row("team-a", "b", 0, "n1", "Running")
    journal.record(1, store.upsert(a))  # before anyone read: not kept
    first = journal.mark(1, None)
    journal.record(2, store.upsert(Row("shop", "a", 1, "n1", "Running")))
    journal.record(3, store.upsert(b))
    second = journal.mark(3, None)
    assert second.changes_since(first) == [(a, Row("shop", "a", 1, "n1", "Running")), (None, b)]
    assert first.changes_since(second) is None  # a read older than the run: sort again
    shop_only = journal.mark(3, frozenset({"shop"}))
    assert shop_only.changes_since(journal.mark(1, frozenset({"shop"}))) == [
        (a, Row("shop", "a", 1, "n1", "Running"))
    ]
    assert shop_only.changes_since(first) is None  # other namespaces read
    assert second.changes_since(ChangeJournal().mark(1, None)) is None  # another cache
    journal.record(4, store.delete(b))
    journal.record(5, store.upsert(b))
    assert journal.mark(5, None).changes_since(first) is None  # older than the journal reaches
    assert journal.mark(5, None).changes_since(second) == [(b, None), (None, b)]
