"""Selection rules (contract §5) as pure functions over inventories built from temp files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.clusters.discovery import ClusterSources, Inventory, KubeconfigScanner
from backend.clusters.selection import (
    duplicate_context_sentence,
    listing_disabled_reason,
    reconcile,
    validate_selection,
)
from backend.errors import RegattaError


def kubeconfig(*contexts: str) -> dict[str, Any]:
    return {
        "clusters": [{"name": "c", "cluster": {"server": "https://127.0.0.1:6443"}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [
            {"name": n, "context": {"cluster": "c", "user": "ghost" if n == "broken" else "u"}}
            for n in contexts
        ],
    }


def write(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    write(tmp_path / ".kube/dev.yaml", kubeconfig("alpha", "beta", "staging", "broken"))
    write(
        tmp_path / ".kube/prod.yaml", kubeconfig("arn:aws:eks:eu-west-1:1:cluster/gamma", "staging")
    )
    return tmp_path


@pytest.fixture
def scanner(home: Path) -> KubeconfigScanner:
    return KubeconfigScanner(ClusterSources(home=home))


@pytest.fixture
def inventory(scanner: KubeconfigScanner) -> Inventory:
    return scanner.scan()


def test_the_duplicate_sentence_is_exactly_the_contracts() -> None:
    assert duplicate_context_sentence("staging") == (
        "`staging` is already active. Duplicate context names are not allowed."
    )


class TestValidate:
    def test_a_valid_selection_keeps_the_users_order(self, inventory: Inventory) -> None:
        wanted = [
            "prod.yaml:staging",
            "dev.yaml:alpha",
            "prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma",
        ]
        assert validate_selection(wanted, inventory) == wanted

    def test_nothing_selected_is_valid(self, inventory: Inventory) -> None:
        assert validate_selection([], inventory) == []

    def test_an_unknown_id_is_a_404(self, inventory: Inventory) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(["dev.yaml:alpha", "dev.yaml:nope"], inventory)
        assert (caught.value.status, caught.value.code) == (404, "unknown_cluster")
        assert caught.value.context == {"clusterId": "dev.yaml:nope"}

    def test_a_malformed_id_is_an_unknown_cluster_too(self, inventory: Inventory) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(["not an id"], inventory)
        assert caught.value.code == "unknown_cluster"

    def test_two_contexts_with_one_name_are_a_409_with_the_exact_sentence(
        self, inventory: Inventory
    ) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(
                ["dev.yaml:staging", "dev.yaml:alpha", "prod.yaml:staging"], inventory
            )
        assert (caught.value.status, caught.value.code) == (409, "duplicate_context")
        assert caught.value.message == (
            "`staging` is already active. Duplicate context names are not allowed."
        )
        assert caught.value.context["clusterId"] == "prod.yaml:staging"

    def test_the_same_id_twice_is_a_duplicate_context(self, inventory: Inventory) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(["dev.yaml:alpha", "dev.yaml:alpha"], inventory)
        assert caught.value.code == "duplicate_context"

    def test_unknown_ids_are_reported_before_duplicates(self, inventory: Inventory) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(["dev.yaml:staging", "prod.yaml:staging", "x:y"], inventory)
        assert caught.value.code == "unknown_cluster"

    def test_a_disabled_context_cannot_be_selected(self, inventory: Inventory) -> None:
        with pytest.raises(RegattaError) as caught:
            validate_selection(["dev.yaml:broken"], inventory)
        assert (caught.value.status, caught.value.code) == (409, "context_disabled")
        assert "refers to user `ghost`" in caught.value.message


class TestListingReasons:
    def test_same_named_contexts_of_a_selected_one_are_disabled_with_the_sentence(
        self, inventory: Inventory
    ) -> None:
        selected = ["dev.yaml:staging"]
        reasons = {
            cid: listing_disabled_reason(c, selected, inventory)
            for cid, c in inventory.contexts.items()
        }
        assert reasons["prod.yaml:staging"] == duplicate_context_sentence("staging")
        assert reasons["dev.yaml:staging"] is None
        assert reasons["dev.yaml:alpha"] is None
        assert reasons["dev.yaml:broken"] is not None and "ghost" in reasons["dev.yaml:broken"]


class TestReconcile:
    def test_what_still_exists_is_kept_in_order(self, inventory: Inventory) -> None:
        result = reconcile(["dev.yaml:beta", "dev.yaml:alpha"], inventory)
        assert (result.selected, result.changed) == (["dev.yaml:beta", "dev.yaml:alpha"], False)

    def test_a_context_removed_from_its_file_is_dropped_with_the_reason(
        self, home: Path, scanner: KubeconfigScanner, inventory: Inventory
    ) -> None:
        write(home / ".kube/dev.yaml", kubeconfig("alpha"))
        result = reconcile(["dev.yaml:alpha", "dev.yaml:beta"], scanner.scan(), inventory)
        assert result.selected == ["dev.yaml:alpha"]
        assert result.dropped == {
            "dev.yaml:beta": f"`dev.yaml:beta` was deselected: {home / '.kube/dev.yaml'} no longer"
            " has the context `beta`."
        }

    def test_a_deleted_file_drops_its_contexts_saying_the_file_is_gone(
        self, home: Path, scanner: KubeconfigScanner, inventory: Inventory
    ) -> None:
        (home / ".kube/prod.yaml").unlink()
        result = reconcile(["prod.yaml:staging", "dev.yaml:alpha"], scanner.scan(), inventory)
        assert result.selected == ["dev.yaml:alpha"]
        assert result.dropped["prod.yaml:staging"] == (
            f"`prod.yaml:staging` was deselected: its kubeconfig file {home / '.kube/prod.yaml'}"
            " is gone."
        )

    def test_a_file_that_broke_drops_its_contexts_quoting_the_error(
        self, home: Path, scanner: KubeconfigScanner, inventory: Inventory
    ) -> None:
        (home / ".kube/prod.yaml").write_text("contexts: [\n")
        result = reconcile(["prod.yaml:staging"], scanner.scan(), inventory)
        assert "cannot be used: YAML error at line 2" in result.dropped["prod.yaml:staging"]

    def test_a_context_that_became_disabled_is_dropped(
        self, home: Path, scanner: KubeconfigScanner, inventory: Inventory
    ) -> None:
        document = kubeconfig("alpha")
        document["users"] = []
        write(home / ".kube/dev.yaml", document)
        result = reconcile(["dev.yaml:alpha"], scanner.scan(), inventory)
        assert result.selected == []
        assert "refers to user `u`" in result.dropped["dev.yaml:alpha"]

    def test_a_file_whose_name_changed_is_followed_to_its_new_id(
        self, home: Path, inventory: Inventory
    ) -> None:
        write(home / "other/dev.yaml", kubeconfig("zeta"))
        moved = KubeconfigScanner(
            ClusterSources(home=home, kubeconfig_env=str(home / "other/dev.yaml"))
        ).scan()
        result = reconcile(["dev.yaml:alpha"], moved, inventory)
        assert result.selected == [".kube/dev.yaml:alpha"]
        assert result.renamed == {"dev.yaml:alpha": ".kube/dev.yaml:alpha"}

    def test_persisted_ids_that_are_unknown_say_why(self, inventory: Inventory) -> None:
        result = reconcile(["dev.yaml:nope", "gone.yaml:alpha", "junk"], inventory)
        assert result.selected == []
        assert result.dropped["dev.yaml:nope"].endswith("has no context `nope`.")
        assert result.dropped["gone.yaml:alpha"].endswith(
            "no discovered kubeconfig file is named `gone.yaml`."
        )
        assert result.dropped["junk"].endswith("it is not a context of any discovered kubeconfig.")

    def test_a_version_1_path_and_context_resolves_to_its_cluster_id(
        self, home: Path, inventory: Inventory
    ) -> None:
        legacy = f"{home / '.kube/prod.yaml'}:arn:aws:eks:eu-west-1:1:cluster/gamma"
        result = reconcile([legacy], inventory)
        assert result.selected == ["prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma"]
        assert result.renamed == {legacy: "prod.yaml:arn:aws:eks:eu-west-1:1:cluster/gamma"}

    def test_a_persisted_duplicate_name_keeps_the_first(self, inventory: Inventory) -> None:
        result = reconcile(["prod.yaml:staging", "dev.yaml:staging"], inventory)
        assert result.selected == ["prod.yaml:staging"]
        assert result.dropped["dev.yaml:staging"].endswith(duplicate_context_sentence("staging"))
