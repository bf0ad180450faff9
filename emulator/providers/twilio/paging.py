"""Twilio's paging: the 2010 API's envelope (relative URIs, ``PageToken`` = PA/PB + a cursor) and
Pricing v1's ``meta`` (absolute URLs).

twilio-python follows ``next_page_uri`` by prepending its base URL, and accepts exactly one
top-level key besides the paging keys: the envelope carries nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence
from urllib.parse import urlencode

from ...core import InvalidArgument

AFTER, BEFORE = "PA", "PB"


@dataclass(frozen=True)
class PageRequest:
    size: int
    page: int
    after: str | None  # cursor: the page starts after this key
    before: str | None  # cursor: the page ends before this key

    @classmethod
    def of(cls, params: dict[str, Any], default_size: int = 50) -> "PageRequest":
        token = params.get("PageToken") or ""
        after = before = None
        if token:
            kind, cursor = token[:2], token[2:]
            if kind not in (AFTER, BEFORE) or not cursor:
                raise InvalidArgument("PageToken", "PageToken is not one this API issued")
            after, before = (cursor, None) if kind == AFTER else (None, cursor)
        return cls(params.get("PageSize", default_size), params.get("Page", 0), after, before)


def _uri(path: str, filters: Sequence[tuple[str, Any]], size: int, page: int, token: str | None = None) -> str:
    query = [*filters, ("PageSize", size), ("Page", page)] + ([("PageToken", token)] if token else [])
    return f"{path}?{urlencode([(k, _text(v)) for k, v in query])}"


def _text(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def envelope(
    list_key: str,
    items: list[Any],
    keys: tuple[str | None, str | None],
    *,
    path: str,
    filters: Sequence[tuple[str, Any]],
    request: PageRequest,
    has_next: bool,
) -> dict[str, Any]:
    """The 2010 API's page. ``keys``: cursors of the first and last item (None when empty)."""
    first_key, last_key = keys
    size, page = request.size, request.page
    start = page * size
    current = AFTER + request.after if request.after else BEFORE + request.before if request.before else None
    return {
        list_key: items,
        "end": start + len(items) - 1 if items else 0,
        "first_page_uri": _uri(path, filters, size, 0),
        "next_page_uri": _uri(path, filters, size, page + 1, AFTER + last_key) if has_next and last_key else None,
        "page": page,
        "page_size": size,
        "previous_page_uri": _uri(path, filters, size, page - 1, BEFORE + first_key) if page > 0 and first_key else None,
        "start": start,
        "uri": _uri(path, filters, size, page, current),
    }


def meta(key: str, url: str, request: PageRequest, keys: tuple[str | None, str | None], has_next: bool) -> dict[str, Any]:
    """Pricing v1's ``meta`` block (absolute URLs: its SDK follows them as they are)."""
    first_key, last_key = keys
    size, page = request.size, request.page
    current = AFTER + request.after if request.after else BEFORE + request.before if request.before else None
    return {
        "first_page_url": _uri(url, (), size, 0),
        "key": key,
        "next_page_url": _uri(url, (), size, page + 1, AFTER + last_key) if has_next and last_key else None,
        "page": page,
        "page_size": size,
        "previous_page_url": _uri(url, (), size, page - 1, BEFORE + first_key) if page > 0 and first_key else None,
        "url": _uri(url, (), size, page, current),
    }
