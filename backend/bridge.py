"""The kubeconfig bridge (contract §5): one object behind js_api and `POST /api/v1/bridge/<method>`.

Both front doors call `Bridge.call(method, args)`, which checks the method name (404
`unknown_method`) and the argument shapes (400 `bad_arguments`) before anything runs, then
returns the method's contract model. The work itself is done by the cluster service.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from backend.contract.base import ContractModel
from backend.contract.kubeconfig import KubeconfigListing, Selection
from backend.errors import RegattaError


class KubeconfigSelection(Protocol):
    """What the bridge needs from the cluster service."""

    async def list_kubeconfigs(self) -> KubeconfigListing: ...

    async def get_selection(self) -> Selection: ...

    async def set_selection(self, cluster_ids: list[str]) -> Selection: ...


class Bridge:
    """`list_kubeconfigs()`, `get_selection()`, `set_selection(cluster_ids)`, and `call`."""

    def __init__(self, core: KubeconfigSelection) -> None:
        self._core = core
        self._methods: dict[str, Callable[[list[Any]], Awaitable[ContractModel]]] = {
            "list_kubeconfigs": self._call_list_kubeconfigs,
            "get_selection": self._call_get_selection,
            "set_selection": self._call_set_selection,
        }

    @property
    def methods(self) -> list[str]:
        return list(self._methods)

    async def list_kubeconfigs(self) -> KubeconfigListing:
        return await self._core.list_kubeconfigs()

    async def get_selection(self) -> Selection:
        return await self._core.get_selection()

    async def set_selection(self, cluster_ids: list[str]) -> Selection:
        return await self._core.set_selection(list(cluster_ids))

    async def call(self, method: str, args: list[Any]) -> ContractModel:
        """Dispatch by name with positional JSON arguments; contract errors as RegattaError."""
        handler = self._methods.get(method)
        if handler is None:
            raise RegattaError(
                404,
                "unknown_method",
                f"The bridge has no method `{method}`; it has {', '.join(self._methods)}.",
                method=method,
            )
        if not isinstance(args, list):
            raise _bad_arguments(method, "the arguments must be a list")
        return await handler(args)

    async def _call_list_kubeconfigs(self, args: list[Any]) -> ContractModel:
        _expect_count("list_kubeconfigs", args, 0)
        return await self.list_kubeconfigs()

    async def _call_get_selection(self, args: list[Any]) -> ContractModel:
        _expect_count("get_selection", args, 0)
        return await self.get_selection()

    async def _call_set_selection(self, args: list[Any]) -> ContractModel:
        _expect_count("set_selection", args, 1)
        cluster_ids = args[0]
        if not isinstance(cluster_ids, list) or not all(isinstance(i, str) for i in cluster_ids):
            raise _bad_arguments(
                "set_selection", "its one argument must be a list of clusterId strings"
            )
        return await self.set_selection(cluster_ids)


def _expect_count(method: str, args: list[Any], count: int) -> None:
    if len(args) != count:
        wanted = "no arguments" if count == 0 else f"{count} argument{'s' * (count > 1)}"
        raise _bad_arguments(method, f"it takes {wanted}, not {len(args)}")


def _bad_arguments(method: str, why: str) -> RegattaError:
    return RegattaError(
        400, "bad_arguments", f"Bad arguments for `{method}`: {why}.", method=method
    )
