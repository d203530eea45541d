"""Evaluating SelfSubjectRulesReview rules: which list/watch they grant."""

from __future__ import annotations

import json

import pytest

from backend.kube.access import ResourceRule, parse_rules, rules_allow


def rule(
    verbs: list[str], groups: list[str], resources: list[str], names: list[str] | None = None
) -> ResourceRule:
    return ResourceRule(
        frozenset(verbs), frozenset(groups), frozenset(resources), frozenset(names or ())
    )


VIEWER = [
    rule(["get", "list", "watch"], [""], ["pods", "pods/log", "configmaps", "events"]),
    rule(["get", "list", "watch"], ["apps"], ["deployments", "replicasets"]),
    rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews"]),
    rule(["get", "list", "watch"], [""], ["secrets"], names=["public-one"]),
]


@pytest.mark.parametrize(
    ("verb", "group", "resource", "allowed"),
    [
        ("list", "", "pods", True),
        ("watch", "apps", "deployments", True),
        ("list", "", "deployments", False),  # right resource name, wrong group
        ("list", "apps", "statefulsets", False),
        ("delete", "", "pods", False),
        ("list", "", "secrets", False),  # resourceNames never grant the collection
    ],
)
def test_rules_grant_exactly_what_they_name(
    verb: str, group: str, resource: str, allowed: bool
) -> None:
    assert rules_allow(VIEWER, verb, group, resource) is allowed


def test_wildcards_grant_everything() -> None:
    admin = [rule(["*"], ["*"], ["*"])]
    assert rules_allow(admin, "watch", "ops.example.com", "backups")


def test_a_rules_review_answer_is_parsed() -> None:
    body = json.dumps(
        {
            "kind": "SelfSubjectRulesReview",
            "status": {
                "resourceRules": [
                    {"verbs": ["list", "watch"], "apiGroups": [""], "resources": ["pods"]}
                ],
                "nonResourceRules": [{"verbs": ["get"], "nonResourceURLs": ["/api"]}],
                "incomplete": False,
            },
        }
    ).encode()
    rules = parse_rules(body, checked_at=12.0)
    assert not rules.incomplete and rules.checked_at == 12.0
    assert rules_allow(rules.rules, "watch", "", "pods")


def test_an_empty_answer_is_incomplete() -> None:
    assert parse_rules(b"{}", 0.0).incomplete
