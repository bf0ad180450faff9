"""The numbering plan, read from phonenumbers' metadata.

Each (region, number type) is turned into *blocks*: tuples of digit sets whose product is a set of
E.164 numbers matching the type's national pattern (``1 206 [2-9] D D D D D D D`` is one block).
Blocks let the inventory enumerate, restrict by a digit pattern and count numbers without ever
materialising them. Whether one number is valid and of the type is decided by ``classify``, an exact
replica of phonenumbers' own rules (region resolution for shared country codes, type precedence),
held to phonenumbers by the tests, and about ten times cheaper than ``phonenumbers.parse``.
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
import re._parser as sre_parse  # type: ignore[import-not-found]
import threading
from dataclasses import dataclass
from functools import lru_cache
from re._constants import (  # type: ignore[import-not-found]
    BRANCH,
    CATEGORY,
    CATEGORY_DIGIT,
    IN,
    LITERAL,
    MAX_REPEAT,
    RANGE,
    SUBPATTERN,
)

from phonenumbers import COUNTRY_CODE_TO_REGION_CODE, PhoneMetadata
from phonenumbers.phonenumberutil import SUPPORTED_REGIONS

LOCAL = "LOCAL"
MOBILE = "MOBILE"
TOLL_FREE = "TOLL_FREE"
NUMBER_TYPES = (LOCAL, MOBILE, TOLL_FREE)

# phonenumbers checks these descriptions, in this order, before fixed line and mobile.
_PRECEDING_TYPES = (
    "premium_rate",
    "toll_free",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)
_DIGITS = "0123456789"
E164_MAX_DIGITS = 15  # ITU-T E.164; phonenumbers' metadata has a few longer national ranges

Block = tuple[str, ...]  # one string of allowed digits per position


def _digit_set(items: list) -> str:
    allowed: set[str] = set()
    for op, arg in items:
        if op is LITERAL:
            allowed.add(chr(arg))
        elif op is RANGE:
            allowed.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif op is CATEGORY and arg is CATEGORY_DIGIT:
            allowed.update(_DIGITS)
        else:
            raise ValueError(f"unsupported character class item {op}")
    return "".join(sorted(allowed))


def _expand(nodes: list) -> list[Block]:
    """Every sequence of digit sets the parsed regex ``nodes`` can match."""
    sequences: list[Block] = [()]
    for op, arg in nodes:
        if op is LITERAL:
            alternatives: list[Block] = [(chr(arg),)]
        elif op is IN:
            alternatives = [(_digit_set(arg),)]
        elif op is BRANCH:
            alternatives = [seq for branch in arg[1] for seq in _expand(branch)]
        elif op is SUBPATTERN:
            alternatives = _expand(arg[3])
        elif op is MAX_REPEAT:
            low, high, sub = arg
            once = _expand(sub)
            alternatives = []
            for count in range(low, high + 1):
                repeated: list[Block] = [()]
                for _ in range(count):
                    repeated = [a + b for a in repeated for b in once]
                alternatives.extend(repeated)
        else:
            raise ValueError(f"unsupported regex construct {op}")
        sequences = [a + b for a in sequences for b in alternatives]
    return sequences


def expand_pattern(pattern: str) -> list[Block]:
    """The blocks of a metadata national-number pattern (fully anchored)."""
    return _expand(list(sre_parse.parse(pattern)))


def block_size(block: Block) -> int:
    return math.prod(len(digits) for digits in block)


@dataclass(frozen=True)
class _Desc:
    pattern: re.Pattern[str]
    lengths: frozenset[int]

    def matches(self, nsn: str) -> bool:
        if self.lengths and len(nsn) not in self.lengths:
            return False
        return self.pattern.fullmatch(nsn) is not None


def _desc(desc) -> _Desc | None:
    if desc is None or not desc.national_number_pattern:
        return None
    lengths = frozenset(n for n in (desc.possible_length or ()) if n > 0)
    return _Desc(re.compile(desc.national_number_pattern), lengths)


class _RegionRules:
    """phonenumbers' type and region rules for one region, compiled once."""

    def __init__(self, region: str) -> None:
        md = PhoneMetadata.metadata_for_region(region)
        self.region = region
        self.country_code = md.country_code
        self.general = _desc(md.general_desc)
        self.toll_free = _desc(md.toll_free)
        preceding = (self.toll_free if name == "toll_free" else _desc(getattr(md, name)) for name in _PRECEDING_TYPES)
        self.preceding = [d for d in preceding if d is not None]
        self.fixed_line = _desc(md.fixed_line)
        self.mobile = _desc(md.mobile)
        self.same_mobile_and_fixed = bool(md.same_mobile_and_fixed_line_pattern)
        self.leading_digits = re.compile(md.leading_digits) if md.leading_digits else None
        self.raw = md

    def number_type(self, nsn: str) -> str | None:
        """LOCAL / MOBILE / TOLL_FREE as phonenumbers would type ``nsn`` here, else None."""
        if self.general is None or not self.general.matches(nsn):
            return None
        for desc in self.preceding:
            if desc.matches(nsn):
                return TOLL_FREE if desc is self.toll_free else None
        if self.fixed_line is not None and self.fixed_line.matches(nsn):
            return LOCAL  # FIXED_LINE or FIXED_LINE_OR_MOBILE
        if not self.same_mobile_and_fixed and self.mobile is not None and self.mobile.matches(nsn):
            return MOBILE
        return None


@lru_cache(maxsize=None)
def _rules(region: str) -> _RegionRules:
    return _RegionRules(region)


def resolve_region(country_code: int, nsn: str) -> str | None:
    """The region phonenumbers assigns to ``+<country_code><nsn>`` (None when it is invalid)."""
    regions = COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if len(regions) == 1:
        return regions[0]
    for region in regions:
        if region not in SUPPORTED_REGIONS:
            continue
        rules = _rules(region)
        if rules.leading_digits is not None:
            if rules.leading_digits.match(nsn):
                return region
        elif rules.number_type(nsn) is not None or _has_other_type(rules, nsn):
            return region
    return None


def _has_other_type(rules: _RegionRules, nsn: str) -> bool:
    """True when phonenumbers would give ``nsn`` some type we do not sell (premium rate, ...)."""
    return rules.general is not None and rules.general.matches(nsn) and any(
        d.matches(nsn) for d in rules.preceding
    )


def split_e164(e164: str) -> tuple[int, str] | None:
    """``+12025550134`` -> (1, "2025550134"); None when no country code fits."""
    if not e164.startswith("+") or not e164[1:].isdigit() or not 2 <= len(e164) <= 1 + E164_MAX_DIGITS:
        return None
    digits = e164[1:]
    for size in (1, 2, 3):
        code = int(digits[:size])
        if code in COUNTRY_CODE_TO_REGION_CODE and digits[:size][0] != "0":
            return code, digits[size:]
    return None


def classify(e164: str) -> tuple[str, str] | None:
    """(region, number type) of a valid E.164 number of a type we sell, else None."""
    split = split_e164(e164)
    if split is None:
        return None
    country_code, nsn = split
    region = resolve_region(country_code, nsn)
    if region is None or region not in SUPPORTED_REGIONS:
        return None
    number_type = _rules(region).number_type(nsn)
    return (region, number_type) if number_type else None


def _block_has_type(block: Block, region: str, number_type: str, samples: int = 10) -> bool:
    """Whether some sampled number of ``block`` is of ``number_type`` in ``region``."""
    for k in range(samples):
        e164 = "+" + "".join(d[(k * 7 + i) % len(d)] for i, d in enumerate(block))
        if classify(e164) == (region, number_type):
            return True
    return False


@dataclass(frozen=True)
class TypePlan:
    """The numbers of one type in one region: blocks of full E.164 digits (country code first)."""

    region: str
    number_type: str
    country_code: int
    blocks: tuple[Block, ...]

    @property
    def size(self) -> int:
        """How many digit strings the blocks span (an upper bound on valid numbers)."""
        return sum(block_size(b) for b in self.blocks)


class NumberingPlan:
    """Regions and their number types, built lazily so that start-up stays instant."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plans: dict[tuple[str, str], TypePlan | None] = {}

    @staticmethod
    def regions() -> list[str]:
        return sorted(r for r in SUPPORTED_REGIONS if r.isalpha())

    @staticmethod
    def region_name(region: str) -> str:
        names = _english_region_names()
        return names.get(region) or region

    def offered_types(self, region: str) -> list[str]:
        """The types of ``region`` that really have numbers of their own.

        A type's pattern is not enough: in shared country codes phonenumbers gives some ranges to
        the main region (Canada's toll-free numbers are "US"), and where mobile and fixed patterns
        overlap, numbers are typed fixed-or-mobile, which we sell as LOCAL."""
        if region not in SUPPORTED_REGIONS:
            return []
        return [t for t in NUMBER_TYPES if self.plan(region, t) is not None]

    def plan(self, region: str, number_type: str) -> TypePlan | None:
        """The numbers of ``number_type`` in ``region``; None when there are none (or no such region)."""
        if region not in SUPPORTED_REGIONS or number_type not in NUMBER_TYPES:
            return None
        key = (region, number_type)
        if key in self._plans:
            return self._plans[key]
        with self._lock:
            if key not in self._plans:
                self._plans[key] = self._build(region, number_type)
            return self._plans[key]

    def _build(self, region: str, number_type: str) -> TypePlan | None:
        rules = _rules(region)
        desc = {LOCAL: rules.fixed_line, MOBILE: rules.mobile, TOLL_FREE: rules.toll_free}[number_type]
        if desc is None or (number_type == MOBILE and rules.same_mobile_and_fixed):
            return None
        prefix = tuple(str(rules.country_code))
        blocks = tuple(
            prefix + block
            for block in expand_pattern(desc.pattern.pattern)
            if (not desc.lengths or len(block) in desc.lengths) and len(prefix) + len(block) <= E164_MAX_DIGITS
        )
        if not any(_block_has_type(b, region, number_type) for b in blocks):
            return None
        return TypePlan(region, number_type, rules.country_code, blocks)

    @staticmethod
    def national_number(e164: str, country_code: int) -> str:
        return e164[1 + len(str(country_code)):]


@lru_cache(maxsize=1)
def _english_region_names() -> dict[str, str]:
    """English region names from phonenumbers' locale table.

    ``phonenumbers.geocoder`` would give them too, but importing it loads every geodata module
    (0.4 s, most of our start-up); the locale table alone is one module, so it is executed on its
    own, with ``phonenumbers.geodata`` left unimported."""
    package_dir = importlib.util.find_spec("phonenumbers").submodule_search_locations[0]
    path = os.path.join(package_dir, "geodata", "locale.py")
    with open(path, encoding="utf-8") as source:
        code = compile(source.read(), path, "exec")
    namespace: dict = {"__package__": "phonenumbers.geodata", "__name__": "phonenumbers.geodata.locale"}
    exec(code, namespace)  # noqa: S102 - phonenumbers' own generated data file
    names = {}
    for region, by_language in namespace["LOCALE_DATA"].items():
        name = by_language.get("en", "")
        if name.startswith("*"):
            name = by_language.get(name[1:], "")
        names[region] = name
    return names
