"""The available-number inventory, in two modes with one interface.

``VirtualInventory`` (default) *defines* the available numbers instead of storing them: the valid
numbers of each region and type, kept by a seeded hash at a given density. Search walks the numbering
plan's blocks lazily, so its cost depends on how many results are asked for, not on how many numbers
exist. ``FiniteInventory`` holds an explicit list loaded from a fixture file, for tests that need
exact control (down to "no numbers left").

Neither knows who owns what: the world passes ``is_taken`` in, so ownership lives in one place.
"""
from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from .catalogue import ALL_CAPABILITIES, Catalogue, Pricing
from .errors import InvalidArgument
from .hashing import mix64, seeded
from .numbering import (
    NUMBER_TYPES,
    Block,
    NumberingPlan,
    block_size,
    classify,
    split_e164,
)
from .ranges import NumberRange

START, CONTAINS, END = "START", "CONTAINS", "END"
MATCH_MODES = (START, CONTAINS, END)


@dataclass(frozen=True)
class NumberQuery:
    """What a search asks for. ``pattern`` digits, optionally led by ``+`` to anchor at the
    start of the E.164 form (``+1206``); without ``+``, START anchors at the national number."""

    region: str
    number_type: str
    pattern: str = ""  # digits; "*" stands for any one digit
    match: str = START
    capabilities: frozenset[str] = field(default_factory=frozenset)
    # Any further condition on an offer (a provider's geographic or address filters). It takes part
    # in the query's identity (searches are cached by query), so it must compare by value: a frozen
    # dataclass with __call__, not a lambda.
    where: Callable[["Offer"], bool] | None = None

    def matches_number(self, e164: str, country_code: int) -> bool:
        if not self.pattern:
            return True
        digits, pattern = e164[1:], self.pattern
        if pattern.startswith("+"):
            return _matches_at(digits, pattern[1:], 0)
        if self.match == START:
            return _matches_at(digits, pattern, len(str(country_code)))
        if self.match == END:
            return _matches_at(digits, pattern, len(digits) - len(pattern))
        return any(_matches_at(digits, pattern, i) for i in range(len(digits) - len(pattern) + 1))

    def accepts(self, offer: "Offer") -> bool:
        """The conditions besides region, type and pattern."""
        if self.capabilities and not self.capabilities.issubset(offer.capabilities):
            return False
        return self.where is None or self.where(offer)


def _matches_at(digits: str, pattern: str, offset: int) -> bool:
    if offset < 0 or offset + len(pattern) > len(digits):
        return False
    return all(p == "*" or p == d for p, d in zip(pattern, digits[offset:]))


@dataclass(frozen=True)
class Offer:
    """An available number with everything a provider shows about it."""

    number: str
    region: str
    number_type: str
    capabilities: tuple[str, ...]
    pricing: Pricing
    documentation_required: bool


def describe(e164: str, catalogue: Catalogue) -> Offer | None:
    """What the catalogue says of a valid number, whether or not an inventory offers it."""
    kind = classify(e164)
    if kind is None:
        return None
    region, number_type = kind
    return Offer(
        e164,
        region,
        number_type,
        catalogue.capabilities(e164, number_type),
        catalogue.pricing(region, number_type),
        catalogue.documentation_required(region, number_type),
    )


class Inventory(Protocol):
    def offer(self, e164: str) -> Offer | None: ...

    def candidates(self, query: NumberQuery) -> Iterator[Offer]: ...

    def block(self, span: NumberRange) -> Offer | None:
        """The offer for ``span`` as one unit (its first number's attributes), or None when the
        inventory does not sell that run of numbers as a range."""
        ...

    def block_candidates(self, query: NumberQuery) -> Iterator[tuple[NumberRange, Offer]]: ...

    def in_block(self, e164: str) -> bool:
        """Whether ``e164`` belongs to a run this inventory sells as a range."""
        ...

    def regions(self) -> list[tuple[str, str, list[str]]]: ...


def _restrict(block: Block, pattern: str, offset: int) -> Block | None:
    """``block`` with positions from ``offset`` fixed to ``pattern``; None when impossible."""
    if offset < 0 or offset + len(pattern) > len(block):
        return None
    fixed = list(block)
    for i, digit in enumerate(pattern):
        if digit == "*":
            continue  # any digit the block allows
        if digit not in fixed[offset + i]:
            return None
        fixed[offset + i] = digit
    return tuple(fixed)


def _offsets(block: Block, query: NumberQuery, country_code: int) -> Iterable[int]:
    pattern = query.pattern.lstrip("+")
    if query.pattern.startswith("+"):
        return (0,)
    if query.match == START:
        return (len(str(country_code)),)
    if query.match == END:
        return (len(block) - len(pattern),)
    return range(len(block) - len(pattern) + 1)


@dataclass(frozen=True)
class _Walk:
    """How to visit every number of a block once, in a seeded order (an affine permutation).

    Computed once per block and cached; a search only keeps a step counter per walk."""

    block: Block
    size: int
    start: int
    stride: int
    radices: tuple[tuple[int, str], ...]

    @classmethod
    def of(cls, block: Block, seed: int) -> "_Walk":
        size = block_size(block)
        h = seeded(seed, "walk", "|".join(block))
        stride = (h >> 20) % size or 1
        while math.gcd(stride, size) != 1:
            stride += 1
        radices = tuple((i, d) for i, d in enumerate(block) if len(d) > 1)
        return cls(block, size, h % size, stride, radices)

    def number(self, step: int) -> str:
        index = (self.start + step * self.stride) % self.size
        digits = [d[0] for d in self.block]
        for position, choices in reversed(self.radices):
            index, r = divmod(index, len(choices))
            digits[position] = choices[r]
        return "+" + "".join(digits)


def _round_robin(walks: tuple["_Walk", ...], limit: int) -> Iterator[str]:
    """Every number of every walk once, one step of each walk in turn, up to ``limit`` numbers."""
    open_walks = list(range(len(walks)))
    steps = [0] * len(walks)
    emitted: set[str] = set()
    examined = 0
    while open_walks and examined < limit:
        still_open = []
        for w in open_walks:
            walk, step = walks[w], steps[w]
            if step >= walk.size:
                continue
            steps[w] = step + 1
            still_open.append(w)
            examined += 1
            e164 = walk.number(step)
            if e164 not in emitted:
                emitted.add(e164)
                yield e164
        open_walks = still_open


class VirtualInventory:
    """Available numbers defined by the numbering plan, the seed and a density."""

    #: A search gives up after examining this many candidates (a nearly exhausted pattern).
    MAX_EXAMINED = 20_000
    #: Ranges: runs of BLOCK_SIZE numbers (``...00`` to ``...99``) sold as one unit. This share of
    #: the hundred-blocks whose numbers are all of one region and type is offered as a range.
    BLOCK_SIZE = 100
    BLOCK_DENSITY = 1 / 16
    #: Australia's numbers for fiction and documentation (ACMA: 0x 5550 xxxx) are always offered as
    #: ranges, so a documented example such as Enfonica's "+61255501100-99" works as written.
    FICTIONAL_BLOCK_PREFIXES = ("+6125550", "+6135550", "+6175550", "+6185550")

    def __init__(self, plan: NumberingPlan, catalogue: Catalogue, seed: int, density: float = 0.5):
        if not 0 < density <= 1:
            raise ValueError("density must be in (0, 1]")
        self.plan = plan
        self.catalogue = catalogue
        self.seed = seed
        self.density = density
        self._seed_key = mix64(seed ^ 0x5EED)
        self._threshold = int(density * 2**64)
        self._block_key = mix64(seed ^ 0xB10C)
        self._block_threshold = int(self.BLOCK_DENSITY * 2**64)
        self._blocks = lru_cache(maxsize=4096)(self._restricted_blocks)
        # An offer is a pure function of the seed and the number; numbers that clients look up
        # are looked up again (get, then rent), so recent ones are kept.
        self.offer = lru_cache(maxsize=4096)(self._offer)  # type: ignore[method-assign]

    def _defined(self, e164: str) -> bool:
        return mix64(self._seed_key ^ int(e164[1:])) < self._threshold

    def _offer(self, e164: str) -> Offer | None:
        return describe(e164, self.catalogue) if self._defined(e164) else None

    def _restricted_blocks(self, region: str, number_type: str, pattern: str, match: str) -> tuple[_Walk, ...]:
        plan = self.plan.plan(region, number_type)
        if plan is None:
            return ()
        query = NumberQuery(region, number_type, pattern, match)
        digits = pattern.lstrip("+")
        blocks: list[Block] = []
        seen: set[Block] = set()
        for block in plan.blocks:
            if not digits:
                candidates: Iterable[Block | None] = (block,)
            else:
                candidates = (_restrict(block, digits, o) for o in _offsets(block, query, plan.country_code))
            for restricted in candidates:
                if restricted is not None and restricted not in seen:
                    seen.add(restricted)
                    blocks.append(restricted)
        blocks.sort(key=lambda b: seeded(self.seed, "order", "|".join(b)))
        return tuple(_Walk.of(b, self.seed) for b in blocks)

    def candidates(self, query: NumberQuery) -> Iterator[Offer]:
        """Offers matching ``query``, round-robin across blocks so results spread over ranges."""
        walks = self._blocks(query.region, query.number_type, query.pattern, query.match)
        for e164 in _round_robin(walks, self.MAX_EXAMINED):
            if not self._defined(e164):
                continue
            offer = self.offer(e164)
            if offer is None or offer.region != query.region or offer.number_type != query.number_type:
                continue
            if query.accepts(offer):
                yield offer

    def _block_defined(self, prefix: str) -> bool:
        if prefix.startswith(self.FICTIONAL_BLOCK_PREFIXES):
            return True
        return mix64(self._block_key ^ int(prefix[1:])) < self._block_threshold

    def block(self, span: NumberRange) -> Offer | None:
        if span.size != self.BLOCK_SIZE or not span.start.startswith("+") or not span.start.endswith("00"):
            return None
        if not self._block_defined(span.start[:-2]):
            return None
        first = describe(span.start, self.catalogue)
        return first if first is not None and classify(span.end) == (first.region, first.number_type) else None

    def in_block(self, e164: str) -> bool:
        if len(e164) < 4 or not e164[1:].isdigit():
            return False
        return self.block(NumberRange(e164[:-2] + "00", self.BLOCK_SIZE)) is not None

    def block_candidates(self, query: NumberQuery) -> Iterator[tuple[NumberRange, Offer]]:
        """Ranges whose first number matches ``query``; the walks are the plan's blocks with their
        last two (free) digits cut off, so each step is one hundred-block."""
        walks = tuple(
            _Walk.of(walk.block[:-2], self.seed)
            for walk in self._blocks(query.region, query.number_type, query.pattern, query.match)
            if len(walk.block) > 2 and walk.block[-1] == walk.block[-2] == "0123456789"
        )
        for prefix in _round_robin(walks, self.MAX_EXAMINED):
            if not self._block_defined(prefix):
                continue
            span = NumberRange(prefix + "00", self.BLOCK_SIZE)
            offer = self.block(span)
            if offer is not None and (offer.region, offer.number_type) == (query.region, query.number_type) and query.accepts(offer):
                yield span, offer

    def regions(self) -> list[tuple[str, str, list[str]]]:
        return [
            (region, self.plan.region_name(region), types)
            for region in self.plan.regions()
            if (types := self.plan.offered_types(region))
        ]


class FiniteInventory:
    """An explicit list of available numbers, as loaded from a fixture file."""

    def __init__(self, offers: Iterable[Offer]) -> None:
        self._offers = {o.number: o for o in offers}

    def __len__(self) -> int:
        return len(self._offers)

    def offers(self) -> list[Offer]:
        """Every offer, in the file's order."""
        return list(self._offers.values())

    def offer(self, e164: str) -> Offer | None:
        return self._offers.get(e164)

    def candidates(self, query: NumberQuery) -> Iterator[Offer]:
        for offer in self._offers.values():
            if offer.region != query.region or offer.number_type != query.number_type:
                continue
            if not query.matches_number(offer.number, _country_code(offer.number)):
                continue
            if query.accepts(offer):
                yield offer

    def block(self, span: NumberRange) -> Offer | None:
        """A run of numbers that the file lists in full, all of one region and type."""
        offers = [self._offers.get(n) for n in span] if span.size > 1 else []
        first = offers[0] if offers else None
        if first is None or any(o is None or (o.region, o.number_type) != (first.region, first.number_type) for o in offers):
            return None
        return first

    def in_block(self, e164: str) -> bool:
        return False  # a file offers single numbers; they are its offers already

    def block_candidates(self, query: NumberQuery) -> Iterator[tuple[NumberRange, Offer]]:
        return iter(())  # a file's numbers are offered one by one (a listed run is still taken whole)

    def regions(self) -> list[tuple[str, str, list[str]]]:
        by_region: dict[str, set[str]] = {}
        for offer in self._offers.values():
            by_region.setdefault(offer.region, set()).add(offer.number_type)
        return [
            (region, NumberingPlan.region_name(region), [t for t in NUMBER_TYPES if t in types])
            for region, types in sorted(by_region.items())
        ]

    @classmethod
    def load(cls, path: str | Path, catalogue: Catalogue) -> "FiniteInventory":
        """Read a JSON array, NDJSON, or CSV (a header row) of available numbers.

        Each entry names its number as ``phoneNumber``, ``phone_number``, ``number`` or ``e164`` (a
        provider's own shape of an available number will do: ``numbers-emulator fixtures generate``
        writes them); only that is required. Region and type come from the numbering plan, and a
        type (``type`` / ``numberType``) or region (``regionCode`` / ``countryCode`` / ``iso_country``
        / ``country_code``) given must agree. ``capabilities`` (or ``capability``: a list, a
        ``;``-separated string, or Twilio's ``{"voice": true, ...}``), ``monthlyPrice``,
        ``setupPrice`` (amounts, or Sinch's ``{"currencyCode", "amount"}``), ``currency`` override
        the catalogue. CSV columns ``a.b`` are the field ``b`` of an object ``a``.
        """
        text = Path(path).read_text(encoding="utf-8")
        stripped = text.lstrip()
        if stripped.startswith("["):
            rows = json.loads(text)
        elif stripped.startswith("{") or not stripped:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            rows = [_unflatten(row) for row in csv.DictReader(io.StringIO(text))]
        return cls(_offer_from_row(row, catalogue, i) for i, row in enumerate(rows))


def _country_code(e164: str) -> int:
    split = split_e164(e164)
    return split[0] if split else 0


NUMBER_KEYS = ("phoneNumber", "phone_number", "number", "e164")
TYPE_KEYS = ("type", "numberType")
REGION_KEYS = ("regionCode", "countryCode", "iso_country", "country_code")


def _unflatten(row: dict[str, str | None]) -> dict:
    """A CSV row as the record it flattens: ``a.b`` columns nested, ``true`` / ``false`` as booleans,
    empty cells left out."""
    record: dict = {}
    for column, cell in row.items():
        if column is None or cell is None or cell == "":
            continue
        value: object = {"true": True, "false": False}.get(cell, cell)
        *parents, leaf = column.split(".")
        target = record
        for parent in parents:
            nested = target.setdefault(parent, {})
            if not isinstance(nested, dict):
                break
            target = nested
        else:
            target[leaf] = value
    return record


def _row_number(row: dict) -> object:
    for key in NUMBER_KEYS:
        value = row.get(key)
        if isinstance(value, dict):  # an owned record's nested number (Enfonica's instance)
            value = _row_number(value)
        if value:
            return value
    return None


def _row_type(row: dict) -> str | None:
    """A core type from a provider's spelling (``local``, ``toll-free``); None when it names none."""
    for key in TYPE_KEYS:
        value = row.get(key)
        if isinstance(value, str):
            normalised = value.upper().replace("-", "_").replace(" ", "_")
            if normalised in NUMBER_TYPES:
                return normalised
    return None


def _row_region(row: dict) -> str | None:
    for key in REGION_KEYS:
        value = row.get(key)
        if isinstance(value, str) and len(value) == 2 and value.isalpha():
            return value.upper()
    return None


def _row_capabilities(row: dict) -> tuple[str, ...] | None:
    value = row.get("capabilities", row.get("capability"))
    if value is None:
        return None
    if isinstance(value, dict):
        names = {str(k).upper() for k, v in value.items() if v is True or v == "true"}
    elif isinstance(value, str):
        names = {part.strip().upper() for part in value.replace(",", ";").split(";")}
    else:
        names = {str(v).upper() for v in value}
    return tuple(c for c in ALL_CAPABILITIES if c in names)


def _row_amount(value: object, default: str) -> tuple[str, str | None]:
    """(amount, its currency if it says) from ``"2.50"``, ``2.5`` or ``{"currencyCode", "amount"}``."""
    if isinstance(value, dict):
        return str(value.get("amount", default)), value.get("currencyCode")
    return (default, None) if value is None else (str(value), None)


def _offer_from_row(row: dict, catalogue: Catalogue, index: int) -> Offer:
    if not isinstance(row, dict):
        raise InvalidArgument(f"[{index}]", "each entry must be an object")
    e164 = _row_number(row)
    kind = classify(e164) if isinstance(e164, str) else None
    if kind is None:
        raise InvalidArgument(f"[{index}].phoneNumber", f"{e164!r} is not a valid number of a type we sell")
    region, number_type = kind
    if _row_type(row) not in (None, number_type) or _row_region(row) not in (None, region):
        raise InvalidArgument(f"[{index}].type", f"{e164} is a {region} {number_type} number")
    base = catalogue.pricing(region, number_type)
    setup, setup_currency = _row_amount(row.get("setupPrice"), base.setup)
    monthly, monthly_currency = _row_amount(row.get("monthlyPrice"), base.monthly)
    pricing = Pricing(
        row.get("currency") or monthly_currency or setup_currency or base.currency,
        setup,
        monthly,
        int(row.get("paymentIntervalMonths", base.interval_months)),
    )
    capabilities = _row_capabilities(row)
    if capabilities is None:
        capabilities = catalogue.capabilities(e164, number_type)
    documents = bool(row.get("supportingDocumentationRequired", catalogue.documentation_required(region, number_type)))
    return Offer(e164, region, number_type, capabilities, pricing, documents)
