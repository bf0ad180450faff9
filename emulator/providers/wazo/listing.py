"""GET /phone-numbers as wazo-confd answers it (xivo-dao's SearchSystem over the phone_number table):
search, exact filters, order, then offset and limit; the total counts before the page is cut.

``search`` is an ILIKE ``%term%`` over every column cast to text, accents removed (unaccent /
unidecode): so it is case- and accent-insensitive, matches shared and main as "true" / "false",
and ``%`` and ``_`` in the term are LIKE's wildcards.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ...core.directory import Listing

COLUMNS = ("number", "caller_id_name", "shared", "main")
DEFAULT_ORDER = "number"


def fold(text: str) -> str:
    """Text as the search compares it: accents dropped, case folded."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def like(term: str) -> re.Pattern[str]:
    """A LIKE pattern (``%`` any run, ``_`` one character, ``\\`` escapes) as a regex searched for."""
    parts, escaped = [], False
    for char in fold(term):
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    if escaped:
        parts.append(re.escape("\\"))
    return re.compile("".join(parts), re.DOTALL)


def as_text(listing: Listing, column: str) -> str | None:
    """A column as PostgreSQL casts it to text."""
    if column == "number":
        return listing.number
    if column == "caller_id_name":
        return listing.name
    return "true" if getattr(listing, column) else "false"


def _sort_key(column: str) -> Callable[[Listing], Any]:
    if column == "caller_id_name":  # NULL sorts after every name ascending (PostgreSQL)
        return lambda listing: (listing.name is None, listing.name or "")
    if column == "number":
        return lambda listing: listing.number
    return lambda listing: getattr(listing, column)


@dataclass(frozen=True)
class Query:
    search: str | None
    filters: tuple[tuple[str, Any], ...]
    order: str
    descending: bool
    limit: int | None
    offset: int

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> Query:
        """From the list operation's validated parameters."""
        filters = tuple((column, params[column]) for column in COLUMNS if column in params)
        return cls(params.get("search") or None, filters, params.get("order") or DEFAULT_ORDER,
                   params.get("direction") == "desc", params.get("limit"), params.get("offset", 0))

    def matches(self, listing: Listing) -> bool:
        for column, wanted in self.filters:
            value = listing.name if column == "caller_id_name" else getattr(listing, column)
            if value != wanted:
                return False
        return True

    def run(self, listings: Iterable[Listing]) -> tuple[int, list[Listing]]:
        """(total matching, this page of them in order)."""
        found = [listing for listing in listings if self.matches(listing)] if self.filters else list(listings)
        if self.search:
            pattern = like(self.search)
            found = [listing for listing in found
                     if any(text is not None and pattern.search(fold(text))
                            for text in (as_text(listing, column) for column in COLUMNS))]
        found.sort(key=lambda listing: listing.id)  # ties in the order are broken by uuid
        found.sort(key=_sort_key(self.order), reverse=self.descending)
        end = self.offset + self.limit if self.limit else None
        return len(found), found[self.offset:end]
