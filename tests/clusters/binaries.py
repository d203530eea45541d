"""Where the built control-plane binaries are, building them (go/build.sh) when they are missing.

go/build.sh is the one place that names the versions; this module reads its defaults so the two
can never disagree.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUILD_SCRIPT = Path(__file__).parent / "go" / "build.sh"


def _default_version(variable: str) -> str:
    text = BUILD_SCRIPT.read_text()
    match = re.search(rf"^{variable}=\$\{{{variable}:-([^}}]+)\}}", text, re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{BUILD_SCRIPT} does not define a default {variable}")
    return os.environ.get(variable, match.group(1))


def cache_dir() -> Path:
    default = Path.home() / ".cache" / "regatta" / "k8s-bins"
    return Path(os.environ.get("REGATTA_BIN_CACHE", str(default)))


@dataclass(frozen=True)
class Binaries:
    """Absolute paths of every binary a run starts, and the versions they were built from."""

    kube_apiserver: Path
    kube_controller_manager: Path
    kube_scheduler: Path
    kubectl: Path
    etcd: Path
    kwok: Path
    metrics_server: Path
    kubernetes_version: str
    etcd_version: str
    kwok_version: str
    metrics_server_version: str

    def all(self) -> list[Path]:
        return [
            self.kube_apiserver,
            self.kube_controller_manager,
            self.kube_scheduler,
            self.kubectl,
            self.etcd,
            self.kwok,
            self.metrics_server,
        ]


def expected() -> Binaries:
    k8s = _default_version("K8S_VERSION")
    etcd = _default_version("ETCD_VERSION")
    kwok = _default_version("KWOK_VERSION")
    metrics_server = _default_version("METRICS_SERVER_VERSION")
    root = cache_dir()
    kube = root / f"kubernetes-{k8s}"
    return Binaries(
        kube_apiserver=kube / "kube-apiserver",
        kube_controller_manager=kube / "kube-controller-manager",
        kube_scheduler=kube / "kube-scheduler",
        kubectl=kube / "kubectl",
        etcd=root / f"etcd-{etcd}" / "etcd",
        kwok=root / f"kwok-{kwok}" / "kwok",
        metrics_server=root / f"metrics-server-{metrics_server}" / "metrics-server",
        kubernetes_version=k8s,
        etcd_version=etcd,
        kwok_version=kwok,
        metrics_server_version=metrics_server,
    )


def ensure() -> Binaries:
    """The binaries, after running go/build.sh if any is missing (a cold build takes ~20 min)."""
    bins = expected()
    if all(p.is_file() and os.access(p, os.X_OK) for p in bins.all()):
        return bins
    print(f"[clusters] building missing binaries with {BUILD_SCRIPT}", file=sys.stderr)
    subprocess.run(["bash", str(BUILD_SCRIPT)], check=True, stdout=sys.stderr)
    missing = [str(p) for p in bins.all() if not p.is_file()]
    if missing:
        raise RuntimeError(f"{BUILD_SCRIPT} finished but these are missing: {missing}")
    return bins


def kwok_stage_dir(kwok_version: str) -> Path:
    """kwok's stage YAMLs in the Go module cache (downloaded if the cache was cleaned)."""
    env = {**os.environ, "GOWORK": "off", "GOFLAGS": "-mod=mod"}
    modcache = subprocess.run(
        ["go", "env", "GOMODCACHE"], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()
    stage = Path(modcache) / f"sigs.k8s.io/kwok@{kwok_version}" / "kustomize" / "stage"
    if not stage.is_dir():
        subprocess.run(
            ["go", "mod", "download", f"sigs.k8s.io/kwok@{kwok_version}"],
            check=True,
            cwd=BUILD_SCRIPT.parent,
            env=env,
        )
    if not stage.is_dir():
        raise RuntimeError(f"kwok stages not found at {stage}")
    return stage
