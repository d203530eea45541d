"""The environment's proxy for a cluster, looked up once when its client is built.

kubernetes_asyncio opens its aiohttp session with `trust_env=True`, so before every request
aiohttp looks up HTTPS_PROXY/NO_PROXY and reads ~/.netrc, each in a worker thread: two thread
hops and about 1.3 ms of CPU per request, more than the request itself costs (a manual refresh
makes six; docs/benchmarks.md, #20). The environment does not change while the app runs, so the
proxy is looked up here once, with aiohttp's own rules, and the session stops asking. A
kubeconfig's `proxy-url` still wins; ~/.netrc is not read for the API server (kubectl does not
read it either).
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kubernetes_asyncio.client import ApiClient


def pin_environment_proxy(api_client: ApiClient) -> None:
    """Resolve the environment's proxy for this client's server now, not per request."""
    from aiohttp.helpers import get_env_proxy_for_url
    from yarl import URL

    rest = api_client.rest_client
    if not rest.proxy:
        with contextlib.suppress(LookupError):  # no proxy, or NO_PROXY names the server
            proxy, auth = get_env_proxy_for_url(URL(str(api_client.configuration.host)))
            rest.proxy = str(proxy)
            if auth is not None:
                rest.proxy_headers = {
                    **(rest.proxy_headers or {}),
                    "Proxy-Authorization": auth.encode(),
                }
    rest.pool_manager._trust_env = False
