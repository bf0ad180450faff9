"""GET/PUT /_emulator/snapshot over HTTP, with state in every surface: a second emulator that reads
the first one's snapshot answers every surface's reads the same, issues the same next ids, and
completes the same pending work (Sinch provisioning, a platform purchase) at the same instants."""
from __future__ import annotations


import pytest

from emulator.app import create_app
from emulator.config import Config, TWILIO_ACCOUNT_1
from emulator.core import NumberQuery
from tests.conftest import basic
from tests.providers.platform.helpers import KEY, V1, available, purchase
from tests.providers.sinch import helpers as sinch
from tests.providers.wazo import helpers as wazo

C = "/_emulator"
TWILIO = f"/twilio/2010-04-01/Accounts/{TWILIO_ACCOUNT_1}/IncomingPhoneNumbers.json"
T1 = basic(TWILIO_ACCOUNT_1, "test")
ENFONICA = {"Authorization": "Bearer test"}
INSTANCES = "/enfonica/v1beta1/projects/test-project/phoneNumberInstances"


def populate(client, auth) -> dict:
    """State in every surface, some of it still on its way; returns what the reads need."""
    number = sinch.free_numbers(client, auth, "US", "LOCAL", 1)[0]
    sinch.rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan"}})  # provisioning pending
    token = sinch.token(client, auth).get_json()["access_token"]
    found = client.get(TWILIO.replace("IncomingPhoneNumbers.json", "AvailablePhoneNumbers/US/Local.json"),
                       headers=T1).get_json()["available_phone_numbers"][0]["phone_number"]
    assert client.post(TWILIO, headers=T1, data={"PhoneNumber": found, "FriendlyName": "desk"}).status_code == 201
    offer = available(client)[0]["phoneNumber"]
    bought = purchase(client, offer)
    assert bought.status_code == 201  # PENDING: completes 3 s later
    created = client.post(INSTANCES, headers=ENFONICA, json={"phoneNumber": {"name": "phoneNumbers/+61255501100-99"}})
    assert created.status_code == 200
    headers = wazo.confd(wazo.token(client))
    wazo.create_ok(client, headers, "+15555550123", caller_id_name="reception")
    return {"sinch_number": number, "sinch_token": token, "purchase": bought.get_json()["id"], "wazo": headers}


def reads(client, auth, seen: dict) -> dict:
    """What each surface answers about the state (bodies as JSON)."""
    return {
        "sinch": sinch.get_active(client, auth, seen["sinch_number"]).get_json(),
        "sinch_token_works": sinch.list_active(client, {"Authorization": f"Bearer {seen['sinch_token']}"}).status_code,
        "twilio": client.get(TWILIO, headers=T1).get_json()["incoming_phone_numbers"],
        "purchase": client.get(f"{V1}/phone-number-purchases/{seen['purchase']}", headers=KEY).get_json(),
        "enfonica": client.get(INSTANCES, headers=ENFONICA).get_json(),
        "wazo": client.get(wazo.NUMBERS, headers=seen["wazo"]).get_json(),
        "clock": client.get(f"{C}/clock").get_json(),
    }


def test_an_emulator_reading_a_snapshot_answers_and_evolves_as_the_original(client, auth):
    seen = populate(client, auth)
    written = client.get(f"{C}/snapshot")
    assert written.status_code == 200 and written.get_json()["format"] == "numbers-emulator/snapshot"
    other = create_app(Config(frozen_clock=True, validation="strict")).test_client()
    restored = other.put(f"{C}/snapshot", json=written.get_json())
    assert restored.status_code == 200, restored.get_json()
    assert restored.get_json()["restored"] == {**restored.get_json()["restored"], "numbers": 3, "purchases": 1,
                                               "listings": 1}
    assert reads(other, auth, seen) == reads(client, auth, seen)
    for emulator in (client, other):  # pending work completes the same way in both
        emulator.post(f"{C}/clock:advance", json={"seconds": 5})
    after = reads(client, auth, seen)
    assert reads(other, auth, seen) == after
    assert after["purchase"]["status"] == "COMPLETED" and after["sinch"]["smsConfiguration"]["servicePlanId"] == "plan"
    # the next ids are the same: the id counter is part of the world
    new = [emulator.post(f"{V1}/deployment-channels", json={"name": "c", "type": "SMS"}, headers=KEY).get_json()["id"]
           for emulator in (client, other)]
    assert new[0] == new[1]


def test_a_snapshot_over_the_usual_body_limit_is_read(client, world):
    for _ in range(3_000):  # about 390 bytes of snapshot per number: over the limit of other bodies
        world.acquire_any("sinch/test-project", NumberQuery("US", "LOCAL"))
    written = client.get(f"{C}/snapshot").get_data()
    assert len(written) > 1024 * 1024
    other = create_app(Config(frozen_clock=True)).test_client()
    restored = other.put(f"{C}/snapshot", data=written, content_type="application/json")
    assert restored.status_code == 200 and restored.get_json()["restored"]["numbers"] == 3_000
    assert other.post(f"{C}/reset", data=b"x" * (1024 * 1024 + 1), content_type="application/json").status_code == 413


@pytest.mark.parametrize("change, field", [
    (lambda d: d.update(version=7), "version"),
    (lambda d: d["world"].update(owned={"+15555550100": {"$": "OwnedNumber", "number": "+15555550100"}}),
     "$.world.owned.+15555550100.tenant"),
    (lambda d: d["config"].update(seed=99), "$.config.seed"),
])
def test_a_snapshot_that_does_not_read_is_a_400_naming_where_and_changes_nothing(client, auth, change, field):
    data = client.get(f"{C}/snapshot").get_json()
    sinch.rent_numbers(client, auth, 1)
    before = client.get(f"{C}/snapshot").get_json()
    change(data)
    refused = client.put(f"{C}/snapshot", json=data)
    assert refused.status_code == 400 and refused.get_json()["error"]["field"].endswith(field), refused.get_json()
    after = client.get(f"{C}/snapshot").get_json()
    before["clock"].pop("wall"), after["clock"].pop("wall")
    assert after == before
