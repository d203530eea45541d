"""The logs stream's include/exclude filters: text (case-insensitive) and regex, checked on entry."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from backend.errors import RegattaError
from backend.refresh.streams.query import line_filter


def passes(query: str, line: str) -> bool:
    return line_filter(QueryParams(query)).passes(line)


def test_no_filter_lets_every_line_through() -> None:
    assert line_filter(QueryParams("")).empty
    assert passes("", "anything")


def test_text_filters_match_substrings_case_insensitively() -> None:
    assert passes("include=ERROR", "level=error msg=x")
    assert not passes("include=ERROR", "level=info")
    assert not passes("include=error&exclude=Timeout", "level=error msg=timeout")
    assert not passes("include=a&include=b", "only a")  # every include must match


def test_regex_filters_search_the_line() -> None:
    assert passes(r"includeRegex=seq=\d*7$", "x seq=17")
    assert not passes(r"includeRegex=seq=\d*7$", "x seq=18")
    assert not passes("excludeRegex=^GET", "GET /healthz")


def test_a_bad_regex_is_a_400_naming_the_parameter() -> None:
    with pytest.raises(RegattaError) as raised:
        line_filter(QueryParams("includeRegex=(open"))
    error = raised.value
    assert error.status == 400 and error.code == "bad_query"
    assert error.context["parameter"] == "includeRegex" and "(open" in error.message
