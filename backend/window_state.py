"""The window's remembered size and position: a small JSON file next to the settings.

It lives apart from `settings.json` because it changes on every drag and is worth nothing: a
missing, corrupt or odd file only costs the default geometry (and a log line), never a crash and
never a settings migration. Writes are atomic, like the settings', and debounced while the user
drags or resizes, then flushed at once when the window closes.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from backend.settings import default_config_dir, write_atomically

log = logging.getLogger(__name__)

WINDOW_STATE_FILE_NAME = "window.json"
SCHEMA_VERSION = 1
DEFAULT_WIDTH = 1280
DEFAULT_HEIGHT = 800
MIN_WIDTH = 800
MIN_HEIGHT = 500
MAX_EXTENT = 16384  # larger than any screen wall; a bigger value is a broken file
MAX_COORDINATE = 32767  # what X11 and Win32 accept for a window position
VISIBLE_MARGIN = 100  # the window's top-left square of this size must show…
MIN_VISIBLE = 50  # …at least this far in each direction on one screen (window frames can
# sit a few pixels off-screen, so requiring all of it would drop good positions)
SAVE_DELAY_S = 0.5  # a drag sends dozens of events; write once it settles
# The first move a toolkit reports after placing the window at a remembered position may differ
# from the position asked for by the window frame (Qt moves the frame but may report the client
# area, or the reverse, before the window manager has framed it). A difference up to this size is
# that offset and is subtracted from later reports, so the window does not creep across launches;
# a bigger one means the window manager put the window elsewhere, which is then remembered.
MAX_FRAME_OFFSET = 64


@dataclass(frozen=True)
class WindowGeometry:
    """Outer size and top-left position; no position means "let the system place it"."""

    width: int = DEFAULT_WIDTH
    height: int = DEFAULT_HEIGHT
    x: int | None = None
    y: int | None = None

    def to_json(self) -> bytes:
        document = {"version": SCHEMA_VERSION, "width": self.width, "height": self.height}
        if self.x is not None and self.y is not None:
            document |= {"x": self.x, "y": self.y}
        return json.dumps(document, indent=2).encode("utf-8") + b"\n"


@dataclass(frozen=True)
class ScreenArea:
    x: int
    y: int
    width: int
    height: int


def _int_in(value: Any, low: int, high: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if low <= value <= high else None


def parse_geometry(document: Any) -> WindowGeometry:
    """The geometry a file holds; raises ValueError saying what is wrong with it."""
    if not isinstance(document, dict):
        raise ValueError("it does not hold a JSON object")
    if document.get("version") != SCHEMA_VERSION:
        raise ValueError(f"it has the unknown version {document.get('version')!r}")
    width = _int_in(document.get("width"), 1, MAX_EXTENT)
    height = _int_in(document.get("height"), 1, MAX_EXTENT)
    if width is None or height is None:
        raise ValueError(f"width and height must be whole numbers from 1 to {MAX_EXTENT}")
    x = _int_in(document.get("x"), -MAX_COORDINATE, MAX_COORDINATE)
    y = _int_in(document.get("y"), -MAX_COORDINATE, MAX_COORDINATE)
    if x is None or y is None:
        x = y = None
    return WindowGeometry(max(width, MIN_WIDTH), max(height, MIN_HEIGHT), x, y)


def visible_placement(geometry: WindowGeometry, screens: list[ScreenArea]) -> WindowGeometry:
    """Drop a remembered position that no screen shows any more (a monitor was unplugged)."""
    if geometry.x is None or geometry.y is None or not screens:
        return geometry
    x, y = geometry.x, geometry.y
    for screen in screens:
        wide = min(x + VISIBLE_MARGIN, screen.x + screen.width) - max(x, screen.x)
        high = min(y + VISIBLE_MARGIN, screen.y + screen.height) - max(y, screen.y)
        if wide >= MIN_VISIBLE and high >= MIN_VISIBLE:
            return geometry
    return replace(geometry, x=None, y=None)


class WindowStateFile:
    """`window.json` in the config folder (`--config-dir` or the platform's)."""

    def __init__(self, config_dir: Path | None = None) -> None:
        self.path = (config_dir or default_config_dir()) / WINDOW_STATE_FILE_NAME

    def load(self) -> WindowGeometry:
        try:
            return parse_geometry(json.loads(self.path.read_bytes().decode("utf-8")))
        except FileNotFoundError:
            return WindowGeometry()
        except (OSError, ValueError) as exc:  # undecodable, not JSON, or not a geometry
            reason = getattr(exc, "strerror", None) or exc
            log.warning("window state %s ignored: %s", self.path, reason)
            return WindowGeometry()

    def save(self, geometry: WindowGeometry) -> bool:
        """Write atomically; a failure is logged (losing the geometry is not worth an error)."""
        try:
            write_atomically(self.path, geometry.to_json())
        except OSError as exc:
            log.warning("window state not saved to %s: %s", self.path, exc.strerror or exc)
            return False
        return True


class GeometryRecorder:
    """Follows the window's resize and move events and saves the latest geometry.

    pywebview calls event handlers on fresh threads, so every method is thread-safe. A change
    is written `delay_s` after the last event; `flush` writes a pending change at once.
    """

    def __init__(
        self, store: WindowStateFile, initial: WindowGeometry, delay_s: float = SAVE_DELAY_S
    ) -> None:
        self._store = store
        self._delay_s = delay_s
        self._lock = threading.Lock()
        self._current = initial
        self._dirty = False
        self._timer: threading.Timer | None = None
        self._placement_pending = initial.x is not None and initial.y is not None
        self._offset = (0, 0)

    @property
    def current(self) -> WindowGeometry:
        with self._lock:
            return self._current

    def resized(self, width: int, height: int) -> None:
        self._change(width=max(int(width), 1), height=max(int(height), 1))

    def moved(self, x: int, y: int) -> None:
        x, y = int(x), int(y)
        with self._lock:
            if self._placement_pending:
                self._placement_pending = False
                asked_x, asked_y = self._current.x or 0, self._current.y or 0
                dx, dy = x - asked_x, y - asked_y
                if abs(dx) <= MAX_FRAME_OFFSET and abs(dy) <= MAX_FRAME_OFFSET:
                    self._offset = (dx, dy)
                    return
            dx, dy = self._offset
        self._change(x=x - dx, y=y - dy)

    def _change(self, **fields: int) -> None:
        with self._lock:
            updated = replace(self._current, **fields)
            if updated == self._current:
                return
            self._current, self._dirty = updated, True
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self._delay_s, self.flush)
            self._timer.daemon = True
            self._timer.start()

    def flush(self, always: bool = False) -> None:
        """Write a pending change now; `always` writes even an unchanged geometry (on close, so
        the file exists and replaces a corrupt one)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if not (self._dirty or always):
                return
            self._dirty = False
            geometry = self._current
            self._store.save(geometry)
