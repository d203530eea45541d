"""The app's key folder: private files, removed with their client, and after a crashed run."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from backend.clusters.key_files import LOCK_NAME, RUN_PREFIX, KeyFolder, remove
from backend.clusters.limits import KEY_FOLDER_SETTLE_S

HOLD_LOCK = """
import fcntl, sys
handle = open(sys.argv[1], "rb")
fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
print("locked", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "keys"


def crashed_run(root: Path, name: str) -> Path:
    """A run folder as a killed app leaves it: a lock nobody holds, a key file."""
    folder = root / f"{RUN_PREFIX}{name}"
    folder.mkdir(parents=True)
    (folder / LOCK_NAME).write_bytes(b"")
    (folder / "client-key-x1.pem").write_bytes(b"-----BEGIN EC PRIVATE KEY-----")
    return folder


@pytest.fixture
def live_run(root: Path) -> Iterator[Path]:
    """A run folder whose lock another process holds (another app instance, still running)."""
    folder = crashed_run(root, "live")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder / LOCK_NAME)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    yield folder
    holder.communicate("")


def test_a_key_file_is_private_in_a_private_run_folder(root: Path) -> None:
    keys = KeyFolder(root)
    path = keys.write(b"key bytes", "client-key")
    assert path.read_bytes() == b"key bytes"
    assert path.name.startswith("client-key-") and path.suffix == ".pem"
    assert path.parent.parent == root and path.parent.name.startswith(RUN_PREFIX)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700

    remove([path])
    keys.close()
    assert list(root.iterdir()) == []


def test_close_keeps_the_folder_while_a_client_still_has_files(root: Path) -> None:
    keys = KeyFolder(root)
    path = keys.write(b"k", "client-key")
    keys.close()
    assert path.exists()
    remove([path])
    keys.close()
    assert not path.parent.exists()


def test_start_up_removes_only_folders_of_runs_that_are_over(root: Path, live_run: Path) -> None:
    crashed = crashed_run(root, "crashed")
    keys = KeyFolder(root)
    own = keys.write(b"k", "client-key")
    foreign = root / "notes.txt"
    foreign.write_text("not ours")

    assert keys.remove_abandoned() == [crashed]

    assert not crashed.exists()
    assert (live_run / "client-key-x1.pem").exists()
    assert own.exists() and foreign.exists()


def test_a_folder_with_only_a_fresh_lock_may_be_in_the_making_and_stays(root: Path) -> None:
    fresh = crashed_run(root, "fresh")
    (fresh / "client-key-x1.pem").unlink()
    old = crashed_run(root, "old")
    (old / "client-key-x1.pem").unlink()
    then = time.time() - KEY_FOLDER_SETTLE_S - 1
    os.utime(old / LOCK_NAME, (then, then))

    assert KeyFolder(root).remove_abandoned() == [old]
    assert fresh.exists()


def test_no_key_folder_yet_is_nothing_to_remove(root: Path) -> None:
    assert KeyFolder(root).remove_abandoned() == []
