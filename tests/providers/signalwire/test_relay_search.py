"""Relay REST: searching available US numbers, its filters and their combination rules."""
from __future__ import annotations

import pytest

from .relay_helpers import assert_invalid, buy_ok, search, search_ok

AREA_CODES_OF_WA = {"206", "253", "360", "425", "509", "564"}


def national(number: dict) -> str:
    assert number["e164"] == number["number"] and number["e164"].startswith("+1")
    return number["e164"][2:]


def test_a_default_search_gives_50_local_us_numbers(client):
    found = search_ok(client)
    assert len(found) == 50 and len({n["e164"] for n in found}) == 50
    first = found[0]
    digits = national(first)
    assert first["national_number_formatted"] == f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    assert first["international_number_formatted"] == f"+1 {digits[:3]}-{digits[3:6]}-{digits[6:]}"
    assert first["country_code"] == "US" and set(first["capabilities"]) <= {"voice", "sms", "mms", "fax"}
    assert all(n["region"] and n["city"] and n["rate_center"] and n["lata"] for n in found)


def test_areacode(client):
    found = search_ok(client, areacode="206", max_results=20)
    assert len(found) == 20 and all(national(n).startswith("206") for n in found)
    assert {(n["region"], n["city"]) for n in found} == {("WA", "Seattle")}


@pytest.mark.parametrize("name, check", [
    ("starts_with", lambda digits, p: digits.startswith(p)),
    ("contains", lambda digits, p: p in digits),
    ("ends_with", lambda digits, p: digits.endswith(p)),
])
@pytest.mark.parametrize("pattern", ["212", "31055", "4155551"])
def test_digit_filters_apply_to_the_national_number(client, name, check, pattern):
    found = search_ok(client, max_results=10, **{name: pattern})
    assert found, (name, pattern)
    assert all(check(national(n), pattern) for n in found)


def test_contains_does_not_match_the_country_code(client):
    assert all("120" in national(n) for n in search_ok(client, contains="120", max_results=30))


def test_areacode_combines_with_digit_filters(client):
    assert all(national(n).startswith("2065") for n in search_ok(client, areacode="206", starts_with="2065", max_results=5))
    assert all(national(n).startswith("206") and national(n).endswith("177")
               for n in search_ok(client, areacode="206", ends_with="177", max_results=5))
    with_999 = search_ok(client, areacode="206", contains="999", max_results=5)
    assert with_999 and all(national(n).startswith("206") and "999" in national(n) for n in with_999)
    assert search_ok(client, areacode="206", starts_with="415") == []  # they disagree: nothing


def test_region_and_city(client):
    in_wa = search_ok(client, region="wa", max_results=30)
    assert in_wa and all(n["region"] == "WA" and national(n)[:3] in AREA_CODES_OF_WA for n in in_wa)
    seattle = search_ok(client, region="WA", city="seattle", max_results=10)
    assert seattle and all(n["city"] == "Seattle" for n in seattle)
    assert search_ok(client, region="WA", city="Nowhere") == []
    assert search_ok(client, region="ON") == []  # a Canadian province: none sold here
    assert search_ok(client, region="WA", areacode="212") == []  # New York's code is not in WA


def test_toll_free(client):
    found = search_ok(client, number_type="toll-free", max_results=10)
    assert len(found) == 10 and all(national(n)[:3] in {"800", "833", "844", "855", "866", "877", "888"} for n in found)
    assert all(national(n).startswith("888") for n in search_ok(client, number_type="toll-free", areacode="888", max_results=5))


def test_max_results(client):
    assert len(search_ok(client, max_results=1)) == 1
    assert len(search_ok(client, max_results=100)) == 100


def test_owned_numbers_are_not_offered(client):
    first = search_ok(client, areacode="206", max_results=3)
    buy_ok(client, first[0]["e164"])
    again = [n["e164"] for n in search_ok(client, areacode="206", max_results=3)]
    assert first[0]["e164"] not in again and again[:2] == [n["e164"] for n in first[1:]]


@pytest.mark.parametrize("params, fields", [
    ({"starts_with": "206", "contains": "555"}, ("starts_with", "contains")),
    ({"starts_with": "206", "ends_with": "555"}, ("starts_with", "ends_with")),
    ({"contains": "206", "ends_with": "555"}, ("contains", "ends_with")),
    ({"starts_with": "206", "contains": "555", "ends_with": "1234"}, ("starts_with", "contains", "ends_with")),
    ({"number_type": "toll-free", "region": "WA"}, ("region",)),
    ({"number_type": "toll-free", "city": "Seattle", "region": "WA"}, ("region",)),
    ({"city": "Seattle"}, ("city", "region")),
    ({"starts_with": "12"}, ("starts_with",)),
    ({"contains": "12345678"}, ("contains",)),
    ({"ends_with": "12a"}, ("ends_with",)),
    ({"areacode": "2065"}, ("areacode",)),
    ({"number_type": "mobile"}, ("number_type",)),
    ({"max_results": 0}, ("max_results",)),
    ({"max_results": 101}, ("max_results",)),
    ({"region": "Washington"}, ("region",)),
    ({"city": ""}, ("city",)),
])
def test_bad_searches_are_422_naming_the_fields(client, params, fields):
    assert_invalid(search(client, **params), *fields)
