"""Reading aggregated and classic discovery documents into a DiscoveryIndex."""

from __future__ import annotations

import json
from typing import Any

from backend.kube.discovery import (
    build_index,
    is_aggregated,
    resources_from_aggregated,
    resources_from_legacy_list,
)
from backend.kube.resources import KindKey

VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]


def agg_resource(
    resource: str, kind: str, scope: str = "Namespaced", verbs: list[str] | None = None
) -> dict[str, Any]:
    return {
        "resource": resource,
        "responseKind": {"group": "", "version": "", "kind": kind},
        "scope": scope,
        "singularResource": resource[:-1],
        "verbs": verbs or VERBS,
        "subresources": [
            {
                "subresource": "status",
                "responseKind": {"kind": kind},
                "verbs": ["get", "patch", "update"],
            }
        ],
    }


CORE = {
    "kind": "APIGroupDiscoveryList",
    "apiVersion": "apidiscovery.k8s.io/v2",
    "metadata": {},
    "items": [
        {
            "metadata": {"creationTimestamp": None},
            "versions": [
                {
                    "version": "v1",
                    "freshness": "Current",
                    "resources": [
                        agg_resource("pods", "Pod"),
                        agg_resource("nodes", "Node", scope="Cluster"),
                        agg_resource("bindings", "Binding", verbs=["create"]),
                    ],
                }
            ],
        }
    ],
}

APIS = {
    "kind": "APIGroupDiscoveryList",
    "apiVersion": "apidiscovery.k8s.io/v2",
    "metadata": {},
    "items": [
        {
            "metadata": {"name": "apps"},
            "versions": [
                {"version": "v1", "resources": [agg_resource("deployments", "Deployment")]}
            ],
        },
        {
            "metadata": {"name": "ops.example.com"},
            "versions": [
                {"version": "v2", "resources": [agg_resource("backups", "Backup")]},
                {
                    "version": "v1",
                    "resources": [
                        agg_resource("backups", "Backup"),
                        agg_resource("restores", "Restore"),
                    ],
                },
            ],
        },
    ],
}


def aggregated_index() -> Any:
    return build_index(
        [
            *resources_from_aggregated(json.dumps(CORE).encode()),
            *resources_from_aggregated(json.dumps(APIS).encode()),
        ],
        aggregated=True,
    )


def test_aggregated_discovery_lists_resources_with_scope_and_verbs() -> None:
    index = aggregated_index()
    pods = index.resolve(KindKey("", "pods"))
    nodes = index.resolve(KindKey("", "nodes"))
    assert pods is not None and nodes is not None
    assert (pods.version, pods.kind, pods.namespaced, pods.watchable) == ("v1", "Pod", True, True)
    assert (nodes.namespaced, nodes.path()) == (False, "/api/v1/nodes")
    binding = index.resolve(KindKey("", "bindings"))
    assert binding is not None and not binding.watchable


def test_the_first_listed_version_is_preferred_and_older_ones_stay_addressable() -> None:
    index = aggregated_index()
    backups = index.resolve(KindKey("ops.example.com", "backups"))
    assert backups is not None and backups.version == "v2"
    assert index.for_kind("ops.example.com", "v1", "Backup") is not None
    restores = index.resolve(KindKey("ops.example.com", "restores"))
    assert restores is not None and restores.version == "v1"  # only served as v1


def test_subresources_are_not_kinds() -> None:
    index = aggregated_index()
    assert all("/" not in key.resource for key in index.preferred)


def test_the_aggregated_content_type_is_recognised() -> None:
    assert is_aggregated("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
    assert is_aggregated(
        "application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList"
    )
    assert not is_aggregated("application/json")


def test_classic_resource_lists_skip_subresources() -> None:
    body = json.dumps(
        {
            "kind": "APIResourceList",
            "groupVersion": "apps/v1",
            "resources": [
                {
                    "name": "deployments",
                    "singularName": "deployment",
                    "namespaced": True,
                    "kind": "Deployment",
                    "verbs": VERBS,
                    "shortNames": ["deploy"],
                },
                {
                    "name": "deployments/scale",
                    "namespaced": True,
                    "kind": "Scale",
                    "verbs": ["get", "patch"],
                },
            ],
        }
    ).encode()
    (deployments,) = resources_from_legacy_list("apps", "v1", body)
    assert (deployments.key, deployments.namespaced, deployments.watchable) == (
        KindKey("apps", "deployments"),
        True,
        True,
    )
