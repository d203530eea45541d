"""The error shape of every non-2xx answer (contract §4)."""

from __future__ import annotations

from pydantic import ConfigDict

from backend.contract.base import ContractModel


class ErrorDetail(ContractModel):
    """`code` for programs, `message` for people; extra keys name the thing (scope, clusterId…)."""

    model_config = ConfigDict(extra="allow")

    code: str
    message: str


class ErrorBody(ContractModel):
    error: ErrorDetail


class BridgeError(ErrorBody):
    """How a bridge call fails (contract §5): pywebview rejects the page's promise with a message
    only, so the message is this, as JSON, with the HTTP status the same failure would have had."""

    status: int
