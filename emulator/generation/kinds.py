"""What the fixture generator can make for each provider: its kinds of record, each rendered by the
provider's own shape functions from core objects (an ``Offer`` for what is on sale, an
``OwnedNumber`` bought through the provider's own configure callback for what an account holds, a
``Listing`` for a PBX's directory), so a generated record is what that surface would answer.

Available numbers come straight from the sampler and the catalogue (no world walk, no shapes in the
sampling loop); owned records are acquired in a fresh world (density 1, so every valid number is on
sale there; frozen clock, seeded ids), so ids and timestamps are the ones a fresh emulator with the
same seed would give.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..app import create_app
from ..config import SIGNALWIRE_PROJECT_1, TWILIO_ACCOUNT_1, WAZO_TENANT_1, Config
from ..core import NumberQuery, NumberRange, Offer, OwnedNumber, World, WorldConfig
from ..core.catalogue import Catalogue, Pricing
from ..core.hashing import seeded
from ..core.numbering import LOCAL, MOBILE, NUMBER_TYPES, TOLL_FREE, classify
from ..providers.enfonica import fields as enfonica_fields
from ..providers.enfonica import shapes as enfonica
from ..providers.enfonica.routes import create_configure
from ..providers.platform import shapes as platform
from ..providers.signalwire import relay_shapes as relay
from ..providers.signalwire.compat import SIGNALWIRE
from ..providers.signalwire.relay import buy_configure
from ..providers.signalwire.relay_auth import tenant as signalwire_tenant
from ..providers.sinch import shapes as sinch
from ..providers.twilio import shapes as twilio
from ..providers.twilio.dialect import TWILIO
from ..providers.twilio.routes import purchase_configure
from ..providers.wazo import shapes as wazo
from ..providers.wazo.auth import tenant_key as wazo_tenant
from .sampler import GenerationError, sampler

#: The generated world's clock starts here (2026-01-01T00:00:00Z) and moves a seeded few minutes
#: between acquisitions, so creation times differ and are the same for the same seed.
T0 = 1_767_225_600.0
SINCH_PROJECT = "test-project"
ENFONICA_PROJECT = "test-project"
WAZO_ITEMS_URL = "http://127.0.0.1:6862/wazo" + wazo.ITEMS_PATH
AVAILABLE, OWNED, BLOCKS, RANGES, LISTINGS = "available", "owned", "blocks", "ranges", "listings"
PLATFORM_PURCHASES = "platform purchases"  # bought through the platform API itself (in-process)
PLATFORM_KEY = "test"
PLATFORM_TENANT = "platform/1"
ALIASES = (AVAILABLE, OWNED)


@dataclass(frozen=True)
class Kind:
    """One kind of record: how its records are made (``source``) and rendered."""

    name: str
    source: str  # AVAILABLE | OWNED | BLOCKS | RANGES | LISTINGS | PLATFORM_PURCHASES
    render: Callable[..., dict[str, Any]]  # (core object, world) -> provider JSON
    tenant: str = ""  # the core tenant owned records belong to
    configure: Callable[[World], Callable[[OwnedNumber, float], OwnedNumber] | None] = lambda world: None
    regions: frozenset[str] | None = None  # what the provider sells in (None: every region)
    types: tuple[str, ...] = NUMBER_TYPES
    description: str = ""


def _place(world: World, offer: Offer | OwnedNumber):
    return world.place(offer.number, offer.region)


PROVIDERS: dict[str, dict[str, Kind]] = {
    "sinch": {
        "available-numbers": Kind("available-numbers", AVAILABLE, lambda o, w: sinch.available_number(o),
                                  description="AvailableNumber (GET /availableNumbers)"),
        "active-numbers": Kind("active-numbers", OWNED, lambda r, w: sinch.active_number(r, SINCH_PROJECT),
                               tenant=f"sinch/{SINCH_PROJECT}", description="ActiveNumber of test-project"),
    },
    "twilio": {
        "available-numbers": Kind(
            "available-numbers", AVAILABLE,
            lambda o, w: twilio.available_number(o, _place(w, o), w.catalogue, TWILIO),
            description="AvailablePhoneNumber (a search result)"),
        "incoming-numbers": Kind(
            "incoming-numbers", OWNED, lambda r, w: twilio.incoming_number(r, TWILIO_ACCOUNT_1, w.catalogue, TWILIO),
            tenant=f"twilio/{TWILIO_ACCOUNT_1}", configure=lambda w: purchase_configure(w, TWILIO, {}),
            description="IncomingPhoneNumber of the default account (PN sids)"),
    },
    "signalwire": {
        "available-numbers": Kind(
            "available-numbers", AVAILABLE, lambda o, w: relay.available_number(o, _place(w, o)),
            regions=frozenset({"US"}), types=(LOCAL, TOLL_FREE),
            description="relay REST search result (US only)"),
        "phone-numbers": Kind(
            "phone-numbers", OWNED, lambda r, w: relay.phone_number(r),
            tenant=signalwire_tenant(SIGNALWIRE_PROJECT_1), configure=buy_configure,
            regions=frozenset({"US"}), types=(LOCAL, TOLL_FREE),
            description="relay REST PhoneNumber of the default project (uuids)"),
        "compat-available-numbers": Kind(
            "compat-available-numbers", AVAILABLE,
            lambda o, w: twilio.available_number(o, _place(w, o), w.catalogue, SIGNALWIRE),
            regions=SIGNALWIRE.regions, types=(LOCAL, TOLL_FREE),
            description="compatibility (LaML) AvailablePhoneNumber"),
        "incoming-numbers": Kind(
            "incoming-numbers", OWNED,
            lambda r, w: twilio.incoming_number(r, SIGNALWIRE_PROJECT_1, w.catalogue, SIGNALWIRE),
            tenant=signalwire_tenant(SIGNALWIRE_PROJECT_1), configure=lambda w: purchase_configure(w, SIGNALWIRE, {}),
            regions=SIGNALWIRE.regions, types=(LOCAL, TOLL_FREE),
            description="compatibility (LaML) IncomingPhoneNumber of the default project"),
    },
    "enfonica": {
        "phone-numbers": Kind("phone-numbers", AVAILABLE, lambda o, w: enfonica.phone_number(o),
                              description="PhoneNumber (phoneNumbers:search)"),
        "phone-number-blocks": Kind(
            "phone-number-blocks", BLOCKS, lambda found, w: enfonica.phone_number(found[1], found[0]),
            description="PhoneNumber blocks of 100 (phoneNumbers:search with rangeSize=100)"),
        "phone-number-instances": Kind(
            "phone-number-instances", OWNED, lambda r, w: enfonica.instance(r),
            tenant=enfonica.tenant(ENFONICA_PROJECT),
            configure=lambda w: create_configure(w, enfonica_fields.validated({}, enfonica_fields.MUTABLE)),
            description="PhoneNumberInstance of test-project"),
        "range-instances": Kind(
            "range-instances", RANGES, lambda r, w: enfonica.instance(r),
            tenant=enfonica.tenant(ENFONICA_PROJECT),
            configure=lambda w: create_configure(w, enfonica_fields.validated({}, enfonica_fields.MUTABLE)),
            description="PhoneNumberInstance holding a range of 100 (test-project)"),
    },
    "wazo": {
        "phone-numbers": Kind("phone-numbers", LISTINGS, lambda listing, w: wazo.phone_number(listing, WAZO_ITEMS_URL),
                              tenant=wazo_tenant(WAZO_TENANT_1), description="confd PhoneNumber of tenant 1"),
    },
    "platform": {
        "available-numbers": Kind(
            "available-numbers", AVAILABLE, lambda o, w: platform.available_number(o, _place(w, o), w.catalogue),
            description="platform AvailablePhoneNumber"),
        "purchases": Kind(
            "purchases", PLATFORM_PURCHASES, lambda w: [platform.purchase(p) for p in
                                                        w.purchases.list(PLATFORM_TENANT, limit=sys.maxsize)[0]],
            description="PhoneNumberPurchase of API key test, COMPLETED (SignalWire in US / CA, else Twilio)"),
        "phone-configurations": Kind(
            "phone-configurations", PLATFORM_PURCHASES, lambda w: [platform.configuration(c) for c in
                                                                   w.configurations.list(PLATFORM_TENANT, limit=sys.maxsize)[0]],
            description="PhoneConfiguration (ACTIVE) of the numbers those purchases bought"),
    },
}
#: ``available`` / ``owned`` name each provider's main kind of either.
DEFAULT_KINDS = {
    "sinch": {AVAILABLE: "available-numbers", OWNED: "active-numbers"},
    "twilio": {AVAILABLE: "available-numbers", OWNED: "incoming-numbers"},
    "signalwire": {AVAILABLE: "available-numbers", OWNED: "phone-numbers"},
    "enfonica": {AVAILABLE: "phone-numbers", OWNED: "phone-number-instances"},
    "wazo": {OWNED: "phone-numbers"},
    "platform": {AVAILABLE: "available-numbers", OWNED: "phone-configurations"},
}


def kind_of(provider: str, name: str) -> Kind:
    kinds = PROVIDERS.get(provider)
    if kinds is None:
        raise GenerationError(f"unknown provider {provider!r} (one of {', '.join(PROVIDERS)})")
    name = DEFAULT_KINDS[provider].get(name, name)
    if name not in kinds:
        choices = ", ".join([*kinds, *DEFAULT_KINDS[provider]])
        raise GenerationError(f"{provider} has no kind {name!r} (one of {choices})")
    return kinds[name]


def world_for(seed: int) -> World:
    """A fresh world where every valid number is on sale, with a frozen clock and seeded ids."""
    return World(WorldConfig(seed=seed, density=1.0, frozen_clock_at=T0))


def split_count(count: int, parts: int) -> list[int]:
    return [count // parts + (1 if i < count % parts else 0) for i in range(parts)]


def numbers(regions: tuple[str, ...], number_type: str, count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` distinct valid numbers with their regions, spread evenly over ``regions`` (interleaved)."""
    per_region = [sampler(r, number_type).unique(seed, n) for r, n in zip(regions, split_count(count, len(regions)))]
    interleaved: list[tuple[str, str]] = []
    for i in range(max((len(p) for p in per_region), default=0)):
        interleaved.extend((p[i], region) for region, p in zip(regions, per_region) if i < len(p))
    return interleaved


def offers(chosen: list[tuple[str, str]], number_type: str, catalogue: Catalogue) -> Iterator[Offer]:
    """What ``describe`` says of each number, without classifying it again (the sampler did)."""
    per_region: dict[str, tuple[Pricing, bool]] = {}
    capabilities = catalogue.capabilities
    for e164, region in chosen:
        terms = per_region.get(region)
        if terms is None:
            terms = per_region[region] = (catalogue.pricing(region, number_type),
                                          catalogue.documentation_required(region, number_type))
        yield Offer(e164, region, number_type, capabilities(e164, number_type), *terms)


def _step(seed: int, i: int) -> float:
    """Seconds between two acquisitions: a seeded 1 to 600."""
    return float(1 + seeded(seed, "step", i) % 600)


def blocks(world: World, regions: tuple[str, ...], number_type: str, count: int) -> list[tuple[NumberRange, Offer]]:
    """``count`` of the world's on-sale blocks of 100 whose every number is valid, over ``regions``."""
    found: list[tuple[NumberRange, Offer]] = []
    for region, wanted in zip(regions, split_count(count, len(regions))):
        query = NumberQuery(region, number_type)
        ask = wanted
        while True:
            offered = world.search_ranges(query, ask)
            whole = [(span, offer) for span, offer in offered
                     if all(classify(n) == (region, number_type) for n in span)]
            if len(whole) >= wanted or len(offered) < ask:
                break
            ask *= 2
        if len(whole) < wanted:
            raise GenerationError(f"only {len(whole)} blocks of {number_type} numbers in {region} are on sale, not {wanted}")
        found.extend(whole[:wanted])
    return found


def records(kind: Kind, regions: tuple[str, ...], number_type: str, count: int, seed: int) -> Iterator[dict[str, Any]]:
    """The records of ``kind``, in order; the same for the same arguments. The arguments are checked
    at once (GenerationError); the records are made as they are read."""
    regions = tuple(dict.fromkeys(r.strip().upper() for r in regions if r.strip()))  # each once
    if not regions:
        raise GenerationError("give at least one region")
    if count < 0:
        raise GenerationError("count must not be negative")
    if number_type not in kind.types:
        raise GenerationError(f"{kind.name} has no {number_type} numbers (only {', '.join(kind.types)})")
    if kind.regions is not None:
        outside = [r for r in regions if r not in kind.regions]
        if outside:
            raise GenerationError(f"{kind.name} are sold only in {', '.join(sorted(kind.regions))}, not {', '.join(outside)}")
    return _made(kind, regions, number_type, count, seed)


def _made(kind: Kind, regions: tuple[str, ...], number_type: str, count: int, seed: int) -> Iterator[dict[str, Any]]:
    world = world_for(seed)
    if kind.source in (BLOCKS, RANGES):
        found = blocks(world, regions, number_type, count)
        configure = kind.configure(world)
        for i, block in enumerate(found):
            if kind.source == BLOCKS:
                yield kind.render(block, world)
            else:
                world.clock.advance(_step(seed, i))
                yield kind.render(world.acquire_range(kind.tenant, block[0], configure), world)
        return
    chosen = numbers(regions, number_type, count, seed)
    if kind.source == AVAILABLE:
        for offer in offers(chosen, number_type, world.catalogue):
            yield kind.render(offer, world)
    elif kind.source == PLATFORM_PURCHASES:
        yield from kind.render(_platform_purchases(world, chosen, number_type, seed))
    elif kind.source == OWNED:
        configure = kind.configure(world)
        for i, (e164, _region) in enumerate(chosen):
            world.clock.advance(_step(seed, i))
            yield kind.render(world.acquire(kind.tenant, e164, configure), world)
    else:  # LISTINGS
        for i, (e164, _region) in enumerate(chosen):
            world.clock.advance(_step(seed, i))
            yield kind.render(world.directory.add(kind.tenant, e164, world.ids.uuid4), world)


def _platform_purchases(world: World, chosen: list[tuple[str, str]], number_type: str, seed: int) -> World:
    """Buy ``chosen`` through the platform API itself (its views hold the purchase and configuration
    logic), in-process on ``world``, and let the clock complete every purchase."""
    config = Config(seed=seed, density=1.0, frozen_clock=True, validation="off")
    client = create_app(config, world=world).test_client()
    headers = {"Authorization": f"Bearer {PLATFORM_KEY}"}
    for i, (e164, region) in enumerate(chosen):
        world.clock.advance(_step(seed, i))
        provider = "SIGNALWIRE" if region in (SIGNALWIRE.regions or ()) and number_type != MOBILE else "TWILIO"
        body = {"phoneNumber": e164, "countryCode": region, "numberType": number_type,
                "friendlyName": twilio.friendly(e164), "providerType": provider}
        response = client.post("/platform/v1/phone-number-purchases", json=body, headers=headers)
        if response.status_code != 201:
            raise GenerationError(f"the platform refused to buy {e164}: {response.get_data(as_text=True)}")
    world.clock.advance(config.platform_pending_seconds + config.platform_processing_seconds + 1)
    world.tick()
    return world
