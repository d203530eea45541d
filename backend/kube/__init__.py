"""The one way to talk to a Kubernetes API server, used by every layer above; it depends only on
`clusters` (identity and clients)."""
