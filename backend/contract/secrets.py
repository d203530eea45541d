"""The explicit reveal of one Secret key (`POST /api/v1/secrets/reveal`).

Secrets are masked everywhere else; this answers one key of one Secret to a person who asked.
"""

from __future__ import annotations

from backend.contract.base import ClusterModel, ContractModel
from backend.contract.snapshots import ObjectRef


class SecretRevealRequest(ContractModel):
    """`POST /api/v1/secrets/reveal`: one key of one Secret, asked for explicitly."""

    ref: ObjectRef
    key: str


class SecretReveal(ClusterModel):
    namespace: str
    name: str
    key: str
    base64: str
    """The value as the Secret stores it."""
    text: str | None
    """The decoded value when it is UTF-8 text; null for binary values."""
    bytes: int
