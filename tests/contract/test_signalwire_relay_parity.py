"""The fast validation engine gives openapi-core's verdict on openapi/signalwire.yaml requests."""
from __future__ import annotations

import copy

import schemathesis
from hypothesis import HealthCheck, settings

from emulator.specs import load_spec
from emulator.validation import FastEngine, OpenAPICoreEngine
from tests.contract.test_validation_parity import _body, _query, verdict

SPEC = load_spec("signalwire")
FAST = FastEngine(SPEC)
CORE = OpenAPICoreEngine(SPEC)
schema = schemathesis.openapi.from_dict(copy.deepcopy(SPEC))


@schema.parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_request_verdicts_agree(case):
    path = {k: str(v) for k, v in (case.path_parameters or {}).items()}
    if any("/" in v or v == "" for v in path.values()):
        return  # cannot be routed at all: never reaches validation
    query = _query(case)
    content_type, body = _body(case)
    op = case.operation.definition.raw["operationId"]
    fast = verdict(FAST, op, path, query, content_type, body)
    core = verdict(CORE, op, path, query, content_type, body)
    assert fast == core, f"{op}: fast={fast} openapi-core={core} path={path} query={dict(query.lists())} body={body[:300]!r}"
