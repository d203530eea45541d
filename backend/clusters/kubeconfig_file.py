"""Reading one kubeconfig file into its contexts, each standing alone.

A file is read on its own (kubectl's cross-file merging is not done: an id names one file), and
every context becomes a `ContextEntry` carrying a minimal, self-contained kubeconfig (the context,
its cluster and its user) that the client factory loads and the watcher compares for changes.
Broken files raise `KubeconfigError` with the parser's message and line; files that are
well-formed YAML but plainly something else are told apart so a folder scan can skip them.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from backend.clusters.limits import KUBECONFIG_MAX_BYTES

_KUBECONFIG_KEYS = ("clusters", "contexts", "users", "current-context")
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class KubeconfigError(Exception):
    """A file meant to be a kubeconfig that cannot be read or understood."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class NotAKubeconfig(Exception):
    """Well-formed YAML that is clearly not a kubeconfig (a folder scan skips it quietly)."""


@dataclass(frozen=True, slots=True)
class ContextEntry:
    """One context of one file, with what the listing shows and what a client needs."""

    name: str
    cluster: str | None
    user: str | None
    namespace: str | None
    server: str | None
    disabled_reason: str | None
    standalone: dict[str, Any] = field(compare=True, hash=False, repr=False)
    """A kubeconfig holding only this context, its cluster and its user (deep-copied)."""


@dataclass(frozen=True, slots=True)
class ParsedKubeconfig:
    contexts: tuple[ContextEntry, ...]
    current_context: str | None


def read_kubeconfig(path: Path) -> ParsedKubeconfig:
    """Read and parse a file; `KubeconfigError` if unreadable or broken, `NotAKubeconfig` if other."""
    try:
        size = path.stat().st_size
        if size > KUBECONFIG_MAX_BYTES:
            raise KubeconfigError(
                f"File is {size} bytes, more than the {KUBECONFIG_MAX_BYTES} a kubeconfig may have."
            )
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise KubeconfigError("File not found.") from exc
    except IsADirectoryError as exc:
        raise KubeconfigError("This is a folder, not a file.") from exc
    except PermissionError as exc:
        raise KubeconfigError("Permission denied: the file cannot be read.") from exc
    except OSError as exc:
        raise KubeconfigError(f"The file cannot be read: {exc.strerror or exc}.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NotAKubeconfig(f"not UTF-8 text: byte {exc.start} cannot be decoded") from exc
    return parse_kubeconfig_text(text)


def parse_kubeconfig_text(text: str) -> ParsedKubeconfig:
    """Parse kubeconfig YAML (or JSON) text."""
    if "\x00" in text:
        raise NotAKubeconfig("binary content")
    try:
        document = yaml.load(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc) from exc
    except yaml.YAMLError as exc:
        raise KubeconfigError(f"YAML error: {exc}") from exc
    if document is None:
        return ParsedKubeconfig(contexts=(), current_context=None)
    if not isinstance(document, dict) or not any(key in document for key in _KUBECONFIG_KEYS):
        if isinstance(document, dict) and document.get("kind") == "Config":
            return ParsedKubeconfig(contexts=(), current_context=None)
        raise NotAKubeconfig("no clusters, contexts or users")
    return _parse_document(document)


def _yaml_error(exc: yaml.MarkedYAMLError) -> KubeconfigError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if mark is None:
        return KubeconfigError(f"YAML error: {problem}.")
    line = mark.line + 1
    where = f"line {line}, column {mark.column + 1}"
    context = f" ({exc.context})" if exc.context and exc.problem else ""
    return KubeconfigError(f"YAML error at {where}: {problem}{context}.", line=line)


def _named_entries(document: dict[str, Any], key: str, inner: str) -> dict[str, dict[str, Any]]:
    """`clusters`/`contexts`/`users` as name → item; the first of two equal names wins (kubectl)."""
    items = document.get(key)
    if items is None:
        return {}
    if not isinstance(items, list):
        raise KubeconfigError(f"`{key}` must be a list, not {_kind(items)}.")
    entries: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(items):
        where = f"`{key}[{index}]`"
        if not isinstance(item, dict):
            raise KubeconfigError(f"{where} must be a mapping, not {_kind(item)}.")
        name = item.get("name")
        if not isinstance(name, str) or not name:
            raise KubeconfigError(f"{where} has no `name`.")
        body = item.get(inner)
        if body is not None and not isinstance(body, dict):
            raise KubeconfigError(f"{where}.{inner} (`{name}`) must be a mapping.")
        entries.setdefault(name, item)
    return entries


def _parse_document(document: dict[str, Any]) -> ParsedKubeconfig:
    clusters = _named_entries(document, "clusters", "cluster")
    users = _named_entries(document, "users", "user")
    contexts = _named_entries(document, "contexts", "context")
    current = document.get("current-context")
    entries = tuple(_context_entry(name, item, clusters, users) for name, item in contexts.items())
    return ParsedKubeconfig(
        contexts=entries, current_context=current if isinstance(current, str) else None
    )


def _optional_str(body: dict[str, Any], key: str, where: str) -> str | None:
    value = body.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise KubeconfigError(f"{where}.{key} must be a string, not {_kind(value)}.")
    return value


def _context_entry(
    name: str,
    item: dict[str, Any],
    clusters: dict[str, dict[str, Any]],
    users: dict[str, dict[str, Any]],
) -> ContextEntry:
    body = item.get("context") or {}
    where = f"context `{name}`"
    cluster_name = _optional_str(body, "cluster", where)
    user_name = _optional_str(body, "user", where)
    namespace = _optional_str(body, "namespace", where)
    cluster_item = clusters.get(cluster_name) if cluster_name else None
    user_item = users.get(user_name) if user_name else None
    server: str | None = None
    if cluster_item is not None:
        server = _optional_str(
            cluster_item.get("cluster") or {}, "server", f"cluster `{cluster_name}`"
        )

    reason: str | None = None
    if cluster_name is None:
        reason = f"Context `{name}` names no cluster."
    elif cluster_item is None:
        reason = (
            f"Context `{name}` refers to cluster `{cluster_name}`, which this file does not define."
        )
    elif user_name is not None and user_item is None:
        reason = f"Context `{name}` refers to user `{user_name}`, which this file does not define."
    elif server is None:
        reason = f"Cluster `{cluster_name}` of context `{name}` has no server address."

    standalone: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": name,
        "contexts": [copy.deepcopy(item)],
        "clusters": [copy.deepcopy(cluster_item)] if cluster_item is not None else [],
        "users": [copy.deepcopy(user_item)] if user_item is not None else [],
    }
    return ContextEntry(
        name=name,
        cluster=cluster_name,
        user=user_name,
        namespace=namespace,
        server=server,
        disabled_reason=reason,
        standalone=standalone,
    )


def _kind(value: object) -> str:
    names = {dict: "a mapping", list: "a list", str: "a string", bool: "a boolean"}
    for kind, label in names.items():
        if isinstance(value, kind):
            return label
    if isinstance(value, int | float):
        return "a number"
    return "empty" if value is None else type(value).__name__
