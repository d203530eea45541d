"""kubernetes_asyncio's kubeconfig loader and ApiClient, without its generated models.

Importing anything of kubernetes_asyncio runs the package's `__init__`, which imports every API
class and ~800 generated models: 2 s and ~45 MB before the first cluster is even selected, for
classes Regatta never uses (requests go through `ApiClient.call_api` and come back as raw bodies,
see `kube.transport`). So the package, its `client` and its `client.models` are registered
without running their `__init__`; the modules Regatta uses (configuration, api_client, rest, the
config loader) import as usual. A name such a package does not have yet (`client.CoreV1Api`,
`client.models.V1Pod`) runs its real `__init__` first, so code that wants the models still
gets them.

Import this module where a client is built, not at start-up: it still brings aiohttp, urllib3,
dateutil and yaml.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from types import ModuleType
from typing import Any

_PACKAGE = "kubernetes_asyncio"
_INIT_DEFERRED = (_PACKAGE, f"{_PACKAGE}.client", f"{_PACKAGE}.client.models")


def _register_without_init(name: str) -> ModuleType:
    """Put package `name` in sys.modules with its path but not its `__init__` code."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    package = importlib.util.module_from_spec(spec)
    loader = spec.loader

    def complete(attribute: str) -> Any:
        """A submodule imports alone; any other missing name runs the real `__init__` first."""
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if importlib.util.find_spec(f"{name}.{attribute}") is not None:
            return importlib.import_module(f"{name}.{attribute}")
        del package.__getattr__
        loader.exec_module(package)
        return getattr(package, attribute)

    package.__getattr__ = complete  # type: ignore[method-assign]
    sys.modules[name] = package
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, package)
    return package


if _PACKAGE not in sys.modules:
    for _name in _INIT_DEFERRED:
        _register_without_init(_name)

from kubernetes_asyncio.client.api_client import ApiClient  # noqa: E402
from kubernetes_asyncio.client.configuration import Configuration  # noqa: E402

_client = sys.modules[f"{_PACKAGE}.client"]
# What the config loader imports by name from `client`; setting them keeps its `__init__` unrun.
_client.ApiClient = ApiClient  # type: ignore[attr-defined]
_client.Configuration = Configuration  # type: ignore[attr-defined]

from kubernetes_asyncio.config.config_exception import ConfigException  # noqa: E402
from kubernetes_asyncio.config.kube_config import KubeConfigLoader  # noqa: E402

__all__ = ["ApiClient", "ConfigException", "Configuration", "KubeConfigLoader"]
