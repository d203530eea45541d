"""The application log: a rotating file in the platform's log folder, with secrets redacted.

A desktop app has no terminal a user looks at, so problems must be findable afterwards in a file;
and because people attach that file to bug reports, nothing in it may let a reader reach a
cluster or the local server. The redaction (`backend/redaction.py`) is a logging Filter on every
handler, so it also covers records that third-party loggers propagate to the root logger (uvicorn
is started without a logging config of its own for that reason). The files are readable by
their owner only.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from backend.redaction import redact

APP_NAME = "regatta"
LOG_FILE_NAME = "regatta.log"
LOG_DIR_ENV = "REGATTA_LOG_DIR"  # tests and portable installs point the log elsewhere
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 4  # the current file plus four old ones: 5 × 1 MiB at most
FILE_LEVEL = logging.INFO
CONSOLE_LEVEL = logging.WARNING
FORMAT = "%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def default_log_dir() -> Path:
    """`$REGATTA_LOG_DIR`, else the per-user log folder (e.g. `~/.local/state/regatta/log`)."""
    return Path(os.environ.get(LOG_DIR_ENV) or platformdirs.user_log_dir(APP_NAME, appauthor=False))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file created (and re-created at each rollover) with mode 0600."""

    def _open(self) -> io.TextIOWrapper:
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, FILE_MODE)
        os.chmod(self.baseFilename, FILE_MODE)  # a file left by an older version may be 0644
        return open(descriptor, "a", encoding=self.encoding, errors=self.errors)


class SecretRedactor(logging.Filter):
    """Rewrites each record so that known secrets and token-shaped values read `[redacted]`.

    Known secrets (the launch token) are replaced wherever they appear; the patterns catch the
    credentials the app never learns by name (a kubeconfig's token, a bearer header).
    """

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: tuple[str, ...] = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        return redact(text, self._secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(secrets: Iterable[str] = (), log_dir: Path | None = None) -> Path | None:
    """Send the root logger to the rotating file (INFO) and stderr (WARNING), both redacted.

    Handlers that are already on the root logger (e.g. `logging.basicConfig`'s stderr handler)
    are kept but get the redactor too and no more than WARNING. Returns the log file's path (None
    when the folder cannot be written: the app then logs to stderr only, and says so there).
    """
    redactor = SecretRedactor(secrets)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
            continue
        handler.addFilter(redactor)
        if handler.level < CONSOLE_LEVEL:
            handler.setLevel(CONSOLE_LEVEL)
    if not root.handlers:
        console = logging.StreamHandler()
        console.setLevel(CONSOLE_LEVEL)
        console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        console.addFilter(redactor)
        root.addHandler(console)
    root.setLevel(min(FILE_LEVEL, CONSOLE_LEVEL))

    folder = log_dir or default_log_dir()
    path = folder / LOG_FILE_NAME
    try:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        file_handler = PrivateRotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("no log file (%s); logging to stderr only", exc)
        return None
    file_handler.setLevel(FILE_LEVEL)
    file_handler.setFormatter(logging.Formatter(FORMAT))
    file_handler.addFilter(redactor)
    root.addHandler(file_handler)
    return path
