"""Payload shapes of the HTTP/SSE contract: the single source for the generated TypeScript types.

Every model that crosses the wire lives in one module of this package and is listed in
`EXPORTED_MODELS` so `scripts/gen_types.py` emits it into `frontend/src/core/types.generated.ts`.
"""

from __future__ import annotations

from pydantic import BaseModel

from backend.contract.base import ContractModel
from backend.contract.health import Health

EXPORTED_MODELS: list[type[BaseModel]] = [Health]

from backend.contract.kubeconfig import (  # noqa: E402 - appended registration, see module doc
    ClusterConnection,
    ClusterDiagnostics,
    ClusterNotice,
    KubeconfigContext,
    KubeconfigListing,
    KubeconfigSource,
    Selection,
)

EXPORTED_MODELS += [
    KubeconfigSource,
    KubeconfigContext,
    KubeconfigListing,
    Selection,
    ClusterConnection,
    ClusterNotice,
    ClusterDiagnostics,
]

__all__ = ["EXPORTED_MODELS", "ContractModel", "Health"]
