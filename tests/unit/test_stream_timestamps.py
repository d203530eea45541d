"""RFC 3339 parsing into nanoseconds, formatting back, and splitting kubelet log lines."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backend.refresh.streams.timestamps import (
    format_rfc3339_ns,
    parse_rfc3339_ns,
    split_log_line,
)

S = 1_000_000_000
# 2026-11-26T07:49:41Z
BASE_S = int(datetime.datetime(2026, 11, 26, 7, 49, 41, tzinfo=datetime.UTC).timestamp())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-26T07:49:41.123456789Z", BASE_S * S + 123_456_789),
        ("2026-11-26T07:49:41.1234Z", BASE_S * S + 123_400_000),
        ("2026-11-26T07:49:41.1Z", BASE_S * S + 100_000_000),
        ("2026-11-26T07:49:41Z", BASE_S * S),
        ("2026-11-26T07:49:41.000000001Z", BASE_S * S + 1),
        ("2026-11-26t07:49:41.5z", BASE_S * S + 500_000_000),
        ("2026-11-26T09:49:41.123456789+02:00", BASE_S * S + 123_456_789),
        ("2026-11-26T02:19:41-05:30", BASE_S * S),
        ("2026-11-26T07:49:41+00:00", BASE_S * S),
        ("2026-11-26T07:49:41-00:00", BASE_S * S),
        ("2026-11-26T07:49:41.1234567891234Z", BASE_S * S + 123_456_789),  # truncated
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59.5Z", -S // 2),
        (
            "2016-12-31T23:59:60Z",
            int(datetime.datetime(2017, 1, 1, tzinfo=datetime.UTC).timestamp()) * S,
        ),
        (
            "2024-02-29T00:00:00Z",
            int(datetime.datetime(2024, 2, 29, tzinfo=datetime.UTC).timestamp()) * S,
        ),
    ],
)
def test_parses_rfc3339_to_nanoseconds(text: str, expected: int) -> None:
    assert parse_rfc3339_ns(text) == expected


BAD = [
    "",
    "garbage",
    "2026-11-26",
    "2026-11-26T07:49",
    "2026-11-26T07:49:41",  # no zone
    "2026-11-26T07:49:41.123",  # no zone
    "2026-11-26T07:49:41.Z",  # empty fraction
    "2026-11-26T07:49:41,123Z",
    "2026-11-26 07:49:41Z",  # space separator would break "<timestamp> <text>"
    " 2026-11-26T07:49:41Z",
    "2026-11-26T07:49:41Zjunk",
    "2026-11-26T07:49:41.12a4Z",
    "2026-11-26T07:49:41.+123Z",
    "2026-11-26T07:49:41.١٢٣Z",  # Arabic-Indic digits: int() would accept them
    "2026-11-26T07:49:41.¹²³Z",  # superscripts: str.isdigit() would accept them
    "２０２６-11-26T07:49:41Z",
    "2026-11-26T07:49:41+0200",
    "2026-11-26T07:49:41+02",
    "2026-11-26T07:49:41+24:00",
    "2026-11-26T07:49:41+02:60",
    "2026-13-01T00:00:00Z",
    "2026-00-01T00:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-11-31T00:00:00Z",
    "2026-11-26T24:00:00Z",
    "2026-11-26T07:60:00Z",
    "2026-11-26T07:49:61Z",
    "0000-01-01T00:00:00Z",
    "+2026-11-26T07:49:41Z",
]


@pytest.mark.parametrize("text", BAD)
def test_rejects_what_is_not_rfc3339_naming_the_text(text: str) -> None:
    parse_rfc3339_ns("2026-11-26T07:49:41.123456789Z")  # cache the shared prefix: fast path too
    with pytest.raises(ValueError, match="not an RFC 3339 timestamp") as error:
        parse_rfc3339_ns(text)
    assert repr(text)[1:-1][:100] in str(error.value)


def test_a_very_long_bad_text_is_shortened_in_the_message() -> None:
    with pytest.raises(ValueError) as error:
        parse_rfc3339_ns("x" * 10_000)
    assert len(str(error.value)) < 200


@st.composite
def aware_datetimes(draw: st.DrawFn) -> tuple[str, int]:
    """An RFC 3339 text built by hand and its nanoseconds computed with datetime."""
    moment = draw(
        st.datetimes(
            min_value=datetime.datetime(1, 1, 2),
            max_value=datetime.datetime(9999, 12, 30),
        )
    )
    offset_minutes = draw(st.integers(-23 * 60 - 59, 23 * 60 + 59))
    nanos = draw(st.integers(0, S - 1))
    digits = draw(st.integers(0, 9))
    kept = nanos // 10 ** (9 - digits) * 10 ** (9 - digits)
    fraction = f".{nanos:09d}"[: digits + 1] if digits else ""
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    zone = (
        draw(st.sampled_from(["Z", "z"]))
        if offset_minutes == 0
        else f"{sign}{hours:02d}:{minutes:02d}"
    )
    text = moment.strftime("%Y-%m-%dT%H:%M:%S").rjust(19, "0") + fraction + zone
    local = moment.replace(
        microsecond=0, tzinfo=datetime.timezone(datetime.timedelta(minutes=offset_minutes))
    )
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
    whole_seconds = (local - epoch) // datetime.timedelta(seconds=1)
    return text, whole_seconds * S + kept


@given(aware_datetimes())
def test_agrees_with_datetime_for_any_date_offset_and_precision(case: tuple[str, int]) -> None:
    text, expected = case
    assert parse_rfc3339_ns(text) == expected


@given(st.integers(-(10**9) * S, 200 * 365 * 86400 * S))
def test_format_then_parse_is_the_identity(ns: int) -> None:
    text = format_rfc3339_ns(ns)
    assert len(text.rsplit(".", 1)[1]) == len("123456789Z")
    assert parse_rfc3339_ns(text) == ns


def test_formats_with_nine_fraction_digits_in_utc() -> None:
    assert format_rfc3339_ns(BASE_S * S + 123_400_000) == "2026-11-26T07:49:41.123400000Z"
    assert format_rfc3339_ns(0) == "1970-01-01T00:00:00.000000000Z"


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("2026-11-26T07:49:41.123456789Z hello world", "hello world"),
        ("2026-11-26T07:49:41.123456789Z   indented", "  indented"),
        ("2026-11-26T07:49:41.123456789Z ", ""),
        ("2026-11-26T07:49:41.123456789Z", ""),
        ("2026-11-26T07:49:41.123456789Z a\ttab and trailing space ", "a\ttab and trailing space "),
    ],
)
def test_splits_a_kubelet_line_into_nanoseconds_and_text(line: str, text: str) -> None:
    assert split_log_line(line) == (BASE_S * S + 123_456_789, text)


@pytest.mark.parametrize(
    "line", ["", "hello world", " 2026-11-26T07:49:41Z text", "2026-11-26T07:49:41 text"]
)
def test_a_line_without_a_leading_timestamp_is_an_error_naming_the_line(line: str) -> None:
    with pytest.raises(
        ValueError, match="log line does not start with an RFC 3339 timestamp"
    ) as error:
        split_log_line(line)
    assert repr(line) in str(error.value)
