"""The query parameters of the stream endpoints, checked (a bad value is a 400 `bad_query`)."""

from __future__ import annotations

import re

from starlette.datastructures import Headers, QueryParams

from backend.errors import RegattaError
from backend.refresh.streams.limits import DEFAULT_REORDER_WINDOW_S, MAX_REORDER_WINDOW_S
from backend.refresh.streams.log_filter import LineFilter
from backend.refresh.streams.logs import LogOptions


def bad_query(parameter: str, value: str, why: str) -> RegattaError:
    return RegattaError(
        400,
        "bad_query",
        f"`{parameter}={value}` is not valid: {why}.",
        parameter=parameter,
        value=value,
    )


def reorder_window_s(params: QueryParams) -> float:
    """`window` (milliseconds, 0 to 10,000) in seconds; the default when absent."""
    text = params.get("window")
    if text is None:
        return DEFAULT_REORDER_WINDOW_S
    try:
        window_ms = float(text)
    except ValueError:
        raise bad_query("window", text, "it must be a number of milliseconds") from None
    limit_ms = MAX_REORDER_WINDOW_S * 1000
    if not 0 <= window_ms <= limit_ms:  # also refuses nan and inf
        raise bad_query("window", text, f"it must be between 0 and {limit_ms:g} milliseconds")
    return window_ms / 1000


def log_options(params: QueryParams) -> LogOptions:
    return LogOptions(
        tail_lines=_whole_number(params, "tailLines", minimum=0),
        since_seconds=_whole_number(params, "sinceSeconds", minimum=1),
        previous=_flag(params, "previous"),
        filter=line_filter(params),
    )


def line_filter(params: QueryParams) -> LineFilter:
    """`include`, `exclude` (text) and `includeRegex`, `excludeRegex`, each repeatable."""
    return LineFilter(
        include_text=tuple(text.casefold() for text in params.getlist("include") if text),
        exclude_text=tuple(text.casefold() for text in params.getlist("exclude") if text),
        include_regex=_patterns(params, "includeRegex"),
        exclude_regex=_patterns(params, "excludeRegex"),
    )


def _patterns(params: QueryParams, name: str) -> tuple[re.Pattern[str], ...]:
    patterns: list[re.Pattern[str]] = []
    for text in params.getlist(name):
        if not text:
            continue
        try:
            patterns.append(re.compile(text))
        except re.error as exc:
            raise bad_query(name, text, f"it is not a regular expression ({exc})") from None
    return tuple(patterns)


def last_event_id(headers: Headers) -> int | None:
    """The `Last-Event-ID` a reconnecting client sends; -1 for one this server cannot have made."""
    text = headers.get("last-event-id")
    if text is None or not text.strip():
        return None
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 18 else -1


def signature(path: str, params: QueryParams) -> str:
    """What a resumed request must repeat: the path and the query (order-insensitive)."""
    items = sorted(params.multi_items())
    return path + "?" + "&".join(f"{k}={v}" for k, v in items)


def _whole_number(params: QueryParams, name: str, minimum: int) -> int | None:
    text = params.get(name)
    if text is None:
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 12 or int(text) < minimum:
        raise bad_query(name, text, f"it must be a whole number of at least {minimum}")
    return int(text)


def _flag(params: QueryParams, name: str) -> bool:
    text = params.get(name)
    if text is None:
        return False
    folded = text.strip().lower()
    if folded in ("true", "1"):
        return True
    if folded in ("false", "0", ""):
        return False
    raise bad_query(name, text, "it must be `true` or `false`")
