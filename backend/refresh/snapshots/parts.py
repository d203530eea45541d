"""One cluster's part of a snapshot: its rows (grouped by kind) and the truth about it."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

from backend.contract.snapshots import ClusterPartStatus, FailureCause
from backend.kube.resources import ApiResource
from backend.objectcatalog.journal import JournalMark
from backend.objectcatalog.rows import Row
from backend.refresh.snapshots.usage import PartUsage


@dataclass(frozen=True)
class KindRows:
    """The rows of one kind in one cluster, with the cache version they were read at."""

    resource: ApiResource
    rows: Sequence[Row]
    version: Hashable
    """The kind cache's change counter (of the namespaces read, when limited)."""
    namespaces: frozenset[str] | None = None
    """The only namespaces whose rows were read; None: all."""
    mark: JournalMark | None = None
    """Where in the kind cache's history the rows were read: sorted runs of an earlier read
    follow the changes since instead of sorting again."""


@dataclass
class ClusterPart:
    cluster_id: str
    cluster_name: str
    status: ClusterPartStatus
    message: str | None = None
    kinds: list[KindRows] = field(default_factory=list)
    cause: FailureCause | None = None
    duration_ms: float = 0.0
    read_versions: str = ""
    """Versions of caches a part read without listing their rows (the overview's counters)."""
    usage: PartUsage | None = None
    """pods, nodes, workloads: the usage joined onto the rows (contract §12)."""

    @property
    def stale(self) -> bool:
        return self.status == "stale"

    @property
    def version(self) -> str:
        """Changes iff this part's rows or its state changed."""
        counters = ".".join(f"{k.resource.key}={k.version}" for k in self.kinds)
        usage = f"|{self.usage.status}={self.usage.version}" if self.usage is not None else ""
        return (
            f"{self.status}|{self.cause or ''}|{self.message or ''}|{counters}|{self.read_versions}"
            f"{usage}"
        )
