"""Building one kubernetes_asyncio ApiClient for one discovered context.

kubernetes_asyncio's loader does the TLS part (CA data or file, insecure-skip-tls-verify,
tls-server-name, client certificate and key, proxy-url) and static tokens; it is given the
context's standalone kubeconfig with no persister, so nothing is ever written back to the user's
files. Two things are taken out of its hands: `exec` plugins (run here with the login shell's PATH,
a timeout and clear errors, renewed before expiry) and `tokenFile` (re-read as it rotates).
A plugin or token file that fails does not stop the client from being built: the failure is
raised by the request hook, so it shows up as that cluster's `auth_failed` and heals by itself.
Inline certificate and key data (`client-key-data`, …) are written to the app's own key folder
(`key_files.py`) before the loader sees them, not to the loader's anonymous temp files, so that
they are deleted when the client closes and found again after a crash.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import copy
import os
import ssl
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backend import __version__
from backend.clusters.credentials import (
    BEARER,
    CredentialError,
    ExecTokenSource,
    TokenFileSource,
    TokenSource,
)
from backend.clusters.discovery import DiscoveredContext
from backend.clusters.env_proxy import pin_environment_proxy
from backend.clusters.exec_plugin import ExecPlugin, ExecPluginError
from backend.clusters.key_files import KEY_FOLDER, remove
from backend.clusters.limits import EXEC_STARTUP_WAIT_S
from backend.clusters.login_path import LoginShellPath
from backend.errors import Failure

if TYPE_CHECKING:
    from kubernetes_asyncio.client import ApiClient, Configuration

DEFAULT_NAMESPACE = "default"
# Inline data the loader would write to temp files: (section, data key, file key, file name).
_INLINE_FILES = (
    ("cluster", "certificate-authority-data", "certificate-authority", "ca"),
    ("user", "client-certificate-data", "client-certificate", "client-certificate"),
    ("user", "client-key-data", "client-key", "client-key"),
)


class ClientBuildError(Failure):
    """The context's kubeconfig entries cannot make a client; `message` says what is wrong."""


@dataclass(slots=True)
class BuiltClient:
    """An ApiClient and what must be released with it."""

    api_client: ApiClient
    server: str
    namespace: str
    credentials: TokenSource | None = None
    startup_problem: str | None = None
    """Why the first credential could not be obtained (the hook retries; health reports it)."""
    temp_files: list[Path] = field(default_factory=list)
    """Key files written for this client (inline kubeconfig data, an exec plugin's certificate)."""

    async def close(self) -> None:
        """Close the aiohttp session (its connections), stop plugin runs, delete key files."""
        try:
            if self.credentials is not None:
                await self.credentials.close()
        finally:
            await self.api_client.close()
            remove(self.temp_files)


async def build_client(context: DiscoveredContext, login_path: LoginShellPath) -> BuiltClient:
    """An ApiClient for `context`; ClientBuildError if its entries cannot be used."""
    if context.entry.disabled_reason is not None:
        raise ClientBuildError(context.entry.disabled_reason)
    temp_files: list[Path] = []
    try:
        return await _build(context, login_path, temp_files)
    except BaseException:
        remove(temp_files)
        raise


async def _build(
    context: DiscoveredContext,
    login_path: LoginShellPath,
    temp_files: list[Path],
) -> BuiltClient:
    # Here, not at start-up: the library costs more than the rest of the app (kube_library.py).
    from backend.clusters.kube_library import (
        ApiClient,
        ConfigException,
        Configuration,
        KubeConfigLoader,
    )

    document = copy.deepcopy(context.entry.standalone)
    # A context that is not disabled has one cluster and one user, each with a mapping.
    user, cluster = document["users"][0]["user"], document["clusters"][0]["cluster"]
    base_dir = context.path.parent
    exec_section = user.pop("exec", None)
    token_file = _pop_token_file(user, base_dir)
    _inline_data_to_files({"user": user, "cluster": cluster}, context, temp_files)

    configuration = type.__call__(Configuration)
    loader = KubeConfigLoader(
        config_dict=document,
        active_context=context.cluster_name,
        config_base_path=str(base_dir),
    )
    try:
        await loader.load_and_set(configuration)
    except (ConfigException, ValueError, OSError, binascii.Error) as exc:
        raise ClientBuildError(
            f"The kubeconfig entries of `{context.cluster_name}` in {context.path} cannot be"
            f" used: {exc}"
        ) from exc

    credentials: TokenSource | None = None
    problem: str | None = None
    if isinstance(exec_section, dict):
        credentials, problem = await _prepare_exec(
            exec_section, cluster, base_dir, login_path, configuration, temp_files
        )
    elif token_file is not None:
        credentials = TokenFileSource(token_file)
        try:
            configuration.api_key[BEARER] = f"Bearer {credentials.load()}"
        except CredentialError as exc:
            configuration.api_key[BEARER] = ""
            problem = exc.message
    if credentials is not None and BEARER in configuration.api_key:
        configuration.refresh_api_key_hook = credentials.refresh

    try:
        api_client = ApiClient(configuration=configuration)
    except (ssl.SSLError, OSError, ValueError) as exc:
        if credentials is not None:
            await credentials.close()
        raise ClientBuildError(
            f"The TLS settings of `{context.cluster_name}` in {context.path} cannot be used"
            f" (CA or client certificate/key): {exc}"
        ) from exc
    api_client.user_agent = f"regatta/{__version__}"
    pin_environment_proxy(api_client)
    return BuiltClient(
        api_client=api_client,
        server=str(configuration.host),
        namespace=context.entry.namespace or DEFAULT_NAMESPACE,
        credentials=credentials,
        startup_problem=problem,
        temp_files=temp_files,
    )


def _inline_data_to_files(
    sections: dict[str, dict[str, Any]],
    context: DiscoveredContext,
    temp_files: list[Path],
) -> None:
    """Write each inline `*-data` to a key file and point its entry at the file instead."""
    for section, data_key, file_key, name in _INLINE_FILES:
        body = sections[section]
        if not body.get(data_key):
            continue
        try:
            raw = base64.standard_b64decode(body[data_key])
        except (binascii.Error, ValueError, TypeError):
            raise ClientBuildError(
                f"`{data_key}` of `{context.cluster_name}` in {context.path} is not base64."
            ) from None
        try:
            path = KEY_FOLDER.write(raw, name)
        except OSError as exc:
            raise ClientBuildError(
                f"The `{data_key}` of `{context.cluster_name}` cannot be written to"
                f" {KEY_FOLDER.root}: {exc.strerror or exc}"
            ) from exc
        temp_files.append(path)
        body[file_key] = str(path)
        del body[data_key]


async def _prepare_exec(
    exec_section: dict[str, Any],
    cluster: dict[str, Any],
    base_dir: Path,
    login_path: LoginShellPath,
    configuration: Configuration,
    temp_files: list[Path],
) -> tuple[ExecTokenSource | None, str | None]:
    """Run the plugin once now: client certificates must be known before the client exists."""
    try:
        plugin = ExecPlugin.from_kubeconfig(exec_section, cluster, base_dir)
    except ExecPluginError as exc:
        raise ClientBuildError(exc.message) from exc
    source = ExecTokenSource(plugin, login_path)
    try:
        async with asyncio.timeout(EXEC_STARTUP_WAIT_S):
            credential = await source.fetch()  # shielded: a timeout here leaves the run going
    except ExecPluginError as exc:
        configuration.api_key[BEARER] = ""  # so the hook runs, and retries, on every request
        return source, exc.message
    except TimeoutError:
        configuration.api_key[BEARER] = ""
        return source, (
            f"The exec credential plugin `{plugin.label}` is still running after"
            f" {EXEC_STARTUP_WAIT_S:g} s (it may be waiting for a login)."
        )
    if credential.token is not None:
        configuration.api_key[BEARER] = f"Bearer {credential.token}"
        return source, None
    assert credential.client_certificate_data and credential.client_key_data
    for attribute, pem, name in (
        ("cert_file", credential.client_certificate_data, "exec-client-certificate"),
        ("key_file", credential.client_key_data, "exec-client-key"),
    ):
        path = KEY_FOLDER.write(pem.encode("utf-8"), name)
        temp_files.append(path)
        setattr(configuration, attribute, str(path))
    configuration.api_key.pop(BEARER, None)
    return source, None


def _pop_token_file(user: dict[str, Any], base_dir: Path) -> Path | None:
    """Take `tokenFile` from the user unless an inline `token` wins (as kubectl)."""
    if "tokenFile" not in user:
        return None
    value = user.pop("tokenFile")
    if user.get("token") or not value:
        return None
    return base_dir / os.path.expanduser(str(value))
