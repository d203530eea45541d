"""The contract → TypeScript generator (`scripts/gen_types.py`), read as a specification."""

from __future__ import annotations

import enum
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, Field
from typing_extensions import TypedDict

from backend.contract import ContractModel

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gen_types.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_types", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_types"] = module
    spec.loader.exec_module(module)
    return module


gen_types = _load_generator()


def typescript(*models: type[BaseModel]) -> str:
    return str(gen_types.render_typescript(gen_types.contract_schema(models), header=""))


class Phase(enum.StrEnum):
    RUNNING = "Running"
    PENDING = "Pending"


class Owner(ContractModel):
    owner_kind: str
    owner_name: str


class PodRow(ContractModel):
    """One pod of one cluster."""

    cluster_id: str = Field(description="`<file>:<context>`")
    status: Literal["ready", "stale"]
    phase: Phase
    message: str | None
    restarts: int = 0
    node: str | None = None
    labels: dict[str, str]
    extra: dict[str, Any]
    containers: list[str]
    owners: list[Owner]
    owner: Owner | None


class Cat(ContractModel):
    kind: Literal["cat"]


class Dog(ContractModel):
    kind: Literal["dog"]


class Pets(ContractModel):
    pet: Annotated[Cat | Dog, Field(discriminator="kind")]
    all_pets: list[Cat | Dog]
    pair: tuple[int, str]


SnapshotDomain = Literal[
    "namespaces", "cluster-overview", "nodes", "pods", "workloads", "config", "network", "rbac"
]


def test_a_model_becomes_an_interface_with_wire_names() -> None:
    text = typescript(Owner)
    assert text == "\nexport interface Owner {\n  ownerKind: string;\n  ownerName: string;\n}\n"


def test_literals_enums_optionals_and_containers() -> None:
    text = typescript(PodRow)
    assert "/** One pod of one cluster. */\nexport interface PodRow {\n" in text
    assert "  /** `<file>:<context>` */\n  clusterId: string;\n" in text
    assert "  status: 'ready' | 'stale';\n" in text
    assert "  phase: Phase;\n" in text
    assert "export type Phase = 'Running' | 'Pending';\n" in text
    assert "  message: string | null;\n" in text
    # A default matters to whoever builds the model; on the wire the field is always there.
    assert "  restarts: number;\n" in text
    assert "  node: string | null;\n" in text
    assert "  labels: Record<string, string>;\n" in text
    assert "  extra: Record<string, unknown>;\n" in text
    assert "  containers: string[];\n" in text


def test_nested_models_are_declared_once_and_referenced_by_name() -> None:
    text = typescript(PodRow)
    assert "  owners: Owner[];\n" in text
    assert "  owner: Owner | null;\n" in text
    assert text.count("export interface Owner {") == 1


def test_only_keys_that_can_be_missing_on_the_wire_are_optional() -> None:
    class Hints(TypedDict, total=False):
        namespace: str

    class Sparse(ContractModel):
        hints: Hints
        note: Annotated[str | None, Field(exclude_if=lambda value: value is None)] = None

    text = typescript(Sparse)
    assert "export interface Hints {\n  namespace?: string;\n}\n" in text
    assert "  note?: string | null;\n" in text


def test_unions_and_tuples() -> None:
    text = typescript(Pets)
    assert "export interface Cat {\n  kind: 'cat';\n}\n" in text
    assert "  pet: Cat | Dog;\n" in text
    assert "  allPets: (Cat | Dog)[];\n" in text
    assert "  pair: [number, string];\n" in text


def test_a_union_too_long_for_one_line_gets_one_member_per_line() -> None:
    class Snapshot(ContractModel):
        domain: SnapshotDomain
        domains: list[SnapshotDomain]

    text = typescript(Snapshot)
    assert "  domain:\n    | 'namespaces'\n    | 'cluster-overview'\n" in text
    assert "    | 'rbac';\n" in text
    assert "  domains: (\n    | 'namespaces'\n" in text
    assert "    | 'rbac'\n  )[];\n" in text


def test_a_long_array_of_a_union_inside_a_union_is_broken_like_biome() -> None:
    class Query(ContractModel):
        actions: list[SnapshotDomain] | None

    text = typescript(Query)
    assert "  actions:\n    | (\n        | 'namespaces'\n" in text
    assert "        | 'rbac'\n      )[]\n    | null;\n" in text


def test_string_literals_pick_the_quote_that_needs_no_escape() -> None:
    class Quotes(ContractModel):
        text: Literal["it's", 'say "hi"']

    assert '  text: "it\'s" | \'say "hi"\';\n' in typescript(Quotes)


def test_output_does_not_depend_on_the_order_of_the_models() -> None:
    assert typescript(PodRow, Pets, Owner) == typescript(Owner, Pets, PodRow)


def test_committed_typescript_matches_the_contract_models() -> None:
    committed = gen_types.OUTPUT_PATH.read_text(encoding="utf-8")
    assert committed == gen_types.generate(), (
        "frontend/src/core/types.generated.ts is out of date: "
        "run `uv run python scripts/gen_types.py` and commit the result"
    )
    assert committed.startswith("// generated — do not edit.")


def test_check_names_the_stale_file_and_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "types.generated.ts"
    stale.write_text("// generated — do not edit.\nexport interface Old {}\n", encoding="utf-8")
    monkeypatch.setattr(gen_types, "OUTPUT_PATH", stale)

    assert gen_types.main(["--check"]) == 1
    assert f"{stale} is out of date" in capsys.readouterr().err

    assert gen_types.main([]) == 0
    assert gen_types.main(["--check"]) == 0
