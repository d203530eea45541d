"""Interactive sessions bridged to a pod through its own cluster: terminals and port-forwards.
Each session belongs to one cluster and ends when that cluster is deselected."""
