"""Real local Kubernetes clusters for Regatta's tests, benchmarks and `make demo`.

Library use: `env = up(3)` ... `down(env.state_dir)`; command line:
`python -m tests.clusters up|down|status|run`. See README.md.
"""

from tests.clusters.env import ClusterEnv, ClusterInfo, KubeContext, KubectlError
from tests.clusters.harness import default_state_dir, down, status, up

__all__ = [
    "ClusterEnv",
    "ClusterInfo",
    "KubeContext",
    "KubectlError",
    "default_state_dir",
    "down",
    "status",
    "up",
]
