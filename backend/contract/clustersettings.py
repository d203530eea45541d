"""Per-cluster settings: alias, colour and protection, by clusterId or by a context-name glob.

`GET /api/v1/cluster-settings` answers `ClusterSettingsView` (the rules as stored and what they
mean for each discovered cluster); `PUT` takes `{"rules": [...]}` and answers the same. The rules
are stored in `settings.json` (`clusterSettings`), each entry validated on its own.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from backend.contract.base import ClusterModel, ContractModel

Protection = Literal["none", "read-only", "confirm"]
"""`read-only`: every action on the cluster is refused (403 `cluster_read_only`); `confirm`:
destructive actions need `params.confirmClusterName` equal to the cluster's name."""


class ClusterRule(ContractModel):
    """One entry: which clusters it applies to and what it says about them (unset: no say)."""

    model_config = ConfigDict(extra="forbid")

    match: str = Field(min_length=1)
    """A clusterId (`<file>:<context>`), or a glob over context names (`*prod*`)."""
    alias: str | None = Field(default=None, min_length=1, max_length=64)
    color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    protection: Protection | None = None


class ClusterSettings(ClusterModel):
    """What the rules mean for one cluster: an exact clusterId rule first, then globs in order;
    each field comes from the first rule that sets it."""

    alias: str | None = None
    color: str | None = None
    protection: Protection = "none"


class ClusterSettingsView(ContractModel):
    rules: list[ClusterRule] = Field(default_factory=list)
    clusters: list[ClusterSettings] = Field(default_factory=list)
    problems: list[str] = Field(default_factory=list)
    """Stored entries that were ignored, each saying why."""


class ClusterRulesUpdate(ContractModel):
    """The body of `PUT /api/v1/cluster-settings`: the whole list, replacing the stored one."""

    model_config = ConfigDict(extra="forbid")

    rules: list[ClusterRule]
