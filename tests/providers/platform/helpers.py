"""Requests the platform tests share."""
from __future__ import annotations

from emulator.config import SIGNALWIRE_PROJECT_1, TWILIO_ACCOUNT_1
from tests.conftest import basic

KEY = {"Authorization": "Bearer test"}
KEY2 = {"Authorization": "Bearer test-2"}
V1 = "/platform/v1"
TWILIO_INCOMING = f"/twilio/2010-04-01/Accounts/{TWILIO_ACCOUNT_1}/IncomingPhoneNumbers.json"
TWILIO_AUTH = basic(TWILIO_ACCOUNT_1, "test")
SIGNALWIRE_NUMBERS = "/signalwire/api/relay/rest/phone_numbers"
SIGNALWIRE_AUTH = basic(SIGNALWIRE_PROJECT_1, "test")
STEPS_SECONDS = 3  # pending (1 s) + processing (2 s), the defaults


def available(client, provider="TWILIO", country="US", number_type="LOCAL", **params):
    query = {"countryCode": country, "numberType": number_type, "providerType": provider, **params}
    response = client.get(f"{V1}/phone-numbers/available", query_string=query, headers=KEY)
    assert response.status_code == 200, response.json
    return response.json["data"]


def purchase(client, number, provider="TWILIO", country="US", number_type="LOCAL", name="Main line", headers=KEY):
    body = {"friendlyName": name, "phoneNumber": number, "countryCode": country, "numberType": number_type,
            "providerType": provider}
    return client.post(f"{V1}/phone-number-purchases", json=body, headers=headers)


def advance(world, seconds=STEPS_SECONDS):
    world.clock.advance(seconds)
    world.tick()


def bought(client, world, provider="TWILIO", **kwargs):
    """A completed purchase and its configuration."""
    number = available(client, provider, **kwargs)[0]["phoneNumber"]
    created = purchase(client, number, provider, **kwargs)
    assert created.status_code == 201, created.json
    advance(world)
    done = client.get(f"{V1}/phone-number-purchases/{created.json['id']}", headers=KEY).json
    assert done["status"] == "COMPLETED", done
    config = client.get(f"{V1}/phone-configurations/{done['metadata']['phoneConfigurationId']}", headers=KEY).json
    return done, config


def twilio_numbers(client):
    return [n["phone_number"] for n in client.get(TWILIO_INCOMING, headers=TWILIO_AUTH).json["incoming_phone_numbers"]]


def signalwire_numbers(client):
    return [n["number"] for n in client.get(SIGNALWIRE_NUMBERS, headers=SIGNALWIRE_AUTH).json["data"]]
