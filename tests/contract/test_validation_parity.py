"""The fast validation engine gives openapi-core's verdict (openapi-core is the engine of record).

Requests: schemathesis generates positive and negative cases for every operation of the Sinch spec;
both engines must accept or both reject. Responses: what the emulator really answers passes both;
the same bodies with a required field removed or a field of the wrong type fail both.
"""
from __future__ import annotations

import copy
import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core import NOT_SET
from werkzeug.datastructures import MultiDict

from emulator.specs import load_spec
from emulator.validation import FastEngine, OpenAPICoreEngine, ValidationFailure

SPEC = load_spec("sinch")
FAST = FastEngine(SPEC)
CORE = OpenAPICoreEngine(SPEC)


def verdict(engine, operation_id, path, query, content_type, body) -> bool:
    try:
        engine.validate_request(operation_id, path, query, content_type, body)
    except ValidationFailure:
        return False
    return True


def _query(case) -> MultiDict:
    items = []
    for key, value in (case.query or {}).items():
        for v in value if isinstance(value, list) else [value]:
            items.append((key, v if isinstance(v, str) else json.dumps(v) if not isinstance(v, (int, float, bool)) else str(v).lower() if isinstance(v, bool) else str(v)))
    return MultiDict(items)


def _body(case) -> tuple[str | None, bytes]:
    if case.body is NOT_SET:
        return None, b""
    if isinstance(case.body, bytes):
        return case.media_type, case.body
    if case.media_type == "application/x-www-form-urlencoded" and isinstance(case.body, dict):
        from urllib.parse import urlencode

        return case.media_type, urlencode({k: v for k, v in case.body.items()}, doseq=True).encode()
    return case.media_type or "application/json", json.dumps(case.body).encode()


def request_parity_test(spec_name: str, max_examples: int = 60):
    """A test that generates requests for every operation of ``spec_name`` (valid and not) and
    asserts both engines give the same verdict."""
    spec = load_spec(spec_name)
    fast, core = FastEngine(spec), OpenAPICoreEngine(spec)
    generated = schemathesis.openapi.from_dict(copy.deepcopy(spec))

    @generated.parametrize()
    @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
    def test_request_verdicts_agree(case):
        path = {k: str(v) for k, v in (case.path_parameters or {}).items()}
        if any("/" in v or v == "" for v in path.values()):
            return  # cannot be routed at all: never reaches validation
        query = _query(case)
        content_type, body = _body(case)
        op = case.operation.definition.raw["operationId"]
        fast_verdict = verdict(fast, op, path, query, content_type, body)
        core_verdict = verdict(core, op, path, query, content_type, body)
        assert fast_verdict == core_verdict, (
            f"{op}: fast={fast_verdict} openapi-core={core_verdict} path={path} query={dict(query.lists())} body={body[:300]!r}"
        )

    return test_request_verdicts_agree


test_request_verdicts_agree = request_parity_test("sinch")


def _active_number(client, auth):
    found = client.get("/sinch/v1/projects/test-project/availableNumbers?regionCode=US&type=LOCAL&size=1", headers=auth)
    number = found.json["availableNumbers"][0]["phoneNumber"]
    rented = client.post(
        f"/sinch/v1/projects/test-project/availableNumbers/{number}:rent",
        headers=auth,
        json={"smsConfiguration": {"servicePlanId": "plan"}, "voiceConfiguration": {"type": "EST", "trunkId": "t"}},
    )
    return found.json, rented.json


def test_response_verdicts_agree_on_real_and_broken_bodies(client, auth):
    search, active = _active_number(client, auth)
    cases = [("NumberService_ListAvailableNumbers", search), ("NumberService_RentNumber", active)]
    for operation_id, body in cases:
        assert FAST.validate_response(operation_id, 200, body, json.dumps(body).encode()) == []
        assert CORE.validate_response(operation_id, 200, body, json.dumps(body).encode()) == []
    broken = []
    missing = copy.deepcopy(active)
    del missing["regionCode"]
    broken.append(missing)
    wrong_type = copy.deepcopy(active)
    wrong_type["paymentIntervalMonths"] = "1"
    broken.append(wrong_type)
    extra = copy.deepcopy(active)
    extra["capabilities"] = ["SMS"]
    broken.append(extra)
    bad_enum = copy.deepcopy(active)
    bad_enum["smsConfiguration"]["scheduledProvisioning"]["status"] = "DONE"
    broken.append(bad_enum)
    for body in broken:
        raw = json.dumps(body).encode()
        assert FAST.validate_response("NumberService_RentNumber", 200, body, raw), body
        assert CORE.validate_response("NumberService_RentNumber", 200, body, raw), body


@pytest.mark.parametrize("status", [201, 500])
def test_undocumented_status_is_a_contract_break_for_both(status):
    body = {"error": {"code": status, "message": "", "status": "INTERNAL", "details": []}}
    assert FAST.validate_response("NumberService_GetActiveNumber", status, body, json.dumps(body).encode())
    assert CORE.validate_response("NumberService_GetActiveNumber", status, body, json.dumps(body).encode())
