"""Decoding Helm's stored releases: the happy path of both drivers, and bounded failures."""

from __future__ import annotations

import base64
import gzip
import json

import pytest

from backend.clusters.identity import HelmTail, parse_scope
from backend.errors import RegattaError
from backend.objectcatalog.helm import payload
from backend.objectcatalog.helm.payload import ReleaseDecodeError, coalesce_values, decode_release
from backend.objectcatalog.helm.storage import StoredRevision, latest_per_release

RELEASE = {
    "name": "shop",
    "version": 3,
    "info": {"status": "deployed", "last_deployed": "2026-12-07T10:00:00Z"},
    "chart": {"metadata": {"name": "storefront", "version": "0.3.1"}, "values": {"a": 1}},
    "config": {"a": 2},
}


def _configmap_value(release: object) -> str:
    return base64.b64encode(gzip.compress(json.dumps(release).encode())).decode()


def _secret_value(release: object) -> str:
    """What the API shows of a Secret's data: base64 of helm's own base64 text."""
    return base64.b64encode(_configmap_value(release).encode()).decode()


def test_a_secret_and_a_configmap_payload_decode_to_the_release() -> None:
    assert decode_release(_secret_value(RELEASE), from_secret=True) == RELEASE
    assert decode_release(_configmap_value(RELEASE), from_secret=False) == RELEASE


@pytest.mark.parametrize(
    ("stored", "why"),
    [
        ("!!!not base64", "not base64"),
        (base64.b64encode(b"garbage").decode(), "not base64"),
        (
            base64.b64encode(base64.b64encode(b"\x1f\x8bnot gzip")).decode(),
            "not valid gzip",
        ),
        (base64.b64encode(base64.b64encode(b"[1, 2]")).decode(), "not a JSON object"),
        (base64.b64encode(base64.b64encode(b"{nope")).decode(), "not JSON"),
    ],
)
def test_a_corrupt_payload_is_an_error_that_says_why(stored: str, why: str) -> None:
    with pytest.raises(ReleaseDecodeError, match=why):
        decode_release(stored, from_secret=True)


def test_a_gzip_bomb_stops_at_the_size_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payload, "MAX_JSON_BYTES", 1000)
    bomb = base64.b64encode(gzip.compress(b" " * 1_000_000)).decode()
    with pytest.raises(ReleaseDecodeError, match="more than 1000 bytes"):
        decode_release(bomb, from_secret=False)


def test_an_oversized_stored_value_is_not_decoded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payload, "MAX_ENCODED_BYTES", 10)
    with pytest.raises(ReleaseDecodeError, match="more than 10 are read"):
        decode_release(_configmap_value(RELEASE), from_secret=False)


def test_computed_values_merge_maps_and_let_the_user_win_or_remove() -> None:
    defaults = {"image": {"repo": "r", "tag": "1"}, "replicas": 1, "extra": {"x": 1}, "list": [1]}
    user = {"image": {"tag": "2"}, "extra": None, "list": [2, 3]}
    assert coalesce_values(defaults, user) == {
        "image": {"repo": "r", "tag": "2"},
        "replicas": 1,
        "list": [2, 3],
    }
    assert defaults["image"] == {"repo": "r", "tag": "1"}  # the chart's values are not changed


def _stored(release: str, revision: int, namespace: str = "shop") -> StoredRevision:
    return StoredRevision(
        "secret",
        namespace,
        f"sh.helm.release.v1.{release}.v{revision}",
        release,
        revision,
        "deployed",
        "1",
        "",
    )


def test_the_list_keeps_the_latest_revision_of_each_release() -> None:
    found = [_stored("a", 1), _stored("a", 10), _stored("a", 2), _stored("a", 1, "other")]
    latest = latest_per_release(found)
    assert [(r.namespace, r.release, r.revision) for r in latest] == [
        ("other", "a", 1),
        ("shop", "a", 10),
    ]


def test_a_helm_scope_parses_and_a_bad_one_is_a_400() -> None:
    assert parse_scope("f:ctx|helm:shop/storefront").tail == HelmTail("shop", "storefront")
    assert parse_scope("f:ctx|helm:shop/storefront").format() == "f:ctx|helm:shop/storefront"
    with pytest.raises(RegattaError) as caught:
        parse_scope("f:ctx|helm:shop")
    assert caught.value.code == "bad_scope"
