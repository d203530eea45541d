"""Kubeconfig discovery on real files in temporary folders (contract §1, §2, §5)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.clusters.discovery import (
    ClusterSources,
    Inventory,
    KubeconfigScanner,
    assign_file_names,
)
from backend.options import AppOptions


def kubeconfig(
    *contexts: str, server: str = "https://127.0.0.1:6443", **extra: Any
) -> dict[str, Any]:
    """A valid kubeconfig with one cluster `c`, one user `u` and the given contexts."""
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": "c", "cluster": {"server": server}}],
        "users": [{"name": "u", "user": {"token": "t"}}],
        "contexts": [{"name": n, "context": {"cluster": "c", "user": "u"}} for n in contexts],
        **extra,
    }


def write(path: Path, content: dict[str, Any] | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content))
    return path


def scan(home: Path, **kwargs: Any) -> Inventory:
    return KubeconfigScanner(ClusterSources(home=home, **kwargs)).scan()


def by_path(inventory: Inventory) -> dict[str, str | None]:
    return {str(s.path): s.error for s in inventory.sources}


class TestHomeFolder:
    def test_every_kubeconfig_in_dot_kube_is_found_with_base_names(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", kubeconfig("alpha"))
        write(tmp_path / ".kube/prod.yaml", kubeconfig("gamma"))
        inventory = scan(tmp_path)
        assert list(inventory.contexts) == ["config:alpha", "prod.yaml:gamma"]
        context = inventory.contexts["prod.yaml:gamma"]
        assert (context.file, context.path, context.cluster_name) == (
            "prod.yaml",
            tmp_path / ".kube/prod.yaml",
            "gamma",
        )

    def test_files_in_subfolders_are_named_by_their_relative_path(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/teams/blue/config", kubeconfig("blue"))
        assert list(scan(tmp_path).contexts) == ["teams/blue/config:blue"]

    def test_cache_folders_hidden_and_backup_files_and_other_yaml_are_skipped_quietly(
        self, tmp_path: Path
    ) -> None:
        write(tmp_path / ".kube/config", kubeconfig("alpha"))
        write(
            tmp_path / ".kube/cache/discovery/127.0.0.1_6443/servergroups.json",
            '{"kind": "APIGroupList"}',
        )
        write(tmp_path / ".kube/http-cache/0a1b", "binary-ish: [")
        write(tmp_path / ".kube/.hidden.yaml", "broken: [")
        write(tmp_path / ".kube/config.bak", "broken: [")
        write(tmp_path / ".kube/config.lock", "")
        write(tmp_path / ".kube/kubectx", "previous-context-name\n")
        write(tmp_path / ".kube/notes.yaml", {"todo": ["rotate tokens"]})
        (tmp_path / ".kube/blob").write_bytes(b"\x00\x01\x02\xff")
        inventory = scan(tmp_path)
        assert [s.file for s in inventory.sources] == ["config"]
        assert list(inventory.contexts) == ["config:alpha"]

    def test_no_dot_kube_folder_is_no_problem(self, tmp_path: Path) -> None:
        inventory = scan(tmp_path)
        assert (inventory.sources, inventory.contexts, inventory.notices) == ((), {}, ())


class TestBrokenFiles:
    def test_broken_yaml_is_listed_with_the_parsers_line_and_neighbours_work(
        self, tmp_path: Path
    ) -> None:
        write(tmp_path / ".kube/good.yaml", kubeconfig("alpha"))
        write(tmp_path / ".kube/broken.yaml", "apiVersion: v1\nclusters:\n  - name: x\n   bad: [\n")
        inventory = scan(tmp_path)
        broken = next(s for s in inventory.sources if s.file == "broken.yaml")
        assert broken.line == 4
        assert broken.error is not None and "line 4" in broken.error
        assert broken.contexts == ()
        assert list(inventory.contexts) == ["good.yaml:alpha"]

    def test_a_tab_indented_file_names_its_line(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", "apiVersion: v1\ncontexts:\n\t- name: a\n")
        (source,) = scan(tmp_path).sources
        assert source.line == 3
        assert source.error is not None and source.error.startswith("YAML error at line 3")

    def test_wrong_structure_is_reported_precisely(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", {"contexts": {"name": "a"}})
        write(tmp_path / ".kube/other", {"clusters": [{"cluster": {"server": "x"}}]})
        errors = {s.file: s.error for s in scan(tmp_path).sources}
        assert errors == {
            "config": "`contexts` must be a list, not a mapping.",
            "other": "`clusters[0]` has no `name`.",
        }

    def test_a_named_file_that_is_not_a_kubeconfig_is_reported(self, tmp_path: Path) -> None:
        named = write(tmp_path / "elsewhere/values.yaml", {"replicas": 3})
        inventory = scan(tmp_path, kubeconfig_env=str(named))
        (source,) = inventory.sources
        assert source.error == "This file is not a kubeconfig (no clusters, contexts or users)."

    def test_an_unreadable_file_is_reported(self, tmp_path: Path) -> None:
        if os.geteuid() == 0:
            named = tmp_path / "a-folder.yaml"  # root reads everything: use a folder instead
            named.mkdir()
            expected = "This is a folder, not a file."
        else:
            named = write(tmp_path / "secret.yaml", kubeconfig("a"))
            named.chmod(0)
            expected = "Permission denied: the file cannot be read."
        inventory = scan(tmp_path, explicit_files=(named,))
        assert by_path(inventory) == {str(named): expected}

    def test_an_empty_kubeconfig_has_no_contexts_and_no_error(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", "")
        (source,) = scan(tmp_path).sources
        assert (source.error, source.contexts) == (None, ())


class TestDisabledContexts:
    def test_missing_user_or_cluster_entries_disable_the_context_with_the_reason(
        self, tmp_path: Path
    ) -> None:
        document = kubeconfig("ok")
        document["contexts"] += [
            {"name": "no-user", "context": {"cluster": "c", "user": "ghost"}},
            {"name": "no-cluster", "context": {"cluster": "nowhere", "user": "u"}},
            {"name": "names-no-cluster", "context": {"user": "u"}},
        ]
        document["clusters"].append({"name": "serverless", "cluster": {}})
        document["contexts"].append({"name": "no-server", "context": {"cluster": "serverless"}})
        write(tmp_path / ".kube/config", document)
        reasons = {
            c.cluster_name: c.entry.disabled_reason for c in scan(tmp_path).contexts.values()
        }
        assert reasons == {
            "ok": None,
            "no-user": "Context `no-user` refers to user `ghost`, which this file does not define.",
            "no-cluster": "Context `no-cluster` refers to cluster `nowhere`, which this file does not define.",
            "names-no-cluster": "Context `names-no-cluster` names no cluster.",
            "no-server": "Cluster `serverless` of context `no-server` has no server address.",
        }

    def test_a_context_without_a_user_is_disabled_with_the_reason(self, tmp_path: Path) -> None:
        document = kubeconfig("ok")
        document["contexts"].append({"name": "anonymous", "context": {"cluster": "c"}})
        write(tmp_path / ".kube/config", document)
        contexts = scan(tmp_path).contexts
        assert contexts["config:ok"].entry.disabled_reason is None
        assert contexts["config:anonymous"].entry.disabled_reason == (
            "Context `anonymous` names no user: Regatta needs credentials to connect."
        )

    def test_unusable_entries_disable_only_the_contexts_using_them(self, tmp_path: Path) -> None:
        document = kubeconfig("ok")
        document["clusters"].append({"name": "odd", "cluster": {"server": 6443}})
        document["users"].append({"name": "listed", "user": ["token", "t"]})
        document["contexts"] += [
            {"name": "text-body", "context": "c/u"},
            {"name": "numbered", "context": {"cluster": "c", "user": "u", "namespace": 7}},
            {"name": "odd-server", "context": {"cluster": "odd", "user": "u"}},
            {"name": "list-user", "context": {"cluster": "c", "user": "listed"}},
        ]
        write(tmp_path / ".kube/config", document)
        inventory = scan(tmp_path)
        assert [s.error for s in inventory.sources] == [None]
        reasons = {c.cluster_name: c.entry.disabled_reason for c in inventory.contexts.values()}
        assert reasons == {
            "ok": None,
            "text-body": "Context `text-body`: `context` must be a mapping, not a string.",
            "numbered": "Context `numbered`: `namespace` must be a string, not a number.",
            "odd-server": "Cluster `odd` of context `odd-server`: `server` must be a string, not a number.",
            "list-user": "User `listed` of context `list-user`: `user` must be a mapping, not a list.",
        }

    def test_a_user_entry_without_settings_is_read_as_kubectl_does(self, tmp_path: Path) -> None:
        document = kubeconfig("bare")
        document["users"] = [{"name": "u"}]
        write(tmp_path / ".kube/config", document)
        entry = scan(tmp_path).contexts["config:bare"].entry
        assert entry.disabled_reason is None
        assert entry.standalone["users"] == [{"name": "u", "user": {}}]

    def test_context_fields_are_taken_from_their_entries(self, tmp_path: Path) -> None:
        document = kubeconfig("alpha", server="https://10.0.0.1:6443")
        document["contexts"][0]["context"]["namespace"] = "shop"
        write(tmp_path / ".kube/config", document)
        entry = scan(tmp_path).contexts["config:alpha"].entry
        assert (entry.server, entry.user, entry.namespace, entry.cluster) == (
            "https://10.0.0.1:6443",
            "u",
            "shop",
            "c",
        )
        assert entry.standalone["current-context"] == "alpha"
        assert [c["name"] for c in entry.standalone["clusters"]] == ["c"]


class TestIdentity:
    def test_same_file_names_in_two_folders_get_paths_from_their_common_parent(
        self, tmp_path: Path
    ) -> None:
        write(tmp_path / "a/kube/config", kubeconfig("alpha"))
        write(tmp_path / "b/kube/config", kubeconfig("alpha"))
        inventory = scan(tmp_path / "nohome", extra_dirs=(tmp_path / "a/kube", tmp_path / "b/kube"))
        assert list(inventory.contexts) == ["a/kube/config:alpha", "b/kube/config:alpha"]

    def test_a_kubeconfig_env_file_colliding_with_a_home_file(self, tmp_path: Path) -> None:
        home = tmp_path / "home"
        write(home / ".kube/dev.yaml", kubeconfig("alpha"))
        other = write(tmp_path / "work/dev.yaml", kubeconfig("beta"))
        write(home / ".kube/prod.yaml", kubeconfig("gamma"))
        inventory = scan(home, kubeconfig_env=str(other))
        assert list(inventory.contexts) == [
            "home/.kube/dev.yaml:alpha",
            "prod.yaml:gamma",
            "work/dev.yaml:beta",
        ]

    def test_the_same_file_found_twice_is_listed_once(self, tmp_path: Path) -> None:
        config = write(tmp_path / ".kube/config", kubeconfig("alpha"))
        link = tmp_path / "link-to-config"
        link.symlink_to(config)
        inventory = scan(tmp_path, kubeconfig_env=os.pathsep.join([str(config), str(link)]))
        assert [s.file for s in inventory.sources] == ["config"]

    def test_file_names_with_reserved_characters_are_percent_encoded(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/odd:na%me|x.yaml", kubeconfig("ctx|with%odd:chars"))
        (cluster_id,) = scan(tmp_path).contexts
        assert cluster_id == "odd%3Ana%25me%7Cx.yaml:ctx%7Cwith%25odd:chars"

    def test_duplicate_context_names_across_files_are_all_listed(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/dev.yaml", kubeconfig("alpha", "staging"))
        write(tmp_path / ".kube/prod.yaml", kubeconfig("staging"))
        contexts = scan(tmp_path).contexts
        assert list(contexts) == ["dev.yaml:alpha", "dev.yaml:staging", "prod.yaml:staging"]
        assert all(c.entry.disabled_reason is None for c in contexts.values())

    def test_within_one_file_the_first_of_two_equal_context_names_wins(
        self, tmp_path: Path
    ) -> None:
        document = kubeconfig("alpha")
        document["contexts"].append({"name": "alpha", "context": {"cluster": "other"}})
        write(tmp_path / ".kube/config", document)
        (context,) = scan(tmp_path).contexts.values()
        assert context.entry.cluster == "c"

    @pytest.mark.parametrize(
        ("found", "names"),
        [
            ([("/a/config", "config"), ("/b/config", "config")], ["a/config", "b/config"]),
            (
                [("/h/.kube/x/config", "x/config"), ("/h/.kube2/x/config", "x/config")],
                [".kube/x/config", ".kube2/x/config"],
            ),
            (
                [("/r/a/c", "c"), ("/r/b/c", "c"), ("/r/a/x/c", "x/c")],
                ["a/c", "b/c", "x/c"],
            ),
            (
                [("/p/config", "config"), ("/p/q/config", "config")],
                ["config", "q/config"],
            ),
        ],
    )
    def test_assign_file_names_never_collides(
        self, found: list[tuple[str, str]], names: list[str]
    ) -> None:
        result = assign_file_names([(Path(p), n) for p, n in found])
        assert result == names
        assert len(set(result)) == len(result)


class TestSources:
    def test_kubeconfig_option_replaces_the_defaults(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", kubeconfig("home"))
        env_file = write(tmp_path / "env.yaml", kubeconfig("env"))
        chosen = write(tmp_path / "chosen.yaml", kubeconfig("chosen"))
        inventory = scan(tmp_path, kubeconfig_env=str(env_file), explicit_files=(chosen,))
        assert list(inventory.contexts) == ["chosen.yaml:chosen"]

    def test_kubeconfig_dir_adds_to_the_defaults(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", kubeconfig("home"))
        write(tmp_path / "more/extra.yaml", kubeconfig("extra"))
        inventory = scan(tmp_path, extra_dirs=(tmp_path / "more",))
        assert list(inventory.contexts) == ["config:home", "extra.yaml:extra"]

    def test_kubeconfig_env_is_a_path_list_and_missing_entries_are_ignored(
        self, tmp_path: Path
    ) -> None:
        one = write(tmp_path / "one.yaml", kubeconfig("one"))
        two = write(tmp_path / "two.yaml", kubeconfig("two"))
        env = os.pathsep.join([str(one), str(tmp_path / "missing.yaml"), "", str(two)])
        inventory = scan(tmp_path / "home", kubeconfig_env=env)
        assert list(inventory.contexts) == ["one.yaml:one", "two.yaml:two"]
        assert len(inventory.sources) == 2

    def test_a_missing_kubeconfig_option_file_is_reported(self, tmp_path: Path) -> None:
        missing = tmp_path / "missing.yaml"
        inventory = scan(tmp_path, explicit_files=(missing,))
        assert by_path(inventory) == {str(missing): "File not found."}

    def test_a_missing_kubeconfig_dir_is_a_notice(self, tmp_path: Path) -> None:
        inventory = scan(tmp_path, extra_dirs=(tmp_path / "nope",))
        assert inventory.notices == (
            f"Kubeconfig folder {tmp_path / 'nope'} does not exist or is no folder.",
        )

    def test_sources_from_the_command_line_and_environment(self, tmp_path: Path) -> None:
        options = AppOptions(kubeconfigs=[Path("a.yaml")], kubeconfig_dirs=[tmp_path])
        sources = ClusterSources.from_environment(
            options.kubeconfigs,
            options.kubeconfig_dirs,
            environ={"KUBECONFIG": "/x:/y"},
            home=tmp_path,
        )
        assert sources.files() == [Path(os.path.abspath("a.yaml"))]
        assert sources.directories() == [tmp_path]
        defaults = ClusterSources.from_environment(environ={"KUBECONFIG": "/x:/y"}, home=tmp_path)
        assert defaults.files() == [Path("/x"), Path("/y")]
        assert defaults.directories() == [tmp_path / ".kube"]


class TestRescans:
    def test_changes_are_seen_and_only_changed_files_are_read_again(self, tmp_path: Path) -> None:
        scanner = KubeconfigScanner(ClusterSources(home=tmp_path))
        write(tmp_path / ".kube/a.yaml", kubeconfig("one"))
        write(tmp_path / ".kube/b.yaml", kubeconfig("two"))
        first = scanner.scan()
        assert scanner.fingerprint() == first.fingerprint
        write(tmp_path / ".kube/b.yaml", kubeconfig("two", "three"))
        assert scanner.fingerprint() != first.fingerprint
        second = scanner.scan()
        assert list(second.contexts) == ["a.yaml:one", "b.yaml:two", "b.yaml:three"]
        assert second.contexts["a.yaml:one"].entry is first.contexts["a.yaml:one"].entry
        (tmp_path / ".kube/a.yaml").unlink()
        third = scanner.scan()
        assert list(third.contexts) == ["b.yaml:two", "b.yaml:three"]
        assert third.source_for(tmp_path / ".kube/a.yaml") is None

    def test_a_new_file_with_a_taken_name_renames_the_first(self, tmp_path: Path) -> None:
        home = tmp_path / "home"
        write(home / ".kube/config", kubeconfig("alpha"))
        scanner = KubeconfigScanner(ClusterSources(home=home, extra_dirs=(tmp_path / "extra",)))
        assert list(scanner.scan().contexts) == ["config:alpha"]
        write(tmp_path / "extra/config", kubeconfig("beta"))
        assert list(scanner.scan().contexts) == ["home/.kube/config:alpha", "extra/config:beta"]


class TestFilesThatAreNotRegular:
    """A `--kubeconfig` that is a FIFO, a device or huge is listed with an error; nothing blocks."""

    def test_a_fifo_is_listed_with_an_error_and_never_opened(self, tmp_path: Path) -> None:
        fifo = tmp_path / "kubeconfig.fifo"
        os.mkfifo(fifo)
        with ThreadPoolExecutor(1) as pool:
            scanning = pool.submit(scan, tmp_path, explicit_files=(fifo,))
            try:
                inventory = scanning.result(timeout=SCAN_BOUND_S)
            except FuturesTimeout:
                _release(fifo)  # let the blocked read end so the test can report
                raise AssertionError("discovery blocked on opening the FIFO") from None
        assert by_path(inventory) == {
            str(fifo): "This is a FIFO (named pipe), not a regular file: a kubeconfig must be a"
            " regular file."
        }
        assert inventory.contexts == {}

    def test_a_device_is_listed_with_an_error(self, tmp_path: Path) -> None:
        inventory = scan(tmp_path, explicit_files=(Path("/dev/null"),))
        assert by_path(inventory) == {
            "/dev/null": "This is a character device, not a regular file: a kubeconfig must be a"
            " regular file."
        }

    def test_a_file_over_16_mib_is_listed_with_an_error_unread(self, tmp_path: Path) -> None:
        huge = tmp_path / "huge.yaml"
        with huge.open("wb") as out:
            out.truncate(16 * 1024 * 1024 + 1)  # sparse: costs no disk
        inventory = scan(tmp_path, explicit_files=(huge,))
        assert by_path(inventory) == {
            str(huge): "File is 16777217 bytes, more than the 16777216 a kubeconfig may have."
        }

    def test_a_fifo_in_a_kubeconfig_folder_is_skipped(self, tmp_path: Path) -> None:
        write(tmp_path / ".kube/config", kubeconfig("alpha"))
        os.mkfifo(tmp_path / ".kube/pipe")
        inventory = scan(tmp_path)
        assert list(inventory.contexts) == ["config:alpha"]
        assert [s.file for s in inventory.sources] == ["config"]


SCAN_BOUND_S = 10.0
"""A scan of one file takes milliseconds; this bound only turns a hang into a failure."""


def _release(fifo: Path) -> None:
    """Open the FIFO for writing and close it: a reader blocked on it sees end of file."""
    try:
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(fd)
