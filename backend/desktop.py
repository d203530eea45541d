"""The two ways to run the backend: in a desktop window, or headless for scripts and tests.

The window is only a viewer of the local server's UI. What it adds: the three bridge functions
for `window.pywebview.api` (the same Bridge as `POST /api/v1/bridge/<method>`, and nothing else of
Python reachable from the page), a remembered size and position, a menu to reload and quit, and a
rule that the app window only ever shows the app — any other address opens in the system browser.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

from backend import __version__
from backend.app import RegattaApp
from backend.applog import configure_logging
from backend.contract.errors import BridgeError
from backend.errors import RegattaError
from backend.window_state import (
    MIN_HEIGHT,
    MIN_WIDTH,
    GeometryRecorder,
    ScreenArea,
    WindowStateFile,
    visible_placement,
)

log = logging.getLogger(__name__)

BRIDGE_TIMEOUT_S = 30.0
WINDOW_TITLE = "Regatta"
# The same relative path in the source tree and in the PyInstaller bundle (see build/regatta.spec).
ICON_PATH = Path(__file__).resolve().parent.parent / "build" / "icons" / "regatta.png"
# Schemes a page may load without leaving the app; http(s)/mailto elsewhere go to the browser.
INTERNAL_SCHEMES = frozenset({"about", "data", "blob"})
BROWSER_SCHEMES = frozenset({"http", "https", "mailto"})

# Clicks on links to another origin become window.open, which every pywebview backend hands to
# the system browser; without this, macOS and Windows would navigate the app window away.
LINK_GUARD_JS = """
(() => {
  if (window.__regattaLinkGuard) return;
  window.__regattaLinkGuard = true;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || link.target === '_blank') return;
    const url = new URL(link.href, location.href);
    if (url.origin === location.origin || ['about:', 'data:', 'blob:', 'javascript:'].includes(url.protocol)) return;
    event.preventDefault();
    window.open(url.href, '_blank');
  }, true);
})();
"""


# pywebview builds each `window.pywebview.api.<name>` with `new Function`, which the page's CSP
# (no eval) refuses; this replacement, appended to pywebview's own script, builds the same
# functions as closures.
EVAL_FREE_CREATE_API_JS = """
window.pywebview._createApi = function (funcList) {
  funcList.forEach(function (element) {
    var funcName = element.func;
    window.pywebview._returnValuesCallbacks[funcName] = {};
    window.pywebview.api[funcName] = function () {
      var id = (Math.random() + '').substring(2);
      var promise = new Promise(function (resolve, reject) {
        window.pywebview._checkValue(funcName, resolve, reject, id);
      });
      window.pywebview._jsApiCallback(funcName, Array.prototype.slice.call(arguments), id);
      return promise;
    };
  });
};
"""


def _install_eval_free_pywebview(window: Any) -> None:
    """Keep pywebview working under the CSP: its API without `new Function`, and scripts sent to
    this window (bridge answers, the link guard) run as they are instead of inside `eval(…)`,
    which `Window.evaluate_js` wraps them in. Nothing here reads a script's result."""
    import webview.util

    load_js_files: Any = webview.util.load_js_files
    if not getattr(load_js_files, "regatta_eval_free", False):

        def eval_free_load_js_files(*args: Any) -> tuple[str, str]:
            js_code, finish_script = load_js_files(*args)
            return js_code + EVAL_FREE_CREATE_API_JS, finish_script

        eval_free_load_js_files.regatta_eval_free = True  # type: ignore[attr-defined]
        setattr(webview.util, "load_js_files", eval_free_load_js_files)  # noqa: B010
    window.evaluate_js = lambda script, callback=None: window.run_js(script)


def _start_logging(app: RegattaApp) -> None:
    path = configure_logging(secrets=[app.token])
    log.info(
        "Regatta %s starting (frozen: %s, port %d, log file %s)",
        __version__,
        bool(getattr(sys, "frozen", False)),
        app.port,
        path,
    )


def launch_line(app: RegattaApp, *, headless: bool) -> str:
    """Contract §2: headless, the one JSON line with the token (by design; never in the log).

    The window opens the token URL itself, so it prints only where it listens: a token on stdout
    would let anything that reads the terminal or a launcher's log into the API.
    """
    if headless:
        return json.dumps({"url": app.url, "port": app.port, "token": app.token})
    return json.dumps({"url": f"http://127.0.0.1:{app.port}/", "port": app.port})


def run_headless(app: RegattaApp) -> None:
    """Serve until SIGINT/SIGTERM; print the one JSON line once the server accepts requests."""
    _start_logging(app)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    app.start()
    print(launch_line(app, headless=True), flush=True)
    stop.wait()
    _stop_backend(app, "signal")
    exit_now(0)


def _stop_backend(app: RegattaApp, reason: str) -> None:
    started = time.monotonic()
    log.info("stopping (%s)", reason)
    app.stop()
    log.info("backend stopped in %.2f s", time.monotonic() - started)


class SealedApi:
    """What pywebview gets as `js_api`: an object that answers no attribute at all.

    pywebview resolves every dotted name the page sends with `getattr`, `_`-names and dunders
    included, so any attribute of the js_api object is a path from page JavaScript into Python
    (`_app.services…settings_store.path.write_text`). The bridge methods are registered with
    `window.expose` instead, looked up by their exact name only.
    """

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        raise AttributeError(name)

    def __dir__(self) -> list[str]:
        return []


BridgeCall = Callable[[str, list[Any]], Any]


def bridge_functions(call: BridgeCall) -> list[Callable[..., Any]]:
    """The three bridge methods (contract §5) as plain functions for `window.expose`; `call` is
    reachable only through their closures, which pywebview never walks."""

    def list_kubeconfigs() -> Any:
        return call("list_kubeconfigs", [])

    def get_selection() -> Any:
        return call("get_selection", [])

    def set_selection(cluster_ids: list[str]) -> Any:
        return call("set_selection", [cluster_ids])

    return [list_kubeconfigs, get_selection, set_selection]


def bridge_caller(app: RegattaApp) -> BridgeCall:
    """Runs a bridge method on the core loop; a contract error travels to the page as the JSON
    text of the error shape (pywebview rejects the JS promise with the exception's message)."""

    def call(method: str, args: list[Any]) -> Any:
        assert app.services is not None
        bridge = app.services.clusters.bridge
        try:
            result = app.submit(bridge.call(method, args)).result(BRIDGE_TIMEOUT_S)
        except RegattaError as exc:
            error = BridgeError.model_validate(exc.payload() | {"status": exc.status})
            raise BridgeCallError(error.model_dump_json(by_alias=True)) from None
        return result.model_dump(mode="json", by_alias=True)

    return call


class BridgeCallError(Exception):
    """Carries the contract's error shape, as JSON, to the JS side."""


def navigation_target(url: str, app_origin: str) -> str:
    """Where a navigation of the app window should go: "app", "browser" or "nowhere"."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in INTERNAL_SCHEMES:
        return "app"
    if scheme in ("http", "https") and f"{scheme}://{parts.netloc.lower()}" == app_origin:
        return "app"
    return "browser" if scheme in BROWSER_SCHEMES else "nowhere"


def launch_environment() -> dict[str, str]:
    """The environment the user started the app with.

    A PyInstaller bundle on Linux points LD_LIBRARY_PATH at its own libraries (GTK, NSS, …, copied
    from the build machine); a browser started with that would load them instead of its own.
    """
    env = dict(os.environ)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        env["LD_LIBRARY_PATH"] = original
    else:
        env.pop("LD_LIBRARY_PATH", None)
    return env


class SystemBrowser(webbrowser.BaseBrowser):
    """Frozen Linux: open links with `$BROWSER` (as the webbrowser module reads it) or xdg-open,
    in the user's environment. Registered as the preferred browser, so pywebview's own
    new-window handling uses it too."""

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        commands = [shlex.split(c) for c in os.environ.get("BROWSER", "").split(os.pathsep) if c]
        for command in [*commands, ["xdg-open"]]:
            has_slot = any("%s" in arg for arg in command)
            args = [arg.replace("%s", url) for arg in command] if has_slot else [*command, url]
            try:
                subprocess.Popen(
                    args,
                    env=launch_environment(),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    start_new_session=True,
                )
            except OSError:
                continue
            return True
        return False


def _guard_qt_navigation(app_origin: str) -> None:
    """Qt: refuse main-frame navigations away from the app (also scripted ones) and open them
    in the system browser. pywebview handles only new-window requests that way itself."""
    try:
        from webview.platforms.qt import BrowserView
    except Exception:  # a pywebview without the Qt backend: the JS guard still applies
        log.warning("Qt navigation guard not installed", exc_info=True)
        return
    page_class = BrowserView.WebPage
    default_accept: Any = page_class.acceptNavigationRequest

    def accept_navigation_request(page: Any, url: Any, nav_type: Any, is_main_frame: bool) -> bool:
        text = url.toString()
        target = navigation_target(text, app_origin)
        if not is_main_frame or target == "app":
            return bool(default_accept(page, url, nav_type, is_main_frame))
        parts = urlsplit(text)
        if target != "browser":
            log.warning("navigation to a %s: address refused", parts.scheme)
            return False
        log.info("opening %s://%s%s in the system browser", *parts[:3])
        if not webbrowser.open(text, new=2):
            log.warning("no system browser could open %s://%s", parts.scheme, parts.netloc)
        return False

    # Set on pywebview's own class (a subclass would break its `super(BrowserView.WebPage, …)`);
    # Qt looks the override up when a page is created, which happens after this.
    setattr(page_class, "acceptNavigationRequest", accept_navigation_request)  # noqa: B010


def _prepare_qt_environment() -> None:
    os.environ.setdefault("QT_API", "pyside6")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --no-sandbox".strip()


def run_window(app: RegattaApp) -> None:
    """Open the window on the app's URL; closing it (or Ctrl-C/SIGTERM) stops the backend."""
    _start_logging(app)
    on_linux = sys.platform.startswith("linux")
    if on_linux:
        _prepare_qt_environment()
    import webview  # imported late: the GUI toolkit is heavy and headless mode does not need it
    from webview.menu import Menu, MenuAction, MenuSeparator

    app_origin = f"http://127.0.0.1:{app.port}"
    if on_linux:
        _guard_qt_navigation(app_origin)
    webview.settings["OPEN_EXTERNAL_LINKS_IN_BROWSER"] = True
    if on_linux and getattr(sys, "frozen", False):
        webbrowser.register("regatta-system", None, SystemBrowser("regatta-system"), preferred=True)

    state_file = WindowStateFile(app.options.config_dir)
    recorder = GeometryRecorder(state_file, state_file.load())
    geometry = recorder.current

    app.start()
    window = webview.create_window(
        WINDOW_TITLE,
        app.url,
        js_api=SealedApi(),
        width=geometry.width,
        height=geometry.height,
        x=geometry.x,
        y=geometry.y,
        min_size=(MIN_WIDTH, MIN_HEIGHT),
    )
    assert window is not None
    _install_eval_free_pywebview(window)
    window.expose(*bridge_functions(bridge_caller(app)))

    def keep_on_screen() -> None:
        current = recorder.current
        screens = [ScreenArea(s.x, s.y, s.width, s.height) for s in webview.screens]
        if visible_placement(current, screens) != current and screens:
            log.info("the remembered window position is off every screen; moving it back")
            window.move(screens[0].x, screens[0].y)

    window.events.resized += recorder.resized
    window.events.moved += recorder.moved
    window.events.shown += keep_on_screen
    window.events.closing += lambda: recorder.flush(always=True)
    window.events.loaded += lambda: window.run_js(LINK_GUARD_JS)
    menu = [
        Menu(
            WINDOW_TITLE,
            [
                MenuAction("Reload", lambda: window.load_url(app.url)),
                MenuSeparator(),
                MenuAction("Quit", window.destroy),
            ],
        )
    ]
    signal.signal(signal.SIGINT, lambda *_: window.destroy())
    signal.signal(signal.SIGTERM, lambda *_: window.destroy())
    print(launch_line(app, headless=False), flush=True)
    icon = str(ICON_PATH) if ICON_PATH.is_file() else None
    try:
        webview.start(
            gui="qt" if on_linux else None, debug=app.options.dev_tools, menu=menu, icon=icon
        )
    finally:
        recorder.flush(always=True)
        _stop_backend(app, "window closed")
    exit_now(0)


def exit_now(code: int) -> NoReturn:
    """Leave without the interpreter's teardown, once the backend has stopped cleanly.

    Finalising thousands of modules and, in the window, the Qt/QtWebEngine objects takes another
    1–2 s on a busy machine for nothing (the browser profile is off the record). The atexit
    handlers still run: the log is flushed and closed, and libraries remove their temporary files.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)
