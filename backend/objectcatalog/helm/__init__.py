"""Helm's release storage, read without running helm (contract §13)."""
