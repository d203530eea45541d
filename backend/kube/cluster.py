"""One cluster's API as every layer talks to it: transport, discovery, access reviews, channels.

There is exactly one `ClusterApi` per client the pool built, so the catalog, the actions, the log
follows and the UI's can-i share one connection pool, one discovery and one access cache; it goes
away with its client when the cluster is deselected.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from backend.clusters.pool import ClusterHandle
from backend.kube.access import AccessReviewer
from backend.kube.discovery import Discovery
from backend.kube.transport import Transport

if TYPE_CHECKING:
    from kubernetes_asyncio.client import ApiClient


class ClusterApi:
    """Transport, discovery and access reviews of one cluster's client (channels: `kube.channel`)."""

    def __init__(self, api_client: ApiClient) -> None:
        self.transport = Transport(api_client)
        self.discovery = Discovery(self.transport)
        self.access = AccessReviewer(self.transport)


_apis: weakref.WeakKeyDictionary[ClusterHandle, ClusterApi] = weakref.WeakKeyDictionary()


def cluster_api(handle: ClusterHandle) -> ClusterApi:
    """The one `ClusterApi` of a selected cluster's current client."""
    api = _apis.get(handle)
    if api is None:
        api = _apis[handle] = ClusterApi(handle.api_client)
    return api
