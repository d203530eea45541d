"""kwok's generated --config: stages included, log rules ordered so specific rules win."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.clusters import kwokconfig, podlogs


def _stage_dir(tmp_path: Path) -> Path:
    for i, rel in enumerate(kwokconfig.STAGE_FILES):
        path = tmp_path / "stage" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"apiVersion: kwok.x-k8s.io/v1alpha1\nkind: Stage\nmetadata:\n  name: s{i}\n"
        )
    # kwok's module keeps the metrics YAMLs beside the stages (kustomize/metrics/...).
    for rel, kind in zip(kwokconfig.METRICS_FILES, ("Metric", "ClusterResourceUsage"), strict=True):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"apiVersion: kwok.x-k8s.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: m\n")
    return tmp_path / "stage"


def _render(tmp_path: Path) -> list[dict[str, Any]]:
    sources = podlogs.log_sources("alpha", tmp_path / "logs")
    text = kwokconfig.render(
        _stage_dir(tmp_path), sources, tmp_path / "prev.log", tmp_path / "exec", "alpha", 4242
    )
    return [d for d in yaml.safe_load_all(text) if d]


def test_all_stages_and_one_kwok_configuration(tmp_path: Path) -> None:
    docs = _render(tmp_path)
    kinds = [d["kind"] for d in docs]
    # kwok's stages, and ours that restarts a container on request.
    assert kinds.count("Stage") == len(kwokconfig.STAGE_FILES) + 1
    restart = [d for d in docs if d["kind"] == "Stage" and "restart" in d["metadata"]["name"]]
    assert len(restart) == 1
    assert kinds.count("KwokConfiguration") == 1
    # The simulated kubelet resource metrics metrics-server scrapes, and the usage they report.
    assert kinds.count("Metric") == 1 and kinds.count("ClusterResourceUsage") == 1


def test_log_rules_put_the_catch_all_last_and_containers_before_defaults(tmp_path: Path) -> None:
    rules = [d for d in _render(tmp_path) if d["kind"] == "ClusterLogs"]
    assert "selector" not in rules[-1]["spec"]
    assert all("selector" in r["spec"] for r in rules[:-1])
    for rule in rules:
        has_containers = ["containers" in entry for entry in rule["spec"]["logs"]]
        assert has_containers == sorted(has_containers, reverse=True)
        assert has_containers[-1] is False


def test_exec_is_limited_and_port_forward_targets_loopback(tmp_path: Path) -> None:
    docs = {d["kind"]: d for d in _render(tmp_path)}
    exec_spec = docs["ClusterExec"]["spec"]
    assert exec_spec["selector"]["matchNamespaces"] == list(kwokconfig.EXEC_NAMESPACES)
    assert exec_spec["execs"][0]["local"]["workDir"] == str(tmp_path / "exec")
    target = docs["ClusterPortForward"]["spec"]["forwards"][0]["target"]
    assert target == {"address": "127.0.0.1", "port": 4242}
