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
CAPABILITIES = (SMS, VOICE)

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
        both, voice_only, _sms_only = _CAPABILITY_MIX[number_type]
        draw = unit(self.seed, "capabilities", int(e164[1:]))
        if draw < both:
            return CAPABILITIES
        return (VOICE,) if draw < both + voice_only else (SMS,)

    def documentation_required(self, region: str, number_type: str) -> bool:
        if region in _NO_DOCUMENTS_REGIONS and number_type != MOBILE:
            return False
        return unit(self.seed, "documents", region, number_type) < 0.6
