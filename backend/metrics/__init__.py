"""Usage figures from metrics.k8s.io (metrics-server), per cluster, for the tables and charts.

Sits between `objectcatalog` and `refresh`: it reads through the cluster's shared `ClusterApi`
(kube/) and the catalog's rows, and `refresh` joins its figures onto snapshot rows.
"""
