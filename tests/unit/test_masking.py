"""Secret masking (backend/masking.py): by the kind the server served, in lists too."""

from __future__ import annotations

import json
from typing import Any

from backend.masking import LAST_APPLIED, MASK, holds_secrets, mask_secrets


def secret(name: str = "api-token", *, with_kind: bool = True) -> dict[str, Any]:
    applied = {"apiVersion": "v1", "kind": "Secret", "data": {"token": "c2VjcmV0"}}
    obj: dict[str, Any] = {
        "metadata": {
            "name": name,
            "namespace": "shop",
            "labels": {"app": "api"},
            "annotations": {LAST_APPLIED: json.dumps(applied), "team": "payments"},
        },
        "type": "Opaque",
        "data": {"token": "c2VjcmV0", "user": "YWRtaW4="},
        "stringData": {"note": "plain secret"},
    }
    return {"apiVersion": "v1", "kind": "Secret", **obj} if with_kind else obj


def test_a_secret_keeps_its_keys_and_loses_its_values() -> None:
    original = secret()
    masked = mask_secrets(original)
    assert masked["data"] == {"token": MASK, "user": MASK}
    assert masked["stringData"] == {"note": MASK}
    assert masked["metadata"]["annotations"] == {LAST_APPLIED: MASK, "team": "payments"}
    assert masked["metadata"]["labels"] == {"app": "api"}
    assert masked["type"] == "Opaque"
    assert "c2VjcmV0" not in json.dumps(masked)
    assert original == secret()  # the input is not touched


def test_a_secret_list_masks_items_that_carry_no_kind() -> None:
    listed = {"kind": "SecretList", "apiVersion": "v1", "items": [secret(with_kind=False)]}
    masked = mask_secrets(listed)
    assert masked["items"][0]["data"] == {"token": MASK, "user": MASK}
    assert "c2VjcmV0" not in json.dumps(masked)
    assert holds_secrets(listed)


def test_a_mixed_list_masks_only_its_secrets() -> None:
    config_map = {"kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "visible"}}
    nested = {"kind": "List", "items": [secret()]}
    listed = {"kind": "List", "items": [config_map, secret(), nested]}
    masked = mask_secrets(listed)
    assert masked["items"][0] == config_map
    assert masked["items"][1]["data"]["token"] == MASK
    assert masked["items"][2]["items"][0]["data"]["token"] == MASK
    assert holds_secrets(listed)


def test_other_kinds_are_untouched_whatever_their_fields() -> None:
    config_map = {
        "kind": "ConfigMap",
        "metadata": {"name": "c", "annotations": {LAST_APPLIED: "{}"}},
        "data": {"k": "v"},
    }
    assert mask_secrets(config_map) is config_map
    assert not holds_secrets(config_map)
    assert not holds_secrets({"kind": "PodList", "items": [{"metadata": {"name": "p"}}]})
    assert not holds_secrets({"kind": "Status", "status": "Failure"})
