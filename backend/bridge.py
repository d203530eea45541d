"""The kubeconfig bridge (contract §5): one object behind js_api and `POST /api/v1/bridge/<method>`.

Both front doors call `Bridge.call(method, args)`, which checks the method name (404
`unknown_method`) and the argument shapes (400 `bad_arguments`) before anything runs, then
returns the method's contract model. The work itself is done by the cluster service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backend.contract.base import ContractModel
from backend.errors import RegattaError

if TYPE_CHECKING:
    from backend.clusters.service import ClusterService

_ARGUMENT_COUNTS = {"list_kubeconfigs": 0, "get_selection": 0, "set_selection": 1}


class Bridge:
    """`list_kubeconfigs()`, `get_selection()` and `set_selection(cluster_ids)`, called by name."""

    def __init__(self, core: ClusterService) -> None:
        self._core = core
        self.methods = list(_ARGUMENT_COUNTS)

    async def call(self, method: str, args: list[Any]) -> ContractModel:
        """Dispatch by name with positional JSON arguments; contract errors as RegattaError."""
        count = _ARGUMENT_COUNTS.get(method)
        if count is None:
            raise RegattaError(
                404,
                "unknown_method",
                f"The bridge has no method `{method}`; it has {', '.join(self.methods)}.",
                method=method,
            )
        if not isinstance(args, list):
            raise _bad_arguments(method, "the arguments must be a list")
        if len(args) != count:
            wanted = "no arguments" if count == 0 else f"{count} argument"
            raise _bad_arguments(method, f"it takes {wanted}, not {len(args)}")
        if method == "list_kubeconfigs":
            return await self._core.list_kubeconfigs()
        if method == "get_selection":
            return await self._core.get_selection()
        cluster_ids = args[0]
        if not isinstance(cluster_ids, list) or not all(isinstance(i, str) for i in cluster_ids):
            raise _bad_arguments(method, "its one argument must be a list of clusterId strings")
        return await self._core.set_selection(list(cluster_ids))


def _bad_arguments(method: str, why: str) -> RegattaError:
    return RegattaError(
        400, "bad_arguments", f"Bad arguments for `{method}`: {why}.", method=method
    )
