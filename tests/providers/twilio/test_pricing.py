"""Pricing v1: the countries with number prices (paged with absolute urls) and each one's prices,
which are the inventory's own monthly prices."""
from __future__ import annotations

import pytest

from emulator.providers.twilio.dialect import KIND_BY_CORE_TYPE

from .helpers import AUTH, KEY_AUTH, PRICING, assert_twilio_error


def countries_page(client, url: str = PRICING, **params):
    response = client.get(url, headers=AUTH, query_string=params or None)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"countries", "meta"}
    return body


def test_list_first_page(client):
    body = countries_page(client, PageSize=3)
    meta = body["meta"]
    assert set(meta) == {"first_page_url", "key", "next_page_url", "page", "page_size", "previous_page_url", "url"}
    assert (meta["key"], meta["page"], meta["page_size"], meta["previous_page_url"]) == ("countries", 0, 3, None)
    assert meta["first_page_url"] == f"http://localhost{PRICING}?PageSize=3&Page=0"
    assert meta["url"] == meta["first_page_url"]
    assert meta["next_page_url"].startswith(f"http://localhost{PRICING}?PageSize=3&Page=1&PageToken=")
    assert [c["iso_country"] for c in body["countries"]] == ["AC", "AD", "AE"]
    for country in body["countries"]:
        assert set(country) == {"country", "iso_country", "url"}
        assert country["url"] == f"http://localhost{PRICING}/{country['iso_country']}"


def test_following_next_page_url_covers_every_country_once(client, world):
    body = countries_page(client, PageSize=50)
    pages = [body]
    while pages[-1]["meta"]["next_page_url"]:
        url = pages[-1]["meta"]["next_page_url"]
        assert url.startswith("http://localhost/twilio/v1/")
        pages.append(countries_page(client, url[len("http://localhost"):]))
        assert len(pages) < 20
    seen = [c["iso_country"] for p in pages for c in p["countries"]]
    assert seen == sorted(region for region, _n, _t in world.regions())
    assert [p["meta"]["page"] for p in pages] == list(range(len(pages)))
    # and back from the last page
    last = pages[-1]["meta"]
    back = countries_page(client, last["previous_page_url"][len("http://localhost"):])
    assert back["countries"] == pages[-2]["countries"]


def test_list_urls_use_the_host_the_client_used(client):
    response = client.get(PRICING, headers=AUTH, base_url="https://emulator.example:8443", query_string={"PageSize": 1})
    body = response.get_json()
    assert body["meta"]["next_page_url"].startswith("https://emulator.example:8443/twilio/v1/PhoneNumbers/Countries?")
    assert body["countries"][0]["url"].startswith("https://emulator.example:8443/twilio/v1/")


@pytest.mark.parametrize("country", ["US", "GB", "de", "CA", "AU"])
def test_fetch_prices_equal_the_inventory(client, world, country):
    response = client.get(f"{PRICING}/{country}", headers=AUTH)
    assert response.status_code == 200
    body = response.get_json()
    region = country.upper()
    assert body["iso_country"] == region and body["url"] == f"http://localhost{PRICING}/{region}"
    assert body["country"] == world.plan.region_name(region)
    expected = {}
    for number_type in world.plan.offered_types(region):
        pricing = world.catalogue.pricing(region, number_type)
        expected[KIND_BY_CORE_TYPE[number_type].price_name] = (pricing.monthly, pricing.monthly)
        assert body["price_unit"] == pricing.currency
    assert {p["number_type"]: (p["base_price"], p["current_price"]) for p in body["phone_number_prices"]} == expected


def test_price_is_what_a_bought_number_costs(client, world):
    from .helpers import buy_ok, free_numbers

    bought = buy_ok(client, AUTH, {"PhoneNumber": free_numbers(client, AUTH, 1, "GB", "Mobile")[0]})
    record = world.owned[bought["phone_number"]]
    prices = client.get(f"{PRICING}/GB", headers=AUTH).get_json()["phone_number_prices"]
    assert {"number_type": "mobile", "base_price": record.pricing.monthly, "current_price": record.pricing.monthly} in prices


@pytest.mark.parametrize("country", ["XX", "ZZ"])
def test_unknown_country_is_404(client, country):
    body = assert_twilio_error(client.get(f"{PRICING}/{country}", headers=AUTH), 404, 20404)
    assert body["message"] == f"The requested resource /v1/PhoneNumbers/Countries/{country} was not found"


def test_pricing_with_an_api_key(client):
    assert client.get(f"{PRICING}/US", headers=KEY_AUTH).status_code == 200


@pytest.mark.parametrize("params", [{"PageToken": "nonsense"}, {"PageSize": 0}])
def test_bad_paging_is_400(client, params):
    assert client.get(PRICING, headers=AUTH, query_string=params).status_code == 400
