"""The providers a platform tenant buys through: which account, what they sell, at what price, and
how a purchase is made there. Everything is the provider surface's own: its search planner, its
prices, its purchase (``twilio.routes.purchase_configure``), so a number the platform buys is a
number bought at that provider, visible in that account's lists."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...config import PlatformKey
from ...core import InvalidArgument, Offer, OwnedNumber, World
from ...core.catalogue import Pricing
from ..signalwire.compat import SIGNALWIRE
from ..twilio import pricing, search
from ..twilio.dialect import TWILIO, Dialect
from ..twilio.routes import purchase_configure
from .errors import Unprocessable

#: The platform's search parameters -> the Twilio dialect's (its search planner does the work).
SEARCH_PARAMS = {"region": "InRegion", "postalCode": "InPostalCode", "pattern": "Contains",
                 "voice": "VoiceEnabled", "sms": "SmsEnabled", "mms": "MmsEnabled"}
PLATFORM_PARAM = {twilio: platform for platform, twilio in SEARCH_PARAMS.items()}


@dataclass(frozen=True)
class Gateway:
    provider_type: str  # SIGNALWIRE / TWILIO, as the seeds spell it
    dialect: Dialect

    def account(self, key: PlatformKey) -> str:
        return key.signalwire_project if self.dialect is SIGNALWIRE else key.twilio_account

    def tenant(self, key: PlatformKey) -> str:
        """The core tenant of the tenant's account here (the provider surface's own naming)."""
        return f"{self.dialect.name}/{self.account(key)}"

    def number_types(self, world: World, region: str) -> list[str]:
        """The types this provider sells in ``region`` (none in a country it does not serve)."""
        if self.dialect.regions is not None and region not in self.dialect.regions:
            return []
        sold = {kind.core_type for kind in self.dialect.kinds}
        return [t for t in world.plan.offered_types(region) if t in sold]

    def check_sells(self, world: World, region: str, number_type: str, field: str = "countryCode") -> None:
        if number_type not in self.number_types(world, region):
            raise Unprocessable(field, f"{self.provider_type} does not sell {number_type} numbers in {region}")

    def search(self, world: World, region: str, number_type: str, params: Mapping[str, Any], limit: int) -> list[Offer]:
        self.check_sells(world, region, number_type)
        translated = {SEARCH_PARAMS[k]: v for k, v in params.items() if k in SEARCH_PARAMS}
        try:
            return search.search(world, region, number_type, translated, limit)
        except InvalidArgument as error:  # named as the platform names the parameter
            field = PLATFORM_PARAM.get(error.field, error.field)
            raise InvalidArgument(field, error.message.replace(error.field, field)) from None

    def prices(self, world: World, region: str) -> list[tuple[str, Pricing]]:
        return pricing.number_prices(world, region, self.number_types(world, region))

    def buy(self, world: World, key: PlatformKey, number: str, friendly_name: str | None) -> OwnedNumber:
        """Buy ``number`` for the account exactly as the provider's own purchase does."""
        form = {"FriendlyName": friendly_name} if friendly_name else {}
        return world.acquire(self.tenant(key), number, purchase_configure(world, self.dialect, form))

    def port_in(self, world: World, key: PlatformKey, number: str, friendly_name: str | None, seconds: float) -> OwnedNumber:
        form = {"FriendlyName": friendly_name} if friendly_name else {}
        return world.port_in(self.tenant(key), number, seconds, purchase_configure(world, self.dialect, form))


GATEWAYS = {"SIGNALWIRE": Gateway("SIGNALWIRE", SIGNALWIRE), "TWILIO": Gateway("TWILIO", TWILIO)}
DEFAULT_PROVIDER = "SIGNALWIRE"


def gateway(provider_type: str | None) -> Gateway:
    return GATEWAYS[provider_type or DEFAULT_PROVIDER]
