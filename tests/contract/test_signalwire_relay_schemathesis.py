"""schemathesis against openapi/signalwire.yaml (SignalWire's relay REST phone-number API), in-process,
with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> buy -> retrieve / update / release, list -> retrieve). Zero failures allowed.
"""
from __future__ import annotations

from tests.contract.fuzzing import fuzz_target

TARGET = fuzz_target("signalwire", "signalwire-relay")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses  # (operationId, status) seen by the app during fuzzing


test_stateless = TARGET.stateless_test()
TestStateful = TARGET.stateful_test()


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()
