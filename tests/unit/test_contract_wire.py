"""Payloads built without their model (for speed) still follow it exactly."""

from __future__ import annotations

import pytest

from backend.contract.streams import Dropped, LogLine
from backend.refresh.streams.logs import LOG_LINE_FIELDS
from tests.wire_check import assert_wire


def test_log_lines_use_the_models_wire_names_in_the_order_the_stream_fills_them() -> None:
    values = ("a:b|pod:ns/p/c", "a:b", "b", "ns", "p", "c", "2025-01-01T00:00:00Z", "hi", 1, False)
    line = dict(zip(LOG_LINE_FIELDS, values, strict=True))
    assert_wire(LogLine, line)
    assert (line["pod"], line["seq"]) == ("p", 1)


def test_the_wire_check_fails_on_extra_and_missing_fields() -> None:
    assert_wire(Dropped, {"count": 1, "reason": "slow_consumer", "source": None})
    with pytest.raises(AssertionError, match="missing \\['source'\\]"):
        assert_wire(Dropped, {"count": 1, "reason": "slow_consumer"})
    with pytest.raises(AssertionError, match="extra \\['x'\\]"):
        assert_wire(Dropped, {"count": 1, "reason": "r", "source": None, "x": 1})
