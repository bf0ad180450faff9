"""schemathesis against openapi/control.yaml (the emulator's own API), in-process, with all of its
checks; stateless and along its links (addFault -> removeFault). Zero failures allowed."""
from __future__ import annotations

from tests.contract.fuzzing import fuzz_target

TARGET = fuzz_target("control", "control")
app = TARGET.app


def _steer(case) -> None:
    """Keep generated clock moves small and forward, so that the world's clock stays usable for later
    cases (an instant of the year 3000 would leave nothing to set). Valid values stay valid."""
    body = case.body if isinstance(case.body, dict) else {}
    seconds = body.get("seconds")
    if isinstance(seconds, (int, float)) and not isinstance(seconds, bool) and 0 <= seconds <= 3153600000:
        body["seconds"] = seconds % 3600
    at = body.get("at")
    if isinstance(at, int) and not isinstance(at, bool) and 0 <= at <= 32503680000000:
        body["at"] = round(app.world.now() * 1000) + at % 3_600_000 + 1000


test_stateless = TARGET.stateless_test(_steer)
TestStateful = TARGET.stateful_test(_steer, setup=lambda: app.test_client().post("/_emulator/reset"))


def test_fuzzing_reached_every_operation_successfully():
    # loadInventory needs a fixture file on the emulator's machine: generated paths name none (its
    # success is tests/control's). Operations that take no input have nothing to refuse.
    TARGET.assert_every_operation_reached(
        never_succeeds=frozenset({"loadInventory"}),
        never_refuses=frozenset({"getHealth", "getClock", "unfreezeClock", "listFaults", "clearFaults"}),
    )
