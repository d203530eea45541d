"""Every timing constant and size limit of the test-cluster harness, named in one place.

The numbers are tuned for a 2-core machine that may be running several harnesses at once; the
deadlines are upper bounds for polling a condition, never sleeps.
"""

from __future__ import annotations

# How often a readiness condition is re-checked while waiting for it.
POLL_INTERVAL_S = 0.2

# etcd starts in 1-2 s; the margin covers a loaded machine.
ETCD_READY_TIMEOUT_S = 60.0

# Kubernetes' own harnesses saw 31-35 s on contended runners (test-clusters.md §4); 120 s is the
# recipe's per-apiserver deadline.
APISERVER_READY_TIMEOUT_S = 120.0

# controller-manager, scheduler and kwok answer /healthz soon after the apiserver is ready.
COMPONENT_READY_TIMEOUT_S = 120.0

# Nodes turn Ready as soon as kwok plays its node-initialize stage.
NODES_READY_TIMEOUT_S = 90.0

# Seeded Deployments/StatefulSet/DaemonSet/Job need the controller-manager, the scheduler and kwok.
WORKLOADS_READY_TIMEOUT_S = 240.0

# Bulk pod creation: a floor plus a per-pod allowance (creates and kwok's status updates).
SCALE_READY_BASE_TIMEOUT_S = 120.0
SCALE_READY_TIMEOUT_PER_1000_PODS_S = 30.0

# In-flight create requests per cluster while seeding many pods (the apiserver's default
# --max-mutating-requests-inflight is 200; this stays well below it).
SCALE_CONCURRENCY_PER_CLUSTER = 48

# A single request of the harness to an apiserver or a health endpoint.
HTTP_TIMEOUT_S = 10.0
HEALTH_PROBE_TIMEOUT_S = 2.0

# Stopping: SIGTERM, wait this long, then SIGKILL and wait again (recipe §4: 10 s).
STOP_GRACE_S = 10.0
KILL_WAIT_S = 5.0

# A freshly picked free port can be taken by another process before ours binds it; retry then.
PORT_BIND_ATTEMPTS = 3

# One process of the built kubectl, as called by tests through ClusterEnv.kubectl.
KUBECTL_TIMEOUT_S = 60.0

# metrics-server's scrape interval (its default); a pod's CPU shows after two scrapes.
METRICS_RESOLUTION_S = 15

# kwok nodes created on every cluster.
NODES_PER_CLUSTER = 2

# etcd's backend quota; 100k pods with kwok's status updates need far more than the 2 GiB default.
ETCD_QUOTA_BYTES = 8 * 1024**3

# Pod logs: lines of history written at start-up, and the pace of the live lines appended after.
LOG_HISTORY_LINES = 60
LOG_HISTORY_SPACING_S = 1.0
LOG_LIVE_INTERVAL_S = 1.0

# How often the side process checks that the process owning the clusters is still alive.
OWNER_CHECK_INTERVAL_S = 1.0

# Lines of a component's log quoted in an error when it fails to start.
LOG_TAIL_LINES = 30
