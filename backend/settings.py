"""The settings file: where the selection survives restarts (contract §5, schema version 2).

`{"version": 2, "selectedClusterIds": [...]}` in `settings.json` under the platformdirs config dir
(appname "regatta") or `--config-dir`. Fields this module does not know are kept as they are, so
other parts of the app can add theirs. A version-1 file (`selectedKubeconfig`, one string) is
migrated on load. Writes are atomic (temp file, fsync, rename, fsync of the folder), so a crash
leaves the old file or the new one, never half of one. A file that cannot be understood is moved
aside — never overwritten — and reported, and defaults are used.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic.alias_generators import to_camel

from backend.contract.clustersettings import ClusterRule
from backend.errors import RegattaError

APP_NAME = "regatta"
SETTINGS_FILE_NAME = "settings.json"
SCHEMA_VERSION = 2

log = logging.getLogger(__name__)


def default_config_dir() -> Path:
    """The per-user config folder (e.g. `~/.config/regatta` on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


class Settings(BaseModel):
    """Settings schema version 2. Unknown fields are kept and written back untouched."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="allow")

    version: Literal[2] = 2
    selected_cluster_ids: list[str] = Field(default_factory=list)
    cluster_settings: Any = Field(default_factory=list)
    """Per-cluster alias, colour and protection (`ClusterRule` entries), kept raw here so that
    one bad entry is reported and ignored (`cluster_rules`) instead of making the file unusable."""

    def cluster_rules(self) -> tuple[list[ClusterRule], list[str]]:
        """The valid per-cluster entries, and a sentence for each one that is ignored."""
        rules: list[ClusterRule] = []
        problems: list[str] = []
        if not isinstance(self.cluster_settings, list):
            return [], ["Settings field clusterSettings is ignored: it is not a list."]
        for index, entry in enumerate(self.cluster_settings):
            try:
                rules.append(ClusterRule.model_validate(entry))
            except ValidationError as exc:
                problems.append(
                    f"Settings entry clusterSettings[{index}] is ignored: {_first_problem(exc)}"
                )
        return rules, problems

    def to_json(self) -> bytes:
        document = self.model_dump(mode="json", by_alias=True)
        if not document.get("clusterSettings"):  # absent until a person sets a rule
            document.pop("clusterSettings", None)
        return json.dumps(document, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"


@dataclass(slots=True)
class LoadedSettings:
    """What `load` found: the settings to use and what a person should be told about the file."""

    settings: Settings
    notices: list[str] = field(default_factory=list)
    migrated_from: int | None = None
    """The schema version the file had when it was migrated on load (else None)."""
    moved_aside_to: Path | None = None


class SettingsStore:
    """Reads and atomically writes `settings.json` in one config folder."""

    def __init__(self, config_dir: Path | None = None) -> None:
        self.config_dir = config_dir if config_dir is not None else default_config_dir()
        self.path = self.config_dir / SETTINGS_FILE_NAME

    def load(self) -> LoadedSettings:
        """The settings, migrated if old; defaults (and a notice) if the file is unusable."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return LoadedSettings(Settings())
        except OSError as exc:
            notice = (
                f"Settings file {self.path} cannot be read ({exc.strerror}); defaults are used."
            )
            return LoadedSettings(Settings(), [notice])
        try:
            return self._understand(raw)
        except _Unusable as problem:
            return self._move_aside(str(problem))

    def save(self, settings: Settings) -> None:
        """Write atomically; the previous file stays intact if anything fails on the way."""
        try:
            write_atomically(self.path, settings.to_json())
        except OSError as exc:
            raise RegattaError(
                500,
                "settings_write_failed",
                f"The settings could not be saved to {self.path}: {exc.strerror or exc}.",
                path=str(self.path),
            ) from exc

    def _understand(self, raw: bytes) -> LoadedSettings:
        try:
            document: Any = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise _Unusable(f"it is not UTF-8 text (byte {exc.start})") from exc
        except json.JSONDecodeError as exc:
            raise _Unusable(
                f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
            ) from exc
        if not isinstance(document, dict):
            raise _Unusable("it does not hold a JSON object")
        version = document.get("version", 1)
        if version == SCHEMA_VERSION:
            try:
                return LoadedSettings(Settings.model_validate(document))
            except ValidationError as exc:
                raise _Unusable(_first_problem(exc)) from exc
        if version == 1:
            return LoadedSettings(migrate_v1(document), migrated_from=1)
        raise _Unusable(f"it has the unknown schema version {version!r}")

    def _move_aside(self, reason: str) -> LoadedSettings:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{counter}")
        try:
            os.rename(self.path, target)
        except OSError as exc:
            moved_to = None
            notice = (
                f"Settings file {self.path} is unusable ({reason}) and could not be moved aside"
                f" ({exc.strerror}); defaults are used."
            )
        else:
            moved_to = target
            notice = (
                f"Settings file {self.path} was unusable ({reason}); it was moved to {target}"
                " and defaults are used."
            )
        log.warning("%s", notice)
        return LoadedSettings(Settings(), [notice], moved_aside_to=moved_to)


def migrate_v1(document: dict[str, Any]) -> Settings:
    """Version 1 (this app's predecessor) held one `selectedKubeconfig` string; it becomes a
    one-item selection list, its format (a clusterId or `<path>:<context>`) left for the cluster
    service to resolve against the discovered contexts; other fields are carried over."""
    extra = {k: v for k, v in document.items() if k not in ("version", "selectedKubeconfig")}
    selected = document.get("selectedKubeconfig")
    if selected is not None and not isinstance(selected, str):
        raise _Unusable("`selectedKubeconfig`: it must be a string")
    return Settings.model_validate(
        {**extra, "version": SCHEMA_VERSION, "selectedClusterIds": [selected] if selected else []}
    )


def write_atomically(path: Path, data: bytes) -> None:
    """Temp file in the same folder, fsync, rename over `path`, fsync the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not every platform can open a folder, which is fine."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _Unusable(Exception):
    """Why the file cannot be used (a phrase for the notice)."""


def _first_problem(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    return f"`{where}`: {error['msg']}"
