"""The one error family of talking to an API server, and the sentence for each failure.

`ApiError` is an HTTP answer with an error status (its `Status` read for reason, message and
causes); `Unreachable` is no answer at all: connection refused, TLS failure, credentials that
could not be obtained, or no answer in time. Both say whether trying again may help (`retryable`).
`describe_failure` turns whatever a request raised into a status and a sentence a person reads.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

import msgspec

from backend.clusters.credentials import CredentialError
from backend.clusters.exec_plugin import ExecPluginError
from backend.contract.kubeconfig import ConnectionStatus

if TYPE_CHECKING:
    import aiohttp


class KubeError(Exception):
    """A request to an API server failed; `status` is None when no HTTP answer came."""

    status: int | None
    reason: str
    message: str

    @property
    def retryable(self) -> bool:
        """No answer at all may well come next time; `ApiError` says for its status."""
        return True


class Cause(msgspec.Struct, frozen=True):
    """One entry of a Status's `details.causes` (a field and what is wrong with it)."""

    field: str = ""
    message: str = ""


class _DetailsWire(msgspec.Struct):
    causes: list[Cause] | None = None


class _StatusWire(msgspec.Struct):
    code: int | None = None
    reason: str | None = None
    message: str | None = None
    details: _DetailsWire | None = None


_status_decoder = msgspec.json.Decoder(_StatusWire)


class ApiError(KubeError):
    """The API server answered with an error status (or sent an ERROR watch event)."""

    def __init__(
        self, status: int, reason: str, message: str, causes: tuple[Cause, ...] = ()
    ) -> None:
        super().__init__(f"{status} {reason}: {message}" if message else f"{status} {reason}")
        self.status: int = status
        self.reason = reason
        """The Status `reason` (`NotFound`, `Conflict`, `TooManyRequests`…) or the HTTP reason."""
        self.message = message or reason
        self.causes = causes
        """`details.causes` of the Status (eviction refusals name the budget, 422s the fields)."""

    @property
    def forbidden(self) -> bool:
        return self.status == 403

    @property
    def not_found(self) -> bool:
        return self.status == 404

    @property
    def gone(self) -> bool:
        """410: the resourceVersion (or continue token) is older than the server keeps."""
        return self.status == 410

    @property
    def retryable(self) -> bool:
        """Server trouble, throttling and expiring credentials pass; a 4xx verdict does not."""
        return self.status >= 500 or self.status in (401, 429)

    @classmethod
    def from_body(cls, status: int, http_reason: str, body: bytes) -> ApiError:
        """Read the `Status` the server sends with errors; fall back to the HTTP reason and text."""
        try:
            parsed = _status_decoder.decode(body) if body else _StatusWire()
        except (msgspec.DecodeError, msgspec.ValidationError):
            text = body.decode("utf-8", "replace").strip()[:300]
            return cls(status, http_reason, text)
        causes = tuple((parsed.details.causes if parsed.details else None) or ())
        return cls(
            parsed.code or status, parsed.reason or http_reason, parsed.message or "", causes
        )


class Unreachable(KubeError):
    """No HTTP answer; `cause` says how (`unreachable`, `timeout`, `auth_failed`, `error`)."""

    def __init__(self, message: str, cause: ConnectionStatus = "unreachable") -> None:
        super().__init__(message)
        self.status = None
        self.reason = cause
        self.message = message
        self.cause: ConnectionStatus = cause

    @property
    def timed_out(self) -> bool:
        return self.cause == "timeout"


@dataclass(frozen=True, slots=True)
class Diagnosis:
    status: ConnectionStatus
    message: str


def describe_failure(
    exc: BaseException, server: str, *, limit_s: float | None = None, path: str | None = None
) -> Diagnosis:
    """The status and the sentence for a request to `server` that raised `exc`."""
    where = f" to {path}" if path else ""
    if isinstance(exc, ExecPluginError | CredentialError):
        return Diagnosis("auth_failed", exc.message)
    if isinstance(exc, Unreachable):
        return Diagnosis(exc.cause, exc.message)
    if isinstance(exc, ApiError):
        detail = f": {exc.message}" if exc.message and exc.message != exc.reason else "."
        if exc.status == 401:
            return Diagnosis(
                "auth_failed",
                f"The API server {server} rejected the credentials (401 Unauthorized){detail}",
            )
        if exc.status == 403:
            return Diagnosis(
                "forbidden",
                f"The API server {server} refused access{where} (403 Forbidden){detail}",
            )
        return Diagnosis(
            "error", f"The API server {server} answered {exc.status} {exc.reason}{where}{detail}"
        )
    import aiohttp  # loaded by the request that failed; not at start-up

    from backend.clusters.kube_library import ConfigException

    if isinstance(exc, aiohttp.ClientConnectorCertificateError):
        return Diagnosis(
            "error", f"The TLS certificate of {server} is not trusted: {exc.certificate_error}."
        )
    if isinstance(exc, aiohttp.ClientSSLError):
        return Diagnosis("error", f"The TLS handshake with {server} failed: {exc}.")
    if isinstance(exc, aiohttp.ClientProxyConnectionError):
        return Diagnosis(
            "unreachable", f"Cannot connect to the proxy for {server}: {_os_reason(exc)}."
        )
    if isinstance(exc, aiohttp.ClientConnectorError):
        return Diagnosis(
            "unreachable", f"Cannot connect to the API server {server}: {_os_reason(exc)}."
        )
    if isinstance(exc, TimeoutError):
        within = f" within {limit_s:g} s" if limit_s is not None else " in time"
        return Diagnosis("timeout", f"The API server {server} did not answer{where}{within}.")
    if isinstance(exc, aiohttp.ClientError | OSError):
        return Diagnosis(
            "unreachable", f"The connection to {server} failed: {exc or type(exc).__name__}."
        )
    if isinstance(exc, ConfigException):
        return Diagnosis("error", f"The kubeconfig of {server} cannot be used: {exc}")
    return Diagnosis("error", f"Talking to {server} failed: {type(exc).__name__}: {exc}")


def _os_reason(exc: aiohttp.ClientConnectorError) -> str:
    """`connection refused`, `no route to host`, … (the errno's text, not asyncio's wording)."""
    error = exc.os_error
    if error is not None and error.errno:
        return os.strerror(error.errno).lower()
    text = (error.strerror if error is not None else None) or str(error or exc)
    return text.rstrip(".")


@functools.cache
def transport_errors() -> tuple[type[BaseException], ...]:
    """What a request can raise besides an answer: each becomes `Unreachable`. A function, so
    that aiohttp and kubernetes_asyncio load with the first cluster, not at start-up."""
    import aiohttp

    from backend.clusters.kube_library import ConfigException

    return (
        TimeoutError,
        aiohttp.ClientError,
        OSError,
        ExecPluginError,
        CredentialError,
        ConfigException,
    )


def unreachable(
    exc: BaseException, server: str, *, limit_s: float | None = None, path: str | None = None
) -> Unreachable:
    diagnosis = describe_failure(exc, server, limit_s=limit_s, path=path)
    return Unreachable(diagnosis.message, diagnosis.status)
