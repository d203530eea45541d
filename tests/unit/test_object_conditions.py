"""Owner references and conditions of `object-details`: the contract's models, whatever a custom
resource put in those fields."""

from __future__ import annotations

from backend.contract.details import ObjectCondition, OwnerReference
from backend.refresh.snapshots.objects import conditions, owner_references


def test_conditions_keep_what_the_table_shows_and_tolerate_a_custom_resources_oddities() -> None:
    status = {
        "conditions": [
            {
                "type": "Ready",
                "status": "True",
                "reason": "Synced",
                "message": "ok",
                "lastTransitionTime": "2026-01-01T00:00:00Z",
                "lastHeartbeatTime": "2026-01-02T00:00:00Z",
            },
            {"type": "Degraded", "message": 3},
            "not a condition",
        ]
    }
    assert conditions(status) == [
        ObjectCondition(
            type="Ready",
            status="True",
            reason="Synced",
            message="ok",
            last_transition_time="2026-01-01T00:00:00Z",
        ),
        ObjectCondition(type="Degraded", status="", message="3"),
    ]
    assert conditions({"conditions": {"Ready": True}}) == []


def test_owner_references_name_their_owner_and_whether_it_is_the_controller() -> None:
    meta = {
        "ownerReferences": [
            {
                "apiVersion": "apps/v1",
                "kind": "ReplicaSet",
                "name": "web-1",
                "uid": "u1",
                "controller": True,
            },
            {"apiVersion": "v1", "kind": "Node", "name": "n1", "uid": "u2"},
        ]
    }
    assert owner_references(meta) == [
        OwnerReference(
            api_version="apps/v1", kind="ReplicaSet", name="web-1", uid="u1", controller=True
        ),
        OwnerReference(api_version="v1", kind="Node", name="n1", uid="u2"),
    ]
    assert owner_references({}) == []
