"""Exec credential plugins, found on the login shell's PATH, against the real local clusters.

The plugin is a small script in a folder that is on no PATH of this process, only on the PATH
a (test) login shell's profile sets — the situation of a desktop app launched from a dock.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
import yaml
from kubernetes_asyncio.client import CoreV1Api

from backend.clusters.discovery import ClusterSources
from backend.clusters.login_path import LoginShellPath, merge_paths
from backend.clusters.pool import ClusterHandle
from backend.clusters.service import ClusterService
from backend.kube.probe import probe
from backend.settings import SettingsStore
from tests.clusters import ClusterEnv

PLUGIN = "regatta-test-credential"
API_VERSION = "client.authentication.k8s.io/v1"

PLUGIN_SOURCE = """\
import datetime, json, os, sys
info = json.loads(os.environ["KUBERNETES_EXEC_INFO"])
with open(os.environ["RUN_LOG"], "a") as log:
    log.write(json.dumps(info) + "\\n")
if os.environ.get("FAIL"):
    sys.stderr.write(os.environ["FAIL"] + "\\n")
    sys.exit(3)
status = {}
if os.environ.get("CERT_FILE"):
    status["clientCertificateData"] = open(os.environ["CERT_FILE"]).read()
    status["clientKeyData"] = open(os.environ["KEY_FILE"]).read()
else:
    status["token"] = os.environ["TOKEN"]
lifetime = datetime.timedelta(seconds=int(os.environ.get("LIFETIME", "3600")))
expires = datetime.datetime.now(datetime.timezone.utc) + lifetime
status["expirationTimestamp"] = expires.strftime("%Y-%m-%dT%H:%M:%SZ")
print(json.dumps({"apiVersion": "API_VERSION", "kind": "ExecCredential", "status": status}))
""".replace("API_VERSION", API_VERSION)


def executable(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    path.chmod(0o755)
    return path


def fake_login_shell(tmp_path: Path, profile: str) -> Path:
    """A `$SHELL` whose login profile is `profile` (a real /bin/sh reading a test HOME)."""
    home = tmp_path / "shell-home"
    home.mkdir(exist_ok=True)
    (home / ".profile").write_text(profile)
    return executable(tmp_path / "fake-shell", f'#!/bin/sh\nexec env HOME="{home}" /bin/sh "$@"\n')


@pytest.fixture
def plugin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "login-only-bin"
    executable(folder / PLUGIN, f"#!{sys.executable}\n{PLUGIN_SOURCE}")
    return folder


@pytest.fixture
def login_path(tmp_path: Path, plugin_dir: Path) -> LoginShellPath:
    shell = fake_login_shell(
        tmp_path, f'PATH="{plugin_dir}:$PATH"; export PATH\necho "Welcome to the test shell"\n'
    )
    return LoginShellPath(shell=str(shell))


# --- the login shell's PATH (no cluster needed) ----------------------------------------------


def test_merge_keeps_the_login_order_then_adds_what_is_missing() -> None:
    assert (
        merge_paths("/opt/bin:/usr/bin", "/usr/bin:/bin::/sbin") == "/opt/bin:/usr/bin:/bin:/sbin"
    )


@pytest.mark.asyncio
async def test_the_login_profile_path_is_used_and_banners_are_ignored(
    login_path: LoginShellPath, plugin_dir: Path
) -> None:
    path = await login_path.get()
    entries = path.split(os.pathsep)
    assert entries[0] == str(plugin_dir)
    assert "Welcome" not in path
    assert set(os.environ["PATH"].split(os.pathsep)) - {""} <= set(entries)
    assert str(plugin_dir) not in os.environ["PATH"].split(os.pathsep)


@pytest.mark.asyncio
async def test_the_login_shell_is_asked_only_once(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    shell = fake_login_shell(tmp_path, f'echo called >> "{calls}"\n')
    login_path = LoginShellPath(shell=str(shell), process_path="/usr/bin:/bin")
    first, second = await login_path.get(), await login_path.get()
    assert first == second
    assert calls.read_text() == "called\n"


@pytest.mark.asyncio
async def test_a_hanging_login_shell_falls_back_to_the_process_path(tmp_path: Path) -> None:
    started = tmp_path / "started"
    shell = executable(
        tmp_path / "slow-shell", f'#!/bin/sh\necho $$ > "{started}"\nexec sleep 600\n'
    )
    login_path = LoginShellPath(shell=str(shell), process_path="/usr/bin:/bin", limit_s=0.5)
    assert await login_path.get() == "/usr/bin:/bin"
    pid = int(started.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed with its process group, not left behind


@pytest.mark.asyncio
async def test_a_failing_login_shell_falls_back_to_the_process_path(tmp_path: Path) -> None:
    shell = executable(tmp_path / "bad-shell", "#!/bin/sh\nexit 4\n")
    login_path = LoginShellPath(shell=str(shell), process_path="/usr/bin:/bin")
    assert await login_path.get() == "/usr/bin:/bin"


# --- exec plugins on the real clusters ------------------------------------------------------


def load_yaml(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text())
    assert isinstance(document, dict)
    return document


def exec_kubeconfig(
    clusters: ClusterEnv, cluster: str, context: str, env: dict[str, str], **exec_extra: Any
) -> dict[str, Any]:
    """A kubeconfig whose one user gets its credential from the test plugin."""
    dev = load_yaml(clusters.kubeconfig_dir / "dev.yaml")
    cluster_item = next(c for c in dev["clusters"] if c["name"] == cluster)
    exec_section = {
        "apiVersion": API_VERSION,
        "command": PLUGIN,
        "env": [{"name": k, "value": v} for k, v in env.items()],
        "interactiveMode": "Never",
        **exec_extra,
    }
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [cluster_item],
        "users": [{"name": "via-plugin", "user": {"exec": exec_section}}],
        "contexts": [{"name": context, "context": {"cluster": cluster, "user": "via-plugin"}}],
    }


def user_field(clusters: ClusterEnv, user: str, field: str) -> str:
    dev = load_yaml(clusters.kubeconfig_dir / "dev.yaml")
    value = next(u for u in dev["users"] if u["name"] == user)["user"][field]
    assert isinstance(value, str)
    return value


def runs(log: Path) -> list[dict[str, Any]]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text().splitlines()]


async def cluster_marker(handle: ClusterHandle) -> str:
    config_map = await CoreV1Api(handle.api_client).read_namespaced_config_map(
        "settings", "shop", _request_timeout=10
    )
    assert config_map.data is not None
    return config_map.data["CLUSTER"]


@pytest.fixture
def exec_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "exec-kubeconfigs"
    folder.mkdir()
    return folder


@pytest_asyncio.fixture
async def service(
    clusters: ClusterEnv, tmp_path: Path, exec_dir: Path, login_path: LoginShellPath
) -> AsyncIterator[ClusterService]:
    running = ClusterService(
        ClusterSources(
            home=tmp_path / "home",
            explicit_files=(clusters.kubeconfig_dir / "dev.yaml",),
            extra_dirs=(exec_dir,),
        ),
        SettingsStore(tmp_path / "config"),
        probe,
        probe_interval_s=3600,
        poll_interval_s=3600,
        probe_timeout_s=10.0,
        login_path=login_path,
    )
    await running.start()
    yield running
    await running.stop()


def write_kubeconfig(path: Path, document: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(document))


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_plugin_on_the_login_path_authenticates_and_its_token_is_cached(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "runs.jsonl"
    token = user_field(clusters, "beta-admin", "token")
    write_kubeconfig(
        exec_dir / "sso.yaml",
        exec_kubeconfig(
            clusters,
            "beta",
            "beta-sso",
            {"TOKEN": token, "RUN_LOG": str(log)},
            provideClusterInfo=True,
        ),
    )
    await service.rescan()
    await service.set_selection(["sso.yaml:beta-sso"])
    handle = service.handle("sso.yaml:beta-sso")
    result = await service.health.check("sso.yaml:beta-sso")
    assert result is not None and (result.status, result.message) == ("ready", None)
    assert await cluster_marker(handle) == "beta"
    assert await cluster_marker(handle) == "beta"
    (only_run,) = runs(log)  # one run serves every request until the token nears expiry
    assert only_run["spec"]["interactive"] is False
    assert only_run["spec"]["cluster"]["server"] == clusters.cluster("beta").server


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_token_close_to_expiry_is_renewed_before_requests(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "runs.jsonl"
    token = user_field(clusters, "beta-admin", "token")
    write_kubeconfig(
        exec_dir / "short.yaml",
        exec_kubeconfig(
            clusters, "beta", "short-lived", {"TOKEN": token, "RUN_LOG": str(log), "LIFETIME": "60"}
        ),
    )
    await service.rescan()
    await service.set_selection(["short.yaml:short-lived"])
    handle = service.handle("short.yaml:short-lived")
    counts = []
    for _ in range(3):  # 60 s of lifetime is inside the renewal margin: renewed every time
        assert await cluster_marker(handle) == "beta"
        counts.append(len(runs(log)))
    assert counts[0] < counts[1] < counts[2]


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_failing_plugin_is_auth_failed_with_its_stderr_and_others_are_ready(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path, tmp_path: Path
) -> None:
    log = tmp_path / "runs.jsonl"
    failure = "error: the SSO session has expired; run `aws sso login`"
    write_kubeconfig(
        exec_dir / "expired.yaml",
        exec_kubeconfig(
            clusters, "beta", "expired", {"TOKEN": "x", "RUN_LOG": str(log), "FAIL": failure}
        ),
    )
    await service.rescan()
    await service.set_selection(["expired.yaml:expired", "dev.yaml:alpha"])
    expired = await service.health.check("expired.yaml:expired")
    alpha = await service.health.check("dev.yaml:alpha")
    assert alpha is not None and alpha.status == "ready"
    assert expired is not None and expired.status == "auth_failed"
    assert expired.message == (
        f"The exec credential plugin `{PLUGIN}` failed with exit status 3: {failure}"
    )


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_failing_plugins_stderr_is_shown_with_its_credentials_redacted(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path, tmp_path: Path
) -> None:
    leaked = ("s3cr3t-client", "1//0g-refresh", "hunter2 two")
    failure = (
        f"POST /token client_secret={leaked[0]}&grant_type=refresh_token\n"
        f'answer: {{"error": "invalid_grant", "refresh_token": "{leaked[1]}"}}\n'
        f"password: '{leaked[2]}'"
    )
    write_kubeconfig(
        exec_dir / "oidc.yaml",
        exec_kubeconfig(
            clusters,
            "beta",
            "oidc",
            {"TOKEN": "x", "RUN_LOG": str(tmp_path / "runs.jsonl"), "FAIL": failure},
        ),
    )
    await service.rescan()
    await service.set_selection(["oidc.yaml:oidc"])
    result = await service.health.check("oidc.yaml:oidc")
    assert result is not None and result.status == "auth_failed" and result.message is not None
    assert result.message == (
        f"The exec credential plugin `{PLUGIN}` failed with exit status 3: "
        "POST /token client_secret=[redacted]&grant_type=refresh_token\n"
        'answer: {"error": "invalid_grant", "refresh_token": "[redacted]"}\n'
        "password: '[redacted]'"
    )
    diagnostics = service.diagnostics().model_dump_json()
    assert not any(secret in diagnostics for secret in leaked)


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_missing_plugin_names_itself_and_its_install_hint(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path
) -> None:
    document = exec_kubeconfig(clusters, "beta", "missing", {})
    document["users"][0]["user"]["exec"]["command"] = "regatta-no-such-plugin"
    document["users"][0]["user"]["exec"]["installHint"] = "Install it with `brew install x`."
    write_kubeconfig(exec_dir / "missing.yaml", document)
    await service.rescan()
    await service.set_selection(["missing.yaml:missing"])
    result = await service.health.check("missing.yaml:missing")
    assert result is not None and result.status == "auth_failed"
    assert result.message == (
        "The exec credential plugin `regatta-no-such-plugin` was not found on the login shell's"
        " PATH. Install it with `brew install x`."
    )


@pytest.mark.clusters
@pytest.mark.asyncio
async def test_a_plugin_giving_a_client_certificate_reaches_its_cluster(
    clusters: ClusterEnv, service: ClusterService, exec_dir: Path, tmp_path: Path
) -> None:
    cert = tmp_path / "alpha.crt"
    key = tmp_path / "alpha.key"
    cert.write_bytes(
        base64.b64decode(user_field(clusters, "alpha-admin", "client-certificate-data"))
    )
    key.write_bytes(base64.b64decode(user_field(clusters, "alpha-admin", "client-key-data")))
    log = tmp_path / "runs.jsonl"
    write_kubeconfig(
        exec_dir / "certs.yaml",
        exec_kubeconfig(
            clusters,
            "alpha",
            "alpha-certs",
            {"CERT_FILE": str(cert), "KEY_FILE": str(key), "RUN_LOG": str(log)},
        ),
    )
    await service.rescan()
    await service.set_selection(["certs.yaml:alpha-certs"])
    handle = service.handle("certs.yaml:alpha-certs")
    assert await cluster_marker(handle) == "alpha"
    built = service.pool.built("certs.yaml:alpha-certs")
    assert built is not None
    names = sorted(p.name.rsplit("-", 1)[0] for p in built.temp_files)
    assert names == ["ca", "exec-client-certificate", "exec-client-key"]  # CA: inline in the file
    assert all(p.stat().st_mode & 0o077 == 0 for p in built.temp_files)  # private to the user
    await service.set_selection([])
    assert not any(p.exists() for p in built.temp_files)
