"""Common bases for contract models: camelCase on the wire, snake_case in Python."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class ContractModel(BaseModel):
    """Base of every payload model. Serialise with `model_dump(by_alias=True)` (see `wire`)."""

    # defer_build: a model's validator and serializer are built when it is first used, not when
    # its module is imported, so start-up pays only for the models its first requests use.
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, frozen=False, defer_build=True
    )

    def wire(self) -> dict[str, object]:
        """The JSON-ready dict with the contract's field names."""
        return self.model_dump(mode="json", by_alias=True)


class ActionParams(ContractModel):
    """Base of every action's params: unknown fields are an error."""

    model_config = ConfigDict(extra="forbid")


class ClusterModel(ContractModel):
    """Base of the payloads about one cluster: its id and name come first."""

    cluster_id: str
    cluster_name: str
