"""Object catalog: per cluster, which kinds and namespaces exist, what the user may read, and
the watch caches every snapshot is read from.

Kind keys are version-less `backend.kube.resources.KindKey(group, resource)` values, written like
kubectl's `deployments.apps` (see `kinds`). `registry.CatalogRegistry` holds one
`catalog.ClusterCatalog` per clusterId.
"""
