"""Private files for the key material a TLS context must read from disk, and their clean-up.

Python's `ssl` loads client certificates and keys only from files, so inline kubeconfig data
(`client-key-data`, …) and an exec plugin's certificate must be written somewhere. They go into
one folder the app owns, in the user's runtime folder (`/run/user/<uid>/regatta/keys` on Linux;
memory-backed, private): each running app has its own `run-*` folder there, mode 0700, and holds
an OS lock on `run-*/lock` for as long as it runs. A client's files are deleted when the client
closes (its cluster is deselected); at start-up, every `run-*` folder whose lock can be taken
belongs to a run that ended without cleaning up (a crash, a kill) and is removed. Folders of
other running instances stay, as does anything else in the folder.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import IO

import platformdirs

from backend.clusters.limits import KEY_FOLDER_SETTLE_S

log = logging.getLogger(__name__)

APP_NAME = "regatta"
RUN_PREFIX = "run-"
LOCK_NAME = "lock"
FOLDER_MODE = 0o700


def key_root() -> Path:
    """The app's key folder: in the user's runtime folder (`$XDG_RUNTIME_DIR` on Linux), else in
    the user's cache folder when platformdirs finds no usable runtime folder."""
    try:
        with warnings.catch_warnings():  # no XDG_RUNTIME_DIR: platformdirs warns, then falls back
            warnings.simplefilter("ignore")
            runtime = platformdirs.user_runtime_dir(APP_NAME, appauthor=False, ensure_exists=True)
    except OSError:  # its fallback in /tmp belongs to someone else
        runtime = platformdirs.user_cache_dir(APP_NAME, appauthor=False)
    return Path(runtime) / "keys"


def _try_lock(handle: IO[bytes]) -> bool:
    """Take the exclusive lock on an open lock file without waiting; False if another has it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class KeyFolder:
    """This process's `run-*` folder under `root`, made (and locked) at the first write."""

    def __init__(self, root: Path | None = None) -> None:
        self._root = root
        self._run: Path | None = None
        self._lock_file: IO[bytes] | None = None
        self._guard = threading.Lock()

    @property
    def root(self) -> Path:
        return self._root if self._root is not None else key_root()

    def write(self, data: bytes, name: str) -> Path:
        """A new 0600 file holding `data`, named after what it holds (`client-key`)."""
        folder = self._own_folder()
        descriptor, path = tempfile.mkstemp(prefix=f"{name}-", suffix=".pem", dir=folder)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        return Path(path)

    def remove_abandoned(self) -> list[Path]:
        """Remove the `run-*` folders of runs that are over; the ones removed."""
        removed: list[Path] = []
        try:
            candidates = [p for p in self.root.iterdir() if p.name.startswith(RUN_PREFIX)]
        except OSError:
            return removed  # no folder yet: nothing was ever left
        for folder in candidates:
            if folder == self._run or not folder.is_dir() or folder.is_symlink():
                continue
            try:
                with (folder / LOCK_NAME).open("rb") as handle:
                    if not _try_lock(handle):
                        continue  # another running app's
                age_s = time.time() - (folder / LOCK_NAME).stat().st_mtime
                if not self._holds_keys(folder) and age_s < KEY_FOLDER_SETTLE_S:
                    continue  # perhaps being made right now, its lock not taken yet
            except FileNotFoundError:
                continue  # being made right now (the lock comes before any key file)
            except OSError as exc:
                log.warning("cannot check key folder %s: %s", folder, exc)
                continue
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
        if removed:
            log.info(
                "removed %d key folder(s) left by runs that ended without cleaning up", len(removed)
            )
        return removed

    def close(self) -> None:
        """Remove this run's folder and its lock once no key file is left in it (at stop)."""
        with self._guard:
            run, handle = self._run, self._lock_file
            if run is None or handle is None:
                return
            if self._holds_keys(run):
                return  # a client still open (its files go with it; the folder at next start)
            self._run = self._lock_file = None
        handle.close()  # first: Windows cannot delete a file that is open
        shutil.rmtree(run, ignore_errors=True)

    @staticmethod
    def _holds_keys(folder: Path) -> bool:
        return any(p.name != LOCK_NAME for p in folder.iterdir())

    def _own_folder(self) -> Path:
        with self._guard:
            if self._run is None:
                root = self.root
                root.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
                run = Path(tempfile.mkdtemp(prefix=RUN_PREFIX, dir=root))  # 0700, ours
                handle = (run / LOCK_NAME).open("wb")
                if not _try_lock(handle):  # a fresh, unique file: cannot happen
                    handle.close()
                    raise OSError(f"cannot lock {run / LOCK_NAME}")
                self._run, self._lock_file = run, handle
            return self._run


KEY_FOLDER = KeyFolder()
"""The process's key folder (one app per process)."""


def remove(paths: list[Path]) -> None:
    """Delete key files; a file already gone is fine."""
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
