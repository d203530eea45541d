"""Raw HTTP to one cluster through its kubernetes_asyncio `ApiClient`.

The ApiClient keeps doing what it is good at — auth (tokens, exec plugins, client certificates),
TLS and connection pooling — while the catalog asks it for unparsed responses
(`_preload_content=False`) and reads the bytes itself. Every request goes through
`ApiClient.call_api`, so one wrapper around that method sees all of the catalog's traffic.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import msgspec
from kubernetes_asyncio.client import ApiClient

from backend.objectcatalog import limits
from backend.objectcatalog.rows.wire import status_decoder

Query = Sequence[tuple[str, str]]

JSON = "application/json"


class ApiError(Exception):
    """The API server answered with an error status (or an ERROR watch event)."""

    def __init__(self, status: int, reason: str, message: str) -> None:
        super().__init__(f"{status} {reason}: {message}" if message else f"{status} {reason}")
        self.status = status
        self.reason = reason
        self.message = message or reason

    @property
    def forbidden(self) -> bool:
        return self.status == 403

    @property
    def gone(self) -> bool:
        """410: the resourceVersion (or continue token) is older than the server keeps."""
        return self.status == 410

    @property
    def not_found(self) -> bool:
        return self.status == 404

    @classmethod
    def from_body(cls, status: int, reason: str, body: bytes) -> ApiError:
        """Read the `Status` the server sends with errors; fall back to the HTTP reason."""
        try:
            parsed = status_decoder.decode(body)
        except (msgspec.DecodeError, msgspec.ValidationError):
            return cls(status, reason, "")
        return cls(parsed.code or status, parsed.reason or reason, parsed.message or "")


class ApiUnreachable(Exception):
    """The request did not get an HTTP answer: connection refused, TLS failure, timeout."""


class LatencyTracker:
    """The median time to a response over the most recent requests (watches excluded)."""

    __slots__ = ("_samples",)

    def __init__(self, size: int = limits.LATENCY_SAMPLES) -> None:
        self._samples: deque[float] = deque(maxlen=size)

    def record(self, seconds: float) -> None:
        self._samples.append(seconds)

    def median_ms(self) -> float | None:
        if not self._samples:
            return None
        return round(statistics.median(self._samples) * 1000, 1)


def _timeout(total: float | None, read: float | None = None) -> aiohttp.ClientTimeout:
    return aiohttp.ClientTimeout(
        total=total,
        connect=limits.CONNECT_TIMEOUT_S,
        sock_connect=limits.CONNECT_TIMEOUT_S,
        sock_read=read,
    )


class ApiTransport:
    """GET/POST/stream over one cluster's ApiClient, answering bytes or raising typed errors."""

    def __init__(self, api_client: ApiClient) -> None:
        self.api_client = api_client
        self.latency = LatencyTracker()

    async def _send(
        self,
        method: str,
        path: str,
        query: Query | None,
        accept: str,
        body: Any,
        limit: aiohttp.ClientTimeout,
    ) -> aiohttp.ClientResponse:
        started = time.monotonic()
        try:
            response: aiohttp.ClientResponse = await self.api_client.call_api(
                path,
                method,
                query_params=list(query or ()),
                header_params={"Accept": accept, "Content-Type": JSON},
                body=body,
                auth_settings=["BearerToken"],
                _preload_content=False,
                _request_timeout=limit,
            )
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise ApiUnreachable(_describe(exc)) from exc
        if response.status >= 400:
            try:
                data = await response.content.read()
            except (TimeoutError, aiohttp.ClientError):
                data = b""
            finally:
                response.release()
            raise ApiError.from_body(response.status, response.reason or "", data)
        self.latency.record(time.monotonic() - started)
        return response

    async def get(
        self,
        path: str,
        query: Query | None = None,
        accept: str = JSON,
        total_s: float = limits.REQUEST_TIMEOUT_S,
    ) -> tuple[bytes, str]:
        """The body and Content-Type of a GET."""
        response = await self._send("GET", path, query, accept, None, _timeout(total_s))
        try:
            # Read the stream, not `response.read()`: that would keep the body on the response,
            # which the ApiClient holds on to as `last_response`.
            data = await response.content.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise ApiUnreachable(_describe(exc)) from exc
        finally:
            response.release()
        return data, response.headers.get("Content-Type", "")

    async def post(self, path: str, body: dict[str, Any]) -> bytes:
        response = await self._send(
            "POST", path, None, JSON, body, _timeout(limits.REQUEST_TIMEOUT_S)
        )
        try:
            return await response.content.read()
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise ApiUnreachable(_describe(exc)) from exc
        finally:
            response.release()

    @asynccontextmanager
    async def stream_lines(
        self,
        path: str,
        query: Query,
        read_timeout: float,
    ) -> AsyncIterator[AsyncIterator[bytes]]:
        """A WATCH: the response's lines, one JSON event each, until the server ends it."""
        response = await self._send("GET", path, query, JSON, None, _timeout(None, read_timeout))

        async def lines() -> AsyncGenerator[bytes, None]:
            content = response.content
            while True:
                try:
                    line = await content.readline()
                except (TimeoutError, aiohttp.ClientError) as exc:
                    raise ApiUnreachable(_describe(exc)) from exc
                if not line:
                    return
                if line.strip():
                    yield line

        stream = lines()
        try:
            yield stream
        finally:
            await stream.aclose()
            response.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, asyncio.TimeoutError):
        return "the API server did not answer in time"
    text = str(exc) or type(exc).__name__
    return text
