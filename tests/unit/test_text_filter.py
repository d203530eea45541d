"""The text filter (`q`) keeps exactly the rows whose name, namespace or (where the row has them)
node, status, owner, reason or type contain the text, case-insensitively — however it gets
there (names not folded when ASCII lower-case, shared values tested once, pod values read
through their shared shape)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from backend.objectcatalog.rows.generic import GenericRow
from backend.objectcatalog.rows.pods import PodRow, PodShape
from backend.refresh.snapshots.lists import SEARCHED_ATTRIBUTES, text_matcher

words = st.text(alphabet="abAB-1ßẞİıΣς", max_size=6)


def obvious(text: str, row: Any) -> bool:
    values = [row.name, row.namespace, *(getattr(row, a, None) for a in SEARCHED_ATTRIBUTES)]
    return any(isinstance(v, str) and text in v.casefold() for v in values)


def pod(name: str, namespace: str, node: str, status: str, owner: str) -> PodRow:
    shape = PodShape(namespace, "Running", status, "ReplicaSet", owner, 1, ())
    return PodRow(shape, name, 1, node, 1, 0, "2026-01-01T00:00:00Z")


@given(
    text=words.map(str.casefold),
    pods=st.lists(st.builds(pod, words, words, words, words, words), max_size=8),
    generic=st.lists(st.builds(GenericRow, words, words, st.just("u"), st.just("")), max_size=4),
)
def test_the_filter_keeps_exactly_the_rows_containing_the_text(
    text: str, pods: list[PodRow], generic: list[GenericRow]
) -> None:
    matches = text_matcher(text)
    rows: list[Any] = [*pods, *generic]
    assert [r for r in rows if matches(r)] == [r for r in rows if obvious(text, r)]


def test_case_and_shared_values() -> None:
    rows = [
        pod("Web-1", "shop", "node-a", "Running", "web-abc"),
        pod("db-0", "Team-A", "node-b", "CrashLoopBackOff", "db"),
        pod("straße", "x", "y", "z", "w"),
    ]
    kept = lambda text: [r.name for r in rows if text_matcher(text)(r)]  # noqa: E731
    assert kept("web") == ["Web-1"]
    assert kept("team-a") == ["db-0"]
    assert kept("crashloop") == ["db-0"]
    assert kept("node-") == ["Web-1", "db-0"]
    assert kept("strasse") == ["straße"]
