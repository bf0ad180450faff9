"""The platform's keys, delays and port: configuration, banner and root port."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.config import Config, PlatformKey
from emulator.serving import banner


def test_keys_and_delays_from_the_environment():
    config = Config.from_env({"NUMBERS_EMULATOR_PLATFORM_KEYS": "k:9:AC1:p1", "NUMBERS_EMULATOR_PLATFORM_PENDING_SECONDS": "5"})
    assert config.platform_keys == (PlatformKey("k", "9", "AC1", "p1"),)
    assert config.platform_pending_seconds == 5.0 and config.platform_processing_seconds == 2.0
    with pytest.raises(ValueError):
        Config.from_env({"NUMBERS_EMULATOR_PLATFORM_KEYS": "k:9"})


def test_banner_names_the_surface_and_its_keys():
    text = banner(Config(), 0.1)
    assert "http://127.0.0.1:6862/platform" in text
    assert "platform API key test (Authorization: Bearer): tenant 1" in text
    assert "platform API key test-2" in text


def test_configured_delays_drive_purchases_and_the_root_port():
    app = create_app(Config(frozen_clock=True, platform_pending_seconds=10, platform_processing_seconds=0,
                            platform_port=6999))
    client = app.test_client()
    headers = {"Authorization": "Bearer test"}
    number = client.get("/v1/phone-numbers/available", query_string={"countryCode": "US"}, headers=headers,
                        base_url="http://localhost:6999").json["data"][0]["phoneNumber"]
    created = client.post("/platform/v1/phone-number-purchases", headers=headers,
                          json={"friendlyName": "x", "phoneNumber": number, "countryCode": "US"}).json
    app.world.clock.advance(9)
    assert client.get(f"/platform/v1/phone-number-purchases/{created['id']}", headers=headers).json["status"] == "PENDING"
    app.world.clock.advance(1)
    assert client.get(f"/platform/v1/phone-number-purchases/{created['id']}", headers=headers).json["status"] == "COMPLETED"
