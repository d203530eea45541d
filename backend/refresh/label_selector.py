"""Label selectors as kubectl takes them (`app=web,tier!=db`, `env in (a,b)`, `!canary`).

Parsed once per query into requirements a row's labels are tested against, on every selected
cluster alike, so one selector narrows a table that spans clusters. A selector the API server
would refuse is a 400 naming the part that is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from backend.errors import RegattaError, bad_request

PARAM = "labelSelector"
_NAME = r"[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?"
_KEY = re.compile(rf"^([a-z0-9]([-a-z0-9.]{{0,251}}[a-z0-9])?/)?{_NAME}$")
_VALUE = re.compile(rf"^({_NAME})?$")
_SET = re.compile(r"^(?P<key>[^\s!=(),]+)\s+(?P<op>in|notin)\s*\((?P<values>[^()]*)\)$")
_EQUALITY = re.compile(r"^(?P<key>[^\s!=(),]+)\s*(?P<op>==|=|!=)\s*(?P<value>[^\s=(),]*)$")
_EXISTS = re.compile(r"^(?P<not>!)?\s*(?P<key>[^\s!=(),]+)$")


@dataclass(frozen=True, slots=True)
class Requirement:
    key: str
    op: str  # "in", "notin", "exists", "!exists"
    values: frozenset[str] = frozenset()

    def matches(self, labels: dict[str, str]) -> bool:
        if self.op == "exists":
            return self.key in labels
        if self.op == "!exists":
            return self.key not in labels
        if self.op == "in":
            return labels.get(self.key) in self.values
        return labels.get(self.key) not in self.values  # notin: a missing key matches too


@dataclass(frozen=True, slots=True)
class LabelSelector:
    text: str
    requirements: tuple[Requirement, ...]

    def matches(self, labels: Iterable[tuple[str, str]] | dict[str, str]) -> bool:
        found = labels if isinstance(labels, dict) else dict(labels)
        return all(r.matches(found) for r in self.requirements)


def parse_label_selector(text: str) -> LabelSelector | None:
    """None for an empty selector; a 400 naming the bad requirement otherwise."""
    text = text.strip()
    if not text:
        return None
    return LabelSelector(text, tuple(_requirement(part.strip()) for part in _split(text)))


def _split(text: str) -> list[str]:
    """Split at commas outside parentheses (`env in (a,b),app=web` is two requirements)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def _requirement(part: str) -> Requirement:
    if match := _SET.match(part):
        values = [v.strip() for v in match["values"].split(",")]
        for value in values:
            _check_value(value, part)
        return Requirement(_key(match["key"], part), match["op"], frozenset(values))
    if match := _EQUALITY.match(part):
        value = match["value"]
        _check_value(value, part)
        op = "notin" if match["op"] == "!=" else "in"
        return Requirement(_key(match["key"], part), op, frozenset({value}))
    if match := _EXISTS.match(part):
        return Requirement(_key(match["key"], part), "!exists" if match["not"] else "exists")
    raise _bad(
        part, "is not `key=value`, `key!=value`, `key in (…)`, `key notin (…)`, `key` or `!key`"
    )


def _key(key: str, part: str) -> str:
    if not _KEY.match(key):
        raise _bad(part, f"has an invalid label key `{key}`")
    return key


def _check_value(value: str, part: str) -> None:
    if not _VALUE.match(value):
        raise _bad(part, f"has an invalid label value `{value}`")


def _bad(part: str, why: str) -> RegattaError:
    shown = part or "(empty)"
    return bad_request("bad_query", f"`{PARAM}`: `{shown}` {why}.", param=PARAM)
