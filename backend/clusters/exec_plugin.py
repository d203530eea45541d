"""Running a kubeconfig `exec` credential plugin (client.authentication.k8s.io ExecCredential).

Written against the Kubernetes documentation of the exec protocol rather than the client
library's runner, because a desktop app needs what that runner lacks: the login shell's PATH,
a timeout that kills the plugin, non-interactive mode, `provideClusterInfo`, `installHint`, and
error messages naming the plugin and quoting its stderr — redacted, because the message is shown
in diagnostics and written to the log, and a failing plugin may print the credential it got.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from backend.clusters.limits import EXEC_PLUGIN_TIMEOUT_S
from backend.clusters.login_path import run_process
from backend.errors import Failure
from backend.redaction import redact

_STDERR_LIMIT = 2000
"""How much of a failing plugin's stderr goes into the message (its end, where the error is)."""


class ExecPluginError(Failure):
    """The plugin could not produce a credential; `message` says which plugin and why."""


def _failed(plugin: str, why: str) -> ExecPluginError:
    return ExecPluginError(f"The exec credential plugin `{plugin}` {why}")


@dataclass(frozen=True, slots=True)
class ExecCredential:
    token: str | None
    client_certificate_data: str | None
    client_key_data: str | None
    expires_at: datetime | None


@dataclass(frozen=True, slots=True)
class ExecPlugin:
    """One user's `exec` section, ready to run."""

    command: str
    args: tuple[str, ...]
    env: tuple[tuple[str, str], ...]
    api_version: str
    install_hint: str | None
    interactive_mode: str | None
    cluster_info: dict[str, Any] | None
    """Sent as `spec.cluster` when the kubeconfig sets `provideClusterInfo: true`."""

    @classmethod
    def from_kubeconfig(
        cls, exec_section: dict[str, Any], cluster: dict[str, Any], base_dir: Path
    ) -> ExecPlugin:
        command = exec_section.get("command")
        api_version = exec_section.get("apiVersion")
        if not isinstance(command, str) or not command:
            raise ExecPluginError("The exec credential plugin has no `command`.")
        if not isinstance(api_version, str) or not api_version:
            raise _failed(command, "has no `apiVersion`.")
        if os.sep in command and not os.path.isabs(command):
            command = str(base_dir / command)  # relative to the kubeconfig, as kubectl
        args = exec_section.get("args") or []
        env = exec_section.get("env") or []
        if not isinstance(args, list) or not isinstance(env, list):
            raise _failed(command, "has malformed args or env.")
        pairs = tuple(
            (str(item.get("name")), str(item.get("value", "")))
            for item in env
            if isinstance(item, dict) and item.get("name")
        )
        info = _cluster_info(cluster, base_dir) if exec_section.get("provideClusterInfo") else None
        hint = exec_section.get("installHint")
        mode = exec_section.get("interactiveMode")
        return cls(
            command=command,
            args=tuple(str(a) for a in args),
            env=pairs,
            api_version=api_version,
            install_hint=hint if isinstance(hint, str) else None,
            interactive_mode=mode if isinstance(mode, str) else None,
            cluster_info=info,
        )

    @property
    def label(self) -> str:
        return Path(self.command).name

    async def run(self, path: str, limit_s: float = EXEC_PLUGIN_TIMEOUT_S) -> ExecCredential:
        """Run the plugin non-interactively with `path` as PATH; raise ExecPluginError on failure."""
        if self.interactive_mode == "Always":
            raise ExecPluginError(
                f"The exec credential plugin `{self.label}` needs an interactive terminal"
                " (interactiveMode: Always); run it once in a terminal, or change its mode."
            )
        spec: dict[str, Any] = {"interactive": False}
        if self.cluster_info is not None:
            spec["cluster"] = self.cluster_info
        env = {**os.environ, "PATH": path}
        env.update(dict(self.env))  # the kubeconfig's own env wins, PATH included
        env["KUBERNETES_EXEC_INFO"] = json.dumps(
            {"apiVersion": self.api_version, "kind": "ExecCredential", "spec": spec}
        )
        try:
            status, stdout, stderr = await run_process([self.command, *self.args], limit_s, env)
        except TimeoutError:
            raise _failed(self.label, f"did not answer within {limit_s:.0f} s.") from None
        except FileNotFoundError as exc:
            hint = f" {self.install_hint.strip()}" if self.install_hint else ""
            raise _failed(self.command, f"was not found on the login shell's PATH.{hint}") from exc
        except OSError as exc:
            raise _failed(self.command, f"could not be started: {exc.strerror}.") from exc
        if status != 0:
            tail = redact(stderr.decode("utf-8", "replace").strip())[-_STDERR_LIMIT:]
            said = f": {tail}" if tail else " (it printed nothing on stderr)"
            raise _failed(self.label, f"failed with exit status {status}{said}")
        return self._credential(stdout)

    def _credential(self, stdout: bytes) -> ExecCredential:
        try:
            document = json.loads(stdout)
        except ValueError as exc:
            raise _failed(self.label, f"did not print ExecCredential JSON: {exc}.") from exc
        if not isinstance(document, dict) or document.get("kind") != "ExecCredential":
            raise _failed(self.label, "printed JSON that is not an ExecCredential.")
        if document.get("apiVersion") != self.api_version:
            raise ExecPluginError(
                f"The exec credential plugin `{self.label}` answered with apiVersion"
                f" {document.get('apiVersion')!r}, not {self.api_version!r}."
            )
        status = document.get("status")
        if not isinstance(status, dict):
            raise _failed(self.label, "gave no `status`.")
        token = status.get("token") or None
        cert = status.get("clientCertificateData") or None
        key = status.get("clientKeyData") or None
        if token is None and (cert is None or key is None):
            raise _failed(self.label, "gave neither a token nor a client certificate and key.")
        return ExecCredential(
            token=token,
            client_certificate_data=cert,
            client_key_data=key,
            expires_at=_timestamp(status.get("expirationTimestamp"), self.label),
        )


def _timestamp(value: Any, label: str) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as exc:
        raise _failed(label, f"gave an unreadable expirationTimestamp {value!r}.") from exc
    if parsed.tzinfo is None:
        raise _failed(label, "gave an expirationTimestamp without a time zone.")
    return parsed


def _cluster_info(cluster: dict[str, Any], base_dir: Path) -> dict[str, Any]:
    """`spec.cluster` of the ExecCredential input (the plugin's view of the cluster entry)."""
    info: dict[str, Any] = {"server": cluster.get("server", "")}
    ca_data = cluster.get("certificate-authority-data")
    ca_file = cluster.get("certificate-authority")
    if ca_data:
        info["certificate-authority-data"] = ca_data
    elif ca_file:
        with contextlib.suppress(OSError):
            raw = (base_dir / str(ca_file)).read_bytes()
            info["certificate-authority-data"] = base64.b64encode(raw).decode("ascii")
    for key in ("tls-server-name", "insecure-skip-tls-verify", "proxy-url", "disable-compression"):
        if key in cluster:
            info[key] = cluster[key]
    extensions = cluster.get("extensions") or []
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, dict) and item.get("name") == "client.authentication.k8s.io/exec":
            info["config"] = item.get("extension")
    return info
