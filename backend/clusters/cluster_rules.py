"""What the per-cluster rules (`settings.json` `clusterSettings`) say about one cluster.

A rule naming the clusterId exactly comes first, then glob rules over the context name in their
stored order; each field (alias, colour, protection) is taken from the first rule that sets it,
so `*prod*` can give the colour while an exact rule gives one cluster its alias.
"""

from __future__ import annotations

from fnmatch import fnmatchcase

from backend.contract.clustersettings import ClusterRule, ClusterSettings


def settings_for(
    rules: list[ClusterRule], cluster_id: str, context: str, cluster_name: str
) -> ClusterSettings:
    exact = [r for r in rules if r.match == cluster_id]
    globs = [r for r in rules if r.match != cluster_id and fnmatchcase(context, r.match)]
    ordered = [*exact, *globs]
    return ClusterSettings(
        cluster_id=cluster_id,
        cluster_name=cluster_name,
        alias=next((r.alias for r in ordered if r.alias is not None), None),
        color=next((r.color for r in ordered if r.color is not None), None),
        protection=next((r.protection for r in ordered if r.protection is not None), "none"),
    )
