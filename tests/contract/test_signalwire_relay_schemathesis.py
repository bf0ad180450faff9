"""schemathesis against openapi/signalwire.yaml (SignalWire's relay REST phone-number API), in-process,
with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> buy -> retrieve / update / release, list -> retrieve). Zero failures allowed.
"""
from __future__ import annotations


from hypothesis import HealthCheck, settings

from tests.contract.fuzzing import fuzz_target

TARGET = fuzz_target("signalwire", "signalwire-relay.schemathesis.toml")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses  # (operationId, status) seen by the app during fuzzing


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_stateless(case):
    case.call_and_validate()


class RelayStateMachine(schema.as_state_machine()):  # type: ignore[misc]
    def setup(self):
        """Each scenario starts from a fresh world, so a replayed scenario sees the same answers."""
        app.world.reset()


TestStateful = RelayStateMachine.TestCase
TestStateful.settings = settings(max_examples=40, stateful_step_count=8, deadline=None,
                                 suppress_health_check=list(HealthCheck))


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()
