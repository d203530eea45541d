"""kwok's --config file for one cluster: the stages, the logs/exec/port-forward rules, and the
simulated kubelet resource metrics.

The stage and metrics YAMLs are read from kwok's module in the Go module cache at run time (never copied into
the repository); the rules are ours.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.clusters.podlogs import LogSource

# The stages kwokctl installs by default (node + lease heartbeat, fast pod lifecycle).
STAGE_FILES = (
    "node/fast/node-initialize.yaml",
    "node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
    "pod/fast/pod-ready.yaml",
    "pod/fast/pod-complete.yaml",
    "pod/fast/pod-delete.yaml",
)

# Our own stage: a running pod annotated `regatta.test/restart: <container>` has that container
# restarted once, as a kubelet would after it exited: restartCount + 1, lastState.terminated,
# a new running state, and a BackOff event. The annotation is removed first, so it fires once.
# kwok serves a container's previous log from its rule's previousLogsFile (kwok reads no status).
RESTART_ANNOTATION = "regatta.test/restart"
RESTART_EXIT_CODE = 1
_RESTARTED_STATUS = """\
{{ $now := Now }}
{{ $container := index .metadata.annotations "@ANNOTATION@" }}
containerStatuses:
{{ range .status.containerStatuses }}
{{ if eq .name $container }}
- name: {{ .name | Quote }}
  image: {{ .image | Quote }}
  ready: true
  started: true
  restartCount: {{ add1 .restartCount }}
  lastState:
    terminated:
      exitCode: @EXIT_CODE@
      reason: Error
      startedAt: {{ .state.running.startedAt | Quote }}
      finishedAt: {{ $now | Quote }}
  state:
    running:
      startedAt: {{ $now | Quote }}
{{ else }}
- {{ YAML . 1 }}
{{ end }}
{{ end }}
""".replace("@ANNOTATION@", RESTART_ANNOTATION).replace("@EXIT_CODE@", str(RESTART_EXIT_CODE))


def _restart_stage() -> dict[str, Any]:
    return {
        "apiVersion": "kwok.x-k8s.io/v1alpha1",
        "kind": "Stage",
        "metadata": {"name": "regatta-container-restart"},
        "spec": {
            "resourceRef": {"apiGroup": "v1", "kind": "Pod"},
            "selector": {
                "matchExpressions": [
                    {"key": f'.metadata.annotations["{RESTART_ANNOTATION}"]', "operator": "Exists"},
                    {"key": ".metadata.deletionTimestamp", "operator": "DoesNotExist"},
                    {"key": ".status.phase", "operator": "In", "values": ["Running"]},
                ]
            },
            "steps": [
                {
                    "patch": {
                        "template": f"metadata:\n  annotations:\n    {RESTART_ANNOTATION}: null\n"
                    }
                },
                {
                    "patch": {
                        "subresource": "status",
                        "root": "status",
                        "template": _RESTARTED_STATUS,
                    }
                },
                {
                    "event": {
                        "type": "Warning",
                        "reason": "BackOff",
                        "message": "Back-off restarting failed container",
                    }
                },
            ],
        },
    }


# kwok's simulated kubelet resource metrics (what metrics-server scrapes) and the usage they
# report: a pod's annotations kwok.x-k8s.io/usage-cpu and kwok.x-k8s.io/usage-memory per container,
# else 1m CPU and 1Mi memory per container.
METRICS_FILES = (
    "metrics/resource/metrics-resource.yaml",
    "metrics/usage/usage-from-annotation.yaml",
)

# Namespaces whose pods run `kubectl exec` commands on the test host (in a scratch directory).
EXEC_NAMESPACES = ("shop", "team-a", "team-b")

NODE_LEASE_DURATION_S = 40
# kwok applies its defaults only when no KwokConfiguration is given at all (pkg/config/vars.go),
# so every option that matters is spelled out: zero parallelism refuses to start, and the
# debugging handlers (logs, exec, port-forward) would be off.
POD_PLAY_STAGE_PARALLELISM = 16
NODE_PLAY_STAGE_PARALLELISM = 4
NODE_LEASE_PARALLELISM = 4
PODS_ON_NODE_SYNC_PARALLELISM = 4


def _log_rules(sources: list[LogSource], previous: Path) -> list[dict[str, Any]]:
    """One ClusterLogs per namespace (container-specific files first), then a catch-all."""
    by_namespace: dict[str | None, list[LogSource]] = {}
    for s in sources:
        by_namespace.setdefault(s.namespace, []).append(s)
    rules = []
    for namespace, group in sorted(by_namespace.items(), key=lambda kv: kv[0] is None):
        logs = []
        for s in sorted(group, key=lambda s: s.container is None):
            entry: dict[str, Any] = {
                "logsFile": str(s.path),
                "previousLogsFile": str(previous),
                "follow": True,
            }
            if s.container:
                entry["containers"] = [s.container]
            logs.append(entry)
        spec: dict[str, Any] = {"logs": logs}
        if namespace is not None:
            spec["selector"] = {"matchNamespaces": [namespace]}
        rules.append(
            {
                "apiVersion": "kwok.x-k8s.io/v1alpha1",
                "kind": "ClusterLogs",
                "metadata": {"name": f"logs-{namespace or 'all'}"},
                "spec": spec,
            }
        )
    return rules


def render(
    stage_dir: Path,
    sources: list[LogSource],
    previous: Path,
    exec_dir: Path,
    cluster: str,
    forward_port: int,
) -> str:
    """The multi-document YAML for kwok --config."""
    docs: list[dict[str, Any]] = [
        {
            "apiVersion": "config.kwok.x-k8s.io/v1alpha1",
            "kind": "KwokConfiguration",
            "options": {
                "manageAllNodes": True,
                "cidr": "10.244.0.0/16",
                "nodeIP": "127.0.0.1",
                "enableDebuggingHandlers": True,
                "enableProfilingHandler": False,
                "enableContentionProfiling": False,
                "enablePodsOnNodeSyncListPager": True,
                "enablePodsOnNodeSyncStreamWatch": False,
                "nodeLeaseDurationSeconds": NODE_LEASE_DURATION_S,
                "podPlayStageParallelism": POD_PLAY_STAGE_PARALLELISM,
                "nodePlayStageParallelism": NODE_PLAY_STAGE_PARALLELISM,
                "nodeLeaseParallelism": NODE_LEASE_PARALLELISM,
                "podsOnNodeSyncParallelism": PODS_ON_NODE_SYNC_PARALLELISM,
            },
        },
        *_log_rules(sources, previous),
        {
            "apiVersion": "kwok.x-k8s.io/v1alpha1",
            "kind": "ClusterExec",
            "metadata": {"name": "exec-local"},
            "spec": {
                "selector": {"matchNamespaces": list(EXEC_NAMESPACES)},
                "execs": [
                    {
                        "local": {
                            "workDir": str(exec_dir),
                            "envs": [
                                {"name": "KWOK_EXEC", "value": "1"},
                                {"name": "REGATTA_CLUSTER", "value": cluster},
                            ],
                        },
                    }
                ],
            },
        },
        {
            "apiVersion": "kwok.x-k8s.io/v1alpha1",
            "kind": "ClusterPortForward",
            "metadata": {"name": "forward-to-side-process"},
            "spec": {"forwards": [{"target": {"address": "127.0.0.1", "port": forward_port}}]},
        },
        _restart_stage(),
    ]
    parts = [yaml.safe_dump(d, sort_keys=False) for d in docs]
    parts += [(stage_dir / f).read_text() for f in STAGE_FILES]
    parts += [(stage_dir.parent / f).read_text() for f in METRICS_FILES]
    return "---\n".join(p if p.endswith("\n") else p + "\n" for p in parts)
