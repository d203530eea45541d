"""A watch whose resourceVersion is gone (410) leads to a relist that loses and repeats nothing.

How the 410 is forced: while the pods watch is disconnected (its apiserver restarted) and held
back by a gate on the ApiClient, the test deletes one pod, creates another and compacts etcd at
its current revision. The restarted apiserver's watch cache starts after the old
resourceVersion and etcd no longer has it, so the resumed watch gets 410 Gone.
"""

from __future__ import annotations

import asyncio
import base64
import json
import urllib.request
from typing import Any

import pytest
from kubernetes_asyncio.client import ApiClient

from backend.objectcatalog.kinds import PODS
from backend.objectcatalog.reflector import SyncState
from backend.objectcatalog.store import ChangeType
from tests.clusters import ClusterEnv
from tests.clusters.state import load
from tests.integration.test_catalog_support import (
    CHANGE_S,
    Changes,
    api_client,
    kubectl,
    kubectl_json,
    pod_manifest,
    running_catalog,
    scratch_namespace,
    settled,
    unique,
)

pytestmark = [pytest.mark.clusters, pytest.mark.asyncio]

CLUSTER = "alpha"


class WatchGate:
    """Holds back new WATCH requests for one resource until `open()`; lets the rest through."""

    def __init__(self, client: ApiClient, resource_suffix: str) -> None:
        self._open = asyncio.Event()
        self.held = asyncio.Event()
        original = client.call_api

        async def gated(resource_path: str, method: str, *args: Any, **kwargs: Any) -> Any:
            query = dict(kwargs.get("query_params") or ())
            if query.get("watch") == "1" and resource_path.endswith(resource_suffix):
                self.held.set()
                await self._open.wait()
            return await original(resource_path, method, *args, **kwargs)

        self._client = client
        self._original = original
        client.call_api = gated  # type: ignore[method-assign]

    def open(self) -> None:
        self._open.set()
        self._client.call_api = self._original  # type: ignore[method-assign]


def etcd_url(env: ClusterEnv) -> str:
    state = load(env.state_dir)
    assert state is not None
    argv = state.shared["etcd"].argv
    (flag,) = [a for a in argv if a.startswith("--listen-client-urls=")]
    return flag.split("=", 1)[1].split(",")[0]


def compact_etcd(url: str) -> int:
    """Compact etcd at its current revision (etcd's JSON gateway); returns the revision."""

    def post(path: str, body: dict[str, Any]) -> Any:
        request = urllib.request.Request(
            f"{url}{path}",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    key = base64.b64encode(b"/").decode()
    revision = int(post("/v3/kv/range", {"key": key, "limit": 1})["header"]["revision"])
    post("/v3/kv/compaction", {"revision": str(revision), "physical": True})
    return revision


async def test_a_410_relists_without_losing_or_repeating_rows(clusters: ClusterEnv) -> None:
    client = await api_client(clusters, CLUSTER)
    try:
        async with (
            running_catalog(clusters, CLUSTER, client=client) as catalog,
            scratch_namespace(clusters, CLUSTER, "catalog-relist") as ns,
        ):
            doomed, newcomer = unique("doomed"), unique("newcomer")
            await kubectl(
                clusters, "apply", "-f", "-", input=pod_manifest(doomed, ns), context=CLUSTER
            )
            await settled(catalog, [PODS])
            pods = catalog.cache(PODS)
            assert pods is not None
            changes = Changes(catalog)
            await changes.until(lambda: any(r.name == doomed for r in pods.rows()))
            (reflector,) = pods.reflectors()
            before = {r.uid for r in pods.rows()}
            old_version = reflector.resource_version

            gate = WatchGate(client, "/pods")
            await asyncio.to_thread(clusters.stop_apiserver, CLUSTER)
            await asyncio.wait_for(gate.held.wait(), CHANGE_S)  # the watch is down and held
            await asyncio.to_thread(clusters.start_apiserver, CLUSTER)

            await kubectl(
                clusters, "delete", "pod", "-n", ns, doomed, "--wait=true", context=CLUSTER
            )
            await kubectl(
                clusters, "apply", "-f", "-", input=pod_manifest(newcomer, ns), context=CLUSTER
            )
            revision = await asyncio.to_thread(compact_etcd, etcd_url(clusters))
            assert revision > int(old_version)
            seen_before_relist = len(changes.seen)

            gate.open()
            await changes.until(
                lambda: (
                    reflector.relists_after_gone >= 1
                    and reflector.state is SyncState.SYNCED
                    and any(r.name == newcomer for r in pods.rows())
                    and all(r.name != doomed for r in pods.rows())
                )
            )

            truth = await kubectl_json(clusters, "get", "pods", "-A", context=CLUSTER)
            truth_uids = {p["metadata"]["uid"] for p in truth["items"]}
            rows = list(pods.rows())
            assert {r.uid for r in rows} == truth_uids
            assert len(rows) == len(truth_uids)  # nothing twice

            relist = [c for c in changes.seen[seen_before_relist:] if c.kind_key == PODS]
            added = {c.uid for c in relist if c.type is ChangeType.ADDED}
            assert not added & before, "rows the cache already had were announced again"
            # controllers act on the rest of the cluster meanwhile (a CI run saw a DaemonSet's
            # pod deleted here): only this test's own pods have known fates
            ours = [c for c in relist if c.namespace == ns]
            assert [c.name for c in ours if c.type is ChangeType.DELETED] == [doomed]
            assert newcomer in {c.name for c in relist if c.type is ChangeType.ADDED}
            assert reflector.resource_version != old_version
    finally:
        await client.close()
