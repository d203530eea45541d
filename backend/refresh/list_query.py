"""The query parameters every list domain accepts (contract §6), parsed and checked once."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import QueryParams

from backend.errors import bad_request
from backend.refresh.label_selector import LabelSelector, parse_label_selector
from backend.refresh.limits import DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, QUERY_TEXT_MAX

MAX_OFFSET = 1_000_000_000
"""Far past any real list; bounded so paging arithmetic stays in machine-sized integers."""


@dataclass(frozen=True)
class ListQuery:
    text: str
    namespaces: frozenset[str]
    kinds: frozenset[str]
    sort: str | None
    descending: bool
    limit: int
    offset: int
    labels: LabelSelector | None = None
    """`labelSelector`: only rows whose labels match (rows of kinds kept without labels never do)."""


def parse_list_query(params: QueryParams) -> ListQuery:
    text = params.get("q", "").strip()
    selector = params.get("labelSelector", "")
    for name, value in (("q", text), ("labelSelector", selector)):
        if len(value) > QUERY_TEXT_MAX:
            message = f"`{name}` is longer than {QUERY_TEXT_MAX} characters."
            raise bad_request("bad_query", message, param=name)
    order = params.get("order", "asc")
    if order not in ("asc", "desc"):
        raise bad_request(
            "bad_query", f"`order` must be `asc` or `desc`, not `{order}`.", param="order"
        )
    return ListQuery(
        text=text.casefold(),
        namespaces=frozenset(n for n in params.getlist("namespace") if n),
        kinds=frozenset(k.casefold() for k in params.getlist("kind") if k),
        sort=params.get("sort") or None,
        descending=order == "desc",
        limit=_int_param(params, "limit", DEFAULT_PAGE_LIMIT, 0, MAX_PAGE_LIMIT),
        offset=_int_param(params, "offset", 0, 0, MAX_OFFSET),
        labels=parse_label_selector(selector),
    )


def _int_param(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise bad_request(
            "bad_query", f"`{name}` must be a whole number, not `{raw}`.", param=name
        ) from None
    if not low <= value <= high:
        raise bad_request(
            "bad_query", f"`{name}` must be between {low} and {high}, not {value}.", param=name
        )
    return value
