"""schemathesis against openapi/platform.yaml, in-process, with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the spec's OpenAPI links (search ->
purchase -> get / cancel; import / port-in -> get / update / transitions / links; channel create ->
get / delete). Zero failures allowed. Numbers to import (held by tenant 1's provider accounts) and
to port in (valid, not sold) are stocked first, so those operations have something to act on.
"""
from __future__ import annotations

import re

from emulator.config import Config
from emulator.core import LOCAL, NumberQuery
from emulator.core.inventory import describe
from emulator.providers.platform.gateways import GATEWAYS
from tests.contract.fuzzing import fuzz_target

# Purchases stay PENDING for ten minutes of the (running) clock, so that cancel has something to cancel.
TARGET = fuzz_target("platform", "platform",
                     Config(validation="strict", platform_pending_seconds=600.0))
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses
KEY = app.config_object.platform_keys[0]
_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
PORTABLE: list[str] = []  # valid US numbers the inventory does not sell


def stock() -> None:
    """Give tenant 1's provider accounts numbers to import; find numbers to port in."""
    world = app.world
    for gateway in GATEWAYS.values():
        for offer in world.search(NumberQuery("US", LOCAL), 4):
            gateway.buy(world, KEY, offer.number, None)
    if not PORTABLE:
        start = int(world.search(NumberQuery("US", LOCAL, "+1206"), 1)[0].number[1:])
        candidates = (f"+{start + step}" for step in range(1, 2000))
        PORTABLE.extend(n for n in candidates if describe(n, world.catalogue) and world.inventory.offer(n) is None)


def fresh_world() -> None:
    app.world.reset()
    stock()


_COUNTRY = re.compile(r"^[A-Z]{2}$")


def _valid_id(value) -> bool:
    return isinstance(value, str) and 1 <= len(value) <= 64


# operation -> the configuration statuses it can act on (a path id is aimed at one of those).
_ACTS_ON = {"ReactivatePhoneConfiguration": ("SUSPENDED", "INACTIVE"), "SuspendPhoneConfiguration": ("ACTIVE", "INACTIVE"),
            "MarkPhoneConfigurationForRelease": ("ACTIVE", "INACTIVE", "SUSPENDED", "PENDING")}


def _steer_path(case, operation) -> None:
    """Aim a valid path id at an existing resource of tenant 1 (most random ids are only 404s)."""
    path = case.path_parameters or {}
    world, tenant = app.world, f"platform/{KEY.tenant}"
    if _valid_id(path.get("purchaseId")):
        pending_only = operation == "CancelPhoneNumberPurchase"
        mine = [p for p in world.purchases.by_id.values() if p.tenant == tenant
                and (not pending_only or p.status == "PENDING")]
        if mine:
            path["purchaseId"] = mine[-1].id
    if _valid_id(path.get("configurationId")):
        wanted = _ACTS_ON.get(operation)
        mine = [c for c in world.configurations.by_id.values() if c.tenant == tenant
                and (wanted is None or c.status in wanted)]
        if mine:
            path["configurationId"] = mine[-1].id
    if _valid_id(path.get("channelId")):
        mine = [c for c in world.channels.by_id.values() if c.tenant == tenant]
        if mine:
            path["channelId"] = mine[-1].id


def _steer(case) -> None:
    """Aim generated values where behaviour lives: the US (which both providers sell) instead of
    random countries, purchases of available numbers, import and port-in bodies at numbers they can
    act on, channel links that unlink. Only valid values are replaced, so a negative case stays
    negative."""
    query = case.query if isinstance(case.query, dict) else {}
    if isinstance(query.get("countryCode"), str) and _COUNTRY.match(query["countryCode"]):
        query["countryCode"] = "US"
    body = case.body if isinstance(case.body, dict) else None
    operation = case.operation.definition.raw.get("operationId")
    _steer_path(case, operation)
    if operation == "LinkPhoneConfigurationChannels" and body is not None:
        for field in ("voiceChannelId", "smsChannelId"):
            if _valid_id(body.get(field)):
                body[field] = None
        return
    if operation == "CreatePhoneNumberPurchase" and body is not None:
        if isinstance(body.get("countryCode"), str) and _COUNTRY.match(body["countryCode"]):
            body["countryCode"] = "US"
        if body.get("numberType") in ("TOLL_FREE", "MOBILE"):
            body["numberType"] = "LOCAL"
    if body is None or not isinstance(body.get("phoneNumber"), str) or not _E164.match(body["phoneNumber"]):
        return
    world = app.world
    if operation == "CreatePhoneNumberPurchase":
        body["phoneNumber"] = world.search(NumberQuery("US", LOCAL), 1)[0].number
    elif operation == "ImportPhoneConfiguration":
        provider = body.get("providerType", "SIGNALWIRE")
        if not isinstance(provider, str) or provider not in GATEWAYS:
            return
        owner = GATEWAYS[provider].tenant(KEY)
        held = [r.number for r in world.owned.values() if r.tenant == owner
                and world.configurations.live_for(f"platform/{KEY.tenant}", r.number) is None]
        if held:
            body["phoneNumber"] = held[0]
    elif operation == "PortInPhoneConfiguration":
        free = [n for n in PORTABLE if world.holder(n) is None]
        if free:
            body["phoneNumber"] = free[0]


stock()
test_stateless = TARGET.stateless_test(_steer)
TestStateful = TARGET.stateful_test(_steer, setup=fresh_world, max_examples=80)


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()

