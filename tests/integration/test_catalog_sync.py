"""The catalog of an admin user: discovery, start-up caches, rows, watch changes, references."""

from __future__ import annotations

import pytest

from backend.errors import RegattaError
from backend.kube.resources import KindKey
from backend.objectcatalog.kinds import NAMESPACES, PODS, STARTUP_KINDS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.rows.pods import PodRow
from backend.objectcatalog.status import ClusterStatus
from backend.objectcatalog.store import ChangeType
from tests.clusters import ClusterEnv
from tests.integration.test_catalog_support import (
    Changes,
    kubectl,
    kubectl_json,
    pod_manifest,
    running_catalog,
    scratch_namespace,
    settled,
    unique,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]


async def test_startup_kinds_sync_and_match_what_kubectl_lists(clusters: ClusterEnv) -> None:
    async with running_catalog(clusters, "alpha") as catalog:
        states = await settled(catalog)
        assert set(states.values()) == {SyncState.SYNCED}, states
        assert {str(k) for k in STARTUP_KINDS} <= {str(c.key) for c in catalog.caches()}

        truth = await kubectl_json(clusters, "get", "pods", "-A", context="alpha")
        pods = catalog.cache(PODS)
        assert pods is not None
        assert {r.uid for r in pods.rows()} == {p["metadata"]["uid"] for p in truth["items"]}
        assert len(pods) == len(truth["items"])

        web = sorted(
            (
                r
                for r in pods.rows()
                if isinstance(r, PodRow)
                and r.namespace == "shop"
                and r.owner_kind == "ReplicaSet"
                and r.owner_name.startswith("web-")
            ),
            key=lambda r: r.name,
        )
        assert len(web) == 3
        assert all(r.phase == "Running" and r.fields()["ready"] == "2/2" for r in web)
        assert all(r.labels.get("app") == "web" and r.node.startswith("kwok-node-") for r in web)

        listing = catalog.namespaces()
        assert listing.source == "list"
        assert {"shop", "team-a", "team-b", "default", "kube-system"} <= set(listing.names)

        deployments = catalog.cache("deployments.apps")
        assert deployments is not None
        (web_deploy,) = [r for r in deployments.rows() if r.name == "web"]
        assert web_deploy.fields()["ready"] == "3/3"

        status, message = catalog.status()
        assert (status, message) == (ClusterStatus.READY, None)


async def test_a_pod_created_and_deleted_comes_and_goes_through_the_watch(
    clusters: ClusterEnv,
) -> None:
    async with (
        running_catalog(clusters, "alpha") as catalog,
        scratch_namespace(clusters, "alpha", "catalog-watch") as ns,
    ):
        await settled(catalog, [PODS])
        pods = catalog.cache(PODS)
        assert pods is not None
        changes = Changes(catalog)
        version = pods.version
        name = unique("probe")

        await kubectl(clusters, "apply", "-f", "-", input=pod_manifest(name, ns), context="alpha")
        await changes.until(
            lambda: any(
                isinstance(r, PodRow) and r.name == name and r.phase == "Running"
                for r in pods.rows()
            )
        )
        (row,) = [r for r in pods.rows() if r.name == name]
        assert changes.of(name)[0] == "ADDED"
        assert pods.version > version
        res = pods.resource
        assert (pods.cluster_id, res.group, res.version, res.kind) == (
            "dev.yaml:alpha",
            "",
            "v1",
            "Pod",
        )
        assert (row.namespace, row.name) == (ns, name)
        truth = await kubectl_json(clusters, "get", "pod", "-n", ns, name, context="alpha")
        assert row.uid == truth["metadata"]["uid"]

        await kubectl(clusters, "delete", "pod", "-n", ns, name, "--wait=false", context="alpha")
        await changes.until(lambda: "DELETED" in changes.of(name))
        assert all(r.name != name for r in pods.rows())
        assert changes.of(name).count("ADDED") == 1
        deleted = [c for c in changes.seen if c.name == name and c.type is ChangeType.DELETED]
        assert (deleted[0].cluster_id, deleted[0].kind_key, deleted[0].namespace) == (
            "dev.yaml:alpha",
            PODS,
            ns,
        )


async def test_kinds_outside_the_startup_set_start_on_demand_and_stop_when_idle(
    clusters: ClusterEnv,
) -> None:
    async with running_catalog(clusters, "alpha") as catalog:
        backups_key = KindKey("ops.example.com", "backups")
        states = await settled(
            catalog,
            [
                "secrets",
                "services",
                "ingresses.networking.k8s.io",
                "persistentvolumeclaims",
                backups_key,
            ],
        )
        assert set(states.values()) == {SyncState.SYNCED}, states

        backups = catalog.cache(backups_key)
        assert backups is not None
        assert {(r.namespace, r.name) for r in backups.rows()} == {
            ("team-a", "nightly"),
            ("team-a", "weekly"),
            ("team-b", "archive"),
        }
        assert backups.resource.kind == "Backup"

        secrets = catalog.cache("secrets")
        assert secrets is not None
        (row,) = [r for r in secrets.rows() if (r.namespace, r.name) == ("shop", "db-credentials")]
        truth = await kubectl_json(
            clusters, "get", "secret", "-n", "shop", "db-credentials", context="alpha"
        )
        assert row.fields()["keys"] == len(truth["data"])
        for value in truth["data"].values():
            assert value not in repr(row) and value not in str(row.fields())

        # Nothing used them since: every on-demand kind stops, the start-up kinds stay.
        stopped = await catalog.stop_idle_kinds(unused_since=float("inf"))
        assert set(stopped) == {
            KindKey.parse("secrets"),
            KindKey.parse("services"),
            KindKey.parse("ingresses.networking.k8s.io"),
            KindKey.parse("persistentvolumeclaims"),
            backups_key,
        }
        assert catalog.cache(backups_key) is None
        namespaces = catalog.cache(NAMESPACES)
        assert namespaces is not None and namespaces.state is SyncState.SYNCED


async def test_objects_are_fetched_whole_on_demand(clusters: ClusterEnv) -> None:
    async with running_catalog(clusters, "alpha") as catalog:
        backup = await catalog.get_object("ops.example.com", "v1", "Backup", "team-a", "nightly")
        assert backup["kind"] == "Backup" and backup["metadata"]["name"] == "nightly"
        node = await catalog.get_object("", "v1", "Node", None, "kwok-node-0")
        assert node["metadata"]["name"] == "kwok-node-0"

        with pytest.raises(RegattaError) as missing:
            await catalog.get_object("apps", "v1", "Deployment", "shop", "no-such-deploy")
        assert (missing.value.status, missing.value.code) == (404, "object_not_found")
        with pytest.raises(RegattaError) as unknown:
            await catalog.get_object("example.com", "v9", "Nothing", "shop", "x")
        assert (unknown.value.status, unknown.value.code) == (404, "unknown_kind")
        with pytest.raises(RegattaError) as bad_kind:
            await catalog.ensure("nosuchthings.example.com")
        assert (bad_kind.value.status, bad_kind.value.code) == (404, "unknown_kind")


async def test_diagnostics_describe_watches_and_sync_time(clusters: ClusterEnv) -> None:
    async with running_catalog(clusters, "alpha") as catalog:
        await settled(catalog)
        diag = catalog.diagnostics()
        assert (diag.cluster_id, diag.cluster_name, diag.status) == (
            "dev.yaml:alpha",
            "alpha",
            "ready",
        )
        assert diag.aggregated_discovery is True
        assert diag.last_sync_at is not None
        assert diag.permission_issues == []
        pods = next(w for w in diag.watches if (w.group, w.resource) == ("", "pods"))
        assert pods.state == SyncState.SYNCED.value and pods.items > 0
        assert pods.scopes == ["*"]  # one cluster-wide watch
        assert pods.list_requests >= 1 and pods.last_sync_at is not None
        assert diag.cached_rows == catalog.stats().rows > 0
