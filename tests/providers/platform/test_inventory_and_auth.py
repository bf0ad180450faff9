"""Search and pricing come from the chosen provider; auth; bad input never changes anything."""
from __future__ import annotations

import json

import pytest

from emulator.config import TWILIO_ACCOUNT_1
from tests.providers.platform.helpers import KEY, TWILIO_AUTH, V1, available


def test_search_gives_every_seed_field_from_the_provider_inventory(client, world):
    ours = available(client, "TWILIO", limit=5, region="NY")
    theirs = client.get(f"/twilio/2010-04-01/Accounts/{TWILIO_ACCOUNT_1}/AvailablePhoneNumbers/US/Local.json",
                        query_string={"InRegion": "NY", "PageSize": 5}, headers=TWILIO_AUTH).json["available_phone_numbers"]
    assert [o["phoneNumber"] for o in ours] == [t["phone_number"] for t in theirs]
    for mine, twilio in zip(ours, theirs):
        assert (mine["lata"], mine["rateCenter"], mine["region"], mine["postalCode"]) == (
            twilio["lata"], twilio["rate_center"], twilio["region"], twilio["postal_code"])
        assert mine["capabilities"] == {"voice": twilio["capabilities"]["voice"], "SMS": twilio["capabilities"]["sms"],
                                        "MMS": twilio["capabilities"]["mms"]}
        assert mine["beta"] == twilio["beta"] and mine["friendlyName"] == twilio["friendly_name"]
        assert mine["countryCode"] == "US" and mine["numberType"] == "LOCAL" and mine["region"] == "NY"


def test_search_filters(client, world):
    for found in available(client, "SIGNALWIRE", sms=True, mms=False, limit=10):
        assert found["capabilities"]["SMS"] and not found["capabilities"]["MMS"]
    for found in available(client, "TWILIO", pattern="55", limit=5):
        assert "55" in found["phoneNumber"][2:]
    tf = available(client, "SIGNALWIRE", number_type="TOLL_FREE", limit=3)
    assert tf and all(f["numberType"] == "TOLL_FREE" for f in tf)
    bad = client.get(f"{V1}/phone-numbers/available", query_string={"countryCode": "US", "pattern": "!!"}, headers=KEY)
    assert bad.status_code == 400 and bad.json["error"]["field"] == "pattern"
    assert "Contains" not in bad.json["error"]["message"]


def test_signalwire_sells_only_north_america(client, world):
    refused = client.get(f"{V1}/phone-numbers/available", query_string={"countryCode": "GB"}, headers=KEY)
    assert refused.status_code == 422 and refused.json["error"]["field"] == "countryCode"
    assert available(client, "TWILIO", country="GB", number_type="MOBILE")


def test_pricing_is_what_the_provider_charges(client, world):
    ours = client.get(f"{V1}/phone-numbers/pricing", query_string={"countryCode": "GB", "providerType": "TWILIO"},
                      headers=KEY).json["data"]
    theirs = client.get("/twilio/v1/PhoneNumbers/Countries/GB", headers=TWILIO_AUTH).json
    names = {"LOCAL": "local", "MOBILE": "mobile", "TOLL_FREE": "toll free"}
    assert {names[p["number_type"]]: p["price"] for p in ours} == {
        p["number_type"]: float(p["current_price"]) for p in theirs["phone_number_prices"]}
    assert all(p["country"] == theirs["country"] and p["currency"] == theirs["price_unit"] for p in ours)
    assert all(p["priceUnit"] == "per month" for p in ours)
    local = client.get(f"{V1}/phone-numbers/pricing", query_string={"countryCode": "US", "numberType": "TOLL_FREE"},
                       headers=KEY).json["data"]
    assert [p["number_type"] for p in local] == ["TOLL_FREE"]
    mobile = client.get(f"{V1}/phone-numbers/pricing", query_string={"countryCode": "US", "numberType": "MOBILE"},
                        headers=KEY)
    assert mobile.status_code == 422 and mobile.json["error"]["field"] == "numberType"


def test_charged_credits_are_the_price(client, world):
    number = available(client, "TWILIO", number_type="TOLL_FREE")[0]["phoneNumber"]
    body = {"friendlyName": "x", "phoneNumber": number, "countryCode": "US", "numberType": "TOLL_FREE", "providerType": "TWILIO"}
    created = client.post(f"{V1}/phone-number-purchases", json=body, headers=KEY).json
    price = client.get(f"{V1}/phone-numbers/pricing", query_string={"countryCode": "US", "numberType": "TOLL_FREE",
                                                                   "providerType": "TWILIO"}, headers=KEY).json["data"][0]
    assert created["chargedCredits"] == price["price"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic dGVzdDp0ZXN0"}])
def test_auth(client, headers):
    refused = client.get(f"{V1}/phone-configurations", headers=headers)
    assert refused.status_code == 401 and refused.json["error"]["code"] == "UNAUTHENTICATED"
    assert refused.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("method, path, raw", [
    ("post", "/phone-number-purchases", b"{"),
    ("post", "/phone-number-purchases", b'{"friendlyName": "", "phoneNumber": "+1", "countryCode": "US"}'),
    ("post", "/phone-number-purchases", b"[]"),
    ("post", "/phone-configurations:import", b'{"phoneNumber": 5}'),
    ("post", "/deployment-channels", b'{"name": "x", "type": "FAX"}'),
    ("post", "/phone-number-purchases", "\udcff".encode("utf-8", "surrogatepass")),
])
def test_bad_input_is_a_4xx_and_changes_nothing(client, world, method, path, raw):
    response = getattr(client, method)(f"{V1}{path}", data=raw, headers={**KEY, "Content-Type": "application/json"})
    assert 400 <= response.status_code < 500 and "error" in response.json
    assert world.purchases.by_id == {} and world.configurations.by_id == {} and world.channels.by_id == {}


def test_wrong_media_type_and_unknown_routes(client):
    assert client.post(f"{V1}/deployment-channels", data="name=x", headers={**KEY, "Content-Type": "text/plain"}).status_code == 415
    missing = client.get(f"{V1}/nothing-here", headers=KEY)
    assert missing.status_code == 404 and json.loads(missing.data)["error"]["code"] == "NOT_FOUND"
    assert client.delete(f"{V1}/phone-configurations", headers=KEY).status_code == 405
