"""The facts the drift view compares: what they hold, and never a Secret's values."""

from __future__ import annotations

from backend.refresh.drift_facts import differing, facts_of


def test_a_secret_gives_its_keys_never_its_values() -> None:
    facts = facts_of(
        "Secret", {"metadata": {"labels": {"a": "1"}}, "data": {"password": "aHVudGVyMg=="}}
    )
    assert facts == {"labels": "a=1", "keys": "password"}
    assert "aHVudGVyMg" not in repr(facts)


def test_a_workload_gives_images_replicas_resources_and_env_keys() -> None:
    obj = {
        "spec": {
            "replicas": 3,
            "template": {
                "spec": {
                    "containers": [
                        {
                            "name": "app",
                            "image": "shop/web:2",
                            "env": [{"name": "B", "value": "x"}, {"name": "A", "value": "secret"}],
                            "resources": {"limits": {"cpu": "1"}},
                        }
                    ]
                }
            },
        }
    }
    facts = facts_of("Deployment", obj)
    assert facts == {
        "labels": "",
        "replicas": "3",
        "image/app": "shop/web:2",
        "resources/app": '{"limits":{"cpu":"1"}}',
        "env/app": "A,B",
    }
    assert "secret" not in repr(facts)


def test_differing_counts_an_absent_fact_as_a_difference() -> None:
    assert differing([{"a": "1", "b": "2"}, {"a": "1", "b": "3"}, {"a": "1"}]) == ["b"]
    assert differing([{"a": "1"}, {"a": "1"}]) == []
