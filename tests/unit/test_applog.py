"""The application log: secrets never reach the file, and the file rotates."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

from backend.applog import (
    BACKUP_COUNT,
    LOG_DIR_ENV,
    LOG_FILE_NAME,
    MAX_BYTES,
    SecretRedactor,
    configure_logging,
    default_log_dir,
)
from backend.redaction import REDACTED

LAUNCH_TOKEN = "Zq3x9V-launch_token_Kp2mW8rT5yL1nB4cD7fG0hJ6sA"


@pytest.fixture
def redactor() -> SecretRedactor:
    return SecretRedactor([LAUNCH_TOKEN])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            f"serving http://127.0.0.1:8080/?token={LAUNCH_TOKEN}",
            f"serving http://127.0.0.1:8080/?token={REDACTED}",
        ),
        (f"cookie set for {LAUNCH_TOKEN}.", f"cookie set for {REDACTED}."),
        (
            "headers {'Authorization': 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'}",
            f"headers {{'Authorization': 'Bearer {REDACTED}'}}",
        ),
        ("authorization: bearer abcdef0123456789", f"authorization: bearer {REDACTED}"),
        (
            "GET /oauth?client=x&access_token=s3cr3t&next=1",
            f"GET /oauth?client=x&access_token={REDACTED}&next=1",
        ),
        ("user:\n  token: kubeconfig-user-token-123\n", f"user:\n  token: {REDACTED}\n"),
        (
            '{"user": {"token": "abc.def.ghi", "id-token": "eyJx"}}',
            f'{{"user": {{"token": "{REDACTED}", "id-token": "{REDACTED}"}}}}',
        ),
        ("{'password': 'hunter22'}", f"{{'password': '{REDACTED}'}}"),
        ("client-key-data: LS0tLS1CRUdJTg==", f"client-key-data: {REDACTED}"),
        # OAuth/OIDC fields and passwords, as `k=v`, `k: v` and JSON, quoted or not
        ("client_secret=s3cr3t&grant=x", f"client_secret={REDACTED}&grant=x"),
        ("client-secret: s3cr3t", f"client-secret: {REDACTED}"),
        ('{"client_secret": "s3 cr3t"}', f'{{"client_secret": "{REDACTED}"}}'),
        ("id_token=eyJ0eXAi.eyJzdWIi.c2ln", f"id_token={REDACTED}"),
        ("refresh_token: 1//0g-refresh", f"refresh_token: {REDACTED}"),
        ('{"refresh_token":"1//0g-refresh"}', f'{{"refresh_token":"{REDACTED}"}}'),
        ("access_token = ya29.a0Af", f"access_token = {REDACTED}"),
        ("password=hunter22 user=bob", f"password={REDACTED} user=bob"),
        ("Config(password='two words')", f"Config(password='{REDACTED}')"),
        ('{\\"password\\": \\"hunter22\\"}', f'{{\\"password\\": \\"{REDACTED}\\"}}'),
        ("Authorization: Basic dXNlcjpodW50ZXIy", f"Authorization: Basic {REDACTED}"),
        # Credentials that stand alone: a JWT, a PEM private key
        (
            "oidc answered eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl for alpha",
            f"oidc answered {REDACTED} for alpha",
        ),
        (
            "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\ndone",
            f"key: -----BEGIN RSA PRIVATE KEY-----{REDACTED}\ndone",
        ),
    ],
)
def test_secrets_are_redacted(redactor: SecretRedactor, text: str, expected: str) -> None:
    assert redactor.redact(text) == expected
    assert redactor.redact(expected) == expected  # redacting twice changes nothing more


@pytest.mark.parametrize(
    "text",
    [
        "Bearer token expired for prod.yaml:staging",
        "tokenFile: /var/run/secrets/token",
        "selected dev.yaml:alpha and prod.yaml:arn:aws:eks:eu-west-1:123456789012:cluster/gamma",
        "watch of pods restarted at 12:30:05",
        'token: ""',
        "token_type: Bearer",
        "password_file: /etc/app/password",
        "basic auth failed",
    ],
)
def test_ordinary_text_is_left_alone(redactor: SecretRedactor, text: str) -> None:
    assert redactor.redact(text) == text


def test_filter_rewrites_arguments_exceptions_and_stacks(redactor: SecretRedactor) -> None:
    try:
        raise ValueError(f"bad token {LAUNCH_TOKEN}")
    except ValueError:
        record = logging.LogRecord(
            "t", logging.ERROR, __file__, 1, "request %s", (f"/?token={LAUNCH_TOKEN}",), None
        )
        record.exc_info = sys.exc_info()
    record.stack_info = f"Stack (most recent call last):\n  token={LAUNCH_TOKEN}"

    assert redactor.filter(record) is True
    rendered = logging.Formatter().format(record)
    assert LAUNCH_TOKEN not in rendered
    assert f"request /?token={REDACTED}" in rendered
    assert f"ValueError: bad token {REDACTED}" in rendered


@pytest.fixture
def clean_root() -> Iterator[logging.Logger]:
    """Give configure_logging a bare root logger and put the test runner's back afterwards."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    root.handlers = []
    try:
        yield root
    finally:
        for handler in root.handlers:
            handler.close()
        root.handlers = saved_handlers
        root.setLevel(saved_level)


def test_the_log_file_gets_info_without_secrets(tmp_path: Path, clean_root: logging.Logger) -> None:
    path = configure_logging(secrets=[LAUNCH_TOKEN], log_dir=tmp_path / "log")
    assert path == tmp_path / "log" / LOG_FILE_NAME

    logging.getLogger("backend.some.module").info("launch url /?token=%s", LAUNCH_TOKEN)
    logging.getLogger("aiohttp.client").warning("sent Authorization: Bearer %s", "k8s-sa-token-xyz")
    for handler in clean_root.handlers:
        handler.flush()

    text = path.read_text(encoding="utf-8")
    assert "INFO MainThread backend.some.module: launch url /?token=[redacted]" in text
    assert "Bearer [redacted]" in text
    for secret in (LAUNCH_TOKEN, "k8s-sa-token-xyz"):
        assert secret not in text


def test_existing_console_handlers_are_redacted_and_kept_at_warning(
    tmp_path: Path, clean_root: logging.Logger
) -> None:
    console = logging.StreamHandler()
    clean_root.addHandler(console)

    configure_logging(secrets=[LAUNCH_TOKEN], log_dir=tmp_path)

    assert console.level == logging.WARNING
    assert any(isinstance(f, SecretRedactor) for f in console.filters)
    file_handlers = [
        h for h in clean_root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert len(file_handlers) == 1
    assert file_handlers[0].maxBytes == MAX_BYTES
    assert file_handlers[0].backupCount == BACKUP_COUNT


def test_the_file_rotates_at_its_size_limit(tmp_path: Path, clean_root: logging.Logger) -> None:
    path = configure_logging(log_dir=tmp_path)
    assert path is not None
    line = "x" * 50_000
    for _ in range(MAX_BYTES // 50_000 * (BACKUP_COUNT + 2)):
        logging.getLogger("backend.flood").info(line)

    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [LOG_FILE_NAME, *(f"{LOG_FILE_NAME}.{i}" for i in range(1, BACKUP_COUNT + 1))]
    assert all(p.stat().st_size <= MAX_BYTES for p in tmp_path.iterdir())


def test_an_unwritable_log_folder_leaves_stderr_logging(
    tmp_path: Path, clean_root: logging.Logger
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")

    path = configure_logging(log_dir=blocker / "log")

    assert path is None
    assert not any(isinstance(h, logging.FileHandler) for h in clean_root.handlers)


def test_the_log_folder_can_be_moved_by_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert default_log_dir() == tmp_path / "elsewhere"
    monkeypatch.delenv(LOG_DIR_ENV)
    assert default_log_dir() == Path(platformdirs.user_log_dir("regatta", appauthor=False))


def test_the_log_files_are_private_to_the_user(tmp_path: Path, clean_root: logging.Logger) -> None:
    old = tmp_path / LOG_FILE_NAME
    old.write_text("left by an older version\n")
    old.chmod(0o644)
    path = configure_logging(log_dir=tmp_path)
    assert path is not None
    for _ in range(MAX_BYTES // 50_000 + 2):  # one rollover: a new file is created
        logging.getLogger("backend.flood").info("x" * 50_000)

    files = sorted(tmp_path.iterdir())
    assert len(files) >= 2
    assert {p.name: p.stat().st_mode & 0o777 for p in files} == dict.fromkeys(
        (p.name for p in files), 0o600
    )
