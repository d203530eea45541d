"""The remembered window geometry: it round-trips, a bad file costs only the default, drags are
written once they settle, and a position no screen shows is forgotten."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path

import pytest

from backend.window_state import (
    DEFAULT_HEIGHT,
    DEFAULT_WIDTH,
    MIN_HEIGHT,
    MIN_WIDTH,
    WINDOW_STATE_FILE_NAME,
    GeometryRecorder,
    ScreenArea,
    WindowGeometry,
    WindowStateFile,
    visible_placement,
)

WAIT_S = 10.0


def test_a_saved_geometry_loads_back(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    assert store.save(WindowGeometry(1400, 900, -1200, 40))

    assert store.path == tmp_path / WINDOW_STATE_FILE_NAME
    assert WindowStateFile(tmp_path).load() == WindowGeometry(1400, 900, -1200, 40)
    assert json.loads(store.path.read_text()) == {
        "version": 1,
        "width": 1400,
        "height": 900,
        "x": -1200,
        "y": 40,
    }


def test_no_file_means_the_default_size_and_no_position(tmp_path: Path) -> None:
    assert WindowStateFile(tmp_path).load() == WindowGeometry(DEFAULT_WIDTH, DEFAULT_HEIGHT)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "Expecting property name"),
        (b"\xff\xfe\x00", "codec can't decode"),
        (b"[1280, 800]", "does not hold a JSON object"),
        (b'{"version": 7, "width": 1000, "height": 700}', "unknown version 7"),
        (b'{"version": 1, "width": "wide", "height": 700}', "whole numbers"),
        (b'{"version": 1, "width": 1000, "height": 0}', "whole numbers"),
        (b'{"version": 1, "width": true, "height": 700}', "whole numbers"),
        (b'{"version": 1, "width": 99999999, "height": 700}', "whole numbers"),
    ],
)
def test_a_corrupt_file_is_ignored_with_a_log_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, content: bytes, reason: str
) -> None:
    (tmp_path / WINDOW_STATE_FILE_NAME).write_bytes(content)

    with caplog.at_level(logging.WARNING, logger="backend.window_state"):
        geometry = WindowStateFile(tmp_path).load()

    assert geometry == WindowGeometry()
    assert len(caplog.records) == 1
    assert "window state" in caplog.records[0].getMessage()
    assert reason in caplog.records[0].getMessage()


def test_a_size_below_the_minimum_is_raised_and_a_bad_position_dropped(tmp_path: Path) -> None:
    (tmp_path / WINDOW_STATE_FILE_NAME).write_text(
        '{"version": 1, "width": 300, "height": 200, "x": 10, "y": "top"}'
    )
    assert WindowStateFile(tmp_path).load() == WindowGeometry(MIN_WIDTH, MIN_HEIGHT)


def test_a_corrupt_file_is_replaced_on_the_next_save(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    store.path.write_text("garbage")
    recorder = GeometryRecorder(store, store.load())

    recorder.flush(always=True)

    assert WindowStateFile(tmp_path).load() == WindowGeometry()
    assert [p.name for p in tmp_path.iterdir()] == [WINDOW_STATE_FILE_NAME]


def test_an_unwritable_folder_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING, logger="backend.window_state"):
        assert WindowStateFile(blocker / "config").save(WindowGeometry()) is False
    assert "not saved" in caplog.text


def test_a_drag_is_written_once_it_settles(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    writes: list[WindowGeometry] = []
    written = threading.Event()
    real_save = store.save

    def counting_save(geometry: WindowGeometry) -> bool:
        writes.append(geometry)
        result = real_save(geometry)
        written.set()
        return result

    store.save = counting_save  # type: ignore[method-assign]
    recorder = GeometryRecorder(store, WindowGeometry(), delay_s=0.2)

    for step in range(50):
        recorder.moved(100 + step, 50)
    recorder.resized(1500, 950)

    assert written.wait(WAIT_S), "the debounced save did not happen"
    assert writes == [WindowGeometry(1500, 950, 149, 50)]
    assert store.load() == WindowGeometry(1500, 950, 149, 50)


def test_flush_writes_a_pending_change_at_once_and_nothing_twice(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    recorder = GeometryRecorder(store, WindowGeometry(), delay_s=3600)

    recorder.flush()
    assert not store.path.exists(), "nothing changed, nothing written"

    recorder.resized(1000, 700)
    recorder.flush()
    assert store.load() == WindowGeometry(1000, 700)

    store.path.unlink()
    recorder.flush()
    assert not store.path.exists(), "the change was already written"


def test_concurrent_events_end_in_the_last_geometry(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    recorder = GeometryRecorder(store, WindowGeometry(), delay_s=0.05)
    threads = [threading.Thread(target=recorder.moved, args=(i, i)) for i in range(20)] + [
        threading.Thread(target=recorder.resized, args=(900 + i, 600)) for i in range(20)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorder.flush(always=True)

    saved = store.load()
    assert saved == recorder.current
    assert saved.x == saved.y and saved.height == 600


def test_the_first_report_after_placement_calibrates_the_frame_offset(tmp_path: Path) -> None:
    store = WindowStateFile(tmp_path)
    recorder = GeometryRecorder(store, WindowGeometry(1280, 800, 100, 100), delay_s=3600)

    recorder.moved(98, 72)  # where the toolkit says the window went: frame vs client area
    assert recorder.current == WindowGeometry(1280, 800, 100, 100)
    recorder.moved(298, 172)  # the user drags it 200 px right, 100 px down
    recorder.flush(always=True)

    assert store.load() == WindowGeometry(1280, 800, 300, 200)


def test_a_window_the_system_placed_elsewhere_is_remembered_there(tmp_path: Path) -> None:
    recorder = GeometryRecorder(
        WindowStateFile(tmp_path), WindowGeometry(1280, 800, 3000, 100), delay_s=3600
    )
    recorder.moved(40, 30)
    assert recorder.current == WindowGeometry(1280, 800, 40, 30)


def test_without_a_remembered_position_reports_are_taken_as_they_are(tmp_path: Path) -> None:
    recorder = GeometryRecorder(WindowStateFile(tmp_path), WindowGeometry(), delay_s=3600)
    recorder.moved(-2, -2)
    assert recorder.current == WindowGeometry(DEFAULT_WIDTH, DEFAULT_HEIGHT, -2, -2)


SCREENS = [ScreenArea(0, 0, 1920, 1080), ScreenArea(1920, 0, 1280, 1024)]


@pytest.mark.parametrize(
    ("geometry", "kept"),
    [
        (WindowGeometry(1280, 800, 100, 100), True),
        (WindowGeometry(1280, 800, 2500, 300), True),  # on the second screen
        (WindowGeometry(1280, 800, -1000, 100), False),  # a left monitor that is gone
        (WindowGeometry(1280, 800, 3170, 100), False),  # only 30 px of the corner would show
        (WindowGeometry(1280, 800, -8, -8), True),  # a frame slightly off the edge
        (WindowGeometry(1280, 800, 500, 1060), False),
        (WindowGeometry(1280, 800), True),  # no position: nothing to check
    ],
)
def test_a_position_no_screen_shows_is_dropped(geometry: WindowGeometry, kept: bool) -> None:
    placed = visible_placement(geometry, SCREENS)
    assert (placed == geometry) is kept
    assert (placed.width, placed.height) == (geometry.width, geometry.height)
    if not kept:
        assert (placed.x, placed.y) == (None, None)


def test_without_screen_information_the_position_stays() -> None:
    geometry = WindowGeometry(1280, 800, -5000, -5000)
    assert visible_placement(geometry, []) == geometry
