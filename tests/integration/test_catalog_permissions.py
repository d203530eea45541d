"""A restricted user: forbidden kinds are data, never a retry loop; namespaces fall back.

`beta-viewer` may read pods, configmaps, events, deployments and replicasets in `shop` and
`team-a` only: no secrets, no nodes, no namespace list. Its context's namespace is `shop`.
"""

from __future__ import annotations

import pytest

from backend.objectcatalog.catalog import FALLBACK_MESSAGE
from backend.objectcatalog.kinds import (
    CONFIGMAPS,
    DEPLOYMENTS,
    NAMESPACES,
    NODES,
    PODS,
    SECRETS,
    STARTUP_KINDS,
)
from backend.objectcatalog.reflector import SyncState
from tests.clusters import ClusterEnv
from tests.integration.test_catalog_support import (
    Changes,
    RequestLog,
    api_client,
    kubectl,
    running_catalog,
    settled,
    unique,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]


async def test_forbidden_kinds_are_recorded_and_not_retried(clusters: ClusterEnv) -> None:
    client = await api_client(clusters, "beta-viewer")
    requests = RequestLog(client)
    try:
        async with running_catalog(
            clusters, "beta-viewer", default_namespace="shop", client=client
        ) as catalog:
            states = await settled(catalog, [*STARTUP_KINDS, SECRETS, CONFIGMAPS])
            assert states[str(NODES)] is SyncState.FORBIDDEN
            assert states[str(NAMESPACES)] is SyncState.FORBIDDEN
            assert states[str(SECRETS)] is SyncState.FORBIDDEN
            assert states["statefulsets.apps"] is SyncState.FORBIDDEN  # not granted anywhere
            assert states[str(PODS)] is SyncState.SYNCED
            assert states[str(DEPLOYMENTS)] is SyncState.SYNCED

            listing = catalog.namespaces()
            assert (listing.source, listing.message) == ("fallback", FALLBACK_MESSAGE)
            assert "shop" in listing.names and "team-b" not in listing.names
            _, message = catalog.status()
            assert message is not None and FALLBACK_MESSAGE in message

            pods = catalog.cache(PODS)
            assert pods is not None
            assert pods.scopes == ("shop",)  # watched in the namespace it may read
            assert {r.namespace for r in pods.rows()} == {"shop"}
            assert len([r for r in pods.rows() if r.name.startswith("web-")]) == 3

            issues = {
                (i.verb, i.group, i.resource, i.namespace)
                for i in catalog.diagnostics().permission_issues
            }
            assert {
                ("list", "", "nodes", ""),
                ("list", "", "secrets", ""),
                ("list", "", "namespaces", ""),
            } <= issues
            node_watch = next(w for w in catalog.diagnostics().watches if w.resource == "nodes")
            assert node_watch.state == SyncState.FORBIDDEN.value
            assert "forbidden" in node_watch.message

            # Never listed, and not asked again while other work goes on.
            assert requests.to("/api/v1/nodes") == requests.to("/api/v1/secrets") == 0
            asked = {r: requests.reviews_about(r) for r in ("nodes", "secrets", "namespaces")}
            assert all(n >= 1 for n in asked.values())

            configmaps = catalog.cache(CONFIGMAPS)
            assert configmaps is not None
            changes = Changes(catalog)
            name = unique("probe")
            await kubectl(
                clusters,
                "create",
                "configmap",
                name,
                "-n",
                "shop",
                "--from-literal=k=v",
                context="beta",
            )
            try:
                await changes.until(lambda: "ADDED" in changes.of(name, "ConfigMap"))
            finally:
                await kubectl(clusters, "delete", "configmap", name, "-n", "shop", context="beta")
            await changes.until(lambda: "DELETED" in changes.of(name, "ConfigMap"))
            assert requests.to("/api/v1/nodes") == requests.to("/api/v1/secrets") == 0
            assert {r: requests.reviews_about(r) for r in asked} == asked
            nodes = catalog.cache(NODES)
            assert nodes is not None and nodes.state is SyncState.FORBIDDEN

            # A manual refresh asks again (and the answer is still no).
            result = await catalog.resync([NODES, SECRETS])
            assert result.status == "forbidden"
            assert result.kinds == {NODES: SyncState.FORBIDDEN, SECRETS: SyncState.FORBIDDEN}
            assert requests.reviews_about("nodes") > asked["nodes"]
            assert requests.reviews_about("secrets") > asked["secrets"]
            assert requests.to("/api/v1/nodes") == 0
    finally:
        await client.close()


async def test_a_manual_refresh_relists_readable_kinds(clusters: ClusterEnv) -> None:
    async with running_catalog(clusters, "beta") as catalog:
        await settled(catalog, [PODS, DEPLOYMENTS])
        pods = catalog.cache(PODS)
        assert pods is not None
        lists_before = sum(r.list_requests for r in pods.reflectors())
        result = await catalog.resync([PODS, DEPLOYMENTS])
        assert (result.status, result.message) == ("ready", None)
        assert result.kinds == {PODS: SyncState.SYNCED, DEPLOYMENTS: SyncState.SYNCED}
        assert result.duration_ms >= 0
        assert sum(r.list_requests for r in pods.reflectors()) > lists_before
