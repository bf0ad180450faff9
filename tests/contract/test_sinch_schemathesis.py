"""schemathesis against openapi/sinch.yaml, in-process, with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> rent -> get -> update -> release). Zero failures allowed.
"""
from __future__ import annotations

from contracts.harness.steering import pin_account
from tests.contract.fuzzing import fuzz_target

PROJECT = "test-project"
TARGET = fuzz_target("sinch", "sinch")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses  # (operationId, status) seen by the app during fuzzing
# Act on the caller's own project whenever the generated id is a valid one (the harness's hook): a
# foreign valid id would only ever get 403 and hide every other behaviour.
pin_account(schema, schema.raw_schema, "projectId", PROJECT)

test_stateless = TARGET.stateless_test()
TestStateful = TARGET.stateful_test(max_examples=30)


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()
