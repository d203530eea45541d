"""The kubeconfig files handed to people: right contexts per file, embedded credentials."""

from __future__ import annotations

import base64
import stat
from pathlib import Path

import yaml

from tests.clusters import kubeconfigs, topology

CA = b"-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n"


def _write(tmp_path: Path) -> list[Path]:
    names = ["alpha", "beta", "gamma"]
    servers = {n: f"https://127.0.0.1:{6440 + i}" for i, n in enumerate(names)}
    creds = {
        "alpha-admin": kubeconfigs.cert_credential(b"cert-a", b"key-a"),
        "beta-admin": kubeconfigs.token_credential("tok-b"),
        "beta-viewer": kubeconfigs.token_credential("tok-v"),
        "gamma-admin": kubeconfigs.cert_credential(b"cert-g", b"key-g"),
    }
    return kubeconfigs.write_files(tmp_path, topology.contexts_for(names), servers, CA, creds)


def test_two_files_with_staging_in_both_pointing_at_different_clusters(tmp_path: Path) -> None:
    paths = _write(tmp_path)
    assert [p.name for p in paths] == ["dev.yaml", "prod.yaml"]
    dev, prod = (yaml.safe_load(p.read_text()) for p in paths)
    staging = {
        name: next(c["context"] for c in doc["contexts"] if c["name"] == "staging")
        for name, doc in (("dev", dev), ("prod", prod))
    }
    assert staging == {
        "dev": {"cluster": "beta", "user": "beta-admin"},
        "prod": {"cluster": "gamma", "user": "gamma-admin"},
    }
    assert prod["current-context"] == topology.GAMMA_ARN_CONTEXT


def test_credentials_and_ca_are_embedded(tmp_path: Path) -> None:
    dev = yaml.safe_load(_write(tmp_path)[0].read_text())
    users = {u["name"]: u["user"] for u in dev["users"]}
    assert base64.b64decode(users["alpha-admin"]["client-certificate-data"]) == b"cert-a"
    assert users["beta-viewer"] == {"token": "tok-v"}
    assert "gamma-admin" not in users
    for cluster in dev["clusters"]:
        assert base64.b64decode(cluster["cluster"]["certificate-authority-data"]) == CA


def test_files_are_private(tmp_path: Path) -> None:
    for path in _write(tmp_path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
