"""Start-up imports only what serving the UI needs (issue #20: start to JSON line, idle RSS).

Each check runs in a fresh interpreter, since this test process has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# What `python -m backend --headless` imports before it prints its JSON line.
START_UP = "import backend.__main__, backend.app, backend.desktop, backend.wiring, backend.http.app"


def _modules_after(code: str) -> set[str]:
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_start_up_loads_no_kubernetes_client_nor_aiohttp() -> None:
    loaded = _modules_after(START_UP)
    heavy = sorted(
        name
        for name in loaded
        if name.split(".")[0] in {"kubernetes_asyncio", "aiohttp", "urllib3", "dateutil"}
    )
    assert heavy == []


def test_the_kube_library_loads_without_the_generated_models() -> None:
    loaded = _modules_after("import backend.clusters.kube_library")
    assert "kubernetes_asyncio.client.api_client" in loaded
    assert "kubernetes_asyncio.config.kube_config" in loaded
    assert not [name for name in loaded if name.startswith("kubernetes_asyncio.client.models.")]
    assert not [name for name in loaded if name.startswith("kubernetes_asyncio.client.api.")]


def test_the_generated_models_still_come_when_asked_for() -> None:
    code = (
        "import backend.clusters.kube_library\n"
        "from kubernetes_asyncio.client import CoreV1Api, V1Pod\n"
        "from kubernetes_asyncio import client, config, watch\n"
        "import kubernetes_asyncio.client.models as models\n"
        "assert models.V1Pod is V1Pod and client.CoreV1Api is CoreV1Api\n"
        "assert callable(config.load_kube_config) and watch.Watch\n"
    )
    loaded = _modules_after(code)
    assert "kubernetes_asyncio.client.models.v1_pod" in loaded


def test_start_up_loads_neither_the_action_services_nor_every_contract_module() -> None:
    """Loaded at first use (#20): the action services with the first action request, a
    contract module with the code that uses it (not with the `backend.contract` package)."""
    loaded = _modules_after(START_UP)
    assert "backend.actions.service" not in loaded
    assert "backend.actions.registry" not in loaded
    assert "backend.contract.bulk" not in loaded
