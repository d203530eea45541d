"""Bearer tokens that change while the app runs: exec plugin tokens and token files.

kubernetes_asyncio calls `Configuration.refresh_api_key_hook` before every request; each source
below is such a hook. It costs a clock read per request, renews an exec token shortly before it
expires (single-flight: concurrent requests share one plugin run, which a cancelled request does
not kill), and re-reads a token file about once a minute as kubectl does. No background task is
needed, so closing a client leaves nothing running.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from backend.clusters.exec_plugin import ExecCredential, ExecPlugin, ExecPluginError
from backend.clusters.limits import (
    EXEC_FAILURE_RETRY_S,
    EXEC_TOKEN_REFRESH_MARGIN_S,
    TOKEN_FILE_REREAD_S,
)
from backend.clusters.login_path import LoginShellPath
from backend.errors import Failure

if TYPE_CHECKING:
    from kubernetes_asyncio.client import Configuration

log = logging.getLogger(__name__)

BEARER = "BearerToken"


class CredentialError(Failure):
    """A credential the kubeconfig names cannot be obtained; `message` says which and why."""


class TokenFileSource:
    """`tokenFile`: read at start, then again every `TOKEN_FILE_REREAD_S` (rotated tokens)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._token: str | None = None
        self._read_at: float | None = None

    def load(self) -> str:
        """Read the file now; CredentialError if it cannot be read or is empty."""
        self._read_at = time.monotonic()
        try:
            token = self.path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CredentialError(
                f"The token file {self.path} cannot be read: {exc.strerror or exc}."
            ) from exc
        if not token:
            raise CredentialError(f"The token file {self.path} is empty.")
        self._token = token
        return token

    async def refresh(self, configuration: Configuration) -> None:
        due = self._read_at is None or time.monotonic() - self._read_at >= TOKEN_FILE_REREAD_S
        if due:
            try:
                self.load()
            except CredentialError as exc:
                if self._token is None:
                    raise
                log.warning("%s; the token read before is kept", exc.message)
        if self._token is None:
            raise CredentialError(f"The token file {self.path} has given no token yet.")
        configuration.api_key[BEARER] = f"Bearer {self._token}"

    async def close(self) -> None:
        """Nothing runs in the background; present for symmetry with `ExecTokenSource`."""


class ExecTokenSource:
    """An exec credential plugin's token, renewed before `expirationTimestamp`."""

    def __init__(self, plugin: ExecPlugin, login_path: LoginShellPath) -> None:
        self.plugin = plugin
        self._login_path = login_path
        self._credential: ExecCredential | None = None
        self._failure: ExecPluginError | None = None
        self._failed_at = 0.0
        self._running: asyncio.Task[ExecCredential] | None = None

    async def fetch(self) -> ExecCredential:
        """A credential whose token does not expire within the margin, running the plugin (once
        for all callers) if needed."""
        credential, margin = self._credential, timedelta(seconds=EXEC_TOKEN_REFRESH_MARGIN_S)
        if credential is not None and (
            credential.expires_at is None or datetime.now(UTC) < credential.expires_at - margin
        ):
            return credential
        if self._failure is not None and time.monotonic() - self._failed_at < EXEC_FAILURE_RETRY_S:
            raise self._failure
        if self._running is None or self._running.done():
            self._running = asyncio.get_running_loop().create_task(
                self._run(), name=f"exec-plugin:{self.plugin.label}"
            )
        return await asyncio.shield(self._running)

    async def _run(self) -> ExecCredential:
        try:
            credential = await self.plugin.run(await self._login_path.get())
        except ExecPluginError as exc:
            self._failure, self._failed_at = exc, time.monotonic()
            raise
        self._credential, self._failure = credential, None
        return credential

    async def refresh(self, configuration: Configuration) -> None:
        credential = await self.fetch()
        if credential.token is None:
            raise CredentialError(
                f"The exec credential plugin `{self.plugin.label}` gave a client certificate only"
                " after the client was made; select the cluster again to use it."
            )
        configuration.api_key[BEARER] = f"Bearer {credential.token}"

    async def close(self) -> None:
        """Stop a plugin run in flight (its process is killed)."""
        running, self._running = self._running, None
        if running is not None:
            running.cancel()  # a run that ended already stays as it ended
            await asyncio.gather(running, return_exceptions=True)  # a failure counts as retrieved


TokenSource = TokenFileSource | ExecTokenSource
