"""The text filter (`q`) keeps exactly the rows whose name, namespace or (where the row has them)
node, status, owner, reason or type contain the text, case-insensitively — however it gets
there (names not folded when ASCII lower-case, shared values tested once, pod values read
through their shared shape), row by row or a run's rows at once (`select`, C-level maps)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backend.objectcatalog.rows.events import EventRow, InvolvedObject
from backend.objectcatalog.rows.generic import GenericRow
from backend.objectcatalog.rows.pods import PodRow, PodShape
from backend.refresh.snapshots.lists import SEARCHED_ATTRIBUTES, TextFilter

words = st.text(alphabet="abAB-1ßẞİıΣς", max_size=6)
lower_words = st.text(alphabet="ab-1", max_size=6)  # names as they usually are: no folding


def obvious(text: str, row: Any) -> bool:
    values = [row.name, row.namespace, *(getattr(row, a, None) for a in SEARCHED_ATTRIBUTES)]
    return any(isinstance(v, str) and text in v.casefold() for v in values)


def pod(name: str, namespace: str, node: str, status: str, owner: str) -> PodRow:
    shape = PodShape(namespace, "Running", status, "ReplicaSet", owner, 1, ())
    return PodRow(shape, name, 1, node, 1, 0, "2026-01-01T00:00:00Z")


def event(name: str, namespace: str, kind: str, reason: str) -> EventRow:
    about = InvolvedObject("v1", "Pod", "p", namespace, "u")
    return EventRow(namespace, name, "u", "", kind, reason, "message", 1, about, "")


@given(
    text=words.map(str.casefold),
    pods=st.lists(st.builds(pod, words, words, words, words, words), max_size=8),
    generic=st.lists(st.builds(GenericRow, words, words, st.just("u"), st.just("")), max_size=4),
)
def test_the_filter_keeps_exactly_the_rows_containing_the_text(
    text: str, pods: list[PodRow], generic: list[GenericRow]
) -> None:
    matches = TextFilter(text)
    rows: list[Any] = [*pods, *generic]
    assert [r for r in rows if matches(r)] == [r for r in rows if obvious(text, r)]


@given(
    text=words.map(str.casefold),
    names=st.lists(st.one_of(words, lower_words), max_size=12),
    values=st.lists(st.tuples(words, words, words, words), min_size=1, max_size=3),
    picks=st.lists(st.integers(0, 2), max_size=12),
)
def test_a_run_at_once_keeps_what_row_by_row_keeps(
    text: str, names: list[str], values: list[tuple[str, str, str, str]], picks: list[int]
) -> None:
    """`select` over a run (one row type, shared values and pod shapes repeating as interned
    ones do) keeps the rows the obvious test keeps, in order; names ASCII lower-case or not."""
    shared = [values[i % len(values)] for i in picks] + [values[0]] * len(names)
    shapes = {v: pod("", *v).shape for v in values}  # one shape object per distinct values
    pods = [
        PodRow(shapes[v], name, 1, v[1], 1, 0, "") for v, name in zip(shared, names, strict=False)
    ]
    events = [event(name, *shared[i][:3]) for i, name in enumerate(names)]
    generic = [GenericRow(shared[i][0], name, "u", "") for i, name in enumerate(names)]
    for run in (pods, events, generic):
        rows: list[Any] = list(run)
        assert TextFilter(text).select(rows) == [r for r in rows if obvious(text, r)]


def test_case_and_shared_values() -> None:
    rows = [
        pod("Web-1", "shop", "node-a", "Running", "web-abc"),
        pod("db-0", "Team-A", "node-b", "CrashLoopBackOff", "db"),
        pod("straße", "x", "y", "z", "w"),
    ]
    kept = lambda text: [r.name for r in rows if TextFilter(text)(r)]  # noqa: E731
    assert kept("web") == ["Web-1"]
    assert kept("team-a") == ["db-0"]
    assert kept("crashloop") == ["db-0"]
    assert kept("node-") == ["Web-1", "db-0"]
    assert kept("strasse") == ["straße"]
    assert [r.name for r in TextFilter("strasse").select(rows)] == ["straße"]
    assert [r.name for r in TextFilter("-").select(rows)] == ["Web-1", "db-0"]
