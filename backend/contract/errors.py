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
