"""From a log response's bytes to lines, and where a follow resumes without repeating a line.

`LineSplitter` cuts the byte chunks of a follow into lines (a line may span chunks; a runaway line
is cut at `MAX_LOG_LINE_BYTES`). `LogCursor` remembers how far one container's log was read, so a
follow reopened after a failure (`sinceTime` = the last timestamp, which the API server rounds
down to the second) skips the lines already sent: everything stamped before the last timestamp,
and, at that timestamp, the lines already seen there (compared by text, counting repeats).
"""

from __future__ import annotations

from collections import Counter
from typing import Final

from backend.refresh.streams.limits import MAX_LOG_LINE_BYTES

CUT_MARK: Final = "…"
"""Appended to a line that was cut at `MAX_LOG_LINE_BYTES`."""


class LineSplitter:
    """Bytes in, complete lines out (without the line break), decoded as UTF-8."""

    __slots__ = ("_cutting", "_limit", "_pending")

    def __init__(self, limit: int = MAX_LOG_LINE_BYTES) -> None:
        if limit < 1:
            raise ValueError(f"line limit must be positive, got {limit}")
        self._limit = limit
        self._pending = b""
        self._cutting = False  # the current line was already cut: drop bytes until its end

    def feed(self, chunk: bytes) -> list[str]:
        """The lines `chunk` completes."""
        *complete, rest = (self._pending + chunk if self._pending else chunk).split(b"\n")
        if complete and self._cutting:  # the end of a line already cut
            self._cutting = False
            complete = complete[1:]
        lines = [self._decode(line) for line in complete]
        if self._cutting:
            rest = b""
        elif len(rest) > self._limit:
            lines.append(_cut(rest, self._limit))
            self._cutting, rest = True, b""
        self._pending = rest
        return lines

    def finish(self) -> list[str]:
        """The last line if the log did not end with a line break."""
        rest, self._pending, self._cutting = self._pending, b"", False
        return [rest.decode("utf-8", "replace").removesuffix("\r")] if rest else []

    def _decode(self, line: bytes) -> str:
        if len(line) > self._limit:
            return _cut(line, self._limit)
        return line.decode("utf-8", "replace").removesuffix("\r")


def _cut(line: bytes, limit: int) -> str:
    return line[:limit].decode("utf-8", "ignore") + CUT_MARK


class LogCursor:
    """How far one container's log has been read: the last timestamp and the lines stamped with it.

    `seq` counts the distinct lines read so far (lines the rate limit drops still count, so a gap
    in `seq` shows a loss).
    """

    __slots__ = ("_skip", "_skip_ns", "at_last", "last_ns", "seq")

    def __init__(self) -> None:
        self.last_ns: int | None = None
        self.at_last: list[str] = []
        """Texts of the lines stamped `last_ns`, in reading order (a list: cheap per line)."""
        self.seq = 0
        self._skip_ns: int | None = None
        self._skip: Counter[str] = Counter()

    def reopen(self) -> None:
        """A new response starts; it repeats what was read since `last_ns`'s second."""
        self._skip_ns = self.last_ns
        self._skip = Counter(self.at_last)

    def accept(self, timestamp_ns: int, text: str) -> bool:
        """Whether a line of the current response is new; a new line is recorded."""
        skip_ns = self._skip_ns
        if skip_ns is not None:
            if timestamp_ns < skip_ns:
                return False
            if timestamp_ns == skip_ns:
                if self._skip[text] > 0:
                    self._skip[text] -= 1
                    return False
            else:
                self._skip_ns = None  # past the boundary: everything from here is new
                self._skip.clear()
        self.seq += 1
        last = self.last_ns
        if last is None or timestamp_ns > last:
            self.last_ns = timestamp_ns
            self.at_last = [text]
        elif timestamp_ns == last:
            self.at_last.append(text)
        return True
