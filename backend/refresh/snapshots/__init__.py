"""Snapshot domains (contract §6): aggregated lists, the cluster overview, single objects."""
