"""Where a number is: locality, region, postal code, coordinates, rate center, LATA.

Providers that sell North American numbers describe each one geographically (Twilio's search
results, its InRegion / InPostalCode / NearLatLong filters). Like the rest of the inventory, the
answer is derived, not stored: phonenumbers' geocoder names the place of a number's prefix
("Mountain View, CA", or just "Ontario"); the state or province gives approximate coordinates and
a postal-code range; everything finer (coordinates within the state, the postal code, rate center,
LATA) is a seeded function of the place, so every number of one place agrees. Outside North America
only the locality is known, as the providers themselves mostly show.

The geocoder's data takes about 0.4 s to import; it is loaded on first use (``warm`` does it ahead).
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from itertools import product
from typing import Iterable

from .hashing import unit

NANP_REGIONS = frozenset({"US", "CA", "PR", "VI", "GU", "AS", "MP"})

# State or province: (ISO 3166-2 subdivision code, name as the geocoder writes it, centroid lat, lon,
# postal code: US ZIP range or Canadian first letters).
_SUBDIVISIONS: tuple[tuple[str, str, float, float, object], ...] = (
    ("AL", "Alabama", 32.8, -86.8, (35004, 36925)), ("AK", "Alaska", 61.4, -150.0, (99501, 99950)),
    ("AZ", "Arizona", 33.7, -111.4, (85001, 86556)), ("AR", "Arkansas", 34.9, -92.4, (71601, 72959)),
    ("CA", "California", 36.1, -119.7, (90001, 96162)), ("CO", "Colorado", 39.1, -105.3, (80001, 81658)),
    ("CT", "Connecticut", 41.6, -72.8, (6001, 6389)), ("DE", "Delaware", 39.3, -75.5, (19701, 19980)),
    ("DC", "Washington D.C.", 38.9, -77.0, (20001, 20039)), ("FL", "Florida", 27.8, -81.7, (32004, 34997)),
    ("GA", "Georgia", 33.0, -83.6, (30001, 31999)), ("HI", "Hawaii", 21.1, -157.5, (96701, 96898)),
    ("ID", "Idaho", 44.2, -114.5, (83201, 83876)), ("IL", "Illinois", 40.3, -89.0, (60001, 62999)),
    ("IN", "Indiana", 39.8, -86.3, (46001, 47997)), ("IA", "Iowa", 42.0, -93.2, (50001, 52809)),
    ("KS", "Kansas", 38.5, -96.7, (66002, 67954)), ("KY", "Kentucky", 37.7, -84.7, (40003, 42788)),
    ("LA", "Louisiana", 31.2, -91.9, (70001, 71232)), ("ME", "Maine", 44.7, -69.4, (3901, 4992)),
    ("MD", "Maryland", 39.1, -76.8, (20812, 21930)), ("MA", "Massachusetts", 42.2, -71.5, (1001, 2791)),
    ("MI", "Michigan", 43.3, -84.5, (48001, 49971)), ("MN", "Minnesota", 45.7, -93.9, (55001, 56763)),
    ("MS", "Mississippi", 32.7, -89.7, (38601, 39776)), ("MO", "Missouri", 38.5, -92.3, (63001, 65899)),
    ("MT", "Montana", 46.9, -110.5, (59001, 59937)), ("NE", "Nebraska", 41.1, -98.3, (68001, 68118)),
    ("NV", "Nevada", 38.3, -117.1, (88901, 89883)), ("NH", "New Hampshire", 43.5, -71.6, (3031, 3897)),
    ("NJ", "New Jersey", 40.3, -74.5, (7001, 8989)), ("NM", "New Mexico", 34.8, -106.2, (87001, 88441)),
    ("NY", "New York", 42.2, -74.9, (10001, 14975)), ("NC", "North Carolina", 35.6, -79.8, (27006, 28909)),
    ("ND", "North Dakota", 47.5, -99.8, (58001, 58856)), ("OH", "Ohio", 40.4, -82.8, (43001, 45999)),
    ("OK", "Oklahoma", 35.6, -96.9, (73001, 73199)), ("OR", "Oregon", 44.6, -122.1, (97001, 97920)),
    ("PA", "Pennsylvania", 40.6, -77.2, (15001, 19640)), ("RI", "Rhode Island", 41.7, -71.5, (2801, 2940)),
    ("SC", "South Carolina", 33.9, -80.9, (29001, 29948)), ("SD", "South Dakota", 44.3, -99.4, (57001, 57799)),
    ("TN", "Tennessee", 35.7, -86.7, (37010, 38589)), ("TX", "Texas", 31.1, -97.6, (75503, 79999)),
    ("UT", "Utah", 40.2, -111.9, (84001, 84784)), ("VT", "Vermont", 44.0, -72.7, (5001, 5495)),
    ("VA", "Virginia", 37.8, -78.2, (20040, 24658)), ("WA", "Washington", 47.4, -121.5, (98001, 99403)),
    ("WV", "West Virginia", 38.5, -81.0, (24701, 26886)), ("WI", "Wisconsin", 44.3, -89.6, (53001, 54990)),
    ("WY", "Wyoming", 42.8, -107.3, (82001, 83128)), ("PR", "Puerto Rico", 18.2, -66.5, (600, 988)),
    ("VI", "U.S. Virgin Islands", 18.3, -64.9, (801, 851)), ("GU", "Guam", 13.4, 144.8, (96910, 96932)),
    ("AB", "Alberta", 53.9, -116.6, "T"), ("BC", "British Columbia", 53.7, -127.6, "V"),
    ("MB", "Manitoba", 53.8, -98.8, "R"), ("NB", "New Brunswick", 46.6, -66.5, "E"),
    ("NL", "Newfoundland and Labrador", 48.9, -56.0, "A"), ("NS", "Nova Scotia", 44.7, -63.7, "B"),
    ("NT", "Northwest Territories", 64.8, -124.8, "X"), ("NU", "Nunavut", 70.3, -83.1, "X"),
    ("ON", "Ontario", 44.0, -79.4, "KLMNP"), ("PE", "Prince Edward Island", 46.5, -63.4, "C"),
    ("QC", "Quebec", 46.8, -71.2, "GHJ"), ("SK", "Saskatchewan", 52.9, -106.5, "S"),
    ("YT", "Yukon", 64.3, -135.0, "Y"),
)
_BY_CODE = {row[0]: row for row in _SUBDIVISIONS}
_BY_NAME = {row[1].lower(): row for row in _SUBDIVISIONS}
_SPREAD_DEGREES = 1.5  # localities lie within this many degrees of their subdivision's centroid
_EARTH_RADIUS_MILES = 3958.8


@dataclass(frozen=True)
class Place:
    """The geographic attributes a provider shows for a number (None where unknown)."""

    locality: str | None
    region: str | None  # ISO 3166-2 subdivision code without the country: "CA", "ON"
    postal_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    rate_center: str | None = None
    lata: str | None = None


UNKNOWN = Place(None, None)


class Geography:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._places: dict[tuple[str, str], Place] = {}  # (prefix, region) -> place; prefixes are few
        self._area_codes: dict[tuple, dict[str, Place]] = {}

    def place(self, e164: str, region_code: str) -> Place:
        """Where ``e164`` (a valid number of ``region_code``) is, as far as is known. In North
        America one area code is one place (its main city), so that geographic searches can be
        planned by area code; elsewhere the first digits after the country code decide."""
        nanp = region_code in NANP_REGIONS
        key = (e164[:5] if nanp else e164[:6], region_code)
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = self._place_for(e164, region_code)
        return found

    def _place_for(self, e164: str, region_code: str) -> Place:
        nanp = region_code in NANP_REGIONS
        description = (_main_city(e164[2:5]) if nanp else "") or _describe(e164)
        if not description:
            return UNKNOWN
        if not nanp:
            return Place(description, None)
        locality, _, code = description.rpartition(", ")
        row = _BY_CODE.get(code) if locality else _BY_NAME.get(description.lower())
        if row is None:
            return Place(description, None)
        code, name, lat, lon, postal = row
        locality = locality or name
        lat += (unit(self.seed, "lat", locality, code) - 0.5) * 2 * _SPREAD_DEGREES
        lon += (unit(self.seed, "lon", locality, code) - 0.5) * 2 * _SPREAD_DEGREES
        return Place(
            locality=locality,
            region=code,
            postal_code=self._postal_code(locality, code, postal),
            latitude=round(lat, 6),
            longitude=round(lon, 6),
            rate_center="".join(c for c in locality.upper() if c.isalpha() or c == " ")[:10].strip(),
            lata=str(100 + int(unit(self.seed, "lata", code, locality) * 900)),
        )

    def _postal_code(self, locality: str, code: str, postal: object) -> str:
        draw = unit(self.seed, "postal", locality, code)
        if isinstance(postal, tuple):
            low, high = postal
            return f"{low + int(draw * (high - low)):05d}"
        letters = str(postal)
        first = letters[int(draw * len(letters))]
        digit = int(unit(self.seed, "postal-2", locality) * 10)
        second = "ABCEGHJKLMNPRSTVWXYZ"[int(unit(self.seed, "postal-3", locality) * 20)]
        return f"{first}{digit}{second}"

    def area_codes(self, region_code: str, blocks: Iterable[tuple[str, ...]]) -> dict[str, Place]:
        """The area codes of a North American plan (its blocks of E.164 digit choices), each with
        its place: what geographic searches are planned by. Cached per region and block set."""
        key = (region_code, tuple(blocks))
        found = self._area_codes.get(key)
        if found is None:
            codes = sorted({"".join(npa) for block in key[1] for npa in product(*block[1:4])})
            found = self._area_codes[key] = {npa: self.place(f"+1{npa}0000000", region_code) for npa in codes}
        return found

    @staticmethod
    def subdivision(code_or_name: str) -> str | None:
        """The code of a state or province given by code or name (``"ca"``, ``"Ontario"``)."""
        row = _BY_CODE.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())
        return row[0] if row else None


def distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


_geocoder_lock = threading.Lock()


def _describe(e164: str) -> str:
    with _geocoder_lock:  # the first import is slow; let one thread do it
        import phonenumbers
        from phonenumbers import geocoder
    try:
        return geocoder.description_for_valid_number(phonenumbers.parse(e164), "en")
    except phonenumbers.NumberParseException:
        return ""


_main_cities: dict[str, str] | None = None


def _main_city(area_code: str) -> str:
    """The place most of an area code's exchanges are in (deterministic: ties go alphabetically),
    else the area code's own description (a state), from the geocoder's English data."""
    global _main_cities
    with _geocoder_lock:
        if _main_cities is None:
            from collections import Counter

            from phonenumbers.geodata import GEOCODE_DATA

            counts: dict[str, Counter] = {}
            whole: dict[str, str] = {}
            for prefix, names in GEOCODE_DATA.items():
                if prefix[0] != "1" or "en" not in names:
                    continue
                if len(prefix) == 4:
                    whole[prefix[1:]] = names["en"]
                elif len(prefix) > 4:
                    counts.setdefault(prefix[1:4], Counter())[names["en"]] += 1
            _main_cities = {
                npa: min(c.items(), key=lambda item: (-item[1], item[0]))[0] for npa, c in counts.items()
            }
            for npa, name in whole.items():
                _main_cities.setdefault(npa, name)
    return _main_cities.get(area_code, "")


def warm() -> None:
    """Import the geocoder's data now (0.4 s) rather than on the first geographic search."""
    _describe("+12025550100")
    _main_city("202")
