"""Generate `frontend/src/core/types.generated.ts` from the contract's pydantic models.

    uv run python scripts/gen_types.py            # rewrite the TypeScript file
    uv run python scripts/gen_types.py --check    # exit 1 if the committed file is out of date

The models of `backend.contract.exported_models()` become one JSON Schema (serialization mode, wire
names), and that schema becomes TypeScript: an `interface` per model, a `type` alias per enum or
other named schema. The text is emitted already formatted the way the frontend's Biome config
formats it (2 spaces, single quotes, 100 columns), so generation needs no Node and `npm run lint`
confirms the formatting.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, models_json_schema
from pydantic_core import core_schema

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT_PATH = REPO_ROOT / "frontend" / "src" / "core" / "types.generated.ts"

HEADER = (
    "// generated — do not edit.\n"
    "// Source: the pydantic models in backend/contract (exported_models()).\n"
    "// Regenerate: `npm run gen:types` in frontend/, or `uv run python scripts/gen_types.py`.\n"
)

# Mirrors frontend/biome.json, so the emitted text is already in its final format.
INDENT = "  "
LINE_WIDTH = 100

Schema = dict[str, Any]

_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
_PRIMITIVES = {
    "string": "string",
    "integer": "number",
    "number": "number",
    "boolean": "boolean",
    "null": "null",
}


class WireSchema(GenerateJsonSchema):
    """Serialization-mode schema in which a field with a default is still required.

    `ContractModel.wire()` always writes every field, so the TypeScript side may rely on it being
    there. Only what can really be missing stays optional: a TypedDict key that is not required
    and a field with `exclude_if`.
    """

    def field_is_required(
        self,
        field: core_schema.ModelField | core_schema.DataclassField | core_schema.TypedDictField,
        total: bool,
    ) -> bool:
        if (
            self.mode == "serialization"
            and field["type"] != "typed-dict-field"
            and field.get("serialization_exclude_if") is None
        ):
            return True
        return super().field_is_required(field, total)


def contract_schema(models: Iterable[type[BaseModel]]) -> Schema:
    """One JSON Schema whose `$defs` hold every model (and every model they use)."""
    _, schema = models_json_schema(
        [(model, "serialization") for model in models], by_alias=True, schema_generator=WireSchema
    )
    return schema


def render_typescript(schema: Schema, header: str = HEADER) -> str:
    """TypeScript declarations for every entry of `schema["$defs"]`, sorted by name."""
    definitions: dict[str, Schema] = schema.get("$defs", {})
    blocks = [_declaration(name, definitions[name]) for name in sorted(definitions)]
    return header + "".join("\n" + block for block in blocks)


def generate(models: Iterable[type[BaseModel]] | None = None) -> str:
    """The full text of the generated file for `models` (default: the exported contract)."""
    if models is None:
        sys.path.insert(0, str(REPO_ROOT))
        from backend.contract import exported_models

        models = exported_models()
    return render_typescript(contract_schema(models))


# --- declarations -------------------------------------------------------------------------------


def _declaration(name: str, schema: Schema) -> str:
    doc = _doc_comment(schema.get("description"), "")
    if "properties" in schema:
        return doc + _interface(name, schema)
    if _is_empty_object(schema):
        return doc + f"export type {name} = Record<string, never>;\n"
    return doc + _statement(f"export type {name} =", schema, "", ";") + "\n"


def _interface(name: str, schema: Schema) -> str:
    properties: dict[str, Schema] = schema["properties"]
    required = set(schema.get("required", []))
    if not properties:
        return f"export type {name} = Record<string, never>;\n"
    lines = [f"export interface {name} {{\n"]
    for key, prop in properties.items():
        lines.append(_doc_comment(prop.get("description"), INDENT))
        optional = "" if key in required else "?"
        head = f"{INDENT}{_property_key(key)}{optional}:"
        lines.append(_statement(head, prop, INDENT, ";") + "\n")
    extra = schema.get("additionalProperties")
    if extra not in (None, False):
        # Named properties must fit the index signature, so it can only be `unknown`.
        lines.append(f"{INDENT}[key: string]: unknown;\n")
    lines.append("}\n")
    return "".join(lines)


def _statement(head: str, schema: Schema, indent: str, end: str) -> str:
    """`head <type>;` on one line, or a union broken into one `| member` per line as Biome does
    when the line is too long (also inside an array: `(\n  | A\n  | B\n)[]`)."""
    members = _members(schema)
    one_line = f"{head} {' | '.join(members)}{end}"
    if len(one_line) <= LINE_WIDTH:
        return one_line
    inner = indent + INDENT
    if len(members) > 1:
        return head + "".join(_union_member(member, inner) for member in members) + end
    items = _members(schema.get("items", True)) if _is_list(schema) else []
    if len(items) > 1:
        broken = "".join(f"\n{inner}| {member}" for member in items)
        return f"{head} ({broken}\n{indent})[]{end}"
    return one_line


def _union_member(member: str, indent: str) -> str:
    """`| member` on its own line; an array of a union too long for it is broken the way Biome
    breaks it: `| (`, one `| item` per line, `)[]`."""
    line = f"\n{indent}| {member}"
    if len(line) - 1 <= LINE_WIDTH or not (member.startswith("(") and member.endswith(")[]")):
        return line
    items = member[1:-3].split(" | ")
    broken = "".join(f"\n{indent}{INDENT}{INDENT}| {item}" for item in items)
    return f"\n{indent}| ({broken}\n{indent}{INDENT})[]"


def _doc_comment(text: str | None, indent: str) -> str:
    if not text:
        return ""
    lines = text.replace("*/", "*\\/").strip().splitlines()
    if len(lines) == 1:
        return f"{indent}/** {lines[0]} */\n"
    body = "".join(f"{indent} *{' ' + line if line else ''}\n" for line in lines)
    return f"{indent}/**\n{body}{indent} */\n"


def _property_key(key: str) -> str:
    return key if _IDENTIFIER.match(key) else _string_literal(key)


# --- type expressions ---------------------------------------------------------------------------


def _members(schema: Schema | bool) -> list[str]:
    """The union members of the TypeScript type for `schema` (one member if it is no union)."""
    if schema is True:
        return ["unknown"]
    if schema is False:
        return ["never"]
    if "$ref" in schema:
        return [_ref_name(schema["$ref"])]
    if "const" in schema:
        return [_literal(schema["const"])]
    if "enum" in schema:
        return _unique(_literal(value) for value in schema["enum"])
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return _unique(member for branch in schema[key] for member in _members(branch))
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _members(schema["allOf"][0])
    kind = schema.get("type")
    if isinstance(kind, list):
        return _unique(member for k in kind for member in _members({**schema, "type": k}))
    if kind == "array":
        return [_array(schema)]
    if kind == "object":
        return [_object(schema)]
    if kind in _PRIMITIVES:
        return [_PRIMITIVES[kind]]
    return ["unknown"]


def _expression(schema: Schema | bool) -> str:
    return " | ".join(_members(schema))


def _array(schema: Schema) -> str:
    if "prefixItems" in schema:
        elements = [_expression(item) for item in schema["prefixItems"]]
        rest = schema.get("items")
        if rest not in (None, False):
            elements.append(f"...{_array({'items': rest})}")
        return f"[{', '.join(elements)}]"
    items = _members(schema.get("items", True))
    element = " | ".join(items)
    return f"({element})[]" if len(items) > 1 else f"{element}[]"


def _object(schema: Schema) -> str:
    properties: dict[str, Schema] = schema.get("properties", {})
    if properties:
        required = set(schema.get("required", []))
        fields = [
            f"{_property_key(key)}{'' if key in required else '?'}: {_expression(prop)}"
            for key, prop in properties.items()
        ]
        return "{ " + "; ".join(fields) + " }"
    if _is_empty_object(schema):
        return "Record<string, never>"
    return f"Record<string, {_expression(schema.get('additionalProperties', True))}>"


def _is_list(schema: Schema) -> bool:
    return schema.get("type") == "array" and "prefixItems" not in schema


def _is_empty_object(schema: Schema) -> bool:
    return (
        schema.get("type") == "object"
        and not schema.get("properties")
        and schema.get("additionalProperties") is False
    )


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _literal(value: object) -> str:
    if isinstance(value, str):
        return _string_literal(value)
    return json.dumps(value)


def _string_literal(value: str) -> str:
    """Single quotes unless double quotes need fewer escapes — Biome's choice."""
    quote = '"' if value.count("'") > value.count('"') else "'"
    body = json.dumps(value, ensure_ascii=False)[1:-1].replace('\\"', '"')
    body = body.replace(quote, "\\" + quote)
    return f"{quote}{body}{quote}"


def _unique(members: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(members))


# --- command line -------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the committed file differs from a fresh generation",
    )
    args = parser.parse_args(argv)
    text = generate()
    shown = _shown(OUTPUT_PATH)
    if args.check:
        current = OUTPUT_PATH.read_text(encoding="utf-8") if OUTPUT_PATH.exists() else None
        if current == text:
            print(f"{shown} is up to date.")
            return 0
        state = "is missing" if current is None else "is out of date"
        print(
            f"{shown} {state}: the contract models changed. "
            "Run `uv run python scripts/gen_types.py` (or `npm run gen:types` in frontend/) "
            "and commit the result.",
            file=sys.stderr,
        )
        return 1
    OUTPUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {shown}")
    return 0


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT)) if path.is_relative_to(REPO_ROOT) else str(path)


if __name__ == "__main__":
    sys.exit(main())
