"""The official Twilio Python SDK (twilio 9.x from PyPI), pointed at a live emulator, does the whole
journey: search, buy, list with paging, fetch, update, release, errors, pricing; with an auth
token and with an API key."""
from __future__ import annotations

import pytest

from tests.live import live_emulator

from .helpers import ACCOUNT, ACCOUNT_2, KEY

twilio = pytest.importorskip("twilio")
from twilio.base.exceptions import TwilioException, TwilioRestException  # noqa: E402
from twilio.rest import Client  # noqa: E402

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def base_url():
    with live_emulator() as base:
        yield base


def client_for(base_url: str, user: str = ACCOUNT, secret: str = "test", account: str | None = None) -> Client:
    client = Client(user, secret, account) if account else Client(user, secret)
    client.api.base_url = client.pricing.base_url = base_url + "/twilio"
    return client


def test_search_buy_list_fetch_update_delete(base_url):
    client = client_for(base_url)

    local = client.available_phone_numbers("US").local.list(area_code=415, contains="4*5", sms_enabled=True, limit=5)
    assert 1 <= len(local) <= 5
    for n in local:
        assert n.phone_number.startswith("+1415") and n.capabilities["sms"] is True and n.iso_country == "US"
    toll_free = client.available_phone_numbers("US").toll_free.list(limit=3)
    assert len(toll_free) == 3 and all(n.phone_number.startswith("+18") for n in toll_free)
    assert client.available_phone_numbers("GB").fetch().subresource_uris.keys() >= {"local", "mobile", "toll_free"}

    bought = client.incoming_phone_numbers.create(phone_number=local[0].phone_number, friendly_name="Support")
    assert bought.sid.startswith("PN") and bought.phone_number == local[0].phone_number
    assert bought.friendly_name == "Support" and bought.account_sid == ACCOUNT
    assert bought.date_created is not None and bought.date_created.tzinfo is not None
    tf = client.incoming_phone_numbers.toll_free.create(phone_number=toll_free[0].phone_number)

    listed = {n.sid for n in client.incoming_phone_numbers.list()}
    assert {bought.sid, tf.sid} <= listed
    assert [n.sid for n in client.incoming_phone_numbers.list(phone_number=local[0].phone_number)] == [bought.sid]

    fetched = client.incoming_phone_numbers(bought.sid).fetch()
    assert fetched.phone_number == bought.phone_number and fetched.voice_url == ""

    updated = client.incoming_phone_numbers(bought.sid).update(friendly_name="Sales", voice_url="https://example.com/voice",
                                                               voice_method="GET")
    assert (updated.friendly_name, updated.voice_url, updated.voice_method) == ("Sales", "https://example.com/voice", "GET")
    assert client.incoming_phone_numbers(bought.sid).fetch().friendly_name == "Sales"

    assert client.incoming_phone_numbers(bought.sid).delete() is True
    assert client.incoming_phone_numbers(tf.sid).delete() is True
    with pytest.raises(TwilioRestException) as raised:
        client.incoming_phone_numbers(bought.sid).fetch()
    assert (raised.value.status, raised.value.code) == (404, 20404)


def test_list_pages(base_url):
    client = client_for(base_url, ACCOUNT_2)
    free = client.available_phone_numbers("US").local.list(limit=5)
    sids = [client.incoming_phone_numbers.create(phone_number=n.phone_number, friendly_name="paging").sid for n in free]

    everything = client.incoming_phone_numbers.list(friendly_name="paging", page_size=2)
    assert sorted(n.sid for n in everything) == sorted(sids) and len(everything) == 5
    assert len(client.incoming_phone_numbers.list(friendly_name="paging", page_size=2, limit=3)) == 3
    streamed = [n.sid for n in client.incoming_phone_numbers.stream(friendly_name="paging", page_size=1)]
    assert streamed == [n.sid for n in everything]

    page = client.incoming_phone_numbers.page(friendly_name="paging", page_size=2)
    seen = []
    while page is not None:
        seen.extend(n.sid for n in page)
        page = page.next_page()
    assert seen == [n.sid for n in everything]

    for sid in sids:
        client.incoming_phone_numbers(sid).delete()
    assert client.incoming_phone_numbers.list(friendly_name="paging") == []


def test_errors(base_url):
    client = client_for(base_url)
    other = client_for(base_url, ACCOUNT_2)
    number = client.available_phone_numbers("US").local.list(limit=1)[0].phone_number
    held = other.incoming_phone_numbers.create(phone_number=number)
    try:
        with pytest.raises(TwilioRestException) as raised:
            client.incoming_phone_numbers.create(phone_number=number)
        assert (raised.value.status, raised.value.code) == (400, 21422)
        with pytest.raises(TwilioRestException) as raised:
            client.incoming_phone_numbers(held.sid).fetch()  # another account's number
        assert (raised.value.status, raised.value.code) == (404, 20404)
        with pytest.raises(TwilioRestException) as raised:
            client.incoming_phone_numbers.create(area_code="533")
        assert raised.value.code == 21452
        # (a list's failure is the SDK's plain TwilioException, carrying the response)
        with pytest.raises(TwilioException) as listing:
            client.available_phone_numbers("US").mobile.list(limit=1)
        assert listing.value.args[1].status_code == 404
        wrong = client_for(base_url, ACCOUNT, "wrong")
        with pytest.raises(TwilioRestException) as raised:
            wrong.incoming_phone_numbers(held.sid).fetch()
        assert (raised.value.status, raised.value.code) == (401, 20003)
        with pytest.raises(TwilioRestException) as raised:
            wrong.incoming_phone_numbers.create(phone_number=number)
        assert (raised.value.status, raised.value.code) == (401, 20003)
        with pytest.raises(TwilioException) as listing:
            wrong.incoming_phone_numbers.list()
        assert listing.value.args[1].status_code == 401
    finally:
        other.incoming_phone_numbers(held.sid).delete()


def test_pricing(base_url):
    client = client_for(base_url)
    us = client.pricing.v1.phone_numbers.countries("US").fetch()
    assert us.iso_country == "US" and us.price_unit == "USD"
    prices = {p["number_type"]: p for p in us.phone_number_prices}
    assert set(prices) == {"local", "toll free"}
    assert float(prices["local"]["base_price"]) > 0
    countries = client.pricing.v1.phone_numbers.countries.list(page_size=50)
    codes = [c.iso_country for c in countries]
    assert len(codes) == len(set(codes)) > 100 and "US" in codes and "GB" in codes
    with pytest.raises(TwilioRestException) as raised:
        client.pricing.v1.phone_numbers.countries("XX").fetch()
    assert raised.value.code == 20404


def test_api_key(base_url):
    client = client_for(base_url, KEY, "test", ACCOUNT)
    number = client.available_phone_numbers("US").local.list(sms_enabled=True, limit=1)[0].phone_number
    bought = client.incoming_phone_numbers.create(phone_number=number)
    assert bought.account_sid == ACCOUNT
    assert client.incoming_phone_numbers(bought.sid).update(friendly_name="key").friendly_name == "key"
    assert client.pricing.v1.phone_numbers.countries("GB").fetch().iso_country == "GB"
    assert client.incoming_phone_numbers(bought.sid).delete() is True
    with pytest.raises(TwilioRestException) as raised:
        client_for(base_url, KEY, "wrong", ACCOUNT).incoming_phone_numbers(bought.sid).fetch()
    assert (raised.value.status, raised.value.code) == (401, 20003)
