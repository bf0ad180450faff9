"""Response validation modes: strict fails loudly, warn flags and logs, off lets it through.
Requests are validated in every mode: a bad request must get the provider's 400, never reach a view."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.config import Config
from emulator.providers.sinch import shapes
from tests.conftest import basic

AUTH = basic("test-key", "test")
SEARCH = "/sinch/v1/projects/test-project/availableNumbers?regionCode=US&type=LOCAL&size=1"


@pytest.fixture
def broken_shape(monkeypatch):
    """Make the Sinch surface answer outside its spec (a required field missing)."""
    original = shapes.available_number

    def without_region(offer):
        body = original(offer)
        del body["regionCode"]
        return body

    monkeypatch.setattr(shapes, "available_number", without_region)


@pytest.mark.parametrize("engine", ["fast", "openapi-core"])
def test_strict_turns_a_contract_break_into_a_loud_500(broken_shape, engine):
    client = create_app(Config(validation="strict", validation_engine=engine)).test_client()
    response = client.get(SEARCH, headers=AUTH)
    assert response.status_code == 500
    assert "broke the bundled spec" in response.json["error"]
    assert "regionCode" in response.json["detail"]


def test_warn_answers_and_flags_the_break(broken_shape):
    client = create_app(Config(validation="warn")).test_client()
    response = client.get(SEARCH, headers=AUTH)
    assert response.status_code == 200
    assert "regionCode" in response.headers["X-Emulator-Contract-Warning"]


def test_off_answers_without_checking(broken_shape):
    client = create_app(Config(validation="off")).test_client()
    response = client.get(SEARCH, headers=AUTH)
    assert response.status_code == 200
    assert "X-Emulator-Contract-Warning" not in response.headers
    assert "regionCode" not in response.json["availableNumbers"][0]


@pytest.mark.parametrize("mode", ["strict", "warn", "off"])
def test_requests_are_validated_in_every_mode(mode):
    client = create_app(Config(validation=mode)).test_client()
    response = client.get("/sinch/v1/projects/test-project/availableNumbers?type=LOCAL", headers=AUTH)
    assert response.status_code == 400
    assert response.json["error"]["details"][0]["fieldViolations"][0]["field"] == "regionCode"


def test_the_openapi_core_engine_serves_the_same_answers():
    fast = create_app(Config(validation_engine="fast")).test_client()
    core = create_app(Config(validation_engine="openapi-core")).test_client()
    for url in (SEARCH, "/sinch/v1/projects/test-project/availableNumbers?regionCode=US&type=NOPE"):
        a, b = fast.get(url, headers=AUTH), core.get(url, headers=AUTH)
        assert (a.status_code, a.json) == (b.status_code, b.json)


def _active_page(*records: dict) -> dict:
    return {"activeNumbers": list(records), "nextPageToken": "", "totalSize": len(records)}


def test_list_responses_check_each_record_once_and_still_catch_breaks():
    """The fast engine checks a listing as an envelope plus records, skipping record objects it
    already found valid; a new broken record, or a broken envelope, is still caught."""
    app = create_app(Config(validation="strict"))
    client = app.test_client()
    client.post("/sinch/v1/projects/test-project/availableNumbers:rentAny", headers=AUTH,
                json={"regionCode": "US", "type": "LOCAL"})
    listed = client.get("/sinch/v1/projects/test-project/activeNumbers", headers=AUTH).json["activeNumbers"][0]
    engine = app.surfaces["sinch"].engine
    op = "NumberService_ListActiveNumbers"
    good = dict(listed)
    assert engine.validate_response(op, 200, _active_page(good), b"") == []
    assert engine.validate_response(op, 200, _active_page(good, good), b"") == []  # known record
    broken = {k: v for k, v in listed.items() if k != "projectId"}
    assert any("projectId" in p for p in engine.validate_response(op, 200, _active_page(good, broken), b""))
    envelope_broken = _active_page(good)
    del envelope_broken["totalSize"]
    assert any("totalSize" in p for p in engine.validate_response(op, 200, envelope_broken, b""))
    good["projectId"] = 7  # the same object, changed after it was found valid: callers must not do this,
    # so the engine may miss it; a fresh copy with the same change is caught
    assert engine.validate_response(op, 200, _active_page(dict(good)), b"") != []
