"""Raw HTTP to one cluster through its kubernetes_asyncio `ApiClient`: the only request path.

The ApiClient keeps doing what it is good at — credentials (tokens, exec plugins, client
certificates), TLS and connection pooling — while every layer asks this transport for unparsed
answers (`_preload_content=False`) and reads the bytes itself: the catalog's LIST/WATCH hot path
decodes them straight into slim rows, actions decode JSON, log follows read chunks. A failure is
always one of `ApiError` (an error status) or `Unreachable` (no answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from backend.kube import limits
from backend.kube.errors import ApiError, transport_errors, unreachable

if TYPE_CHECKING:
    import aiohttp
    from kubernetes_asyncio.client import ApiClient

Query = Sequence[tuple[str, str]]

JSON = "application/json"
MERGE_PATCH = "application/merge-patch+json"
JSON_PATCH = "application/json-patch+json"
STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json"


class Answer(NamedTuple):
    body: bytes
    content_type: str


class BodyStream:
    """An open streaming answer (a WATCH, a log follow); iterate for its non-blank lines or
    `read` chunks. Broken connections raise `Unreachable`; `close()` drops the connection."""

    __slots__ = ("_content", "_path", "_response", "_server")

    def __init__(self, response: aiohttp.ClientResponse, server: str, path: str) -> None:
        self._response = response
        self._content = response.content
        self._server = server
        self._path = path

    async def read(self, size: int = -1) -> bytes:
        """Up to `size` bytes as they arrive; b"" at the end of the body."""
        try:
            return await self._content.read(size)
        except transport_errors() as exc:
            raise unreachable(exc, self._server, path=self._path) from exc

    def __aiter__(self) -> BodyStream:
        return self

    async def __anext__(self) -> bytes:
        content = self._content
        while True:
            try:
                line = await content.readline()
            except transport_errors() as exc:
                raise unreachable(exc, self._server, path=self._path) from exc
            if not line:
                raise StopAsyncIteration
            if not line.isspace():
                return line

    def close(self) -> None:
        self._response.close()


def _timeout(
    total: float | None, read: float | None = None, connect: float = limits.CONNECT_TIMEOUT_S
) -> aiohttp.ClientTimeout:
    import aiohttp  # with the first request, not at start-up

    return aiohttp.ClientTimeout(total=total, connect=connect, sock_connect=connect, sock_read=read)


class Transport:
    """Requests and streams over one cluster's ApiClient, answering bytes or raising typed errors."""

    def __init__(self, api_client: ApiClient) -> None:
        self.api_client = api_client
        self.server = str(api_client.configuration.host)

    async def _open(
        self,
        method: str,
        path: str,
        query: Query,
        body: Any,
        content_type: str,
        accept: str,
        limit: aiohttp.ClientTimeout,
    ) -> aiohttp.ClientResponse:
        try:
            response: aiohttp.ClientResponse = await self.api_client.call_api(
                path,
                method,
                query_params=list(query),
                header_params={"Accept": accept, "Content-Type": content_type},
                body=body,
                auth_settings=["BearerToken"],
                _preload_content=False,
                _request_timeout=limit,
            )
        except transport_errors() as exc:
            raise unreachable(exc, self.server, limit_s=limit.total, path=path) from exc
        if response.status >= 400:
            try:
                data = await response.content.read(limits.ERROR_BODY_MAX_BYTES)
            except transport_errors():
                data = b""
            finally:
                response.close()
            raise ApiError.from_body(response.status, response.reason or "", data)
        return response

    async def request(
        self,
        method: str,
        path: str,
        *,
        query: Query = (),
        body: Any = None,
        content_type: str = JSON,
        accept: str = JSON,
        timeout_s: float = limits.REQUEST_TIMEOUT_S,
    ) -> Answer:
        """The whole body and Content-Type of a 2xx answer."""
        timeout = _timeout(timeout_s)
        response = await self._open(method, path, query, body, content_type, accept, timeout)
        try:
            # Read the stream, not `response.read()`: that would keep the body on the response,
            # which the ApiClient holds on to as `last_response`.
            data = await response.content.read()
        except transport_errors() as exc:
            raise unreachable(exc, self.server, limit_s=timeout_s, path=path) from exc
        finally:
            response.release()
        return Answer(data, response.headers.get("Content-Type", ""))

    async def get(
        self, path: str, query: Query = (), *, timeout_s: float = limits.REQUEST_TIMEOUT_S
    ) -> bytes:
        return (await self.request("GET", path, query=query, timeout_s=timeout_s)).body

    async def call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | list[Any] | None = None,
        *,
        query: Query = (),
        content_type: str = JSON,
    ) -> dict[str, Any]:
        """JSON in, JSON out (an object; `{}` for an empty or non-object answer)."""
        data = (
            await self.request(method, path, query=query, body=body, content_type=content_type)
        ).body
        if not data:
            return {}
        try:
            decoded = msgspec.json.decode(data)
        except msgspec.DecodeError as exc:
            raise ApiError(
                502, "BadResponse", f"the API server's answer is not JSON: {exc}"
            ) from exc
        return decoded if isinstance(decoded, dict) else {}

    async def open_stream(
        self,
        path: str,
        query: Query,
        *,
        read_timeout_s: float | None = None,
        connect_timeout_s: float = limits.CONNECT_TIMEOUT_S,
        accept: str = JSON,
    ) -> BodyStream:
        """A streaming GET (WATCH, log follow); the caller closes it."""
        timeout = _timeout(None, read_timeout_s, connect_timeout_s)
        response = await self._open("GET", path, query, None, JSON, accept, timeout)
        return BodyStream(response, self.server, path)
