"""Log bytes to lines (LineSplitter) and resuming a follow without repeats (LogCursor)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from backend.refresh.streams.log_lines import CUT_MARK, LineSplitter, LogCursor

# --- LineSplitter --------------------------------------------------------------------------------


def test_lines_spanning_chunks_come_out_whole() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"2026-01-01T00:00:00Z one\n2026-") == ["2026-01-01T00:00:00Z one"]
    assert splitter.feed(b"01-01T00:00:01Z tw") == []
    assert splitter.feed(b"o\n") == ["2026-01-01T00:00:01Z two"]
    assert splitter.finish() == []


def test_a_last_line_without_a_line_break_comes_out_at_the_end() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"a\nb") == ["a"]
    assert splitter.finish() == ["b"]


def test_carriage_returns_before_line_breaks_are_dropped_and_bad_utf8_is_replaced() -> None:
    splitter = LineSplitter()
    assert splitter.feed(b"crlf\r\n\xff\xfe bytes\n") == ["crlf", "\ufffd\ufffd bytes"]


def test_a_runaway_line_is_cut_once_and_the_rest_of_it_is_skipped() -> None:
    splitter = LineSplitter(limit=8)
    assert splitter.feed(b"0123456789") == ["01234567" + CUT_MARK]
    assert splitter.feed(b"more of the same line") == []
    assert splitter.feed(b"still\nnext\n") == ["next"]
    assert splitter.feed(b"0123456789abc\nok\n") == ["01234567" + CUT_MARK, "ok"]


@given(
    st.lists(
        st.text(
            alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"),
            max_size=20,
        ),
        max_size=12,
    ),
    st.lists(st.integers(1, 7), min_size=1, max_size=40),
)
def test_any_chunking_gives_the_same_lines(lines: list[str], cuts: list[int]) -> None:
    data = "".join(line + "\n" for line in lines).encode()
    splitter = LineSplitter(limit=1 << 20)
    out: list[str] = []
    position, index = 0, 0
    while position < len(data):
        size = cuts[index % len(cuts)]
        out += splitter.feed(data[position : position + size])
        position += size
        index += 1
    out += splitter.finish()
    assert out == lines


# --- LogCursor -----------------------------------------------------------------------------------


def read(cursor: LogCursor, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    return [(ts, text) for ts, text in lines if cursor.accept(ts, text)]


def test_a_reopened_follow_skips_what_was_read_before_and_at_the_last_timestamp() -> None:
    cursor = LogCursor()
    first = [(1, "a"), (2, "b"), (3, "c"), (3, "d")]
    assert read(cursor, first) == first
    assert cursor.seq == 4
    cursor.reopen()
    # The server resends from the start of the second: everything up to (3, "d") is old.
    again = [(2, "b"), (3, "c"), (3, "d"), (3, "e"), (4, "f")]
    assert read(cursor, again) == [(3, "e"), (4, "f")]
    assert cursor.seq == 6


def test_identical_lines_at_one_timestamp_are_counted_not_collapsed() -> None:
    cursor = LogCursor()
    assert read(cursor, [(5, "x"), (5, "x")]) == [(5, "x"), (5, "x")]
    cursor.reopen()
    assert read(cursor, [(5, "x"), (5, "x"), (5, "x")]) == [(5, "x")]


def test_after_the_boundary_every_line_is_new_even_if_its_text_repeats() -> None:
    cursor = LogCursor()
    read(cursor, [(1, "tick")])
    cursor.reopen()
    assert read(cursor, [(1, "tick"), (2, "tick"), (2, "tick")]) == [(2, "tick"), (2, "tick")]


def test_a_cursor_that_read_nothing_accepts_everything() -> None:
    cursor = LogCursor()
    cursor.reopen()
    assert read(cursor, [(3, "a"), (1, "b")]) == [(3, "a"), (1, "b")]
    assert cursor.last_ns == 3


@given(
    st.lists(st.tuples(st.integers(0, 6), st.sampled_from("abc")), max_size=30),
    st.integers(0, 30),
    st.integers(0, 2),
)
def test_reopening_anywhere_loses_and_repeats_nothing(
    log: list[tuple[int, str]], cut: int, rounding: int
) -> None:
    """A log in timestamp order is read up to `cut`; the reopened follow resends everything from
    some time at or before the last timestamp read (the server rounds `sinceTime` down)."""
    log = sorted(log)
    cut = min(cut, len(log))
    cursor = LogCursor()
    seen = read(cursor, log[:cut])
    cursor.reopen()
    since = -1 if cursor.last_ns is None else cursor.last_ns - rounding
    seen += read(cursor, [line for line in log if line[0] >= since])
    assert seen == log
