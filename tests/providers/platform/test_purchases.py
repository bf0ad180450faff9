"""Purchases: the state machine on the virtual clock, the chain to the provider, the race."""
from __future__ import annotations

import pytest

from tests.providers.platform.helpers import (
    KEY,
    KEY2,
    TWILIO_AUTH,
    TWILIO_INCOMING,
    V1,
    advance,
    available,
    bought,
    purchase,
    signalwire_numbers,
    twilio_numbers,
)


def get(client, purchase_id, headers=KEY):
    return client.get(f"{V1}/phone-number-purchases/{purchase_id}", headers=headers)


def test_pending_processing_completed_on_the_clock(client, world):
    number = available(client)[0]["phoneNumber"]
    created = purchase(client, number)
    assert created.status_code == 201
    body = created.json
    assert body["status"] == "PENDING" and body["completedAt"] is None and body["statusDetails"] is None
    assert body["metadata"] == {"providerType": "TWILIO"}
    assert isinstance(body["createdAt"], int) and body["createdAt"] == body["updatedAt"]
    advance(world, 1)
    assert get(client, body["id"]).json["status"] == "PROCESSING"
    assert number not in twilio_numbers(client)
    advance(world, 2)
    done = get(client, body["id"]).json
    assert done["status"] == "COMPLETED"
    assert done["completedAt"] == body["createdAt"] + 3000
    assert number in twilio_numbers(client)


def test_the_whole_chain_through_twilio(client, world):
    found = available(client, "TWILIO")[0]
    done, config = bought(client, world, "TWILIO")
    assert done["phoneNumber"] == found["phoneNumber"]
    incoming = client.get(TWILIO_INCOMING, query_string={"PhoneNumber": found["phoneNumber"]}, headers=TWILIO_AUTH).json
    record = incoming["incoming_phone_numbers"][0]
    assert record["friendly_name"] == "Main line" and record["origin"] == "twilio"
    assert config["status"] == "ACTIVE"
    assert config["providerPhoneNumberId"] == record["sid"] == done["metadata"]["providerPhoneNumberId"]
    assert config["phoneRequestId"] == done["id"]
    assert config["providerType"] == "TWILIO" and config["isImported"] is False and config["isPorted"] is False
    assert config["markedForRelease"] is False and config["isUSSMSPermitted"] is False
    assert config["monthlyPrice"] == done["chargedCredits"]
    released = client.post(f"{V1}/phone-configurations/{config['id']}:release", headers=KEY)
    assert released.status_code == 200 and released.json["status"] == "RELEASED"
    assert found["phoneNumber"] not in twilio_numbers(client)


def test_the_whole_chain_through_signalwire(client, world):
    done, config = bought(client, world, "SIGNALWIRE")
    assert config["providerType"] == "SIGNALWIRE"
    assert done["phoneNumber"] in signalwire_numbers(client)
    client.post(f"{V1}/phone-configurations/{config['id']}:release", headers=KEY)
    assert done["phoneNumber"] not in signalwire_numbers(client)


def test_two_purchases_of_one_number_one_completes_one_fails(client, world):
    number = available(client)[0]["phoneNumber"]
    first, second = purchase(client, number).json, purchase(client, number).json
    advance(world)
    assert get(client, first["id"]).json["status"] == "COMPLETED"
    failed = get(client, second["id"]).json
    assert failed["status"] == "FAILED"
    assert failed["statusDetails"] == f"Phone number {number} is no longer available"
    assert failed["completedAt"] is None
    configs = client.get(f"{V1}/phone-configurations", headers=KEY).json["data"]
    assert [c["phoneNumber"] for c in configs] == [number]


def test_a_number_bought_at_the_provider_meanwhile_fails_the_purchase(client, world):
    number = available(client)[0]["phoneNumber"]
    pending = purchase(client, number).json
    client.post(TWILIO_INCOMING, data={"PhoneNumber": number}, headers=TWILIO_AUTH)
    advance(world)
    failed = get(client, pending["id"]).json
    assert failed["status"] == "FAILED" and "no longer available" in failed["statusDetails"]


def test_cancel_while_pending_only(client, world):
    number = available(client)[0]["phoneNumber"]
    pending = purchase(client, number).json
    cancelled = client.post(f"{V1}/phone-number-purchases/{pending['id']}:cancel", headers=KEY)
    assert cancelled.status_code == 200 and cancelled.json["status"] == "CANCELLED"
    advance(world)
    assert get(client, pending["id"]).json["status"] == "CANCELLED"
    assert number not in twilio_numbers(client)
    again = client.post(f"{V1}/phone-number-purchases/{pending['id']}:cancel", headers=KEY)
    assert again.status_code == 409 and again.json["error"]["code"] == "INVALID_STATE_TRANSITION"


@pytest.mark.parametrize("seconds, status", [(1, "PROCESSING"), (3, "COMPLETED")])
def test_cancel_after_pending_is_409(client, world, seconds, status):
    pending = purchase(client, available(client)[0]["phoneNumber"]).json
    advance(world, seconds)
    refused = client.post(f"{V1}/phone-number-purchases/{pending['id']}:cancel", headers=KEY)
    assert refused.status_code == 409
    assert f"is {status}: it cannot become CANCELLED" in refused.json["error"]["message"]
    assert get(client, pending["id"]).json["status"] == status


def test_a_failed_purchase_cannot_be_cancelled(client, world):
    number = available(client)[0]["phoneNumber"]
    purchase(client, number)
    loser = purchase(client, number).json
    advance(world)
    refused = client.post(f"{V1}/phone-number-purchases/{loser['id']}:cancel", headers=KEY)
    assert refused.status_code == 409 and "FAILED" in refused.json["error"]["message"]


@pytest.mark.parametrize("field, value", [("id", "x"), ("chargedCredits", 1), ("status", "COMPLETED"),
                                          ("createdAt", 1), ("updatedAt", 1), ("statusDetails", None),
                                          ("completedAt", 1), ("metadata", {})])
def test_server_set_fields_are_rejected_naming_them(client, world, field, value):
    number = available(client)[0]["phoneNumber"]
    body = {"friendlyName": "x", "phoneNumber": number, "countryCode": "US", field: value}
    refused = client.post(f"{V1}/phone-number-purchases", json=body, headers=KEY)
    assert refused.status_code == 400 and refused.json["error"]["field"] == field
    assert client.get(f"{V1}/phone-number-purchases", headers=KEY).json["data"] == []


@pytest.mark.parametrize("change, field", [({"countryCode": "CA"}, "phoneNumber"), ({"numberType": "TOLL_FREE"}, "numberType"),
                                           ({"countryCode": "GB", "providerType": "SIGNALWIRE"}, "countryCode"),
                                           ({"numberType": "MOBILE", "providerType": "SIGNALWIRE"}, "numberType")])
def test_numbers_that_do_not_match_or_are_not_sold_are_422(client, world, change, field):
    number = available(client)[0]["phoneNumber"]
    body = {"friendlyName": "x", "phoneNumber": number, "countryCode": "US", "providerType": "TWILIO", **change}
    refused = client.post(f"{V1}/phone-number-purchases", json=body, headers=KEY)
    assert refused.status_code == 422 and refused.json["error"]["field"] == field, refused.json
    assert client.get(f"{V1}/phone-number-purchases", headers=KEY).json["data"] == []


def test_a_number_already_taken_is_422(client, world):
    done, _ = bought(client, world)
    refused = purchase(client, done["phoneNumber"])
    assert refused.status_code == 422 and refused.json["error"]["field"] == "phoneNumber"
    assert "not available" in refused.json["error"]["message"]


def test_defaults_signalwire_and_local(client, world):
    number = available(client, "SIGNALWIRE")[0]["phoneNumber"]
    body = {"friendlyName": "x", "phoneNumber": number, "countryCode": "US"}
    created = client.post(f"{V1}/phone-number-purchases", json=body, headers=KEY).json
    assert created["numberType"] == "LOCAL" and created["metadata"]["providerType"] == "SIGNALWIRE"


def test_purchases_are_isolated_and_paged(client, world):
    numbers = [o["phoneNumber"] for o in available(client, limit=5)]
    ids = [purchase(client, n).json["id"] for n in numbers]
    assert get(client, ids[0], KEY2).status_code == 404
    assert client.get(f"{V1}/phone-number-purchases", headers=KEY2).json["data"] == []
    seen, cursor = [], None
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get(f"{V1}/phone-number-purchases", query_string=query, headers=KEY).json
        seen += [p["id"] for p in page["data"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert seen == ids
    advance(world, 1)
    cancelled = client.get(f"{V1}/phone-number-purchases", query_string={"status": "PROCESSING"}, headers=KEY).json
    assert len(cancelled["data"]) == 5
    bad = client.get(f"{V1}/phone-number-purchases", query_string={"cursor": "nope"}, headers=KEY)
    assert bad.status_code == 400 and bad.json["error"]["field"] == "cursor"


def test_many_purchases_of_one_number_from_threads_one_winner(app, world):
    import threading

    number = available(app.test_client())[0]["phoneNumber"]
    ids: list[str] = []

    def buy():
        ids.append(purchase(app.test_client(), number).json["id"])

    threads = [threading.Thread(target=buy) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    advance(world)
    client = app.test_client()
    statuses = sorted(get(client, i).json["status"] for i in ids)
    assert statuses == ["COMPLETED"] + ["FAILED"] * 5
    assert twilio_numbers(client) == [number]


def test_forgetting_a_platform_tenant_removes_its_records_only(client, world):
    from tests.providers.platform.helpers import KEY2

    _, config = bought(client, world)
    pending = purchase(client, available(client)[0]["phoneNumber"]).json
    client.post(f"{V1}/deployment-channels", json={"name": "c", "type": "VOICE"}, headers=KEY)
    other = purchase(client, available(client)[0]["phoneNumber"], headers=KEY2).json
    removed = world.forget(lambda tenant: tenant == "platform/1")
    assert (removed["purchases"], removed["configurations"], removed["channels"]) == (2, 1, 1)
    assert get(client, pending["id"]).status_code == 404
    assert client.get(f"{V1}/phone-configurations/{config['id']}", headers=KEY).status_code == 404
    advance(world)  # the forgotten purchase's steps find nothing; the other tenant's completes
    assert get(client, other["id"], KEY2).json["status"] == "COMPLETED"
