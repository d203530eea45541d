"""The one error family: what an API server's error answer and an exec's final Status say."""

from __future__ import annotations

import json

import pytest

from backend.kube.channel import exit_status
from backend.kube.errors import ApiError, Cause, Unreachable


def test_an_error_answer_is_read_from_its_status() -> None:
    body = {
        "kind": "Status",
        "status": "Failure",
        "message": "Cannot evict pod as it would violate the pod's disruption budget.",
        "reason": "TooManyRequests",
        "details": {"causes": [{"reason": "DisruptionBudget", "message": "needs 1 healthy"}]},
        "code": 429,
    }
    error = ApiError.from_body(429, "Too Many Requests", json.dumps(body).encode())
    assert (error.status, error.reason) == (429, "TooManyRequests")
    assert error.message.startswith("Cannot evict pod")
    assert error.causes == (Cause("", "needs 1 healthy"),)
    assert error.retryable


@pytest.mark.parametrize(
    ("status", "retryable"), [(500, True), (503, True), (401, True), (429, True), (403, False)]
)
def test_server_trouble_is_retryable_and_a_verdict_is_not(status: int, retryable: bool) -> None:
    assert ApiError(status, "Reason", "").retryable is retryable


def test_an_answer_that_is_not_a_status_keeps_its_text() -> None:
    error = ApiError.from_body(502, "Bad Gateway", b"<html>proxy error</html>")
    assert (error.status, error.reason, error.message) == (
        502,
        "Bad Gateway",
        "<html>proxy error</html>",
    )
    assert ApiError.from_body(404, "Not Found", b"").message == "Not Found"


def test_no_answer_is_unreachable_and_worth_retrying() -> None:
    error = Unreachable("The API server x did not answer within 2 s.", "timeout")
    assert (error.status, error.timed_out, error.retryable) == (None, True, True)


def test_the_exit_code_comes_from_the_final_status() -> None:
    assert exit_status(b'{"metadata":{},"status":"Success"}') == (0, None)
    failed = {
        "status": "Failure",
        "message": "command terminated with non-zero exit code: exit status 3",
        "reason": "NonZeroExitCode",
        "details": {"causes": [{"reason": "ExitCode", "message": "3"}]},
    }
    code, failure = exit_status(json.dumps(failed).encode())
    assert code == 3 and failure is not None and "exit status 3" in failure
    relayed = {
        "status": "Failure",
        "reason": "InternalError",
        "message": "error executing command in container: cmd wait: sh -c exit 3: exit status 3",
    }
    assert exit_status(json.dumps(relayed).encode()) == (3, relayed["message"])
    missing = {"status": "Failure", "message": 'exec: "nope": executable file not found'}
    assert exit_status(json.dumps(missing).encode()) == (None, missing["message"])
