"""Reading one kubeconfig file into its contexts, each standing alone.

A file is read on its own (kubectl's cross-file merging is not done: an id names one file), and
every context becomes a `ContextEntry` carrying a minimal, self-contained kubeconfig (the context,
its cluster and its user) that the client factory loads and the watcher compares for changes.
Broken files raise `KubeconfigError` with the parser's message and line; files that are
well-formed YAML but plainly something else are told apart so a folder scan can skip them.
"""

from __future__ import annotations

import copy
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from backend.clusters.limits import KUBECONFIG_MAX_BYTES
from backend.errors import Failure

_KUBECONFIG_KEYS = ("clusters", "contexts", "users", "current-context")
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class KubeconfigError(Failure):
    """A file meant to be a kubeconfig that cannot be read or understood."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
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


def read_kubeconfig(path: Path) -> tuple[ContextEntry, ...]:
    """The contexts of a file; `KubeconfigError` if unreadable or broken, `NotAKubeconfig` if other.

    Only a regular file of at most `KUBECONFIG_MAX_BYTES` is opened: a FIFO would block the read
    forever and a device (`/dev/zero`) would never end, so both are refused from their `stat`.
    """
    try:
        raw = _read_regular_file(path)
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


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path`, checked to be a regular file of bounded size before it is opened."""
    info = os.stat(path)
    _check_regular(info.st_mode, info.st_size)
    # O_NONBLOCK: should the path become a FIFO between stat and open, the open does not wait
    # for a writer, and the fstat below refuses it before any read.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode, info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            raw = stream.read(KUBECONFIG_MAX_BYTES + 1)
    finally:
        os.close(fd)
    _check_regular(stat.S_IFREG, len(raw))  # it grew while being read
    return raw


def _check_regular(mode: int, size: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError
    if not stat.S_ISREG(mode):
        what = next((name for test, name in _SPECIAL_FILES if test(mode)), "a special file")
        raise KubeconfigError(
            f"This is {what}, not a regular file: a kubeconfig must be a regular file."
        )
    if size > KUBECONFIG_MAX_BYTES:
        raise KubeconfigError(
            f"File is {size} bytes, more than the {KUBECONFIG_MAX_BYTES} a kubeconfig may have."
        )


def parse_kubeconfig_text(text: str) -> tuple[ContextEntry, ...]:
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
        return ()
    if not isinstance(document, dict) or not any(key in document for key in _KUBECONFIG_KEYS):
        if isinstance(document, dict) and document.get("kind") == "Config":
            return ()
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


def _named_entries(document: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    """`clusters`/`contexts`/`users` as name → item; the first of two equal names wins (kubectl).

    Only what leaves no entry to list is an error of the whole file (not a list, an item without
    a name); a named entry with unusable settings disables the contexts that use it instead.
    """
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
        entries.setdefault(name, item)
    return entries


def _parse_document(document: dict[str, Any]) -> tuple[ContextEntry, ...]:
    clusters = _named_entries(document, "clusters")
    users = _named_entries(document, "users")
    contexts = _named_entries(document, "contexts")
    return tuple(_context_entry(name, item, clusters, users) for name, item in contexts.items())


def _body(item: dict[str, Any], inner: str, who: str, problems: list[str]) -> dict[str, Any]:
    """The settings mapping of an entry (`{}` when absent); a wrong type is noted in `problems`."""
    body = item.get(inner)
    if body is None:
        return {}
    if not isinstance(body, dict):
        problems.append(f"{who}: `{inner}` must be a mapping, not {_kind(body)}.")
        return {}
    return body


def _text(body: dict[str, Any], key: str, who: str, problems: list[str]) -> str | None:
    """An optional string setting; a wrong type is noted in `problems` and read as absent."""
    value = body.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        problems.append(f"{who}: `{key}` must be a string, not {_kind(value)}.")
        return None
    return value


def _context_entry(
    name: str,
    item: dict[str, Any],
    clusters: dict[str, dict[str, Any]],
    users: dict[str, dict[str, Any]],
) -> ContextEntry:
    problems: list[str] = []
    who = f"Context `{name}`"
    body = _body(item, "context", who, problems)
    cluster_name = _text(body, "cluster", who, problems)
    user_name = _text(body, "user", who, problems)
    namespace = _text(body, "namespace", who, problems)
    cluster_item = clusters.get(cluster_name) if cluster_name else None
    user_item = users.get(user_name) if user_name else None
    server: str | None = None
    if cluster_item is not None:
        cluster_who = f"Cluster `{cluster_name}` of context `{name}`"
        server = _text(
            _body(cluster_item, "cluster", cluster_who, problems), "server", cluster_who, problems
        )
    if user_item is not None:
        _body(user_item, "user", f"User `{user_name}` of context `{name}`", problems)

    if problems:
        reason: str | None = " ".join(problems)
    elif cluster_name is None:
        reason = f"Context `{name}` names no cluster."
    elif cluster_item is None:
        reason = (
            f"Context `{name}` refers to cluster `{cluster_name}`, which this file does not define."
        )
    elif user_name is not None and user_item is None:
        reason = f"Context `{name}` refers to user `{user_name}`, which this file does not define."
    elif server is None:
        reason = f"Cluster `{cluster_name}` of context `{name}` has no server address."
    elif user_name is None:
        reason = f"Context `{name}` names no user: Regatta needs credentials to connect."
    else:
        reason = None

    user_copy = copy.deepcopy(user_item) if user_item is not None else None
    if user_copy is not None and user_copy.get("user") is None:
        user_copy["user"] = {}  # `- name: u` alone means no credentials, as kubectl reads it
    standalone: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "Config",
        "current-context": name,
        "contexts": [copy.deepcopy(item)],
        "clusters": [copy.deepcopy(cluster_item)] if cluster_item is not None else [],
        "users": [user_copy] if user_copy is not None else [],
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
