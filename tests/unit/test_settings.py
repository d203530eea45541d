"""The settings file: schema version 2, migration from version 1, atomic writes, corrupt files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from backend.errors import RegattaError
from backend.settings import Settings, SettingsStore, default_config_dir, write_atomically


def read_json(path: Path) -> object:
    return json.loads(path.read_text())


def test_no_file_gives_defaults_and_no_notice(tmp_path: Path) -> None:
    loaded = SettingsStore(tmp_path).load()
    assert loaded.settings == Settings()
    assert (loaded.notices, loaded.migrated_from, loaded.moved_aside_to) == ([], None, None)


def test_saved_settings_have_the_schema_version_2_shape(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "nested" / "config")
    store.save(Settings(selected_cluster_ids=["dev.yaml:alpha", "prod.yaml:staging"]))
    assert read_json(store.path) == {
        "version": 2,
        "selectedClusterIds": ["dev.yaml:alpha", "prod.yaml:staging"],
    }
    assert store.load().settings.selected_cluster_ids == ["dev.yaml:alpha", "prod.yaml:staging"]


def test_fields_of_other_parts_of_the_app_survive_a_save(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(json.dumps({"version": 2, "selectedClusterIds": [], "theme": "dark"}))
    loaded = store.load().settings
    store.save(loaded.model_copy(update={"selected_cluster_ids": ["a:b"]}))
    assert read_json(store.path) == {"version": 2, "selectedClusterIds": ["a:b"], "theme": "dark"}


@pytest.mark.parametrize(
    ("document", "selected"),
    [
        ({"version": 1, "selectedKubeconfig": "config:alpha", "theme": "dark"}, ["config:alpha"]),
        (
            {"selectedKubeconfig": "/home/me/.kube/config:arn:aws:eks:x"},
            ["/home/me/.kube/config:arn:aws:eks:x"],
        ),
        ({"version": 1, "selectedKubeconfig": ""}, []),
        ({"version": 1}, []),
    ],
)
def test_a_version_1_file_is_migrated_on_load(
    tmp_path: Path, document: dict[str, object], selected: list[str]
) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_text(json.dumps(document))
    loaded = store.load()
    assert loaded.migrated_from == 1
    assert loaded.settings.version == 2
    assert loaded.settings.selected_cluster_ids == selected
    assert "selectedKubeconfig" not in (loaded.settings.model_extra or {})
    assert (loaded.settings.model_extra or {}).get("theme") == document.get("theme")
    assert read_json(store.path) == document  # loading alone does not rewrite the file


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b'{"version": 2, "selectedClusterIds": [', "invalid JSON at line 1"),
        (b"[1, 2]", "it does not hold a JSON object"),
        (b'{"version": 2, "selectedClusterIds": "dev.yaml:alpha"}', "`selectedClusterIds`"),
        (b'{"version": 7}', "unknown schema version 7"),
        (b'{"version": 1, "selectedKubeconfig": 5}', "`selectedKubeconfig`"),
        (b"\xff\xfe{}", "not UTF-8"),
    ],
)
def test_a_corrupt_file_is_moved_aside_reported_and_defaults_are_used(
    tmp_path: Path, content: bytes, why: str
) -> None:
    store = SettingsStore(tmp_path)
    store.path.write_bytes(content)
    loaded = store.load()
    assert loaded.settings == Settings()
    assert not store.path.exists()
    assert loaded.moved_aside_to is not None
    assert loaded.moved_aside_to.parent == tmp_path
    assert loaded.moved_aside_to.name.startswith("settings.json.corrupt-")
    assert loaded.moved_aside_to.read_bytes() == content
    (notice,) = loaded.notices
    assert why in notice
    assert str(loaded.moved_aside_to) in notice


def test_two_corrupt_files_in_one_second_are_both_kept(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path)
    kept = []
    for content in (b"{broken one", b"{broken two"):
        store.path.write_bytes(content)
        moved = store.load().moved_aside_to
        assert moved is not None
        kept.append(moved.read_bytes())
    assert kept == [b"{broken one", b"{broken two"]
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 2


def test_a_crash_before_the_rename_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SettingsStore(tmp_path)
    store.save(Settings(selected_cluster_ids=["dev.yaml:alpha"]))
    before = store.path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(RegattaError) as caught:
        store.save(Settings(selected_cluster_ids=["prod.yaml:gamma"]))
    assert (caught.value.status, caught.value.code) == (500, "settings_write_failed")
    assert "Input/output error" in caught.value.message
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]  # no temp file left


def test_a_crash_while_writing_leaves_the_old_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"old")

    def crash(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_the_write_goes_through_a_temp_file_in_the_same_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    renames: list[tuple[str, str]] = []
    real_replace = os.replace

    def spy(src: str, dst: str) -> None:
        renames.append((src, dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    store = SettingsStore(tmp_path)
    store.save(Settings(selected_cluster_ids=["a:b"]))
    ((src, dst),) = renames
    assert Path(src).parent == tmp_path and Path(src).name.startswith(".settings.json.")
    assert Path(dst) == store.path


def test_the_default_folder_is_the_platform_config_folder_named_regatta() -> None:
    assert default_config_dir().name == "regatta"
