"""The one error type the HTTP layer and the bridge turn into the contract's error shape (§4).

Raising `RegattaError` anywhere below the server means: a person will read `message`, a program
will branch on `code`, and `context` names the thing that was wrong (a clusterId, a scope, a path).
"""

from __future__ import annotations

from typing import Any


class RegattaError(Exception):
    """An error with an HTTP status, a snake_case code, a sentence, and the context it concerns."""

    def __init__(self, status: int, code: str, message: str, **context: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.context = context

    def payload(self) -> dict[str, Any]:
        """The contract's `{"error": {...}}` body."""
        return {"error": {"code": self.code, "message": self.message, **self.context}}


class Failure(Exception):
    """An exception whose one argument is the sentence a person reads, as `message`."""

    @property
    def message(self) -> str:
        return str(self.args[0])


def bad_request(code: str, message: str, **context: Any) -> RegattaError:
    return RegattaError(400, code, message, **context)


def not_found(code: str, message: str, **context: Any) -> RegattaError:
    return RegattaError(404, code, message, **context)
