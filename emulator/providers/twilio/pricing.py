"""Twilio Pricing v1 for phone numbers: what each country's number types cost, the same prices the
inventory charges (the catalogue's monthly price per region and type)."""
from __future__ import annotations

from typing import Any, Callable, Iterable

from ...config import Credential
from ...core import NotFound, World
from ...core.catalogue import Pricing
from ...surface import Reply, Surface
from ...urls import public_base
from . import paging
from .dialect import KIND_BY_CORE_TYPE

COUNTRIES = "/v1/PhoneNumbers/Countries"


def number_prices(world: World, region: str, types: Iterable[str]) -> list[tuple[str, Pricing]]:
    """What a number of each type costs in ``region``: the catalogue's price, which is what a
    purchase charges (the platform surface shows the same figures)."""
    return [(number_type, world.catalogue.pricing(region, number_type)) for number_type in types]


def register(surface: Surface, world: World, route: Callable) -> None:
    @route([COUNTRIES], ["GET"], "ListPricingPhoneNumberCountry")
    def list_countries(validated, _credential: Credential) -> Reply:
        page_request = paging.PageRequest.of(validated.params)
        regions = sorted(world.regions())
        cursor = page_request.after or page_request.before
        if page_request.before:
            earlier = [r for r in regions if r[0] < page_request.before]
            chosen = earlier[-page_request.size:]
        else:
            chosen = [r for r in regions if cursor is None or r[0] > cursor][: page_request.size]
        last = chosen[-1][0] if chosen else None
        has_next = bool(chosen) and any(r[0] > last for r in regions)
        base = public_base(surface)
        countries = [{"country": name, "iso_country": region, "url": f"{base}{COUNTRIES}/{region}"}
                     for region, name, _types in chosen]
        keys = (chosen[0][0], last) if chosen else (None, None)
        meta = paging.meta("countries", f"{base}{COUNTRIES}", page_request, keys, has_next)
        return Reply({"countries": countries, "meta": meta})

    @route([f"{COUNTRIES}/<segment:IsoCountry>"], ["GET"], "FetchPricingPhoneNumberCountry")
    def fetch_country(validated, _credential: Credential) -> Reply:
        region = validated.params["IsoCountry"].upper()
        types = world.plan.offered_types(region)
        if not types:
            raise NotFound("Country", region)
        prices: list[dict[str, Any]] = []
        currency = world.catalogue.currency
        for number_type, pricing in number_prices(world, region, types):
            price = pricing.monthly
            prices.append({"number_type": KIND_BY_CORE_TYPE[number_type].price_name,
                           "base_price": price, "current_price": price})
            currency = pricing.currency
        return Reply({
            "country": world.plan.region_name(region),
            "iso_country": region,
            "phone_number_prices": prices,
            "price_unit": currency,
            "url": f"{public_base(surface)}{COUNTRIES}/{region}",
        })
