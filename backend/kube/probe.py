"""One health probe of one cluster: `GET /readyz`, after `GET /version` when asked, in a limit.

The `HealthMonitor` (clusters/health.py) decides when to probe and keeps the answers; this is the
request itself, so it goes through the cluster's one transport like every other request.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

import msgspec

from backend.clusters.health import ProbeResult
from backend.clusters.pool import ClusterHandle
from backend.kube.cluster import cluster_api
from backend.kube.errors import KubeError, Unreachable, describe_failure


class _Version(msgspec.Struct, rename="camel"):
    git_version: str | None = None


_version_decoder = msgspec.json.Decoder(_Version)


async def probe(handle: ClusterHandle, limit_s: float, *, version: bool = True) -> ProbeResult:
    """The cluster's health now. A timeout's sentence names no path, so it reads the same
    whichever request was waiting."""
    transport = cluster_api(handle).transport
    started = time.perf_counter()
    path = "/version"
    git_version: str | None = None
    try:
        async with asyncio.timeout(limit_s):
            if version:
                body = await transport.get(path, timeout_s=limit_s)
                git_version = _version_decoder.decode(body).git_version
            path = "/readyz"
            await transport.request("GET", path, accept="text/plain", timeout_s=limit_s)
    except (TimeoutError, KubeError, msgspec.DecodeError, msgspec.ValidationError) as exc:
        timed_out = isinstance(exc, TimeoutError) or (
            isinstance(exc, Unreachable) and exc.timed_out
        )
        failure = TimeoutError() if timed_out else exc
        where = None if timed_out else path
        diagnosis = describe_failure(failure, handle.server, limit_s=limit_s, path=where)
        return ProbeResult(diagnosis.status, diagnosis.message, None, datetime.now(UTC), None)
    latency = (time.perf_counter() - started) * 1000
    return ProbeResult("ready", None, git_version, datetime.now(UTC), round(latency, 1))
