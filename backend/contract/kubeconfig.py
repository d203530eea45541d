"""Kubeconfig listing, selection and per-cluster connection state (contract §5, §8).

`KubeconfigListing` and `Selection` are the bridge's answers (fixed shapes); `line` on a source
and the connection/notice models are additions, documented in docs/.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, JsonValue

from backend.contract.base import ClusterModel, ContractModel


class KubeconfigSource(ContractModel):
    """A file that is (or is meant to be) a kubeconfig; `error` says why it gave no contexts."""

    path: str
    file: str
    error: str | None = None
    line: int | None = None
    """The line the parser complained about, when it named one."""


class KubeconfigContext(ClusterModel):
    """One context of one file, as the selector lists it."""

    file: str
    path: str
    context: str
    server: str | None = None
    user: str | None = None
    namespace: str | None = None
    selected: bool = False
    disabled: bool = False
    disabled_reason: str | None = None


class KubeconfigListing(ContractModel):
    """`list_kubeconfigs()`."""

    sources: list[KubeconfigSource] = Field(default_factory=list)
    contexts: list[KubeconfigContext] = Field(default_factory=list)


class Selection(ContractModel):
    """`get_selection()` / `set_selection(cluster_ids)`: ids in the order the user chose."""

    selected_cluster_ids: list[str] = Field(default_factory=list)


ConnectionStatus = Literal[
    "checking", "ready", "unreachable", "auth_failed", "forbidden", "timeout", "error"
]


class ClusterConnection(ClusterModel):
    """What the last health probe of one selected cluster found."""

    server: str | None = None
    status: ConnectionStatus = "checking"
    message: str | None = None
    """A sentence for a person: which server refused, which exec plugin failed and its stderr."""
    version: str | None = None
    """The API server's gitVersion from `/version`."""
    checked_at: str | None = None
    """RFC 3339 time of the last finished probe."""
    latency_ms: float | None = None


class ClusterNotice(ContractModel):
    """Something about kubeconfigs, selection or settings a person should be told."""

    code: str
    message: str
    at: str
    cluster_id: str | None = None
    path: str | None = None


class ClusterDiagnostics(ContractModel):
    """The cluster service's part of the diagnostics: connections and recent notices."""

    clusters: list[ClusterConnection] = Field(default_factory=list)
    notices: list[ClusterNotice] = Field(default_factory=list)


class BridgeCall(ContractModel):
    """`POST /api/v1/bridge/{method}`: the positional arguments of a desktop bridge method."""

    args: list[JsonValue] = Field(default_factory=list)
