"""Name search ranking and query parsing (issue 22), on plain rows."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backend.errors import RegattaError
from backend.objectcatalog.kind_aliases import resolve_alias
from backend.objectcatalog.kinds import DEPLOYMENTS, PODS, SERVICES
from backend.objectcatalog.name_index import Match, NameIndex
from backend.refresh.search import parse_search


@dataclass(frozen=True)
class Named:
    name: str
    namespace: str = "shop"
    uid: str = "u"


INDEX = NameIndex(
    [Named(n) for n in ("api-web", "web-frontend", "web", "Webhook", "cobweb", "db", "web-2")]
)


def test_exact_then_prefix_then_substring_shorter_first() -> None:
    hits = INDEX.search("WEB", limit=10, count_cap=100)
    assert [(f.match, f.row.name) for f in hits.prefix] == [
        (Match.EXACT, "web"),
        (Match.PREFIX, "web-2"),
        (Match.PREFIX, "Webhook"),
        (Match.PREFIX, "web-frontend"),
    ]
    assert [f.row.name for f in hits.substring] == ["cobweb", "api-web"]
    assert hits.total == 6 and not hits.capped


def test_limit_keeps_the_best_and_the_count_is_capped() -> None:
    hits = INDEX.search("e", limit=1, count_cap=3)
    assert [f.row.name for f in hits.substring] == ["web"]
    assert hits.total == 3 and hits.capped


def test_keep_narrows_before_counting() -> None:
    index = NameIndex([Named("web", "shop"), Named("web", "other"), Named("a-web", "other")])
    hits = index.search("web", 10, 100, keep=lambda r: r.namespace == "other")
    assert [f.row.namespace for f in hits.prefix] == ["other"]
    assert hits.total == 2


def test_kubectl_names_resolve() -> None:
    assert resolve_alias("deploy") == DEPLOYMENTS
    assert resolve_alias("Deployment") == DEPLOYMENTS
    assert resolve_alias("svc") == SERVICES
    assert resolve_alias("po") == PODS and resolve_alias("pod") == PODS
    assert resolve_alias("web") is None


def test_the_first_word_is_a_kind_only_when_it_names_one() -> None:
    query = parse_search("deploy web", None, None)
    assert (query.kind_word, query.text, query.limit) == ("deploy", "web", 20)
    assert parse_search("web", None, "5").kind_word is None
    assert parse_search("my web", None, None).text == "my web"
    with pytest.raises(RegattaError) as bad:
        parse_search("deploy", "", None)
    assert bad.value.code == "bad_kind"
    with pytest.raises(RegattaError) as empty:
        parse_search("", None, None)
    assert empty.value.code == "bad_query"


def test_a_spent_count_still_gathers_the_best_hits() -> None:
    hits = INDEX.search("e", limit=2, count_cap=0)
    assert [f.row.name for f in hits.substring] == ["web", "web-2"]
    assert hits.capped
