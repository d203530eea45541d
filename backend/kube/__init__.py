"""The one way to talk to a Kubernetes API server, used by every layer above.

`transport` (requests, streaming bodies), `channel` (WebSocket exec, attach, port-forward),
`errors` (`ApiError`, `Unreachable`), `backoff`, `resources` (kind keys, resources, paths),
`discovery` (what a cluster serves), `access` (access reviews), `cluster` (one `ClusterApi` per
client). Depends only on `clusters` (identity and clients).
"""
