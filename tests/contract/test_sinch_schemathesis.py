"""schemathesis against openapi/sinch.yaml, in-process, with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> rent -> get -> update -> release). Zero failures allowed.
"""
from __future__ import annotations

import re

from tests.contract.fuzzing import fuzz_target

PROJECT = "test-project"
_VALID_PROJECT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")
TARGET = fuzz_target("sinch", "sinch")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses  # (operationId, status) seen by the app during fuzzing


def _pin_project(case) -> None:
    """Act on the caller's own project whenever the generated id is a valid one; a foreign
    valid id would only ever get 403 and hide every other behaviour."""
    path = case.path_parameters or {}
    if "projectId" in path and isinstance(path["projectId"], str) and _VALID_PROJECT.match(path["projectId"]):
        path["projectId"] = PROJECT


test_stateless = TARGET.stateless_test(_pin_project)
TestStateful = TARGET.stateful_test(_pin_project, max_examples=30)


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()
