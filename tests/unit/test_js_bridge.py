"""Issue #10: the page reaches Python only through the three bridge methods.

Driven through pywebview's own dispatcher (`webview.util.js_bridge_call`, what the Qt backend
calls for every `window.pywebview.api.…` call) on a real `webview.Window`, with the object and
functions the desktop app hands to it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from types import SimpleNamespace
from typing import Any

import pytest
import webview
from webview.util import js_bridge_call

from backend.contract.errors import BridgeError
from backend.desktop import BridgeCallError, SealedApi, bridge_caller, bridge_functions, launch_line
from backend.errors import not_found

BRIDGE_METHODS = ["list_kubeconfigs", "get_selection", "set_selection"]


class Recorder:
    """Stands in for the bridge caller; counts what reached Python."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[Any]]] = []

    def __call__(self, method: str, args: list[Any]) -> Any:
        self.calls.append((method, args))
        return {"selectedClusterIds": ["a:b"]}


@pytest.fixture
def window() -> Iterator[webview.Window]:
    win = webview.create_window("bridge test", "about:blank", js_api=SealedApi())
    assert win is not None
    try:
        yield win
    finally:
        webview.windows.remove(win)


def wire(window: webview.Window, recorder: Recorder) -> list[str]:
    """Expose the bridge as the desktop app does; answers to the page are recorded, not run."""
    answers: list[str] = []
    answered = threading.Event()

    def evaluate_js(script: str) -> None:
        answers.append(script)
        answered.set()

    window.expose(*bridge_functions(recorder))
    window.evaluate_js = evaluate_js  # type: ignore[method-assign]
    window.answered = answered  # type: ignore[attr-defined]
    return answers


def test_the_page_sees_exactly_the_bridge_methods(window: webview.Window) -> None:
    wire(window, Recorder())
    assert sorted(window._functions) == sorted(BRIDGE_METHODS)
    assert dir(window._js_api) == []


@pytest.mark.parametrize(
    "name",
    [
        "_app.services.clusters.settings_store.path.write_text",
        "_app",
        "_call",
        "__class__",
        "__init__.__globals__.clear",
        "__dict__",
        "__getattribute__",
        "__setattr__",
        "list_kubeconfigs.__globals__.clear",
        "list_kubeconfigs.__globals__.__setitem__",
        "list_kubeconfigs.__closure__",
        "list_kubeconfigs.__builtins__.__setitem__",
        "set_selection.__code__",
        "get_selection.__call__",
        "services",
        "call",
    ],
)
def test_any_other_name_is_refused(
    window: webview.Window, name: str, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder()
    answers = wire(window, recorder)
    with caplog.at_level(logging.ERROR, logger="pywebview"):
        js_bridge_call(window, name, ["/tmp/regatta-pwned", "x"], "id-1")
    assert f"Function {name}() does not exist" in caplog.text
    assert recorder.calls == [] and answers == []


def test_a_bridge_method_is_called_and_answers_the_page(window: webview.Window) -> None:
    recorder = Recorder()
    answers = wire(window, recorder)
    js_bridge_call(window, "set_selection", [["a:b"]], "id-2")
    assert window.answered.wait(10)  # type: ignore[attr-defined]
    assert recorder.calls == [("set_selection", [["a:b"]])]
    assert '_returnValuesCallbacks["set_selection"]["id-2"]' in answers[0]
    assert "a:b" in answers[0]


class FakeApp:
    port = 45678
    token = "the-launch-token-abcdef"
    url = f"http://127.0.0.1:45678/?token={token}"


def test_only_headless_mode_prints_the_token() -> None:
    app: Any = FakeApp()
    headless = json.loads(launch_line(app, headless=True))
    window = launch_line(app, headless=False)
    assert headless == {"url": app.url, "port": app.port, "token": app.token}
    assert app.token not in window
    assert json.loads(window) == {"url": "http://127.0.0.1:45678/", "port": app.port}


def test_a_refused_call_rejects_with_the_error_shape_and_its_status() -> None:
    async def refuse(method: str, args: list[Any]) -> Any:
        raise not_found("cluster_not_found", "No cluster x.", clusterId="x")

    def submit(work: Coroutine[Any, Any, Any]) -> Future[Any]:
        done: Future[Any] = Future()
        try:
            done.set_result(asyncio.run(work))
        except Exception as exc:
            done.set_exception(exc)
        return done

    app: Any = SimpleNamespace(
        services=SimpleNamespace(clusters=SimpleNamespace(bridge=SimpleNamespace(call=refuse))),
        submit=submit,
    )
    with pytest.raises(BridgeCallError) as raised:
        bridge_caller(app)("get_selection", [])
    body = BridgeError.model_validate_json(str(raised.value))
    assert body.status == 404
    assert body.wire() == {
        "error": {"code": "cluster_not_found", "message": "No cluster x.", "clusterId": "x"},
        "status": 404,
    }
