"""AvailablePhoneNumbers: the countries, and the searches per number type with every filter.

Each search test checks every returned number against the filter, and that it is free."""
from __future__ import annotations

import pytest

from emulator.core.geography import distance_miles

from .helpers import ACCOUNT, AUTH, assert_twilio_error, base, buy_ok, search, search_ok

KEYPAD = {c: d for d, letters in {"2": "ABC", "3": "DEF", "4": "GHI", "5": "JKL", "6": "MNO", "7": "PQRS",
                                  "8": "TUV", "9": "WXYZ"}.items() for c in letters}


def national(number: str) -> str:
    assert number.startswith("+1"), number
    return number[2:]


def test_country_list_names_every_offered_country_with_its_types(client, world):
    response = client.get(f"{base()}/AvailablePhoneNumbers.json", headers=AUTH)
    assert response.status_code == 200
    body = response.get_json()
    assert set(body) == {"countries", "uri"}
    assert body["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/AvailablePhoneNumbers.json"
    countries = {c["country_code"]: c for c in body["countries"]}
    assert set(countries) == {region for region, _name, _types in world.regions()}
    us = countries["US"]
    assert us["country"] == "United States" and us["beta"] is False
    assert us["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/AvailablePhoneNumbers/US.json"
    assert us["subresource_uris"] == {
        "local": f"/2010-04-01/Accounts/{ACCOUNT}/AvailablePhoneNumbers/US/Local.json",
        "toll_free": f"/2010-04-01/Accounts/{ACCOUNT}/AvailablePhoneNumbers/US/TollFree.json",
    }
    assert set(countries["GB"]["subresource_uris"]) == {"local", "mobile", "toll_free"}
    assert set(countries["CA"]["subresource_uris"]) == {"local"}


@pytest.mark.parametrize("code, keys", [("US", {"local", "toll_free"}), ("gb", {"local", "mobile", "toll_free"}),
                                        ("CA", {"local"})])
def test_country_fetch_lists_only_the_offered_types(client, code, keys):
    response = client.get(f"{base()}/AvailablePhoneNumbers/{code}.json", headers=AUTH)
    assert response.status_code == 200
    body = response.get_json()
    assert body["country_code"] == code.upper()
    assert set(body["subresource_uris"]) == keys
    for key, uri in body["subresource_uris"].items():  # each one answers
        assert client.get("/twilio" + uri, headers=AUTH).status_code == 200, key


@pytest.mark.parametrize("path", ["/AvailablePhoneNumbers/XX.json", "/AvailablePhoneNumbers/XX/Local.json",
                                  "/AvailablePhoneNumbers/US/Mobile.json", "/AvailablePhoneNumbers/CA/TollFree.json",
                                  "/AvailablePhoneNumbers/US/National.json", "/AvailablePhoneNumbers/GB/Voip.json",
                                  "/AvailablePhoneNumbers/US/SharedCost.json",
                                  "/AvailablePhoneNumbers/US/MachineToMachine.json"])
def test_unknown_country_or_type_the_country_lacks_is_404(client, path):
    body = assert_twilio_error(client.get(base() + path, headers=AUTH), 404, 20404)
    assert body["message"] == f"The requested resource /2010-04-01/Accounts/{ACCOUNT}{path} was not found"


@pytest.mark.parametrize("country, kind, prefix", [("US", "Local", None), ("US", "TollFree", "+18"), ("GB", "Mobile", "+447"),
                                                   ("GB", "Local", "+44"), ("DE", "TollFree", "+49")])
def test_search_gives_free_numbers_of_the_type(client, world, country, kind, prefix):
    numbers = search_ok(client, AUTH, country, kind, PageSize=10)
    assert len(numbers) == 10
    for n in numbers:
        assert n["iso_country"] == country
        assert n["phone_number"] not in world.owned
        if prefix:
            assert n["phone_number"].startswith(prefix)
        assert set(n["capabilities"]) == {"voice", "sms", "mms", "fax"}


def test_search_result_shape_and_uri(client):
    response = search(client, AUTH, "US", "Local", AreaCode=415, PageSize=2)
    body = response.get_json()
    assert body["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=2"
    n = body["available_phone_numbers"][0]
    assert n["friendly_name"] == f"({n['phone_number'][2:5]}) {n['phone_number'][5:8]}-{n['phone_number'][8:]}"
    assert (n["region"], n["locality"]) == ("CA", "San Francisco")
    assert n["address_requirements"] == "none" and n["beta"] is False


def test_area_code(client):
    numbers = search_ok(client, AUTH, AreaCode=212, PageSize=20) or search_ok(client, AUTH, AreaCode=415, PageSize=20)
    assert numbers
    code = numbers[0]["phone_number"][2:5]
    assert all(n["phone_number"].startswith("+1" + code) for n in numbers)


def test_area_code_without_numbers_is_an_empty_list(client):
    assert search_ok(client, AUTH, AreaCode=533) == []


@pytest.mark.parametrize("contains, check", [
    ("STORM", lambda nat: "78676" in nat),
    ("storm", lambda nat: "78676" in nat),
    ("+240", lambda nat: nat.startswith("240")),
    ("66$", lambda nat: nat.endswith("66")),
    ("%66$", lambda nat: nat.endswith("66")),
    ("240*****66", lambda nat: any(nat[i:i + 3] == "240" and nat[i + 8:i + 10] == "66" for i in range(len(nat) - 9))),
    ("2*2", lambda nat: any(nat[i] == "2" and nat[i + 2] == "2" for i in range(len(nat) - 2))),
    ("a*b", lambda nat: any(nat[i] == "2" and nat[i + 2] == "2" for i in range(len(nat) - 2))),
])
def test_contains(client, contains, check):
    numbers = search_ok(client, AUTH, Contains=contains, PageSize=15)
    assert numbers, contains
    for n in numbers:
        assert check(national(n["phone_number"])), (contains, n["phone_number"])


@pytest.mark.parametrize("contains", ["1", "a", "**", "+$", "12345678901234567", "12-34", "1 2"])
def test_bad_contains_is_400(client, contains):
    assert_twilio_error(search(client, AUTH, Contains=contains), 400, 20001)


@pytest.mark.parametrize("param, key", [("SmsEnabled", "sms"), ("MmsEnabled", "mms"), ("VoiceEnabled", "voice"),
                                        ("FaxEnabled", "fax")])
@pytest.mark.parametrize("value", [True, False])
def test_capability_filters(client, param, key, value):
    numbers = search_ok(client, AUTH, PageSize=20, **{param: "true" if value else "false"})
    assert numbers
    assert all(n["capabilities"][key] is value for n in numbers), [n["capabilities"] for n in numbers]


def test_capability_filters_combine(client):
    numbers = search_ok(client, AUTH, PageSize=20, SmsEnabled="true", FaxEnabled="false", VoiceEnabled="true")
    assert numbers
    assert all(n["capabilities"]["sms"] and n["capabilities"]["voice"] and not n["capabilities"]["fax"] for n in numbers)


@pytest.mark.parametrize("country, kind, param, excluded", [
    ("GB", "Mobile", "ExcludeAllAddressRequired", {"any", "local", "foreign"}),
    ("DE", "Mobile", "ExcludeLocalAddressRequired", {"local"}),
    ("FR", "Mobile", "ExcludeForeignAddressRequired", {"foreign"}),
])
def test_address_exclusions(client, country, kind, param, excluded):
    everything = search_ok(client, AUTH, country, kind, PageSize=10)
    assert {n["address_requirements"] for n in everything} & excluded  # the filter has work to do
    assert search_ok(client, AUTH, country, kind, PageSize=10, **{param: "true"}) == []
    assert search_ok(client, AUTH, country, kind, PageSize=10, **{param: "false"}) == everything
    kept = search_ok(client, AUTH, "US", "Local", PageSize=5, **{param: "true"})
    assert kept and all(n["address_requirements"] not in excluded for n in kept)


def test_beta_false_leaves_out_beta_numbers(client):
    beta = search_ok(client, AUTH, "DE", "Mobile", PageSize=5)
    assert beta and all(n["beta"] for n in beta)
    assert search_ok(client, AUTH, "DE", "Mobile", Beta="false") == []
    assert search_ok(client, AUTH, "DE", "Mobile", PageSize=5, Beta="true") == beta
    plain = search_ok(client, AUTH, "US", "Local", PageSize=5, Beta="false")
    assert plain and not any(n["beta"] for n in plain)


@pytest.mark.parametrize("params, field, value", [
    ({"InRegion": "CA"}, "region", "CA"),
    ({"InRegion": "il"}, "region", "IL"),
    ({"InLocality": "Chicago"}, "locality", "Chicago"),
    ({"InLocality": "chicago"}, "locality", "Chicago"),
    ({"InPostalCode": "21704"}, "postal_code", "21704"),
    ({"InLata": "235"}, "lata", "235"),
    ({"InRateCenter": "FREDERICK", "InLata": "235"}, "rate_center", "FREDERICK"),
])
def test_geographic_filters(client, params, field, value):
    numbers = search_ok(client, AUTH, PageSize=15, **params)
    assert numbers, params
    assert all(n[field] == value for n in numbers), [n[field] for n in numbers]


def test_geographic_filters_that_match_nothing(client):
    assert search_ok(client, AUTH, InRegion="ZZ") == []
    assert search_ok(client, AUTH, InRateCenter="FREDERICK", InLata="999") == []


def test_in_rate_center_needs_in_lata(client):
    body = assert_twilio_error(search(client, AUTH, InRateCenter="FREDERICK"), 400, 20001)
    assert "InLata" in body["message"]


def test_near_lat_long_and_distance(client):
    anchor = search_ok(client, AUTH, InLocality="Chicago", PageSize=1)[0]
    lat, lon = anchor["latitude"], anchor["longitude"]
    for distance in (5, 100):
        numbers = search_ok(client, AUTH, PageSize=20, NearLatLong=f"{lat},{lon}", Distance=distance)
        assert numbers
        assert all(distance_miles(lat, lon, n["latitude"], n["longitude"]) <= distance for n in numbers)


def test_near_number(client):
    anchor = search_ok(client, AUTH, AreaCode=415, PageSize=1)[0]
    numbers = search_ok(client, AUTH, PageSize=20, NearNumber=anchor["phone_number"], Distance=25)
    assert numbers
    assert all(distance_miles(anchor["latitude"], anchor["longitude"], n["latitude"], n["longitude"]) <= 25
               for n in numbers)


@pytest.mark.parametrize("params", [{"NearLatLong": "north"}, {"NearLatLong": "91,0"}, {"NearNumber": "4155550100"},
                                    {"Distance": 501}, {"AreaCode": "abc"}, {"PageSize": 0}, {"SmsEnabled": "yes"}])
def test_bad_search_parameters_are_400(client, params):
    response = search(client, AUTH, **params)
    assert_twilio_error(response, 400, response.get_json()["code"])
    assert response.get_json()["code"] in (20001, 21451)


@pytest.mark.parametrize("size", [1, 7, 30])
def test_page_size(client, size):
    assert len(search_ok(client, AUTH, PageSize=size)) == size


def test_bought_numbers_are_no_longer_offered(client):
    numbers = [n["phone_number"] for n in search_ok(client, AUTH, AreaCode=415, PageSize=5)]
    buy_ok(client, AUTH, {"PhoneNumber": numbers[0]})
    again = [n["phone_number"] for n in search_ok(client, AUTH, AreaCode=415, PageSize=50)]
    assert numbers[0] not in again
    assert set(numbers[1:]) <= set(again)


def test_every_filter_at_once(client):
    numbers = search_ok(client, AUTH, AreaCode=415, Contains="4*5", SmsEnabled="true", VoiceEnabled="true",
                        ExcludeAllAddressRequired="true", Beta="false", InRegion="CA", PageSize=10)
    for n in numbers:
        assert n["phone_number"].startswith("+1415") and n["region"] == "CA"
        assert n["capabilities"]["sms"] and n["capabilities"]["voice"]
        nat = national(n["phone_number"])
        assert any(nat[i] == "4" and nat[i + 2] == "5" for i in range(len(nat) - 2))
