"""The YAML of one object, read the way the API server will read it as JSON.

PyYAML's safe loader would turn `2024-01-01T00:00:00Z` into a datetime (and `!!binary` into
bytes), which JSON cannot carry and which would change the text the person wrote; here
timestamps stay strings, and anything else JSON cannot hold is refused with the path to it.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from backend.actions import limits
from backend.actions.address import bad_field

FIELD = "params.yaml"


class _JsonishLoader(yaml.SafeLoader):
    """The safe loader without the implicit timestamp type."""


_JsonishLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_manifest(text: str) -> dict[str, Any]:
    """The one object `text` holds; a 400 naming `params.yaml` for anything else."""
    if len(text.encode("utf-8", "replace")) > limits.APPLY_YAML_MAX_BYTES:
        raise bad_field(FIELD, f"is larger than {limits.APPLY_YAML_MAX_BYTES} bytes")
    try:
        documents = [d for d in yaml.load_all(text, Loader=_JsonishLoader) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise bad_field(FIELD, f"is not valid YAML{where}: {problem}") from None
    if len(documents) != 1:
        raise bad_field(FIELD, f"must hold exactly one object, not {len(documents)}")
    obj = documents[0]
    if not isinstance(obj, dict):
        raise bad_field(FIELD, "must be a mapping with apiVersion, kind and metadata")
    _check_json(obj, "")
    return obj


def _check_json(value: Any, path: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise bad_field(
                    FIELD, f"has a key that is not a string at `{path or '.'}`: {key!r}"
                )
            _check_json(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, f"{path}[{index}]")
    elif isinstance(value, float) and not math.isfinite(value):
        raise bad_field(FIELD, f"has a number JSON cannot hold at `{path}`: {value}")
    elif not (value is None or isinstance(value, (str, bool, int, float))):
        raise bad_field(FIELD, f"has a value JSON cannot hold at `{path}`: {type(value).__name__}")
