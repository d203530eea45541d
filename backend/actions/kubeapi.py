"""Raw REST calls to one cluster through its kubernetes_asyncio `ApiClient`.

Actions touch one object at a time, but in every kind there is (CRDs included), so they speak
plain REST and JSON instead of the generated typed APIs: the ApiClient still does what it is
good at — credentials, exec plugins, TLS, connection pooling — and this module reads the answer
itself (`_preload_content=False`) and turns an error status into `KubeStatusError`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import aiohttp
import msgspec
from kubernetes_asyncio.client import ApiClient

from backend.actions import limits

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"

Query = Sequence[tuple[str, str]]


class KubeStatusError(Exception):
    """The API server answered with an error status; `message` is its `Status.message`."""

    def __init__(self, status: int, reason: str, message: str, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {reason}: {message}")
        self.status = status
        self.reason = reason
        """The Status `reason` (`NotFound`, `Conflict`, `TooManyRequests`…) or the HTTP reason."""
        self.message = message
        self.body = body
        """The whole `Status` object, for `details.causes` (eviction refusals name the budget)."""

    @classmethod
    def from_response(cls, status: int, http_reason: str, data: bytes) -> KubeStatusError:
        try:
            body = msgspec.json.decode(data) if data else {}
        except msgspec.DecodeError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        reason = body.get("reason") if isinstance(body.get("reason"), str) else None
        message = body.get("message") if isinstance(body.get("message"), str) else None
        text = data.decode("utf-8", "replace").strip()[:300] if not body else ""
        return cls(status, reason or http_reason, message or text or http_reason, body)


class KubeUnreachableError(Exception):
    """No HTTP answer: connection refused, TLS failure, or no answer in time."""

    def __init__(self, message: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.message = message
        self.timed_out = timed_out


class KubeApi:
    """JSON in, JSON out, over one cluster's ApiClient."""

    def __init__(self, api_client: ApiClient) -> None:
        self.api_client = api_client

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query = (),
        body: dict[str, Any] | None = None,
        content_type: str = JSON,
        timeout_s: float = limits.REQUEST_TIMEOUT_S,
    ) -> dict[str, Any]:
        """The decoded JSON answer of a 2xx; `KubeStatusError` otherwise."""
        limit = aiohttp.ClientTimeout(
            total=timeout_s,
            connect=limits.CONNECT_TIMEOUT_S,
            sock_connect=limits.CONNECT_TIMEOUT_S,
        )
        try:
            response: aiohttp.ClientResponse = await self.api_client.call_api(
                path,
                method,
                query_params=list(query),
                header_params={"Accept": JSON, "Content-Type": content_type},
                body=body,
                auth_settings=["BearerToken"],
                _preload_content=False,
                _request_timeout=limit,
            )
            try:
                # Read the stream, not `response.read()`: the ApiClient keeps the response as
                # `last_response`, and a body cached on it would outlive the request.
                data = await response.content.read()
            finally:
                response.release()
        except TimeoutError as exc:
            raise KubeUnreachableError(
                "the API server did not answer in time", timed_out=True
            ) from exc
        except (aiohttp.ClientError, OSError) as exc:
            raise KubeUnreachableError(str(exc) or type(exc).__name__, timed_out=False) from exc
        if response.status >= 400:
            raise KubeStatusError.from_response(response.status, response.reason or "", data)
        if not data:
            return {}
        try:
            decoded = msgspec.json.decode(data)
        except msgspec.DecodeError as exc:
            raise KubeStatusError(
                502, "BadResponse", f"the API server's answer is not JSON: {exc}", {}
            ) from exc
        return decoded if isinstance(decoded, dict) else {}

    async def get(self, path: str, query: Query = ()) -> dict[str, Any]:
        return await self.request("GET", path, query=query)

    async def post(self, path: str, body: dict[str, Any], query: Query = ()) -> dict[str, Any]:
        return await self.request("POST", path, query=query, body=body)

    async def put(self, path: str, body: dict[str, Any], query: Query = ()) -> dict[str, Any]:
        return await self.request("PUT", path, query=query, body=body)

    async def merge_patch(self, path: str, patch: dict[str, Any]) -> dict[str, Any]:
        return await self.request("PATCH", path, body=patch, content_type=MERGE_PATCH)

    async def delete(self, path: str, options: dict[str, Any]) -> dict[str, Any]:
        return await self.request("DELETE", path, body=options)
