"""The PATH the user's login shell sets, for the user's tools (exec credential plugins, helm).

A desktop app started from the dock or a launcher does not inherit the PATH of the user's shell,
so `aws`, `gke-gcloud-auth-plugin` or `kubelogin` installed under Homebrew, `~/.local/bin` or an
asdf shim would not be found. The login shell is asked once (`$SHELL -lc`, bounded by a timeout);
if that fails, this process's own PATH is used. Entries of the process's PATH that the login
shell lacks are kept at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
from collections.abc import Mapping, Sequence

from backend.clusters.limits import LOGIN_SHELL_PATH_TIMEOUT_S

log = logging.getLogger(__name__)

_MARKER = "__REGATTA_LOGIN_PATH__"
"""Printed before PATH, so whatever a shell profile prints to stdout is not taken for it."""


def merge_paths(first: str, then: str) -> str:
    """`first`'s entries, then `then`'s entries not already present, in order, without blanks."""
    entries = dict.fromkeys([*first.split(os.pathsep), *then.split(os.pathsep)])
    return os.pathsep.join(entry for entry in entries if entry)


async def ask_login_shell_for_path(shell: str, limit_s: float) -> str | None:
    """PATH as printed by `shell -lc`, or None if the shell fails, prints nothing or is too slow."""
    try:
        status, stdout, _ = await run_process(
            [shell, "-lc", f'printf "%s%s" "{_MARKER}" "$PATH"'], limit_s
        )
    except TimeoutError:
        log.warning("login shell %s did not print PATH within %.1f s", shell, limit_s)
        return None
    except OSError as exc:
        log.warning("login shell %s could not be started: %s", shell, exc)
        return None
    if status != 0:
        log.warning("login shell %s exited with status %s", shell, status)
        return None
    _, marker, path = stdout.decode("utf-8", "replace").rpartition(_MARKER)
    return (path.strip() or None) if marker else None


class LoginShellPath:
    """Computes the exec-plugin PATH once, on first use, and remembers it."""

    def __init__(
        self,
        shell: str | None = None,
        process_path: str | None = None,
        limit_s: float = LOGIN_SHELL_PATH_TIMEOUT_S,
    ) -> None:
        self._shell = shell if shell is not None else os.environ.get("SHELL", "")
        self._process_path = (
            process_path if process_path is not None else os.environ.get("PATH", os.defpath)
        )
        self._limit_s = limit_s
        self._value: str | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> str:
        async with self._lock:
            if self._value is None:
                self._value = await self._compute()
            return self._value

    async def _compute(self) -> str:
        login = None
        if os.name == "posix" and self._shell:
            login = await ask_login_shell_for_path(self._shell, self._limit_s)
        return self._process_path if login is None else merge_paths(login, self._process_path)


async def run_process(
    argv: Sequence[str], limit_s: float, env: Mapping[str, str] | None = None
) -> tuple[int, bytes, bytes]:
    """Exit status, stdout and stderr of `argv`, run with stdin closed in a session of its own,
    so that its whole process group is killed when it outlives `limit_s` (TimeoutError) or the
    caller is cancelled; OSError when it cannot be started."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        start_new_session=True,
    )
    try:
        async with asyncio.timeout(limit_s):
            stdout, stderr = await process.communicate()
    except (TimeoutError, asyncio.CancelledError) as exc:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if isinstance(exc, TimeoutError):
            await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, stdout, stderr
