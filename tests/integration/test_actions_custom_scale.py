"""Scale fits a custom resource exactly when its CRD serves a `scale` subresource: can-i says
`applicable` from the cluster's own discovery, and the scale goes through `<plural>/scale`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.clusters import ClusterEnv
from tests.integration.actions_support import (
    BETA,
    ActionsClient,
    actions_client,
    admin,
    admin_json,
    namespace_in,
    ref,
    until,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]


@pytest_asyncio.fixture
async def actions(clusters: ClusterEnv, tmp_path: Path) -> AsyncIterator[ActionsClient]:
    async with actions_client(clusters, tmp_path) as client:
        yield client


def crd(group: str, plural: str, kind: str, scalable: bool) -> dict[str, object]:
    version: dict[str, object] = {
        "name": "v1",
        "served": True,
        "storage": True,
        "schema": {
            "openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
        },
    }
    if scalable:
        version["subresources"] = {
            "scale": {
                "specReplicasPath": ".spec.replicas",
                "statusReplicasPath": ".status.replicas",
            }
        }
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.{group}"},
        "spec": {
            "group": group,
            "scope": "Namespaced",
            "names": {"plural": plural, "singular": kind.lower(), "kind": kind},
            "versions": [version],
        },
    }


@pytest.fixture
def custom_kinds(clusters: ClusterEnv) -> Iterator[str]:
    """On beta, a group of this test's own with kinds `Fleet` (scale subresource) and `Note`."""
    group = f"panel-{uuid.uuid4().hex[:6]}.example.com"
    defined = [crd(group, "fleets", "Fleet", True), crd(group, "notes", "Note", False)]
    admin(
        clusters,
        "beta",
        "apply",
        "-f",
        "-",
        input=json.dumps({"items": defined, "kind": "List", "apiVersion": "v1"}),
    )
    try:
        for name in ("fleets", "notes"):
            admin(clusters, "beta", "wait", "--for=condition=Established", f"crd/{name}.{group}")
        yield group
    finally:
        for name in ("fleets", "notes"):
            admin(clusters, "beta", "delete", "crd", f"{name}.{group}", "--wait=false", check=False)


async def test_scale_fits_a_custom_resource_with_a_scale_subresource_only(
    actions: ActionsClient, clusters: ClusterEnv, custom_kinds: str
) -> None:
    group = custom_kinds
    with namespace_in(clusters, f"scale-{uuid.uuid4().hex[:6]}", ("beta",)) as ns:
        objects = [
            {
                "apiVersion": f"{group}/v1",
                "kind": kind,
                "metadata": {"name": "one", "namespace": ns},
                "spec": {"replicas": 3},
            }
            for kind in ("Fleet", "Note")
        ]
        admin(
            clusters,
            "beta",
            "apply",
            "-f",
            "-",
            input=json.dumps({"apiVersion": "v1", "kind": "List", "items": objects}),
        )
        fleet = ref(BETA, "Fleet", "one", ns, group=group)
        note = ref(BETA, "Note", "one", ns, group=group)

        answers = {}
        for name, target in (("fleet", fleet), ("note", note)):
            response = await actions.can_i(target, ["scale", "restart"])
            assert response.status_code == 200, response.text
            answers[name] = {a["action"]: a for a in response.json()["actions"]}
        assert (answers["fleet"]["scale"]["applicable"], answers["fleet"]["scale"]["allowed"]) == (
            True,
            True,
        )
        assert answers["fleet"]["restart"]["applicable"] is False
        assert answers["note"]["scale"]["applicable"] is False
        assert "no scale subresource" in answers["note"]["scale"]["reason"]

        scaled = await actions.act("scale", fleet, {"replicas": 1})
        assert scaled.status_code == 200, scaled.text

        def fleet_replicas() -> object:
            return admin_json(clusters, "beta", "get", f"fleets.{group}", "one", "-n", ns)["spec"][
                "replicas"
            ]

        await until(lambda: fleet_replicas() == 1, what="the Fleet's spec.replicas to be 1")
        refused = await actions.act("scale", note, {"replicas": 1})
        assert refused.status_code == 400, refused.text
        assert refused.json()["error"]["code"] == "action_not_applicable"
