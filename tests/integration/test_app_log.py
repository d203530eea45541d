"""The app's log file, as a headless run writes it: uvicorn's records land in it, redacted, 0600."""

from __future__ import annotations

import socket
from pathlib import Path

from backend.applog import LOG_DIR_ENV, LOG_FILE_NAME
from tests.app_process import running_app


def test_uvicorn_records_go_to_the_redacted_private_log_file(tmp_path: Path) -> None:
    log_dir = tmp_path / "log"
    with running_app(
        "--config-dir",
        str(tmp_path / "config"),
        "--kubeconfig-dir",
        str(tmp_path / "kube"),
        env={LOG_DIR_ENV: str(log_dir)},
    ) as app:
        with socket.create_connection(("127.0.0.1", app.port), timeout=10) as raw:
            # Not HTTP: uvicorn itself answers 400 and logs a warning (the app never sees it).
            raw.sendall(b"NOT HTTP\x00\r\n\r\n")
            assert raw.recv(1024).startswith(b"HTTP/1.1 400")
        assert app.stop() == 0

    log_file = log_dir / LOG_FILE_NAME
    text = log_file.read_text(encoding="utf-8")
    assert "WARNING" in text and "uvicorn.error: Invalid HTTP request received." in text
    assert app.token not in text
    assert log_file.stat().st_mode & 0o777 == 0o600
