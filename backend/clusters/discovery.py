"""Finding kubeconfig files and naming them so clusterIds never collide (contract §1, §2).

Sources: every kubeconfig under `~/.kube` (or none of it when `--kubeconfig` is given), each path
of `KUBECONFIG`, each `--kubeconfig` file and every file under each `--kubeconfig-dir`. Folder
scans skip quietly what is clearly not a kubeconfig (cache folders, hidden and backup files,
binary or non-kubeconfig YAML); a file meant to be one that cannot be read or parsed is listed with
its error, and its neighbours are unaffected.

Scanning is synchronous file I/O: callers on the event loop run it in a thread.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from backend.clusters.identity import format_cluster_id
from backend.clusters.kubeconfig_file import (
    ContextEntry,
    KubeconfigError,
    NotAKubeconfig,
    read_kubeconfig,
)
from backend.clusters.limits import SCAN_MAX_DEPTH, SCAN_MAX_FILES
from backend.options import AppOptions

_SKIPPED_DIRS = frozenset({"cache", "http-cache", "kubens", "plugins"})
"""Folders under a kubeconfig directory that hold kubectl's caches or tools' state."""

_SKIPPED_SUFFIXES = frozenset(
    {
        *(".lock", ".bak", ".old", ".orig", ".swp", ".swo", ".tmp", ".json~"),
        *(".log", ".txt", ".md", ".sh", ".py", ".db", ".sqlite"),
        *(".pem", ".crt", ".cert", ".key", ".csr", ".der", ".p12", ".pfx"),
        *(".gz", ".tgz", ".zip", ".tar"),
    }
)
"""File endings that are clearly not kubeconfigs (backups, editor swap files, keys, archives)."""


@dataclass(frozen=True, slots=True)
class ClusterSources:
    """Where kubeconfigs come from, as the command line and environment say (contract §2)."""

    home: Path
    kubeconfig_env: str | None = None
    explicit_files: tuple[Path, ...] = ()
    extra_dirs: tuple[Path, ...] = ()

    @classmethod
    def from_options(cls, options: AppOptions) -> ClusterSources:
        """`--kubeconfig`, `--kubeconfig-dir`, `KUBECONFIG` and the home folder of this process."""
        return cls.from_environment(options.kubeconfigs, options.kubeconfig_dirs)

    @classmethod
    def from_environment(
        cls,
        explicit_files: Iterable[str | Path] = (),
        extra_dirs: Iterable[str | Path] = (),
        environ: Mapping[str, str] | None = None,
        home: Path | None = None,
    ) -> ClusterSources:
        env = os.environ if environ is None else environ
        return cls(
            home=home if home is not None else Path.home(),
            kubeconfig_env=env.get("KUBECONFIG") or None,
            explicit_files=tuple(Path(p).expanduser() for p in explicit_files),
            extra_dirs=tuple(Path(d).expanduser() for d in extra_dirs),
        )

    def directories(self) -> list[Path]:
        """Folders to scan: `~/.kube` unless `--kubeconfig` replaced the defaults, then extras."""
        defaults = [] if self.explicit_files else [self.home / ".kube"]
        return [_absolute(d) for d in [*defaults, *self.extra_dirs]]

    def files(self) -> list[Path]:
        """Single files: each `--kubeconfig`, else each `KUBECONFIG` entry."""
        if self.explicit_files:
            return [_absolute(p) for p in self.explicit_files]
        if not self.kubeconfig_env:
            return []
        entries = self.kubeconfig_env.split(os.pathsep)
        return [_absolute(Path(e).expanduser()) for e in entries if e.strip()]

    def missing_is_ignored(self) -> bool:
        """A missing `KUBECONFIG` entry is ignored as kubectl does; a missing `--kubeconfig` is not."""
        return not self.explicit_files


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file that is (or is meant to be) a kubeconfig, with the name its clusterIds use."""

    path: Path
    file: str
    error: str | None
    line: int | None
    contexts: tuple[ContextEntry, ...]


@dataclass(frozen=True, slots=True)
class DiscoveredContext:
    """One context of one source file, under its clusterId."""

    cluster_id: str
    file: str
    path: Path
    entry: ContextEntry

    @property
    def cluster_name(self) -> str:
        return self.entry.name


StatSignature = tuple[int, int, int, int]
Fingerprint = tuple[tuple[str, StatSignature | None], ...]


@dataclass(frozen=True, slots=True)
class Inventory:
    """The result of one discovery pass."""

    sources: tuple[SourceFile, ...]
    contexts: dict[str, DiscoveredContext]
    fingerprint: Fingerprint
    notices: tuple[str, ...] = ()

    def get(self, cluster_id: str) -> DiscoveredContext | None:
        return self.contexts.get(cluster_id)

    def source_for(self, path: Path) -> SourceFile | None:
        return next((s for s in self.sources if s.path == path), None)


@dataclass(slots=True)
class _Candidate:
    path: Path
    root_name: str
    """Its name relative to the folder it was found in (a base name for single files)."""
    named: bool
    """Named on purpose (KUBECONFIG, --kubeconfig): reported even when it is not a kubeconfig."""


@dataclass(slots=True)
class KubeconfigScanner:
    """Finds and reads kubeconfigs; remembers parsed files by stat so a rescan rereads only changes."""

    sources: ClusterSources
    _cache: dict[Path, tuple[StatSignature, tuple[ContextEntry, ...] | Exception]] = field(
        default_factory=dict
    )

    def fingerprint(self) -> Fingerprint:
        """Cheap summary of everything discovery looks at: candidate paths and their stat."""
        candidates, _ = self._candidates()
        return tuple((str(c.path), _signature(c.path)) for c in candidates)

    def scan(self) -> Inventory:
        candidates, notices = self._candidates()
        signatures = [_signature(c.path) for c in candidates]  # before reading: no missed change
        found: list[tuple[_Candidate, tuple[ContextEntry, ...] | KubeconfigError]] = []
        for candidate, signature in zip(candidates, signatures, strict=True):
            if signature is None and candidate.named and self.sources.missing_is_ignored():
                continue  # a KUBECONFIG entry that does not exist: ignored, as kubectl does
            outcome = self._read(candidate.path, signature)
            if isinstance(outcome, NotAKubeconfig):
                if not candidate.named:
                    continue
                outcome = KubeconfigError(f"This file is not a kubeconfig ({outcome}).")
            found.append((candidate, outcome))

        names = assign_file_names([(c.path, c.root_name) for c, _ in found])
        sources: list[SourceFile] = []
        contexts: dict[str, DiscoveredContext] = {}
        for (candidate, outcome), file in zip(found, names, strict=True):
            if isinstance(outcome, KubeconfigError):
                sources.append(SourceFile(candidate.path, file, outcome.message, outcome.line, ()))
                continue
            sources.append(SourceFile(candidate.path, file, None, None, outcome))
            for entry in outcome:
                cluster_id = format_cluster_id(file, entry.name)
                contexts[cluster_id] = DiscoveredContext(cluster_id, file, candidate.path, entry)
        kept = {c.path for c in candidates}
        self._cache = {path: read for path, read in self._cache.items() if path in kept}
        fingerprint = tuple(
            (str(c.path), sig) for c, sig in zip(candidates, signatures, strict=True)
        )
        return Inventory(tuple(sources), contexts, fingerprint, tuple(notices))

    def _read(
        self, path: Path, signature: StatSignature | None
    ) -> tuple[ContextEntry, ...] | KubeconfigError | NotAKubeconfig:
        cached = self._cache.get(path)
        if signature is not None and cached is not None and cached[0] == signature:
            outcome = cached[1]
        else:
            try:
                outcome = read_kubeconfig(path)
            except (KubeconfigError, NotAKubeconfig) as exc:
                outcome = exc
            if signature is not None:
                self._cache[path] = (signature, outcome)
        assert isinstance(outcome, tuple | KubeconfigError | NotAKubeconfig)
        return outcome

    def _candidates(self) -> tuple[list[_Candidate], list[str]]:
        """Every path discovery considers, in listing order, each real file once."""
        seen: set[str] = set()
        out: list[_Candidate] = []
        notices: list[str] = []
        asked_for = {_absolute(d) for d in self.sources.extra_dirs}
        for directory in self.sources.directories():
            if not directory.is_dir():
                if directory in asked_for or directory.exists():
                    notices.append(f"Kubeconfig folder {directory} does not exist or is no folder.")
                continue
            for path in _scan_directory(directory):
                if _claim(path, seen):
                    out.append(_Candidate(path, path.relative_to(directory).as_posix(), False))
        for path in self.sources.files():
            if _claim(path, seen):
                out.append(_Candidate(path, path.name, True))
        return out, notices


def _claim(path: Path, seen: set[str]) -> bool:
    """True the first time a real file (after symlinks) is met."""
    try:
        real = os.path.realpath(path)
    except OSError:
        real = str(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def _scan_directory(root: Path) -> Iterator[Path]:
    """Kubeconfig candidates under `root`, sorted, bounded in depth and count."""
    count = 0
    for directory, subdirs, files in os.walk(root, followlinks=False):
        depth = len(Path(directory).relative_to(root).parts)
        subdirs[:] = sorted(
            d
            for d in subdirs
            if depth < SCAN_MAX_DEPTH and not d.startswith(".") and d not in _SKIPPED_DIRS
        )
        for name in sorted(files):
            if not _looks_like_candidate(name):
                continue
            path = Path(directory) / name
            if not path.is_file():
                continue
            count += 1
            if count > SCAN_MAX_FILES:
                return
            yield path


def _looks_like_candidate(name: str) -> bool:
    hidden_or_backup = name.startswith((".", "#")) or name.endswith("~")
    return not hidden_or_backup and PurePosixPath(name).suffix.lower() not in _SKIPPED_SUFFIXES


def _signature(path: Path) -> StatSignature | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def assign_file_names(found: list[tuple[Path, str]]) -> list[str]:
    """The `<file>` of each (absolute path, name relative to where it was found), collision-free.

    Files whose names collide are renamed to their path relative to the common parent of the
    folders they were named from, repeatedly until no two names are equal. Names only grow and
    paths are distinct, so this ends (at worst with paths relative to the filesystem root).
    """
    names = [name for _, name in found]
    while True:
        groups: dict[str, list[int]] = defaultdict(list)
        for index, name in enumerate(names):
            groups[name].append(index)
        collisions = [members for members in groups.values() if len(members) > 1]
        if not collisions:
            return names
        for members in collisions:
            bases = [_named_from(found[i][0], names[i]) for i in members]
            parent = os.path.commonpath([str(b) for b in bases])
            for i in members:
                names[i] = Path(os.path.relpath(found[i][0], parent)).as_posix()


def _named_from(path: Path, name: str) -> Path:
    """The folder `name` is relative to: `path` without the trailing parts that `name` spells."""
    depth = len(PurePosixPath(name).parts)
    return Path(*path.parts[: len(path.parts) - depth])
