"""Helm releases (contract §13): the list row, one release's detail, and the action params."""

from __future__ import annotations

from pydantic import Field, JsonValue

from backend.contract.base import ActionParams, ContractModel


class HelmChartRevision(ContractModel):
    """What every view of a release revision says: its number, state and chart. `error` says why
    the revision could not be decoded (the other fields then come from the storage object's
    labels, or are empty)."""

    revision: int
    status: str
    chart: str
    chart_version: str
    app_version: str
    updated_at: str
    error: str | None = None


class HelmReleaseItem(HelmChartRevision):
    """A row of `helm-releases`: the latest revision of a release, never its values or manifest."""

    cluster_id: str
    cluster_name: str
    group: str = "helm.sh"
    version: str = "v1"
    kind: str = "Release"
    namespace: str
    name: str
    storage: str = "secret"
    """Where Helm keeps the release: `secret` or `configmap` (an addition to §13)."""
    stale: bool = False


class HelmRevision(HelmChartRevision):
    description: str


class HelmResourceRef(ContractModel):
    """An object the release's manifest names, as a reference for the object panel."""

    cluster_id: str
    group: str
    version: str
    kind: str
    namespace: str
    name: str


class HelmReleaseDetail(HelmChartRevision):
    """The one item of `helm-release` (scope `<clusterId>|helm:<ns>/<name>`)."""

    cluster_id: str
    cluster_name: str
    namespace: str
    name: str
    history: list[HelmRevision]
    values: dict[str, JsonValue]
    """The user-supplied values of the latest revision."""
    computed_values: dict[str, JsonValue]
    """The chart's defaults merged with the user-supplied values (what the templates saw)."""
    values_yaml: str
    """`values` as YAML, for reading (an addition to §13)."""
    computed_values_yaml: str
    """`computedValues` as YAML, for reading (an addition to §13)."""
    manifest: str
    notes: str
    resources: list[HelmResourceRef]


class HelmRollbackParams(ActionParams):
    revision: int = Field(ge=1, strict=True)


class HelmUninstallParams(ActionParams):
    """`helm-uninstall` takes no params."""
