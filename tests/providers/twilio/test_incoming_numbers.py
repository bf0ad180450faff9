"""IncomingPhoneNumbers: buying, fetching, configuring, releasing and listing, per account."""
from __future__ import annotations

import pytest

from .helpers import (
    ACCOUNT,
    ACCOUNT_2,
    AUTH,
    AUTH_2,
    KEY_AUTH,
    PAGING_KEYS,
    SID,
    assert_twilio_error,
    base,
    buy,
    buy_numbers,
    buy_ok,
    delete,
    epoch,
    fetch,
    follow,
    free_numbers,
    incoming_path,
    list_page,
    listed,
    number_path,
    owned_snapshot,
    query_of,
    update,
)
from tests.conftest import basic


# -- buying -----------------------------------------------------------------------------------------
def test_buy_by_phone_number(client, world):
    number = free_numbers(client, AUTH, 1)[0]
    body = buy_ok(client, AUTH, {"PhoneNumber": number, "FriendlyName": "Support line"})
    assert SID.match(body["sid"])
    assert body["phone_number"] == number and body["account_sid"] == ACCOUNT
    assert body["friendly_name"] == "Support line"
    assert body["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers/{body['sid']}.json"
    assert (body["origin"], body["status"], body["type"], body["api_version"]) == ("twilio", "in-use", "local", "2010-04-01")
    assert body["voice_url"] == "" and body["voice_method"] == "POST" and body["voice_application_sid"] is None
    assert body["date_created"] == body["date_updated"]
    assert epoch(body["date_created"]) == pytest.approx(world.clock.now(), abs=2) if hasattr(world, "clock") else True
    record = world.owned[number]
    assert record.tenant == f"twilio/{ACCOUNT}" and record.id == body["sid"]


def test_buy_defaults_friendly_name_to_the_formatted_number(client):
    number = free_numbers(client, AUTH, 1, AreaCode=415)[0]
    body = buy_ok(client, AUTH, {"PhoneNumber": number})
    assert body["friendly_name"] == f"(415) {number[5:8]}-{number[8:]}"


def test_buy_accepts_a_number_without_plus(client):
    number = free_numbers(client, AUTH, 1)[0]
    assert buy_ok(client, AUTH, {"PhoneNumber": number[1:]})["phone_number"] == number


def test_buy_with_settings(client):
    number = free_numbers(client, AUTH, 1)[0]
    body = buy_ok(client, AUTH, {"PhoneNumber": number, "VoiceUrl": "https://example.com/voice", "VoiceMethod": "GET",
                                 "SmsUrl": "http://example.com/sms", "VoiceCallerIdLookup": "true"})
    assert (body["voice_url"], body["voice_method"], body["sms_url"], body["voice_caller_id_lookup"]) == (
        "https://example.com/voice", "GET", "http://example.com/sms", True)


def test_buy_by_area_code(client, world):
    body = buy_ok(client, AUTH, {"AreaCode": "415"})
    assert body["phone_number"].startswith("+1415")
    assert world.owned[body["phone_number"]].tenant == f"twilio/{ACCOUNT}"


def test_area_code_without_numbers_is_21452(client, world):
    before = owned_snapshot(world)
    body = assert_twilio_error(buy(client, AUTH, {"AreaCode": "533"}), 400, 21452)
    assert body["message"] == "No phone numbers found"
    assert owned_snapshot(world) == before


@pytest.mark.parametrize("kind, country, search_kind, resource_type", [
    ("Local", "US", "Local", "local"), ("TollFree", "US", "TollFree", "toll-free"), ("Mobile", "GB", "Mobile", "mobile")])
def test_buy_on_the_sub_list_of_its_type(client, kind, country, search_kind, resource_type):
    number = free_numbers(client, AUTH, 1, country, search_kind)[0]
    body = buy_ok(client, AUTH, {"PhoneNumber": number}, kind=kind)
    assert body["type"] == resource_type
    assert listed(client, AUTH, kind=kind) == [number]
    other = {"Local": "TollFree", "TollFree": "Mobile", "Mobile": "Local"}[kind]
    assert listed(client, AUTH, kind=other) == []


@pytest.mark.parametrize("kind, country, search_kind", [("TollFree", "US", "Local"), ("Local", "US", "TollFree"),
                                                        ("Mobile", "GB", "Local")])
def test_buy_on_the_wrong_sub_list_is_21421(client, world, kind, country, search_kind):
    number = free_numbers(client, AUTH, 1, country, search_kind)[0]
    assert_twilio_error(buy(client, AUTH, {"PhoneNumber": number}, kind=kind), 400, 21421)
    assert number not in world.owned


def test_area_code_on_a_sub_list_is_refused(client, world):
    before = owned_snapshot(world)
    assert buy(client, AUTH, {"PhoneNumber": free_numbers(client, AUTH, 1)[0], "AreaCode": "415"}, kind="Local").status_code == 201
    response = client.post(incoming_path(kind="Local"), headers=AUTH, data={"AreaCode": "415"})
    assert response.status_code == 400
    assert len(world.owned) == len(before) + 1


def test_buying_a_number_someone_else_owns_is_21422(client, world):
    number = free_numbers(client, AUTH, 1)[0]
    buy_ok(client, AUTH_2, {"PhoneNumber": number}, account=ACCOUNT_2)
    before = owned_snapshot(world)
    body = assert_twilio_error(buy(client, AUTH, {"PhoneNumber": number}), 400, 21422)
    assert body["message"] == "PhoneNumber requested is not available"
    assert owned_snapshot(world) == before
    assert world.owned[number].tenant == f"twilio/{ACCOUNT_2}"
    # and twice by the same account
    assert_twilio_error(buy(client, AUTH_2, {"PhoneNumber": number}, account=ACCOUNT_2), 400, 21422)
    assert owned_snapshot(world) == before


@pytest.mark.parametrize("data, code", [
    ({"PhoneNumber": "not a number"}, 21421),
    ({"PhoneNumber": "+1"}, 21421),
    ({}, 21421),
    ({"FriendlyName": "x"}, 21421),
    ({"AreaCode": "41"}, 21451),
    ({"AreaCode": "abcd"}, 21451),
    ({"PhoneNumber": "+15005550000"}, 21421),  # (no magic test numbers: 500 is no area code)
])
def test_bad_purchases(client, world, data, code):
    before = owned_snapshot(world)
    assert_twilio_error(buy(client, AUTH, data), 400, code)
    assert owned_snapshot(world) == before


# -- fetch / update / delete ------------------------------------------------------------------------
@pytest.fixture
def owned(client) -> dict:
    return buy_ok(client, AUTH, {"PhoneNumber": free_numbers(client, AUTH, 1, SmsEnabled="true", VoiceEnabled="true")[0]})


def test_fetch(client, owned):
    response = fetch(client, AUTH, owned["sid"])
    assert response.status_code == 200
    assert response.get_json() == owned


def test_update_persists(client, owned):
    changes = {
        "FriendlyName": "Sales", "VoiceUrl": "https://example.com/v", "VoiceMethod": "GET",
        "VoiceFallbackUrl": "https://example.com/vf", "VoiceFallbackMethod": "GET", "SmsUrl": "https://example.com/s",
        "SmsMethod": "GET", "SmsFallbackUrl": "http://example.com/sf", "SmsFallbackMethod": "GET",
        "StatusCallback": "https://example.com/cb", "StatusCallbackMethod": "GET", "VoiceCallerIdLookup": "true",
    }
    response = update(client, AUTH, owned["sid"], changes)
    assert response.status_code == 200
    body = response.get_json()
    expected = {"friendly_name": "Sales", "voice_url": "https://example.com/v", "voice_method": "GET",
                "voice_fallback_url": "https://example.com/vf", "voice_fallback_method": "GET",
                "sms_url": "https://example.com/s", "sms_method": "GET", "sms_fallback_url": "http://example.com/sf",
                "sms_fallback_method": "GET", "status_callback": "https://example.com/cb",
                "status_callback_method": "GET", "voice_caller_id_lookup": True}
    assert {k: body[k] for k in expected} == expected
    assert fetch(client, AUTH, owned["sid"]).get_json() == body
    # the others are kept
    assert {k: v for k, v in body.items() if k not in expected and k != "date_updated"} == \
           {k: v for k, v in owned.items() if k not in expected and k != "date_updated"}
    # an update changes only what it names
    again = update(client, AUTH, owned["sid"], {"FriendlyName": "Support"}).get_json()
    assert again == {**body, "friendly_name": "Support", "date_updated": again["date_updated"]}


def test_empty_update_changes_nothing(client, owned):
    response = client.post(number_path(owned["sid"]), headers=AUTH)
    assert response.status_code == 200
    assert response.get_json() == owned


def test_application_and_trunk_exclude_each_other(client, owned):
    app_sid, trunk_sid = "AP" + "a" * 32, "TK" + "b" * 32
    body = update(client, AUTH, owned["sid"], {"VoiceApplicationSid": app_sid}).get_json()
    assert (body["voice_application_sid"], body["trunk_sid"]) == (app_sid, None)
    body = update(client, AUTH, owned["sid"], {"TrunkSid": trunk_sid}).get_json()
    assert (body["voice_application_sid"], body["trunk_sid"]) == (None, trunk_sid)
    body = update(client, AUTH, owned["sid"], {"TrunkSid": "", "AddressSid": "AD" + "c" * 32}).get_json()
    assert (body["trunk_sid"], body["address_sid"]) == (None, "AD" + "c" * 32)  # "" clears a SID
    body = update(client, AUTH, owned["sid"], {"AddressSid": ""}).get_json()
    assert body["address_sid"] is None


@pytest.mark.parametrize("field", ["VoiceUrl", "VoiceFallbackUrl", "SmsUrl", "SmsFallbackUrl", "StatusCallback"])
@pytest.mark.parametrize("url", ["example.com/voice", "ftp://example.com/", "https:///path", "http://", "x" * 10])
def test_invalid_url_is_21402_and_changes_nothing(client, world, owned, field, url):
    before = owned_snapshot(world)
    assert_twilio_error(update(client, AUTH, owned["sid"], {field: url}), 400, 21402)
    assert owned_snapshot(world) == before


def test_too_long_friendly_name_is_20002(client, world, owned):
    before = owned_snapshot(world)
    assert_twilio_error(update(client, AUTH, owned["sid"], {"FriendlyName": "x" * 65}), 400, 20002)
    assert owned_snapshot(world) == before
    assert update(client, AUTH, owned["sid"], {"FriendlyName": "x" * 64}).status_code == 200


@pytest.mark.parametrize("field, value", [("VoiceMethod", "PUT"), ("VoiceReceiveMode", "video"),
                                          ("EmergencyStatus", "On"), ("VoiceApplicationSid", "AP123"),
                                          ("AddressSid", "PN" + "0" * 32)])
def test_invalid_settings_are_400(client, world, owned, field, value):
    before = owned_snapshot(world)
    assert update(client, AUTH, owned["sid"], {field: value}).status_code == 400
    assert owned_snapshot(world) == before


def test_moving_to_another_account_is_404(client, world, owned):
    before = owned_snapshot(world)
    assert_twilio_error(update(client, AUTH, owned["sid"], {"AccountSid": ACCOUNT_2}), 404, 20404)
    assert owned_snapshot(world) == before
    assert update(client, AUTH, owned["sid"], {"AccountSid": ACCOUNT}).status_code == 200


def test_delete_then_fetch_is_404(client, world, owned):
    response = delete(client, AUTH, owned["sid"])
    assert response.status_code == 204 and response.data == b""
    assert owned["phone_number"] not in world.owned
    body = assert_twilio_error(fetch(client, AUTH, owned["sid"]), 404, 20404)
    assert body["message"] == f"The requested resource {number_path(owned['sid'])[len('/twilio'):]} was not found"
    assert_twilio_error(delete(client, AUTH, owned["sid"]), 404, 20404)
    assert_twilio_error(update(client, AUTH, owned["sid"], {"FriendlyName": "x"}), 404, 20404)
    assert listed(client, AUTH) == []


def test_unknown_sid_is_404_and_malformed_sid_400(client):
    assert_twilio_error(fetch(client, AUTH, "PN" + "f" * 32), 404, 20404)
    assert fetch(client, AUTH, "PN123").status_code == 400


def test_sub_list_paths_are_not_sids(client):
    """``IncomingPhoneNumbers/Local.json`` is the Local list: GET and POST only."""
    for kind in ("Local", "Mobile", "TollFree"):
        response = client.delete(incoming_path(kind=kind), headers=AUTH)
        assert_twilio_error(response, 405, 20004)
        assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}


# -- accounts and credentials -----------------------------------------------------------------------
def test_another_accounts_path_is_404(client, world, owned):
    before = owned_snapshot(world)
    other = base(ACCOUNT_2)
    for response in (
        client.get(f"{other}/IncomingPhoneNumbers.json", headers=AUTH),
        client.get(f"{other}/IncomingPhoneNumbers/{owned['sid']}.json", headers=AUTH),
        client.post(f"{other}/IncomingPhoneNumbers.json", headers=AUTH, data={"AreaCode": "415"}),
        client.delete(f"{other}/IncomingPhoneNumbers/{owned['sid']}.json", headers=AUTH),
        client.get(f"{other}/AvailablePhoneNumbers/US/Local.json", headers=AUTH),
        client.get(f"{base('AC' + 'f' * 32)}/AvailablePhoneNumbers.json", headers=AUTH),
    ):
        assert_twilio_error(response, 404, 20404)
    assert owned_snapshot(world) == before


@pytest.mark.parametrize("headers", [
    {},
    basic(ACCOUNT, "wrong"),
    basic(ACCOUNT_2, "nope"),
    basic("AC" + "9" * 32, "test"),
    basic("SK00000000000000000000000000000001", "bad"),
    {"Authorization": "Bearer test"},
    {"Authorization": "Basic !!!"},
])
def test_bad_credentials_are_401(client, world, headers):
    before = owned_snapshot(world)
    for response in (
        client.get(incoming_path(), headers=headers),
        client.post(incoming_path(), headers=headers, data={"AreaCode": "415"}),
        client.get(f"{base()}/AvailablePhoneNumbers/US/Local.json", headers=headers),
        client.get("/twilio/v1/PhoneNumbers/Countries/US", headers=headers),
    ):
        body = assert_twilio_error(response, 401, 20003)
        assert body["detail"] == "Your AccountSid or AuthToken was incorrect."
        assert response.headers["WWW-Authenticate"] == 'Basic realm="Twilio API"'
    assert owned_snapshot(world) == before


def test_api_key_acts_for_its_account(client, world):
    number = free_numbers(client, KEY_AUTH, 1)[0]
    body = buy_ok(client, KEY_AUTH, {"PhoneNumber": number})
    assert body["account_sid"] == ACCOUNT
    assert listed(client, AUTH) == [number]
    assert fetch(client, KEY_AUTH, body["sid"]).status_code == 200
    assert_twilio_error(client.get(incoming_path(ACCOUNT_2), headers=KEY_AUTH), 404, 20404)
    assert_twilio_error(client.get(incoming_path(ACCOUNT), headers=basic("SK00000000000000000000000000000002", "test")),
                        404, 20404)


def test_accounts_are_isolated(client, world):
    mine = buy_numbers(client, AUTH, 2)
    theirs = buy_numbers(client, AUTH_2, 2, account=ACCOUNT_2)
    assert listed(client, AUTH) == sorted(n["phone_number"] for n in mine)
    assert listed(client, AUTH_2, ACCOUNT_2) == sorted(n["phone_number"] for n in theirs)
    for n in theirs:
        assert_twilio_error(fetch(client, AUTH, n["sid"]), 404, 20404)
        assert_twilio_error(update(client, AUTH, n["sid"], {"FriendlyName": "mine"}), 404, 20404)
        assert_twilio_error(delete(client, AUTH, n["sid"]), 404, 20404)
        assert world.owned[n["phone_number"]].tenant == f"twilio/{ACCOUNT_2}"
    assert fetch(client, AUTH_2, theirs[0]["sid"], ACCOUNT_2).get_json() == theirs[0]


# -- lists ------------------------------------------------------------------------------------------
@pytest.fixture
def five(client) -> list[dict]:
    """Five owned numbers of account 1 (three local in 415 / 212-ish, two toll-free), sorted by number."""
    local = buy_numbers(client, AUTH, 3)
    toll_free = buy_numbers(client, AUTH, 2, kind="TollFree")
    return sorted(local + toll_free, key=lambda n: n["phone_number"])


def test_list_envelope(client, five):
    page = list_page(client, AUTH)
    assert set(page) == PAGING_KEYS | {"incoming_phone_numbers"}
    assert page["incoming_phone_numbers"] == five
    assert (page["page"], page["page_size"], page["start"], page["end"]) == (0, 50, 0, 4)
    assert page["next_page_uri"] is None and page["previous_page_uri"] is None
    assert page["first_page_uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers.json?PageSize=50&Page=0"
    assert page["uri"] == page["first_page_uri"]


def test_empty_list(client):
    page = list_page(client, AUTH)
    assert page["incoming_phone_numbers"] == [] and (page["start"], page["end"]) == (0, 0)
    assert page["next_page_uri"] is None


def test_paging_returns_each_number_exactly_once(client, five):
    pages = [list_page(client, AUTH, PageSize=2)]
    while pages[-1]["next_page_uri"]:
        assert len(pages) < 10
        response = follow(client, AUTH, pages[-1]["next_page_uri"])
        assert response.status_code == 200
        pages.append(response.get_json())
    assert [len(p["incoming_phone_numbers"]) for p in pages] == [2, 2, 1]
    seen = [n["sid"] for p in pages for n in p["incoming_phone_numbers"]]
    assert seen == [n["sid"] for n in five]
    for index, page in enumerate(pages):
        assert set(page) == PAGING_KEYS | {"incoming_phone_numbers"}
        assert (page["page"], page["page_size"], page["start"]) == (index, 2, index * 2)
        assert page["end"] == index * 2 + len(page["incoming_phone_numbers"]) - 1
        assert page["first_page_uri"] == pages[0]["first_page_uri"]
        assert query_of(page["uri"])["Page"] == [str(index)]
    # and back
    assert pages[0]["previous_page_uri"] is None
    for index in (2, 1):
        response = follow(client, AUTH, pages[index]["previous_page_uri"])
        assert response.status_code == 200
        back = response.get_json()
        assert back["incoming_phone_numbers"] == pages[index - 1]["incoming_phone_numbers"]
        assert back["page"] == index - 1
        assert back["next_page_uri"] is not None


def test_paging_keeps_the_filters(client, five):
    first = list_page(client, AUTH, PageSize=1, PhoneNumber="+1")
    assert query_of(first["next_page_uri"])["PhoneNumber"] == ["+1"]
    second = follow(client, AUTH, first["next_page_uri"]).get_json()
    assert second["incoming_phone_numbers"][0]["sid"] == five[1]["sid"]


def test_sub_lists(client, five):
    assert listed(client, AUTH, kind="Local") == [n["phone_number"] for n in five if n["type"] == "local"]
    assert listed(client, AUTH, kind="TollFree") == [n["phone_number"] for n in five if n["type"] == "toll-free"]
    assert listed(client, AUTH, kind="Mobile") == []
    page = list_page(client, AUTH, kind="TollFree", PageSize=1)
    assert page["next_page_uri"].startswith(f"/2010-04-01/Accounts/{ACCOUNT}/IncomingPhoneNumbers/TollFree.json?")
    assert follow(client, AUTH, page["next_page_uri"]).get_json()["incoming_phone_numbers"][0]["type"] == "toll-free"


def test_phone_number_filter(client, five):
    target = five[2]["phone_number"]
    assert listed(client, AUTH, PhoneNumber=target) == [target]
    assert listed(client, AUTH, PhoneNumber=target[1:]) == [target]
    assert listed(client, AUTH, PhoneNumber=target[-4:]) == [target] or target in listed(client, AUTH, PhoneNumber=target[-4:])
    wildcard = target[:-3] + "***"
    assert target in listed(client, AUTH, PhoneNumber=wildcard)
    for number in listed(client, AUTH, PhoneNumber=wildcard):
        assert number[:-3] == target[:-3]
    assert listed(client, AUTH, PhoneNumber="+1") == [n["phone_number"] for n in five]
    assert listed(client, AUTH, PhoneNumber="+44") == []


def test_friendly_name_filter(client, five):
    update(client, AUTH, five[1]["sid"], {"FriendlyName": "Sales"})
    update(client, AUTH, five[3]["sid"], {"FriendlyName": "Sales"})
    assert listed(client, AUTH, FriendlyName="Sales") == [five[1]["phone_number"], five[3]["phone_number"]]
    assert listed(client, AUTH, FriendlyName="sales") == []
    assert listed(client, AUTH, FriendlyName=five[0]["friendly_name"]) == [five[0]["phone_number"]]


def test_beta_and_origin_filters(client, five):
    everything = [n["phone_number"] for n in five]
    assert listed(client, AUTH, Beta="false") == everything  # none of them is beta
    assert listed(client, AUTH, Beta="true") == everything
    assert listed(client, AUTH, Origin="twilio") == everything
    assert listed(client, AUTH, Origin="hosted") == []


def test_beta_false_leaves_out_beta_numbers(client):
    beta = buy_ok(client, AUTH, {"PhoneNumber": free_numbers(client, AUTH, 1, "DE", "Mobile")[0]})
    plain = buy_numbers(client, AUTH, 1)[0]
    assert beta["beta"] is True
    assert listed(client, AUTH, Beta="false") == [plain["phone_number"]]
    assert sorted(listed(client, AUTH)) == sorted([beta["phone_number"], plain["phone_number"]])


def test_list_of_account_2_is_its_own(client, five):
    assert listed(client, AUTH_2, ACCOUNT_2) == []


@pytest.mark.parametrize("params", [{"PageToken": "garbage"}, {"PageSize": 0}, {"PageSize": 1001}, {"Page": -1},
                                    {"Beta": "maybe"}])
def test_bad_list_parameters_are_400(client, five, params):
    assert client.get(incoming_path(), headers=AUTH, query_string=params).status_code == 400


def test_dates_and_sids(client, five):
    for n in five:
        assert SID.match(n["sid"])
        epoch(n["date_created"]) and epoch(n["date_updated"])
    assert len({n["sid"] for n in five}) == 5
