"""Label selectors as kubectl writes them, and the 400 naming a bad one."""

from __future__ import annotations

import pytest
from starlette.datastructures import QueryParams

from backend.errors import RegattaError
from backend.refresh.label_selector import parse_label_selector
from backend.refresh.list_query import parse_list_query

WEB = {"app": "web", "tier": "front", "env": "prod"}
DB = {"app": "db", "tier": "db"}


@pytest.mark.parametrize(
    ("selector", "web", "db"),
    [
        ("app=web", True, False),
        ("app==web", True, False),
        ("app=web,tier!=db", True, False),
        ("tier!=db", True, False),
        ("env", True, False),
        ("!env", False, True),
        ("app in (web, db)", True, True),
        ("app notin (web)", False, True),
        ("env in (prod,staging),app=web", True, False),
        ("missing!=x", True, True),
        ("app=", False, False),
    ],
)
def test_requirements_match_as_kubernetes_does(selector: str, web: bool, db: bool) -> None:
    parsed = parse_label_selector(selector)
    assert parsed is not None
    assert (parsed.matches(WEB), parsed.matches(tuple(DB.items()))) == (web, db)


def test_an_empty_selector_is_none() -> None:
    assert parse_label_selector("  ") is None


@pytest.mark.parametrize(
    ("selector", "named"),
    [
        ("app=web,", "(empty)"),
        ("app=we b", "app=we b"),
        ("app in web", "app in web"),
        ("-bad=x", "invalid label key `-bad`"),
        ("app=web!", "invalid label value `web!`"),
        ("app in (a,b", "app in (a,b"),
    ],
)
def test_a_bad_selector_is_a_400_naming_the_part(selector: str, named: str) -> None:
    with pytest.raises(RegattaError) as caught:
        parse_list_query(QueryParams({"labelSelector": selector}))
    error = caught.value
    assert (error.status, error.code, error.context["param"]) == (400, "bad_query", "labelSelector")
    assert named in error.message and "labelSelector" in error.message
