"""``GET /phone_numbers/search`` planned onto core queries. The emulator's SignalWire sells US
numbers only.

areacode, starts_with and ends_with fix digits of the 10-digit national number, so together they
make one pattern (``*`` for a free digit); contains, which may sit anywhere, travels as a
value-compared condition. region and city choose area codes (the core places North American numbers
one area code at a time), and the search walks only those.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...core import CONTAINS, LOCAL, START, TOLL_FREE, NumberQuery, Offer, World
from .relay_errors import RelayInvalid

COUNTRY = "US"
NUMBER_TYPES = {"local": LOCAL, "toll-free": TOLL_FREE}
DIGIT_FILTERS = ("starts_with", "contains", "ends_with")
NATIONAL_DIGITS = 10
DEFAULT_MAX_RESULTS = 50


@dataclass(frozen=True)
class NationalContains:
    """The national number (after +1) contains ``digits``."""

    digits: str

    def __call__(self, offer: Offer) -> bool:
        return self.digits in offer.number[2:]


def check_rules(params: Mapping[str, Any]) -> None:
    """The combination rules no schema expresses (422 naming the fields)."""
    given = [name for name in DIGIT_FILTERS if params.get(name)]
    if len(given) > 1:
        raise RelayInvalid(", ".join(given), f"{', '.join(given)} cannot be combined: use one of starts_with, "
                                             "contains or ends_with")
    if params.get("number_type", "local") == "toll-free":
        for name in ("region", "city"):
            if params.get(name):
                raise RelayInvalid(name, f"{name} is not supported for toll-free searches")
    if params.get("city") and not params.get("region"):
        raise RelayInvalid("city", "city requires region")


def _fixed_digits(params: Mapping[str, Any]) -> list[str] | None:
    """The national number's digits fixed by areacode / starts_with / ends_with; None if they clash."""
    slots = ["*"] * NATIONAL_DIGITS
    for offset, digits in ((0, params.get("areacode") or ""), (0, params.get("starts_with") or ""),
                           (NATIONAL_DIGITS - len(params.get("ends_with") or ""), params.get("ends_with") or "")):
        for i, digit in enumerate(digits):
            if slots[offset + i] not in ("*", digit):
                return None
            slots[offset + i] = digit
    return slots


def plan(params: Mapping[str, Any], world: World) -> list[NumberQuery]:
    check_rules(params)
    number_type = NUMBER_TYPES[params.get("number_type", "local")]
    slots = _fixed_digits(params)
    if slots is None:
        return []
    contains = params.get("contains")
    where = NationalContains(contains) if contains else None
    region, city = params.get("region"), params.get("city")
    if region:
        wanted_region, wanted_city = region.upper(), (city or "").lower()
        return [
            NumberQuery(COUNTRY, number_type, "+1" + npa + "".join(slots[3:]).rstrip("*"), START, where=where)
            for npa, place in sorted(world.area_codes(COUNTRY, number_type).items())
            if place.region == wanted_region
            and (not wanted_city or (place.locality or "").lower() == wanted_city)
            and all(s in ("*", d) for s, d in zip(slots, npa))
        ]
    pattern = "".join(slots).rstrip("*")
    if pattern:
        return [NumberQuery(COUNTRY, number_type, "+1" + pattern, START, where=where)]
    if contains:
        return [NumberQuery(COUNTRY, number_type, contains, CONTAINS, where=where)]
    return [NumberQuery(COUNTRY, number_type)]


def search(params: Mapping[str, Any], world: World) -> list[Offer]:
    limit = params.get("max_results", DEFAULT_MAX_RESULTS)
    found: list[Offer] = []
    for query in plan(params, world):
        found.extend(world.search(query, limit - len(found)))
        if len(found) >= limit:
            break
    return found
