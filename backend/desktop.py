"""The two ways to run the backend: in a desktop window, or headless for scripts and tests."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import threading
from typing import Any

from backend.app import RegattaApp
from backend.errors import RegattaError

log = logging.getLogger(__name__)

BRIDGE_TIMEOUT_S = 30.0
WINDOW_TITLE = "Regatta"


def run_headless(app: RegattaApp) -> None:
    """Serve until SIGINT/SIGTERM; print the one JSON line once the server accepts requests."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    app.start()
    print(json.dumps({"url": app.url, "port": app.port, "token": app.token}), flush=True)
    stop.wait()
    app.stop()


class JsApi:
    """The pywebview js_api: the same bridge object as `POST /api/v1/bridge/<method>`.

    pywebview runs each call in its own thread and rejects the JS promise with the exception's
    message, so a contract error travels as the JSON text of the error shape.
    """

    def __init__(self, app: RegattaApp) -> None:
        self._app = app

    def _call(self, method: str, args: list[Any]) -> Any:
        assert self._app.services is not None
        bridge = self._app.services.clusters.bridge
        try:
            result = self._app.submit(bridge.call(method, args)).result(BRIDGE_TIMEOUT_S)
        except RegattaError as exc:
            raise BridgeCallError(json.dumps(exc.payload() | {"status": exc.status})) from None
        return (
            result.model_dump(mode="json", by_alias=True)
            if hasattr(result, "model_dump")
            else result
        )

    def list_kubeconfigs(self) -> Any:
        return self._call("list_kubeconfigs", [])

    def get_selection(self) -> Any:
        return self._call("get_selection", [])

    def set_selection(self, cluster_ids: list[str]) -> Any:
        return self._call("set_selection", [cluster_ids])


class BridgeCallError(Exception):
    """Carries the contract's error shape, as JSON, to the JS side."""


def run_window(app: RegattaApp) -> None:
    """Open the window on the app's URL; closing it (or Ctrl-C) stops the backend."""
    os.environ.setdefault("QT_API", "pyside6")
    if os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()
    import webview  # imported late: Qt is heavy and headless mode does not need it

    app.start()
    window = webview.create_window(
        WINDOW_TITLE, app.url, js_api=JsApi(app), width=1280, height=800, min_size=(800, 500)
    )
    assert window is not None
    signal.signal(signal.SIGINT, lambda *_: window.destroy())
    signal.signal(signal.SIGTERM, lambda *_: window.destroy())
    print(json.dumps({"url": app.url, "port": app.port, "token": app.token}), flush=True)
    try:
        webview.start(gui="qt", debug=app.options.dev_tools)
    finally:
        app.stop()
    sys.exit(0)
