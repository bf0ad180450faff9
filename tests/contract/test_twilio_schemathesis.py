"""schemathesis against openapi/twilio.yaml, in-process, with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> buy -> fetch / update / delete -> fetch). Zero failures allowed.
"""
from __future__ import annotations

import copy
import re
import zlib
from collections import Counter
from pathlib import Path

import schemathesis
from flask import g
from hypothesis import HealthCheck, settings

from emulator.app import create_app
from emulator.config import Config
from emulator.core import CONTAINS, NumberQuery
from emulator.specs import load_spec

ACCOUNT = "AC00000000000000000000000000000001"
_VALID_ACCOUNT = re.compile(r"^AC[0-9a-fA-F]{32}$")
_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")
CONFIG = schemathesis.Config.from_path(Path(__file__).with_name("twilio.schemathesis.toml"))

app = create_app(Config(validation="strict"))
schema = schemathesis.openapi.from_dict(copy.deepcopy(load_spec("twilio")), config=CONFIG)
schema.app = app
STATUSES: Counter = Counter()  # (operationId, status) seen by the app during fuzzing


@app.after_request
def _record(response):
    STATUSES[(g.get("operation_id"), response.status_code)] += 1
    return response


def _pin_account(case) -> None:
    """Act on the caller's own account whenever the generated SID is a valid one; a foreign valid
    SID would only ever get 404 and hide every other behaviour."""
    path = case.path_parameters or {}
    if "AccountSid" in path and isinstance(path["AccountSid"], str) and _VALID_ACCOUNT.match(path["AccountSid"]):
        path["AccountSid"] = ACCOUNT
    body = case.body  # the update's AccountSid field (moving a number) likewise
    if isinstance(body, dict) and isinstance(body.get("AccountSid"), str) and _VALID_ACCOUNT.match(body["AccountSid"]):
        body["AccountSid"] = ACCOUNT


# Where a purchase's PhoneNumber gets an available number: (region, core number type) per operation.
_PURCHASES = {
    "CreateIncomingPhoneNumber": ("US", "LOCAL"),
    "CreateIncomingPhoneNumberLocal": ("US", "LOCAL"),
    "CreateIncomingPhoneNumberTollFree": ("US", "TOLL_FREE"),
    "CreateIncomingPhoneNumberMobile": ("GB", "MOBILE"),
}


def _pin_number(case) -> None:
    """A generated PhoneNumber is a random string (or absent: it is optional on the main purchase),
    practically never a number the inventory has free: purchases would only ever be refused and
    nothing after them (fetch, update, delete) would be reached. So every other purchase (chosen
    by the generated values, to stay reproducible) buys a free number of the operation's type
    instead; the others keep what was generated. A well-formed number (the spec's example, one a
    link took from a search) is always replaced: the example is not in the inventory."""
    target = _PURCHASES.get(case.operation.definition.raw.get("operationId", ""))
    body = case.body
    if target is None or not isinstance(body, dict):
        return
    number = body.get("PhoneNumber")
    well_formed = isinstance(number, str) and _E164.match(number)
    if not well_formed and zlib.crc32(repr((number, body.get("AreaCode"))).encode("utf-8", "backslashreplace")) % 2:
        return
    free = app.world.search(NumberQuery(*target, "", CONTAINS), 1)
    if free:
        body["PhoneNumber"] = free[0].number


_VALID_SID = re.compile(r"^PN[0-9a-fA-F]{32}$")


def _pin_sid(case) -> None:
    """Likewise a generated number Sid never names an owned number: every other valid one (chosen
    by its value) is replaced by a Sid of one the account owns, so fetch, update and delete are
    reached outside the links too; the others still meet 404."""
    path = case.path_parameters or {}
    sid = path.get("Sid")
    if not (isinstance(sid, str) and _VALID_SID.match(sid)) or zlib.crc32(sid.encode()) % 2:
        return
    owned = [r.id for r in list(app.world.owned.values()) if r.tenant == f"twilio/{ACCOUNT}"]
    if owned:
        path["Sid"] = owned[zlib.crc32(sid.encode()) % len(owned)]


def _pin(case) -> None:
    _pin_account(case)
    _pin_number(case)
    _pin_sid(case)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_stateless(case):
    _pin(case)
    case.call_and_validate()


def _without_pricing_links(spec: dict) -> dict:
    """schemathesis starts its scenarios ("roots") only at the operations it thinks reliable:
    POSTs whose inputs some operation produces, and GETs without path parameters. Here that is
    the Pricing list alone (every 2010 operation needs an AccountSid, which no operation
    produces), so scenarios would never leave Pricing. Without Pricing's one link (list -> fetch,
    covered by the stateless run) no root is "reliable" and schemathesis falls back to every
    operation with links: the country list and fetch, the searches, the lists and the purchases."""
    for item in spec["paths"].values():
        for operation in item.values():
            if isinstance(operation, dict) and operation.get("operationId") == "ListPricingPhoneNumberCountry":
                operation["responses"]["200"].pop("links", None)
    return spec


stateful_schema = schemathesis.openapi.from_dict(_without_pricing_links(copy.deepcopy(load_spec("twilio"))), config=CONFIG)
stateful_schema.app = app


class TwilioStateMachine(stateful_schema.as_state_machine()):  # type: ignore[misc]
    def setup(self):
        """Each scenario starts from a fresh world, so a replayed scenario sees the same answers."""
        app.world.reset()

    def before_call(self, case):
        _pin(case)


TestStateful = TwilioStateMachine.TestCase
TestStateful.settings = settings(max_examples=60, stateful_step_count=8, deadline=None, suppress_health_check=list(HealthCheck))


# The number types Twilio lists that the emulator's numbering plan sells in no country: their
# searches answer 404 (20404) everywhere, as Twilio does for a type a country lacks.
NEVER_OFFERED = {"ListAvailablePhoneNumberNational", "ListAvailablePhoneNumberVoip",
                 "ListAvailablePhoneNumberSharedCost", "ListAvailablePhoneNumberMachineToMachine"}


def test_fuzzing_reached_every_operation_successfully():
    """Guards the runs above: fuzzing that only ever met 401s or 400s would pass vacuously."""
    assert STATUSES, "the schemathesis tests did not run first"
    succeeded = {op for (op, status), n in STATUSES.items() if 200 <= status < 300}
    rejected = {op for (op, status), n in STATUSES.items() if 400 <= status < 500}
    operations = {o["operationId"] for item in schema.raw_schema["paths"].values()
                  for o in item.values() if isinstance(o, dict) and "operationId" in o}
    assert operations - succeeded == NEVER_OFFERED, sorted(operations - succeeded)
    assert operations - rejected == set()
    assert not [k for k in STATUSES if k[1] >= 500]
    assert {op for (op, status) in STATUSES if status == 404} >= NEVER_OFFERED


