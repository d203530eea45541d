"""Object references: how a row names its object across clusters (CONTRACT §1)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ObjectRef:
    cluster_id: str
    group: str
    version: str
    kind: str
    namespace: str
    name: str
    uid: str

    def wire(self) -> dict[str, str]:
        """The contract's camelCase shape."""
        return {
            "clusterId": self.cluster_id,
            "group": self.group,
            "version": self.version,
            "kind": self.kind,
            "namespace": self.namespace,
            "name": self.name,
            "uid": self.uid,
        }
