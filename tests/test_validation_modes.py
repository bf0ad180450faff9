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
