"""Kubeconfig files: the two a person (or the desktop client) is given, and the harness's own."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import yaml

from tests.clusters.topology import ContextSpec

Credential = dict[
    str, str
]  # {"token": ...} or {"client-certificate-data": ..., "client-key-data": ...}


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def token_credential(token: str) -> Credential:
    return {"token": token}


def cert_credential(cert_pem: bytes, key_pem: bytes) -> Credential:
    return {"client-certificate-data": b64(cert_pem), "client-key-data": b64(key_pem)}


def render(
    contexts: list[ContextSpec],
    servers: dict[str, str],
    ca_pem: bytes,
    credentials: dict[str, Credential],
) -> dict[str, Any]:
    """One kubeconfig document holding `contexts` (cluster and user entries as needed)."""
    cluster_names = list(dict.fromkeys(c.cluster for c in contexts))
    user_names = list(dict.fromkeys(c.user for c in contexts))
    config: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Config",
        "preferences": {},
        "clusters": [
            {
                "name": name,
                "cluster": {"server": servers[name], "certificate-authority-data": b64(ca_pem)},
            }
            for name in cluster_names
        ],
        "users": [{"name": name, "user": credentials[name]} for name in user_names],
        "contexts": [],
        "current-context": contexts[0].name if contexts else "",
    }
    for c in contexts:
        entry: dict[str, str] = {"cluster": c.cluster, "user": c.user}
        if c.namespace:
            entry["namespace"] = c.namespace
        config["contexts"].append({"name": c.name, "context": entry})
    return config


def write(path: Path, config: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    path.chmod(0o600)


def write_files(
    kubeconfig_dir: Path,
    contexts: list[ContextSpec],
    servers: dict[str, str],
    ca_pem: bytes,
    credentials: dict[str, Credential],
) -> list[Path]:
    """One file per distinct ContextSpec.file, in the order the files first appear."""
    written = []
    for file in dict.fromkeys(c.file for c in contexts):
        mine = [c for c in contexts if c.file == file]
        path = kubeconfig_dir / file
        write(path, render(mine, servers, ca_pem, credentials))
        written.append(path)
    return written
