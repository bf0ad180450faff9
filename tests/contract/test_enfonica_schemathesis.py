"""schemathesis against openapi/enfonica.yaml (Enfonica numbering v1beta1), in-process, with all of
its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> create -> get / update / delete / move / splitRange, list -> get). Zero failures allowed.
"""
from __future__ import annotations

from contracts.harness.steering import pin_account
from tests.contract.fuzzing import fuzz_target

PROJECT, OTHER_PROJECT = "test-project", "test-project-2"
TARGET = fuzz_target("enfonica", "enfonica")
CONFIG, app, schema = TARGET.config, TARGET.app, TARGET.schema
STATUSES = TARGET.statuses  # (operationId, status) seen by the app during fuzzing
# The caller's own project instead of foreign ones that only ever answer 403 (the harness's hook:
# only ids valid for the spec are replaced, so negative cases stay negative).
pin_account(schema, schema.raw_schema, "project", PROJECT)


def _steer(case) -> None:
    """Aim generated values where behaviour lives: a move towards the other default project, a split
    size inside a range. Only values already valid for the schema are changed, so negative cases
    stay negative."""
    body = case.body if isinstance(case.body, dict) else {}
    if isinstance(body.get("destinationParent"), str):
        body["destinationParent"] = f"projects/{OTHER_PROJECT}"
        if isinstance(body.get("regulatoryListing"), str):
            del body["regulatoryListing"]  # a random one names no listing of the destination
    size = body.get("size")
    if isinstance(size, int) and not isinstance(size, bool) and -(2**31) <= size < 2**31:
        body["size"] = abs(size) % 99 + 1


def _steer_scenario(case) -> None:
    """Also aim searches at blocks of a country whose numbers can be provisioned, so that scenarios
    create ranges that splitRange can split (single numbers: the stateless run, the behaviour tests)."""
    _steer(case)
    query = case.query if isinstance(case.query, dict) else {}
    if isinstance(query.get("countryCode"), str):
        query["countryCode"] = "AU"
        query.pop("prefix", None)
        query["rangeSize"] = 100


test_stateless = TARGET.stateless_test(_steer)
TestStateful = TARGET.stateful_test(_steer_scenario, max_examples=60)


def test_fuzzing_reached_every_operation_successfully():
    TARGET.assert_every_operation_reached()
