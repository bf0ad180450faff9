"""What an available number costs and can do, derived from the seed: no table to load or keep.

Prices are per (region, type), as providers price them, so a pricing endpoint and the inventory agree.
Capabilities vary per number, so that capability filters have something to filter.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .hashing import unit
from .numbering import LOCAL, MOBILE, TOLL_FREE

SMS = "SMS"
VOICE = "VOICE"
MMS = "MMS"
FAX = "FAX"
CAPABILITIES = (SMS, VOICE)  # what every provider shows; MMS and FAX are extra, shown by some
ALL_CAPABILITIES = (SMS, MMS, VOICE, FAX)

# Address requirements (Twilio's terms): none / any address / a local one / a foreign one.
ADDRESS_NONE, ADDRESS_ANY, ADDRESS_LOCAL, ADDRESS_FOREIGN = "none", "any", "local", "foreign"

# (lowest, highest) monthly price in US cents per type; setup is free in most regions.
_MONTHLY_RANGE = {LOCAL: (100, 300), MOBILE: (200, 800), TOLL_FREE: (200, 600)}
# How often each capability set occurs per type: (SMS+VOICE, VOICE only, SMS only).
_CAPABILITY_MIX = {LOCAL: (0.70, 0.25, 0.05), MOBILE: (0.90, 0.0, 0.10), TOLL_FREE: (0.60, 0.40, 0.0)}
_NO_DOCUMENTS_REGIONS = frozenset({"US", "CA", "GB", "SE"})


@dataclass(frozen=True)
class Pricing:
    currency: str
    setup: str  # decimal string, two places: "0.00"
    monthly: str
    interval_months: int


def _cents(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}"


class Catalogue:
    """Seeded attributes of numbers: pricing, capabilities, paperwork."""

    def __init__(self, seed: int, currency: str = "USD") -> None:
        self.seed = seed
        self.currency = currency
        self.pricing = lru_cache(maxsize=None)(self._pricing)

    def _pricing(self, region: str, number_type: str) -> Pricing:
        low, high = _MONTHLY_RANGE[number_type]
        monthly = low + int(unit(self.seed, "monthly", region, number_type) * (high - low) / 25) * 25
        setup = 0 if unit(self.seed, "setup", region, number_type) < 0.7 else monthly
        return Pricing(self.currency, _cents(setup), _cents(monthly), 1)

    def capabilities(self, e164: str, number_type: str) -> tuple[str, ...]:
        """SMS / VOICE per the type's mix; MMS with most SMS numbers, FAX with some voice ones
        (separate draws, so adding them changed no number's SMS / VOICE)."""
        both, voice_only, _sms_only = _CAPABILITY_MIX[number_type]
        n = int(e164[1:])
        draw = unit(self.seed, "capabilities", n)
        base = CAPABILITIES if draw < both else (VOICE,) if draw < both + voice_only else (SMS,)
        extra = []
        if SMS in base and unit(self.seed, "mms", n) < 0.8:
            extra.append(MMS)
        if VOICE in base and unit(self.seed, "fax", n) < 0.3:
            extra.append(FAX)
        return base + tuple(extra)

    def address_requirement(self, region: str, number_type: str) -> str:
        """Whether buying needs an address on file, per (region, type), tied to paperwork."""
        if not self.documentation_required(region, number_type):
            return ADDRESS_NONE
        draw = unit(self.seed, "address", region, number_type)
        return ADDRESS_LOCAL if draw < 0.5 else ADDRESS_ANY if draw < 0.85 else ADDRESS_FOREIGN

    def beta(self, region: str, number_type: str) -> bool:
        """Numbers a provider still calls beta: a few (region, type) pairs, never North America."""
        return region not in ("US", "CA") and unit(self.seed, "beta", region, number_type) < 0.05

    def documentation_required(self, region: str, number_type: str) -> bool:
        if region in _NO_DOCUMENTS_REGIONS and number_type != MOBILE:
            return False
        return unit(self.seed, "documents", region, number_type) < 0.6
