"""Starts `python -m backend` in a subprocess the way a user or script would, for tests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180.0
"""A hang guard only: a start takes ~4 s on an idle 2-core machine, far longer under load."""


@dataclass
class RunningApp:
    process: subprocess.Popen[str]
    url: str
    port: int
    token: str
    """Empty for the window, which prints no token (only headless mode does)."""
    stderr_lines: list[str]
    launch: dict[str, object]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 10.0) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        return self.process.wait(timeout)


def _read_first_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    line: list[str] = []
    reader = threading.Thread(
        target=lambda: line.append(proc.stdout.readline() if proc.stdout else "")
    )
    reader.start()
    reader.join(timeout)
    if not line or not line[0]:
        proc.kill()
        raise RuntimeError(
            f"the app printed no JSON line within {timeout}s (exit code {proc.poll()})"
        )
    return line[0]


@contextmanager
def running_app(
    *args: str, env: dict[str, str] | None = None, headless: bool = True
) -> Iterator[RunningApp]:
    """Start the app, wait for its JSON line, stop it (SIGTERM) afterwards."""
    cmd = [sys.executable, "-m", "backend", *(["--headless"] if headless else []), *args]
    full_env = {**os.environ, "NO_PROXY": "127.0.0.1,localhost", **(env or {})}
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    stderr_lines: list[str] = []
    assert proc.stderr is not None
    drain = threading.Thread(target=lambda: stderr_lines.extend(proc.stderr or []), daemon=True)
    drain.start()
    try:
        info = json.loads(_read_first_line(proc, START_TIMEOUT_S))
        yield RunningApp(proc, info["url"], info["port"], info.get("token", ""), stderr_lines, info)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def bridge(app: RunningApp, method: str, *args: object) -> object:
    """Call a bridge method over HTTP (contract §5); raises on a non-2xx answer."""
    import httpx

    response = httpx.post(
        f"{app.base}/api/v1/bridge/{method}",
        json={"args": list(args)},
        headers=app.auth,
        timeout=30,
    )
    response.raise_for_status()
    return response.json()
