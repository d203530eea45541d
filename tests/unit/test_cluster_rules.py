"""Per-cluster rules: how they are read from settings.json and what they say about a cluster."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backend.actions.protection import is_dry_run, without_confirmation
from backend.clusters.cluster_rules import settings_for
from backend.contract.clustersettings import ClusterRule
from backend.settings import SettingsStore

GAMMA = "prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma"
GAMMA_CONTEXT = "arn:aws:eks:eu-west-1:123456789012:cluster/gamma"


def test_a_corrupt_entry_is_reported_and_ignored_and_the_file_stays(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(
        json.dumps(
            {
                "version": 2,
                "selectedClusterIds": ["dev.yaml:alpha"],
                "clusterSettings": [
                    {"match": "*prod*", "protection": "read-only"},
                    {"match": "*gamma*", "color": "red"},
                    {"match": "dev.yaml:alpha", "alias": "Alpha"},
                ],
            }
        )
    )
    loaded = store.load()
    rules, problems = loaded.settings.cluster_rules()
    assert loaded.moved_aside_to is None
    assert loaded.settings.selected_cluster_ids == ["dev.yaml:alpha"]
    assert [r.match for r in rules] == ["*prod*", "dev.yaml:alpha"]
    assert len(problems) == 1
    assert "clusterSettings[1]" in problems[0] and "color" in problems[0]


def test_a_non_list_is_reported_not_fatal(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(json.dumps({"version": 2, "clusterSettings": "prod"}))
    rules, problems = store.load().settings.cluster_rules()
    assert rules == [] and problems == [
        "Settings field clusterSettings is ignored: it is not a list."
    ]


def test_an_exact_rule_comes_before_globs_and_each_field_from_the_first_that_sets_it() -> None:
    rules = [
        ClusterRule(match="*gamma*", protection="read-only", color="#aa0000"),
        ClusterRule(match="*", protection="confirm", alias="everything"),
        ClusterRule(match=GAMMA, alias="Gamma"),
    ]
    gamma = settings_for(rules, GAMMA, GAMMA_CONTEXT, "gamma")
    assert (gamma.alias, gamma.color, gamma.protection) == ("Gamma", "#aa0000", "read-only")
    alpha = settings_for(rules, "dev.yaml:alpha", "alpha", "alpha")
    assert (alpha.alias, alpha.color, alpha.protection) == ("everything", None, "confirm")
    assert settings_for([], "dev.yaml:alpha", "alpha", "alpha").protection == "none"


@pytest.mark.parametrize(
    "entry",
    [{"match": ""}, {"match": "x", "protection": "sometimes"}, {"match": "x", "colour": "#fff"}],
)
def test_a_bad_rule_is_refused(entry: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        ClusterRule.model_validate(entry)


def test_the_typed_name_is_not_passed_to_the_action() -> None:
    assert without_confirmation({"replicas": 2, "confirmClusterName": "alpha"}) == {"replicas": 2}


def test_a_dry_run_passes_a_confirm_guard_and_a_real_apply_does_not() -> None:
    assert is_dry_run({"yaml": "x", "dryRun": True})
    assert not is_dry_run({"yaml": "x", "dryRun": "true"})
    assert not is_dry_run({"yaml": "x"})
