"""The last minutes of usage of the objects whose charts are open: one ring buffer per object."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from backend.metrics import limits
from backend.metrics.usage import MetricsView, Usage

ObjectKey = tuple[str, str, str]
"""("Pod", namespace, name) or ("Node", "", name)."""


@dataclass(frozen=True, slots=True)
class Sample:
    at: str
    """When the poll that read it ended (RFC 3339)."""
    total: Usage
    containers: tuple[tuple[str, Usage], ...] = ()


class History:
    """Samples per viewed object, recorded after every poll while someone keeps asking."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._samples: dict[ObjectKey, deque[Sample]] = {}
        self._asked_at: dict[ObjectKey, float] = {}

    def watch(self, key: ObjectKey) -> list[Sample]:
        """Start (or keep) recording `key`; its samples so far, oldest first."""
        self._asked_at[key] = self._clock()
        return list(self._samples.setdefault(key, deque(maxlen=limits.HISTORY_SAMPLES)))

    def watched(self) -> list[ObjectKey]:
        return list(self._asked_at)

    def record(self, view: MetricsView, at: str) -> None:
        """Append each watched object's figures from `view`; forget objects nobody asks for."""
        now = self._clock()
        for key, asked in list(self._asked_at.items()):
            if now - asked > limits.HISTORY_QUIET_S:
                del self._asked_at[key]
                self._samples.pop(key, None)
                continue
            kind, namespace, name = key
            if kind == "Pod":
                pod = view.pods.get((namespace, name))
                sample = Sample(at, pod.total, pod.containers) if pod else None
            else:
                node = view.nodes.get(name)
                sample = Sample(at, node) if node else None
            if sample is not None:
                self._samples[key].append(sample)

    def sample_count(self) -> int:
        return sum(len(s) for s in self._samples.values())
