"""One action on objects of several clusters: per cluster concurrently, each under its timeout.

Every object goes through the same dispatch as a single action (`ActionService.run`), so access,
protection and the ref's own cluster are checked exactly as they are one by one. A cluster that
does not answer in time gets `timeout` for its unfinished objects — the request may or may not
have reached it, and the message says so — while the other clusters' objects are done.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Final

from backend.actions.action import parse_body
from backend.actions.protection import CONFIRM_FIELD
from backend.actions.service import ActionService
from backend.clusters.service import ClusterService
from backend.contract.bulk import BulkItem, BulkOutcome, BulkRequest, BulkResult
from backend.contract.snapshots import ObjectRef
from backend.errors import RegattaError

log = logging.getLogger(__name__)

PER_CLUSTER_CONCURRENCY: Final = 4
"""Objects of one cluster in flight at once: enough to be quick, few enough not to flood it."""

OUTCOMES: Final[dict[str, BulkOutcome]] = {
    "forbidden": "forbidden",
    "cluster_read_only": "read_only",
    "confirmation_required": "confirmation_required",
    "confirmation_mismatch": "confirmation_required",
    "object_not_found": "not_found",
    "cluster_timeout": "timeout",
    "cluster_unreachable": "unreachable",
}


class BulkActions:
    def __init__(self, clusters: ClusterService, actions: ActionService) -> None:
        self._clusters = clusters
        self._actions = actions

    async def run(self, body: Any) -> BulkResult:
        request = parse_body(BulkRequest, body, '{"action", "refs", ...}')
        by_cluster: dict[str, list[int]] = {}
        for index, ref in enumerate(request.refs):
            by_cluster.setdefault(ref.cluster_id, []).append(index)
        items: list[BulkItem | None] = [None] * len(request.refs)
        await asyncio.gather(
            *(self._cluster(request, indexes, items) for indexes in by_cluster.values())
        )
        return BulkResult(action=request.action, items=[i for i in items if i is not None])

    async def _cluster(
        self, request: BulkRequest, indexes: list[int], items: list[BulkItem | None]
    ) -> None:
        gate = asyncio.Semaphore(PER_CLUSTER_CONCURRENCY)

        async def one(index: int) -> None:
            async with gate:
                items[index] = await self._one(request, request.refs[index])

        try:
            async with asyncio.timeout(request.timeout_seconds):
                await asyncio.gather(*(one(i) for i in indexes))
        except TimeoutError:
            for index in indexes:
                if items[index] is None:
                    ref = request.refs[index]
                    items[index] = self._item(
                        ref,
                        "timeout",
                        f"Cluster {self._name(ref.cluster_id)} did not answer within "
                        f"{request.timeout_seconds:g} s; `{request.action}` of {_label(ref)} may"
                        " or may not have happened.",
                        "timeout",
                    )

    async def _one(self, request: BulkRequest, ref: ObjectRef) -> BulkItem:
        params = dict(request.params)
        typed = request.confirm_cluster_names.get(ref.cluster_id)
        if typed is not None:
            params[CONFIRM_FIELD] = typed
        body = {"ref": ref.wire(), "params": params}
        try:
            result = await self._actions.run(request.action, body)
        except RegattaError as exc:
            return self._item(ref, OUTCOMES.get(exc.code, "failed"), exc.message, exc.code)
        except Exception:  # one object's surprise must not stop the others
            log.exception("bulk %s of %s failed", request.action, _label(ref))
            return self._item(ref, "failed", f"`{request.action}` of {_label(ref)} failed.")
        return self._item(ref, "ok", result.message)

    def _item(
        self, ref: ObjectRef, outcome: BulkOutcome, message: str, code: str | None = None
    ) -> BulkItem:
        return BulkItem(
            cluster_id=ref.cluster_id,
            cluster_name=self._name(ref.cluster_id),
            ref=ref,
            outcome=outcome,
            message=message,
            code=code,
        )

    def _name(self, cluster_id: str) -> str:
        context = self._clusters.inventory.get(cluster_id)
        return context.cluster_name if context is not None else cluster_id


def _label(ref: ObjectRef) -> str:
    where = f"{ref.namespace}/" if ref.namespace else ""
    return f"{ref.kind} {where}{ref.name}"
