"""Twilio's available-number search, planned onto core queries.

Geographic filters (AreaCode, InRegion, InPostalCode, InLocality, InRateCenter, InLata, NearNumber /
NearLatLong + Distance) choose area codes: the core describes North American numbers one area
code at a time, so each filter is exact at that level and a search only walks the chosen codes.
Contains (digits, letters as keypad digits, ``*`` for any digit; ``+`` / ``$`` anchor at the start /
end) becomes the query's pattern; capability, address and beta filters travel as a value-compared
condition, so searches stay cacheable.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from ...core import CONTAINS, END, START, InvalidArgument, NumberQuery, Offer, World
from ...core.catalogue import ADDRESS_ANY, ADDRESS_FOREIGN, ADDRESS_LOCAL, ADDRESS_NONE, FAX, MMS, SMS, VOICE, Catalogue
from ...core.geography import Geography, Place, distance_miles
from ...core.numbering import classify, split_e164

KEYPAD = {letter: digit for digit, letters in
          {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS", "8": "TUV", "9": "WXYZ"}.items()
          for letter in letters}
CAPABILITY_PARAMS = (("SmsEnabled", SMS), ("MmsEnabled", MMS), ("VoiceEnabled", VOICE), ("FaxEnabled", FAX))
DEFAULT_DISTANCE_MILES = 25
GEO_PARAMS = ("InRegion", "InPostalCode", "InLocality", "InRateCenter", "InLata", "NearNumber", "NearLatLong")


@dataclass(frozen=True)
class OfferConditions:
    """Capability, address-requirement and beta conditions on an offer (compared by value)."""

    required: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    excluded_addresses: frozenset[str] = frozenset()
    include_beta: bool = True
    catalogue: Catalogue | None = field(default=None, compare=False, hash=False)

    def __call__(self, offer: Offer) -> bool:
        if not self.required.issubset(offer.capabilities) or self.excluded.intersection(offer.capabilities):
            return False
        catalogue = self.catalogue
        if catalogue is None:
            return True
        if self.excluded_addresses and catalogue.address_requirement(offer.region, offer.number_type) in self.excluded_addresses:
            return False
        return self.include_beta or not catalogue.beta(offer.region, offer.number_type)

    @property
    def trivial(self) -> bool:
        return not (self.required or self.excluded or self.excluded_addresses) and self.include_beta


def contains_pattern(text: str) -> tuple[str, str]:
    """Twilio's Contains -> (pattern, match mode). Raises InvalidArgument("Contains")."""
    body, match = text, CONTAINS
    if body.startswith("+"):
        body, match = body[1:], START
    if body.endswith("$"):
        body, match = body[:-1], END if match == CONTAINS else match
    body = body.strip("%")  # "%" at an end only widens the match: what CONTAINS already does
    digits = "".join(KEYPAD.get(c.upper(), c) for c in body)
    if len(digits) < 2 or any(not (c.isdigit() or c == "*") for c in digits):
        raise InvalidArgument("Contains", "Contains must be 2 to 16 digits, letters or * (+ and $ anchor the ends)")
    if len(text) > 16 or sum(c != "*" for c in digits) < 2:
        raise InvalidArgument("Contains", "Contains must have at least two digits or letters and at most 16 characters")
    return digits, match


def conditions(params: Mapping[str, Any], catalogue: Catalogue) -> OfferConditions:
    required = frozenset(c for name, c in CAPABILITY_PARAMS if params.get(name) is True)
    excluded = frozenset(c for name, c in CAPABILITY_PARAMS if params.get(name) is False)
    addresses = set()
    if params.get("ExcludeAllAddressRequired"):
        addresses |= {ADDRESS_LOCAL, ADDRESS_FOREIGN, ADDRESS_ANY}
    if params.get("ExcludeLocalAddressRequired"):
        addresses.add(ADDRESS_LOCAL)
    if params.get("ExcludeForeignAddressRequired"):
        addresses.add(ADDRESS_FOREIGN)
    addresses.discard(ADDRESS_NONE)
    return OfferConditions(required, excluded, frozenset(addresses), params.get("Beta", True) is not False, catalogue)


def place_filter(params: Mapping[str, Any], world: World) -> Any:
    """A predicate on an area code's place for the geographic params, or None when none is given."""
    if not any(params.get(name) not in (None, "") for name in GEO_PARAMS):
        return None
    if params.get("InRateCenter") and not params.get("InLata"):
        raise InvalidArgument("InLata", "InRateCenter requires InLata")
    region = params.get("InRegion")
    subdivision = Geography.subdivision(region) if region else None
    if region and subdivision is None:
        return lambda place: False  # no such state or province: nothing matches
    near = _near(params, world)
    distance = params.get("Distance", DEFAULT_DISTANCE_MILES)

    def accept(place: Place) -> bool:
        if subdivision and place.region != subdivision:
            return False
        for name, value in (("InPostalCode", place.postal_code), ("InLocality", place.locality),
                            ("InRateCenter", place.rate_center), ("InLata", place.lata)):
            wanted = params.get(name)
            if wanted and (value is None or value.lower() != str(wanted).lower()):
                return False
        if near is not None:
            if place.latitude is None or place.longitude is None:
                return False
            return distance_miles(near[0], near[1], place.latitude, place.longitude) <= distance
        return True

    return accept


def _near(params: Mapping[str, Any], world: World) -> tuple[float, float] | None:
    if params.get("NearLatLong"):
        try:
            lat, lon = (float(part) for part in str(params["NearLatLong"]).split(","))
        except ValueError:
            raise InvalidArgument("NearLatLong", "NearLatLong must be 'latitude,longitude'") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidArgument("NearLatLong", "NearLatLong is out of range")
        return lat, lon
    if params.get("NearNumber"):
        number = str(params["NearNumber"])
        split = split_e164(number) if number.startswith("+") else None
        if split is None:
            raise InvalidArgument("NearNumber", "NearNumber must be an E.164 number")
        kind = classify(number)
        place = world.place(number, kind[0]) if kind else None
        if place is None or place.latitude is None or place.longitude is None:
            raise InvalidArgument("NearNumber", "NearNumber has no known location")
        return place.latitude, place.longitude
    return None


def search(world: World, region: str, number_type: str, params: Mapping[str, Any], limit: int) -> list[Offer]:
    """Up to ``limit`` available numbers of (region, type) matching Twilio's search ``params``."""
    pattern, match = contains_pattern(str(params["Contains"])) if params.get("Contains") else ("", CONTAINS)
    where = conditions(params, world.catalogue)
    area_code = params.get("AreaCode")
    accept_place = place_filter(params, world)
    area_codes: list[str] | None = None
    if area_code is not None or accept_place is not None:
        places = world.area_codes(region, number_type)
        codes = [f"{area_code:03d}"] if area_code is not None else list(places)
        area_codes = [c for c in codes if c in places and (accept_place is None or accept_place(places[c]))]
    condition = None if where.trivial else where
    if area_codes is None:
        return world.search(NumberQuery(region, number_type, pattern, match, where=condition), limit)
    found: list[Offer] = []
    for code in area_codes:
        if pattern:  # the area code is the query's pattern; Contains becomes a condition
            query = NumberQuery(region, number_type, f"+1{code}", START,
                                where=_Both(NumberQuery(region, number_type, pattern, match), where))
        else:
            query = NumberQuery(region, number_type, f"+1{code}", START, where=condition)
        found.extend(world.search(query, limit - len(found)))
        if len(found) >= limit:
            break
    return found


@dataclass(frozen=True)
class _Both:
    digits: NumberQuery
    conditions: OfferConditions

    def __call__(self, offer: Offer) -> bool:
        split = split_e164(offer.number)
        return self.digits.matches_number(offer.number, split[0] if split else 0) and self.conditions(offer)
