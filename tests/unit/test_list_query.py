"""Issue #10: `offset`/`limit` out of range are 400 `bad_query`, never a crash further down."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from backend.errors import RegattaError
from backend.refresh.limits import MAX_PAGE_LIMIT
from backend.refresh.list_query import MAX_OFFSET, parse_list_query


@pytest.mark.parametrize(
    "query",
    [
        "offset=-1",
        f"offset={MAX_OFFSET + 1}",
        f"offset={2**63}",
        "offset=" + "9" * 100,
        "offset=" + "9" * 5000,
        "offset=1e3",
        "offset=x",
        "limit=-1",
        f"limit={MAX_PAGE_LIMIT + 1}",
        "limit=" + "9" * 30,
        "limit=0x10",
    ],
)
def test_out_of_range_paging_is_bad_query(query: str) -> None:
    with pytest.raises(RegattaError) as refused:
        parse_list_query(QueryParams(query))
    assert (refused.value.status, refused.value.code) == (400, "bad_query")
    assert refused.value.context["param"] == query.split("=")[0]


def test_paging_at_its_bounds_is_accepted() -> None:
    query = parse_list_query(QueryParams(f"offset={MAX_OFFSET}&limit={MAX_PAGE_LIMIT}"))
    assert (query.offset, query.limit) == (MAX_OFFSET, MAX_PAGE_LIMIT)
