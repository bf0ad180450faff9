"""The relay REST API's paging: ``links`` {self, first, next?, prev?} as host-relative paths, and
cursor tokens ("PA" + the position of a page's last item, "PB" + that of its first).

Lists are newest first; a number's position is (purchase time in microseconds, digits), which
never changes while it is owned, so following ``next`` returns every number exactly once even
while numbers come and go.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from ...core.world import OwnedNumber
from .relay_errors import RelayInvalid

AFTER, BEFORE = "PA", "PB"
Position = tuple[int, str]
_TOKEN = re.compile(r"^P([AB])([0-9]{1,20})-([0-9]{1,15})$")


def position(record: OwnedNumber) -> Position:
    return (round(record.acquired_at * 1_000_000), record.number[1:])


def newest_first(records: Sequence[OwnedNumber]) -> list[OwnedNumber]:
    return sorted(records, key=position, reverse=True)


def token(kind: str, at: Position) -> str:
    return f"{kind}{at[0]}-{at[1]}"


@dataclass(frozen=True)
class PageRequest:
    number: int
    size: int
    kind: str | None  # AFTER, BEFORE or None (the first page)
    at: Position | None

    @classmethod
    def of(cls, params: dict[str, Any], default_size: int = 50) -> PageRequest:
        number, size, text = params.get("page_number", 0), params.get("page_size", default_size), params.get("page_token")
        if not text:
            if number > 0:
                raise RelayInvalid("page_token", "page_token is required when page_number is greater than 0")
            return cls(number, size, None, None)
        found = _TOKEN.match(text)
        if found is None:
            raise RelayInvalid("page_token", "page_token is not one this API issued")
        kind = AFTER if found.group(1) == "A" else BEFORE
        return cls(number, size, kind, (int(found.group(2)), found.group(3)))

    def slice(self, ordered: list[OwnedNumber]) -> tuple[list[OwnedNumber], bool]:
        """This page of ``ordered`` (newest first) and whether more follow it."""
        start = 0
        if self.at is not None:
            # positions strictly before the cursor in list order (newer) come first
            newer = next((i for i, r in enumerate(ordered) if position(r) <= self.at), len(ordered))
            if self.kind == AFTER:
                start = newer + (1 if newer < len(ordered) and position(ordered[newer]) == self.at else 0)
            else:
                start = max(0, newer - self.size)
                items = ordered[start:newer]
                return items, newer < len(ordered)
        items = ordered[start:start + self.size]
        return items, start + self.size < len(ordered)


def _path(path: str, filters: Sequence[tuple[str, str]], *pairs: tuple[str, Any]) -> str:
    return f"{path}?{urlencode([*filters, *pairs])}"


def links(path: str, filters: Sequence[tuple[str, str]], request: PageRequest, items: list[OwnedNumber],
          has_next: bool) -> dict[str, str]:
    size, number = request.size, request.number
    current = [("page_token", token(request.kind, request.at))] if request.kind and request.at else []
    found = {
        "self": _path(path, filters, ("page_number", number), ("page_size", size), *current),
        "first": _path(path, filters, ("page_size", size)),
    }
    if has_next and items:
        found["next"] = _path(path, filters, ("page_number", number + 1), ("page_size", size),
                              ("page_token", token(AFTER, position(items[-1]))))
    if number > 0:
        if number == 1 or not items:
            found["prev"] = _path(path, filters, ("page_number", 0), ("page_size", size))
        else:
            found["prev"] = _path(path, filters, ("page_number", number - 1), ("page_size", size),
                                  ("page_token", token(BEFORE, position(items[0]))))
    return found
