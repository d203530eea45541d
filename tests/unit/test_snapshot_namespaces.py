"""Which namespaces a list reads per cluster: its scopes, narrowed by `namespace=`."""

from __future__ import annotations

import pytest

from backend.clusters.identity import parse_scope
from backend.errors import RegattaError
from backend.refresh.snapshots.service import namespace_limits

A, B = "a.yaml:one", "b.yaml:two"


def limits(*scopes: str, wanted: tuple[str, ...] = ()) -> dict[str, frozenset[str] | None]:
    return namespace_limits([parse_scope(s) for s in scopes], frozenset(wanted))


def test_whole_cluster_scopes_read_everything_unless_namespace_narrows() -> None:
    assert limits(f"{A}|", f"{B}|") == {A: None, B: None}
    assert limits(f"{A}|", wanted=("shop",)) == {A: frozenset({"shop"})}


def test_namespace_scopes_are_kept_per_cluster_and_a_whole_scope_wins() -> None:
    scopes = (f"{A}|namespace:shop", f"{A}|namespace:team-a", f"{B}|", f"{B}|namespace:shop")
    assert limits(*scopes) == {A: frozenset({"shop", "team-a"}), B: None}


def test_namespace_narrows_scopes_to_their_intersection_even_an_empty_one() -> None:
    scopes = (f"{A}|namespace:shop", f"{A}|namespace:team-a", f"{B}|namespace:team-b")
    assert limits(*scopes, wanted=("shop",)) == {A: frozenset({"shop"}), B: frozenset()}


def test_object_scopes_are_not_list_scopes() -> None:
    with pytest.raises(RegattaError) as refused:
        limits(f"{A}|object:/v1/Pod/shop/web")
    assert (refused.value.status, refused.value.code) == (400, "bad_scope")
