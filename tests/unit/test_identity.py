"""Cluster identity and scopes (contract §1): encoding, round-trips, exact splits, tail parsing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.clusters.identity import (
    ClusterIdentity,
    NamespaceTail,
    ObjectTail,
    PodTail,
    Scope,
    WholeCluster,
    format_cluster_id,
    format_scope,
    parse_cluster_id,
    parse_scope,
    parse_tail,
    split_scope,
)
from backend.errors import RegattaError

names = st.text(min_size=1)


class TestClusterIdFormat:
    def test_plain_names_are_joined_by_a_colon(self) -> None:
        assert format_cluster_id("dev.yaml", "alpha") == "dev.yaml:alpha"

    def test_file_escapes_percent_colon_and_bar(self) -> None:
        assert format_cluster_id("a%b:c|d", "x") == "a%25b%3Ac%7Cd:x"

    def test_context_escapes_percent_and_bar_but_keeps_colons_readable(self) -> None:
        arn = "arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
        assert format_cluster_id("prod.yaml", arn) == f"prod.yaml:{arn}"
        assert format_cluster_id("f", "a%b|c:d") == "f:a%25b%7Cc:d"

    def test_paths_with_slashes_stay_as_they_are(self) -> None:
        assert format_cluster_id("team/dev.yaml", "alpha") == "team/dev.yaml:alpha"

    def test_empty_parts_are_refused(self) -> None:
        with pytest.raises(ValueError):
            format_cluster_id("", "alpha")
        with pytest.raises(ValueError):
            format_cluster_id("dev.yaml", "")


class TestClusterIdParse:
    def test_splits_at_the_first_colon(self) -> None:
        identity = parse_cluster_id("prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma")
        assert identity == ClusterIdentity("prod.yaml", "arn:aws:eks:eu-west-1:1:cluster/gamma")
        assert identity.cluster_name == "arn:aws:eks:eu-west-1:1:cluster/gamma"

    def test_decodes_only_the_three_escapes(self) -> None:
        assert parse_cluster_id("a%253A:b%257C") == ClusterIdentity("a%3A", "b%7C")

    @pytest.mark.parametrize(
        "text",
        [
            "no-colon",
            ":alpha",
            "dev.yaml:",
            "a|b:c",  # raw `|` in the file part
            "dev.yaml:a|b",  # raw `|` in the context part
            "a%2:b",  # a broken escape
            "a%41:b",  # an escape the contract does not use
            "a:b%3A",  # `:` is not encoded in a context
            "a%3a:b",  # lower-case escapes are not canonical
        ],
    )
    def test_malformed_ids_are_a_400(self, text: str) -> None:
        with pytest.raises(RegattaError) as caught:
            parse_cluster_id(text)
        assert (caught.value.status, caught.value.code) == (400, "bad_cluster_id")
        assert caught.value.context == {"clusterId": text}

    @given(file=names, context=names)
    def test_parse_inverts_format_for_any_strings(self, file: str, context: str) -> None:
        assert parse_cluster_id(format_cluster_id(file, context)) == ClusterIdentity(file, context)

    @given(file=names, context=names)
    def test_format_inverts_parse_for_any_valid_id(self, file: str, context: str) -> None:
        cluster_id = format_cluster_id(file, context)
        parsed = parse_cluster_id(cluster_id)
        assert format_cluster_id(parsed.file, parsed.context) == cluster_id
        assert parsed.cluster_id == cluster_id

    @given(file=names, context=names)
    def test_an_id_holds_no_raw_bar_and_its_file_no_raw_colon(
        self, file: str, context: str
    ) -> None:
        cluster_id = format_cluster_id(file, context)
        assert "|" not in cluster_id
        assert ":" not in cluster_id.partition(":")[0]


class TestScopeSplit:
    def test_splits_at_the_first_bar(self) -> None:
        assert split_scope("dev.yaml:alpha|namespace:shop") == ("dev.yaml:alpha", "namespace:shop")

    def test_empty_tail_is_the_whole_cluster(self) -> None:
        assert split_scope("dev.yaml:alpha|") == ("dev.yaml:alpha", "")

    @given(file=names, context=names, tail=st.text())
    def test_split_is_exact_for_any_cluster_and_tail(
        self, file: str, context: str, tail: str
    ) -> None:
        cluster_id = format_cluster_id(file, context)
        assert split_scope(format_scope(cluster_id, tail)) == (cluster_id, tail)

    @pytest.mark.parametrize("scope", ["dev.yaml:alpha", "nocolon|", "|namespace:x", "a%zz:b|"])
    def test_malformed_scopes_are_a_400_naming_the_scope(self, scope: str) -> None:
        with pytest.raises(RegattaError) as caught:
            split_scope(scope)
        assert (caught.value.status, caught.value.code) == (400, "bad_scope")
        assert caught.value.payload() == {
            "error": {"code": "bad_scope", "message": caught.value.message, "scope": scope}
        }


class TestScopeTails:
    @pytest.mark.parametrize(
        ("tail", "parsed"),
        [
            ("", WholeCluster()),
            ("namespace:shop", NamespaceTail("shop")),
            ("pod:shop/web-1", PodTail("shop", "web-1")),
            ("pod:shop/web-1/nginx", PodTail("shop", "web-1", "nginx")),
            (
                "object:apps/v1/Deployment/shop/web",
                ObjectTail("apps", "v1", "Deployment", "shop", "web"),
            ),
            ("object:/v1/Pod/shop/web-1", ObjectTail("", "v1", "Pod", "shop", "web-1")),
            ("object:/v1/Node//node-1", ObjectTail("", "v1", "Node", "", "node-1")),
            (
                "object:rbac.authorization.k8s.io/v1/ClusterRole//system:controller:x",
                ObjectTail(
                    "rbac.authorization.k8s.io", "v1", "ClusterRole", "", "system:controller:x"
                ),
            ),
            ("object:/v1/Secret/shop/...", ObjectTail("", "v1", "Secret", "shop", "...")),
        ],
    )
    def test_every_tail_of_the_contract_parses_and_formats_back(
        self, tail: str, parsed: object
    ) -> None:
        result = parse_tail(tail)
        assert result == parsed
        assert result.format() == tail

    @pytest.mark.parametrize(
        "tail",
        [
            "namespace:",
            "namespace:a/b",
            "pod:shop",
            "pod:shop/",
            "pod:/web",
            "pod:a/b/c/d",
            "object:apps/v1/Deployment/shop",
            "object:apps/v1/Deployment/shop/web/extra",
            "object:apps//Deployment/shop/web",
            "object:apps/v1//shop/web",
            "object:apps/v1/Deployment/shop/",
            "node:n1",
            "namespace",
        ],
    )
    def test_malformed_tails_are_a_400_naming_the_whole_scope(self, tail: str) -> None:
        scope = f"dev.yaml:alpha|{tail}"
        with pytest.raises(RegattaError) as caught:
            parse_scope(scope)
        assert caught.value.code == "bad_scope"
        assert caught.value.context == {"scope": scope}

    @pytest.mark.parametrize(
        ("tail", "why"),
        [
            ("object:/v1/Secret//.", "the name `.` may not be `.`"),
            ("object:/v1/Secret/shop/..", "the name `..` may not be `..`"),
            ("object:/v1/Secret/./api-token", "the namespace `.` is not a namespace name"),
            ("object:/v1/Secret/../api-token", "the namespace `..` is not a namespace name"),
            ("object:/v1/Secret/shop/a?watch=1", "the name `a?watch=1` may not contain `?`"),
            ("object:/v1/Secret/shop/a#b", "the name `a#b` may not contain `#`"),
            ("object:/v1/Secret/shop/a%2Fb", "the name `a%2Fb` may not contain `%`"),
            ("object:/v1/Secret/shop/a b", "may not contain whitespace"),
            ("object:/v1/Secret/Shop/x", "the namespace `Shop` is not a namespace name"),
            ("object:/../Secret/shop/x", "the version `..` is not an API version"),
            ("object:a..b/v1/Secret/shop/x", "the group `a..b` is not an API group"),
            ("object:/v1/Sec.ret/shop/x", "the kind `Sec.ret` is not a kind"),
            ("namespace:.", "the namespace `.` is not a namespace name"),
            ("namespace:shop?x", "the namespace `shop?x` is not a namespace name"),
            ("pod:shop/..", "the pod `..` may not be `..`"),
            ("pod:shop/web/#", "the container `#` may not contain `#`"),
            ("pod:../web", "the namespace `..` is not a namespace name"),
        ],
    )
    def test_names_that_would_change_a_request_path_are_a_bad_scope(
        self, tail: str, why: str
    ) -> None:
        scope = f"dev.yaml:alpha|{tail}"
        with pytest.raises(RegattaError) as caught:
            parse_scope(scope)
        assert (caught.value.status, caught.value.code) == (400, "bad_scope")
        assert caught.value.context == {"scope": scope}
        assert why in caught.value.message

    def test_parse_scope_gives_the_cluster_and_the_tail(self) -> None:
        scope = parse_scope("prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma|pod:kube-system/dns-1")
        assert scope == Scope(
            "prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma", PodTail("kube-system", "dns-1")
        )
        assert (
            scope.format()
            == "prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma|pod:kube-system/dns-1"
        )

    namespace = st.from_regex(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", fullmatch=True)
    segment = st.text(
        alphabet=st.characters(blacklist_categories=("Z", "C"), blacklist_characters="/%?#"),
        min_size=1,
        max_size=253,
    ).filter(lambda s: s not in (".", ".."))

    @given(file=names, context=names, ns=namespace, pod=segment, container=segment)
    def test_pod_scopes_round_trip(
        self, file: str, context: str, ns: str, pod: str, container: str
    ) -> None:
        for tail in (PodTail(ns, pod), PodTail(ns, pod, container)):
            scope = Scope(format_cluster_id(file, context), tail)
            assert parse_scope(scope.format()) == scope
