"""schemathesis against openapi/control.yaml (the emulator's own API), in-process, with all of its
checks; stateless and along its links (addFault -> removeFault). Zero failures allowed."""
from __future__ import annotations

import re

from jsonschema import Draft202012Validator

from emulator.core import START, NumberQuery
from emulator.core.snapshot import export_world
from emulator.providers.twilio.dialect import TWILIO
from emulator.providers.twilio.routes import purchase_configure
from emulator.specs import load_spec
from tests.contract.fuzzing import fuzz_target

TARGET = fuzz_target("control", "control")
app = TARGET.app
SNAPSHOT_ENVELOPE = Draft202012Validator(load_spec("control")["components"]["schemas"]["Snapshot"])


def _steer(case) -> None:
    """Keep generated clock moves small and forward, so that the world's clock stays usable for later
    cases (an instant of the year 3000 would leave nothing to set). Valid values stay valid."""
    body = case.body if isinstance(case.body, dict) else {}
    seconds = body.get("seconds")
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and 0 <= seconds <= 3153600000:
        body["seconds"] = seconds % 3600
    if SNAPSHOT_ENVELOPE.is_valid(body) and body["ids"] % 2 == 0:
        case.body = export_world(app.world)  # a snapshot that reads, for half of the valid envelopes
    at = body.get("at")
    if isinstance(at, int) and not isinstance(at, bool) and 0 <= at <= 32503680000000:
        body["at"] = round(app.world.now() * 1000) + at % 3_600_000 + 1000
    _steer_inbound(case)


INBOUND_TENANT = "twilio/AC00000000000000000000000000000001"
NOWHERE = "http://example.invalid/hook"  # not loopback: refused at once, no network
E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")


def _inbound_number() -> str:
    """A number of tenant 1 whose handlers exist (the allow-list refuses them: nothing is sent)."""
    owned = app.world.list_owned(INBOUND_TENANT, limit=1).items
    if owned:
        return owned[0].number
    configure = purchase_configure(app.world, TWILIO, {"SmsUrl": NOWHERE, "VoiceUrl": NOWHERE})
    return app.world.acquire_any(INBOUND_TENANT, NumberQuery("US", "LOCAL", "+1206", START), configure).number


def _steer_inbound(case) -> None:
    """Aim a valid inbound message or call at an owned number with handlers, and a well-formed
    delivery id at an existing delivery, so that both succeed as well as fail."""
    body = case.body if isinstance(case.body, dict) else {}
    if case.path in ("/inbound/messages", "/inbound/calls") and isinstance(body.get("to"), str) and E164.match(body["to"]):
        body["to"] = _inbound_number()
    identifier = (case.path_parameters or {}).get("id")
    if case.path == "/inbound/deliveries/{id}" and isinstance(identifier, str) and re.match(r"^dl-[0-9]{1,9}$", identifier):
        newest = app.inbound.deliveries(limit=1)
        if newest:
            case.path_parameters["id"] = newest[0].id


test_stateless = TARGET.stateless_test(_steer)
TestStateful = TARGET.stateful_test(_steer, setup=lambda: app.test_client().post("/_emulator/reset"))


def test_fuzzing_reached_every_operation_successfully():
    # loadInventory needs a fixture file on the emulator's machine: generated paths name none (its
    # success is tests/control's). Operations that take no input have nothing to refuse.
    TARGET.assert_every_operation_reached(
        never_succeeds=frozenset({"loadInventory"}),
        never_refuses=frozenset({"getHealth", "getClock", "unfreezeClock", "listFaults", "clearFaults", "exportSnapshot"}),
    )
