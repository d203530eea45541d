"""Kind keys and resource paths."""

from __future__ import annotations

import pytest

from backend.errors import RegattaError
from backend.kube.resources import ApiResource, KindKey, resource_path


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("pods", KindKey("", "pods")),
        ("deployments.apps", KindKey("apps", "deployments")),
        ("backups.ops.example.com", KindKey("ops.example.com", "backups")),
    ],
)
def test_kind_keys_read_and_print_like_kubectl(text: str, key: KindKey) -> None:
    assert KindKey.parse(text) == key
    assert str(key) == text
    assert KindKey.of(text) is not key and KindKey.of(key) is key


@pytest.mark.parametrize("text", ["", "Pods", "apps/v1/deployments", ".apps"])
def test_malformed_kind_keys_are_a_bad_request(text: str) -> None:
    with pytest.raises(RegattaError) as caught:
        KindKey.parse(text)
    assert (caught.value.status, caught.value.code) == (400, "bad_kind")


def test_paths_of_core_grouped_namespaced_and_cluster_scoped_resources() -> None:
    pods = ApiResource("", "v1", "pods", "Pod", True, frozenset({"list", "watch"}))
    deploy = ApiResource("apps", "v1", "deployments", "Deployment", True, frozenset({"list"}))
    nodes = ApiResource("", "v1", "nodes", "Node", False, frozenset({"list", "watch"}))
    assert pods.path() == "/api/v1/pods"
    assert pods.path("shop", "web-1") == "/api/v1/namespaces/shop/pods/web-1"
    assert deploy.path("shop") == "/apis/apps/v1/namespaces/shop/deployments"
    assert nodes.path("ignored", "kwok-node-0") == "/api/v1/nodes/kwok-node-0"
    assert (pods.watchable, deploy.watchable) == (True, False)
    assert (pods.api_version, deploy.api_version) == ("v1", "apps/v1")


def test_every_path_segment_is_quoted() -> None:
    backups = ApiResource("ops.example.com", "v1", "backups", "Backup", True, frozenset())
    assert backups.path("team a", "x/y", "status") == (
        "/apis/ops.example.com/v1/namespaces/team%20a/backups/x%2Fy/status"
    )
    assert resource_path("", "v1", "pods", "shop", "web?x=1#y", "log") == (
        "/api/v1/namespaces/shop/pods/web%3Fx%3D1%23y/log"
    )


def test_a_subresource_needs_an_object_and_the_namespace_a_namespaced_kind() -> None:
    nodes = ApiResource("", "v1", "nodes", "Node", False, frozenset(), frozenset({"status"}))
    assert nodes.path("shop", "kwok-node-0", "status") == "/api/v1/nodes/kwok-node-0/status"
    assert nodes.path(subresource="status") == "/api/v1/nodes"
