"""The cluster/user/context layout of the test clusters is an interface: pin it."""

from __future__ import annotations

import pytest

from tests.clusters import topology


def test_default_run_has_the_documented_contexts() -> None:
    contexts = topology.contexts_for(topology.cluster_names(3))
    by_file: dict[str, dict[str, str]] = {}
    for c in contexts:
        by_file.setdefault(c.file, {})[c.name] = c.cluster
    assert by_file == {
        "dev.yaml": {"alpha": "alpha", "beta": "beta", "beta-viewer": "beta", "staging": "beta"},
        "prod.yaml": {topology.GAMMA_ARN_CONTEXT: "gamma", "staging": "gamma"},
    }
    assert ":" in topology.GAMMA_ARN_CONTEXT


def test_restricted_context_uses_the_viewer_and_a_readable_namespace() -> None:
    viewer = [
        c for c in topology.contexts_for(["alpha", "beta", "gamma"]) if c.name == "beta-viewer"
    ]
    assert [(v.user, v.namespace) for v in viewer] == [("beta-viewer", "shop")]
    assert "shop" in topology.RESTRICTED_NAMESPACES


def test_both_auth_kinds_are_used_by_admins() -> None:
    users = {u.name: u for u in topology.users_for(["alpha", "beta", "gamma"])}
    assert users["alpha-admin"].auth == "client-certificate"
    assert users["beta-admin"].auth == "token"
    assert users["beta-viewer"].groups == (topology.VIEWER_GROUP,)
    assert topology.ADMIN_GROUP not in users["beta-viewer"].groups


def test_extra_clusters_get_an_admin_context_in_dev() -> None:
    contexts = topology.contexts_for(topology.cluster_names(5))
    extra = {(c.file, c.name, c.user) for c in contexts if c.cluster in ("delta", "epsilon")}
    assert extra == {("dev.yaml", "delta", "delta-admin"), ("dev.yaml", "epsilon", "epsilon-admin")}


def test_a_single_cluster_run_only_names_that_cluster() -> None:
    contexts = topology.contexts_for(topology.cluster_names(1))
    assert [(c.file, c.name) for c in contexts] == [("dev.yaml", "alpha")]


@pytest.mark.parametrize("count", [0, len(topology.CLUSTER_NAMES) + 1])
def test_cluster_count_out_of_range_is_refused(count: int) -> None:
    with pytest.raises(ValueError, match="between 1 and"):
        topology.cluster_names(count)
