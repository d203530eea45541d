"""`GET /api/v1/health`."""

from __future__ import annotations

from backend.contract.base import ContractModel


class Health(ContractModel):
    status: str
    version: str
