"""Helm releases the harness installs on `up` with a helm built from Go modules (go/build.sh).

alpha: `storefront` in `shop`, installed then upgraded with other values (2 revisions); gamma:
`storefront` in `shop`, installed once with its own values; beta: `broken` in `shop`, a Secret of
Helm's type whose payload is garbage (what a reader must survive). helm keeps its own cache and
config under the run's state folder, never in the user's home.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

from tests.clusters import binaries

CHARTS = Path(__file__).parent / "charts"
CHART = CHARTS / "storefront"
RELEASE = "storefront"
NAMESPACE = "shop"
BROKEN_RELEASE = "broken"
UPGRADE_VALUES = CHARTS / "storefront-upgrade.yaml"
GAMMA_VALUES = CHARTS / "storefront-gamma.yaml"


def helm_path() -> Path:
    version = binaries._default_version("HELM_VERSION")
    return binaries.cache_dir() / f"helm-{version}" / "helm"


def ensure_helm() -> Path:
    """The built helm, running go/build.sh (idempotent) if it is missing."""
    path = helm_path()
    if not (path.is_file() and os.access(path, os.X_OK)):
        print(f"[clusters] building helm with {binaries.BUILD_SCRIPT}", file=sys.stderr)
        subprocess.run(["bash", str(binaries.BUILD_SCRIPT)], check=True, stdout=sys.stderr)
    if not path.is_file():
        raise RuntimeError(f"{binaries.BUILD_SCRIPT} finished but {path} is missing")
    return path


def helm_env(state_dir: Path) -> dict[str, str]:
    home = state_dir / "helm"
    return {
        **{k: v for k, v in os.environ.items() if k != "KUBECONFIG"},
        "HELM_CACHE_HOME": str(home / "cache"),
        "HELM_CONFIG_HOME": str(home / "config"),
        "HELM_DATA_HOME": str(home / "data"),
        "NO_PROXY": "127.0.0.1,localhost",
    }


def run_helm(helm: Path, state_dir: Path, kubeconfig: Path, *args: str) -> str:
    """helm's stdout; a failure raises with what helm printed on stderr."""
    argv = [str(helm), *args, "--kubeconfig", str(kubeconfig), "--namespace", NAMESPACE]
    done = subprocess.run(argv, capture_output=True, text=True, env=helm_env(state_dir))
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    return done.stdout


def install(helm: Path, state_dir: Path, name: str, kubeconfig: Path) -> None:
    """The releases of cluster `name` (see the module docstring); other clusters get none."""
    if name == "alpha":
        run_helm(helm, state_dir, kubeconfig, "install", RELEASE, str(CHART), "--create-namespace")
        run_helm(
            helm, state_dir, kubeconfig, "upgrade", RELEASE, str(CHART), "-f", str(UPGRADE_VALUES)
        )
    elif name == "gamma":
        run_helm(
            helm,
            state_dir,
            kubeconfig,
            "install",
            RELEASE,
            str(CHART),
            "--create-namespace",
            "-f",
            str(GAMMA_VALUES),
        )


def broken_release() -> list[dict[str, object]]:
    """beta's Helm storage Secret with an undecodable payload (`shop` is a seeded namespace)."""
    return [
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "type": "helm.sh/release.v1",
            "metadata": {
                "name": f"sh.helm.release.v1.{BROKEN_RELEASE}.v1",
                "namespace": NAMESPACE,
                "labels": {
                    "owner": "helm",
                    "name": BROKEN_RELEASE,
                    "version": "1",
                    "status": "deployed",
                },
            },
            "data": {"release": base64.b64encode(b"this is not a helm release").decode()},
        },
    ]
