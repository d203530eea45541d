"""Which clusters are active: checking a requested selection and keeping one true to the files.

Pure functions over an `Inventory`: `validate_selection` enforces contract §5 (unknown id 404,
duplicate context name 409 with its exact sentence, disabled context 409) before anything
changes; `reconcile` carries a selection across a rediscovery (or a restart), following a file
whose id changed and dropping — with the reason — what is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from backend.clusters.discovery import DiscoveredContext, Inventory
from backend.clusters.identity import is_cluster_id, parse_cluster_id
from backend.errors import RegattaError


def duplicate_context_sentence(context: str) -> str:
    """The contract's exact message (and the selector's tooltip) for a second context `context`."""
    return f"`{context}` is already active. Duplicate context names are not allowed."


def validate_selection(requested: Sequence[str], inventory: Inventory) -> list[str]:
    """The selection to apply, in the given order, or a RegattaError; nothing is changed here."""
    for cluster_id in requested:
        if inventory.get(cluster_id) is None:
            raise unknown_cluster(cluster_id)
    for cluster_id in requested:
        context = inventory.contexts[cluster_id]
        if context.entry.disabled_reason is not None:
            raise RegattaError(
                409,
                "context_disabled",
                f"`{cluster_id}` cannot be selected: {context.entry.disabled_reason}",
                clusterId=cluster_id,
            )
    active: set[str] = set()
    for cluster_id in requested:
        name = inventory.contexts[cluster_id].cluster_name
        if name in active:
            raise RegattaError(
                409,
                "duplicate_context",
                duplicate_context_sentence(name),
                clusterId=cluster_id,
                clusterName=name,
            )
        active.add(name)
    return list(requested)


def unknown_cluster(cluster_id: str) -> RegattaError:
    """404: `cluster_id` names no discovered context (or is no cluster id at all)."""
    if not is_cluster_id(cluster_id):
        message = f"`{cluster_id}` is not a cluster id (`<file>:<context>`)."
    else:
        message = f"No discovered kubeconfig has the context `{cluster_id}`."
    return RegattaError(404, "unknown_cluster", message, clusterId=cluster_id)


def listing_disabled_reason(
    context: DiscoveredContext, selected: Sequence[str], inventory: Inventory
) -> str | None:
    """Why the selector shows `context` disabled: its file's own problem, or a same-named active one."""
    if context.entry.disabled_reason is not None:
        return context.entry.disabled_reason
    if context.cluster_id in selected:
        return None
    for cluster_id in selected:
        other = inventory.get(cluster_id)
        if other is not None and other.cluster_name == context.cluster_name:
            return duplicate_context_sentence(context.cluster_name)
    return None


@dataclass(slots=True)
class Reconciliation:
    """A selection carried onto a new inventory."""

    selected: list[str]
    renamed: dict[str, str] = field(default_factory=dict)
    """Old id → new id, for files whose `<file>` name changed (a same-named file came or went)."""
    dropped: dict[str, str] = field(default_factory=dict)
    """Id → why it is no longer selected (a sentence)."""

    @property
    def changed(self) -> bool:
        return bool(self.renamed or self.dropped)


def reconcile(
    selected: Sequence[str], inventory: Inventory, previous: Inventory | None = None
) -> Reconciliation:
    """Keep what still exists, follow renamed ids, resolve legacy `<path>:<context>` entries."""
    result = Reconciliation(selected=[])
    names: set[str] = set()
    for cluster_id in selected:
        before = previous.get(cluster_id) if previous is not None else None
        target = _find(cluster_id, before, inventory)
        if target is None:
            result.dropped[cluster_id] = _why_gone(cluster_id, before, inventory)
            continue
        if target.entry.disabled_reason is not None:
            result.dropped[cluster_id] = (
                f"`{cluster_id}` was deselected: {target.entry.disabled_reason}"
            )
            continue
        if target.cluster_id in result.selected:
            result.dropped[cluster_id] = f"`{cluster_id}` was listed twice; the first is kept."
            continue
        if target.cluster_name in names:
            result.dropped[cluster_id] = (
                f"`{cluster_id}` was deselected: " + duplicate_context_sentence(target.cluster_name)
            )
            continue
        if target.cluster_id != cluster_id:
            result.renamed[cluster_id] = target.cluster_id
        names.add(target.cluster_name)
        result.selected.append(target.cluster_id)
    return result


def _find(
    cluster_id: str, before: DiscoveredContext | None, inventory: Inventory
) -> DiscoveredContext | None:
    found = inventory.get(cluster_id)
    if found is not None:
        return found
    if before is not None:  # the same file and context under a new `<file>` name
        return _by_path(inventory, str(before.path), before.cluster_name)
    for source in inventory.sources:  # version-1 settings: `<absolute path>:<context>`
        prefix = f"{source.path}:"
        if source.error is None and cluster_id.startswith(prefix):
            found = _by_path(inventory, str(source.path), cluster_id[len(prefix) :])
            if found is not None:
                return found
    return None


def _by_path(inventory: Inventory, path: str, context: str) -> DiscoveredContext | None:
    return next(
        (
            c
            for c in inventory.contexts.values()
            if str(c.path) == path and c.cluster_name == context
        ),
        None,
    )


def _why_gone(cluster_id: str, before: DiscoveredContext | None, inventory: Inventory) -> str:
    """A sentence saying why `cluster_id` is no longer selectable."""
    head = f"`{cluster_id}` was deselected"
    if before is not None:
        source = inventory.source_for(before.path)
        if source is None:
            return f"{head}: its kubeconfig file {before.path} is gone."
        if source.error is not None:
            return f"{head}: its kubeconfig file {before.path} cannot be used: {source.error}"
        return f"{head}: {before.path} no longer has the context `{before.cluster_name}`."
    if not is_cluster_id(cluster_id):
        return f"{head}: it is not a context of any discovered kubeconfig."
    identity = parse_cluster_id(cluster_id)
    for source in inventory.sources:
        if source.file == identity.file:
            if source.error is not None:
                return f"{head}: its kubeconfig file {source.path} cannot be used: {source.error}"
            return f"{head}: {source.path} has no context `{identity.context}`."
    return f"{head}: no discovered kubeconfig file is named `{identity.file}`."
