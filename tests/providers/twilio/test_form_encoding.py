"""Form bodies and query strings at their edges: repeated keys, empty values, unicode, boolean
spellings, and junk, which is never a 500 and never changes state."""
from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import (
    AUTH,
    assert_twilio_error,
    base,
    buy_ok,
    fetch,
    free_numbers,
    incoming_path,
    listed,
    number_path,
    owned_snapshot,
    search_ok,
    update,
)

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def owned(client) -> dict:
    return buy_ok(client, AUTH, {"PhoneNumber": free_numbers(client, AUTH, 1)[0], "VoiceUrl": "https://example.com/v"})


def raw_update(client, sid: str, body: bytes | str, content_type: str = FORM):
    return client.post(number_path(sid), headers=AUTH, data=body, content_type=content_type)


def test_repeated_keys_first_wins(client, owned):
    response = raw_update(client, owned["sid"], "FriendlyName=first&FriendlyName=second&VoiceMethod=GET&VoiceMethod=POST")
    assert response.status_code == 200
    assert (response.get_json()["friendly_name"], response.get_json()["voice_method"]) == ("first", "GET")
    numbers = free_numbers(client, AUTH, 2)
    body = client.post(incoming_path(), headers=AUTH, data=f"PhoneNumber={quote(numbers[0])}&PhoneNumber={quote(numbers[1])}",
                       content_type=FORM).get_json()
    assert body["phone_number"] == numbers[0]


def test_repeated_query_keys_first_wins(client):
    numbers = search_ok(client, AUTH, PageSize=3)
    again = client.get(f"{base()}/AvailablePhoneNumbers/US/Local.json?PageSize=3&PageSize=1", headers=AUTH)
    assert again.get_json()["available_phone_numbers"] == numbers


def test_empty_query_values_are_no_filter(client, owned):
    everything = listed(client, AUTH)
    for name in ("PageToken", "PhoneNumber", "FriendlyName", "Origin"):
        response = client.get(f"{incoming_path()}?{name}=", headers=AUTH)
        assert response.status_code == 200, name
        assert [n["phone_number"] for n in response.get_json()["incoming_phone_numbers"]] == everything
    plain = search_ok(client, AUTH, PageSize=5)
    for name in ("Contains", "InRegion", "InLocality", "InPostalCode", "NearNumber", "NearLatLong", "PageToken"):
        response = client.get(f"{base()}/AvailablePhoneNumbers/US/Local.json?PageSize=5&{name}=", headers=AUTH)
        assert response.status_code == 200, name
        assert response.get_json()["available_phone_numbers"] == plain


def test_empty_url_clears_it(client, owned):
    assert owned["voice_url"] == "https://example.com/v"
    response = raw_update(client, owned["sid"], "VoiceUrl=")
    assert response.status_code == 200 and response.get_json()["voice_url"] == ""
    assert fetch(client, AUTH, owned["sid"]).get_json()["voice_url"] == ""


@pytest.mark.parametrize("field", ["VoiceCallerIdLookup", "VoiceMethod", "VoiceReceiveMode", "EmergencyStatus"])
def test_empty_value_of_a_typed_field_is_400(client, world, owned, field):
    before = owned_snapshot(world)
    assert raw_update(client, owned["sid"], f"{field}=").status_code == 400
    assert owned_snapshot(world) == before


def test_empty_friendly_name_is_kept_empty_or_default(client, owned):
    response = raw_update(client, owned["sid"], "FriendlyName=")
    assert response.status_code == 200
    assert response.get_json()["friendly_name"] in ("", owned["friendly_name"])


@pytest.mark.parametrize("name", ["Zürich Büro", "東京オフィス", "emoji 📞☎️", "ÅÄÖ åäö", "a+b&c=d", "100% sure", " spaced "])
def test_unicode_friendly_names_round_trip(client, owned, name):
    response = update(client, AUTH, owned["sid"], {"FriendlyName": name})
    assert response.status_code == 200
    assert response.get_json()["friendly_name"] == name
    assert fetch(client, AUTH, owned["sid"]).get_json()["friendly_name"] == name
    assert listed(client, AUTH, FriendlyName=name) == [owned["phone_number"]]


@pytest.mark.parametrize("spelling, value", [("true", True), ("True", True), ("TRUE", True), ("false", False),
                                             ("False", False), ("FALSE", False)])
def test_boolean_spellings(client, owned, spelling, value):
    response = raw_update(client, owned["sid"], f"VoiceCallerIdLookup={spelling}")
    assert response.status_code == 200
    assert response.get_json()["voice_caller_id_lookup"] is value
    numbers = search_ok(client, AUTH, PageSize=10, SmsEnabled=spelling)
    assert numbers and all(n["capabilities"]["sms"] is value for n in numbers)


@pytest.mark.parametrize("spelling", ["yes", "1", "0", "t", "on", "truee", " true"])
def test_other_boolean_spellings_are_400(client, world, owned, spelling):
    before = owned_snapshot(world)
    assert_twilio_error(raw_update(client, owned["sid"], f"VoiceCallerIdLookup={quote(spelling)}"), 400, 20001)
    assert owned_snapshot(world) == before


def test_unknown_fields_are_ignored(client, owned):
    response = raw_update(client, owned["sid"], "Nonsense=1&FriendlyName=ok&sms_url=https://x.example/")
    assert response.status_code == 200
    assert response.get_json()["friendly_name"] == "ok" and response.get_json()["sms_url"] == ""


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/xml"])
def test_other_content_types_are_refused(client, world, owned, content_type):
    before = owned_snapshot(world)
    response = raw_update(client, owned["sid"], b'{"FriendlyName": "x"}', content_type)
    assert 400 <= response.status_code < 500
    assert owned_snapshot(world) == before


# -- junk -------------------------------------------------------------------------------------------
junk_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
junk_bytes = st.one_of(
    st.binary(max_size=200),
    st.lists(st.tuples(st.sampled_from(["FriendlyName", "VoiceUrl", "VoiceCallerIdLookup", "VoiceMethod", "PhoneNumber",
                                        "AreaCode", "TrunkSid", "AccountSid", "SmsUrl", "EmergencyStatus", ""]) | junk_text,
                        junk_text), max_size=6)
    .map(lambda pairs: "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs).encode()),
)
JUNK_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _no_500(response) -> None:
    assert response.status_code < 500, response.data[:300]
    if 300 <= response.status_code < 400:
        # Werkzeug's own slash merging: an encoded "/" (%2F) in a segment decodes into "//",
        # which the URL map answers with a 308 to the merged path (the app's routing, not Twilio's)
        assert "//" in response.request.path and response.status_code == 308
        return
    assert response.mimetype == "application/json" or response.status_code == 204


@JUNK_SETTINGS
@given(body=junk_bytes)
def test_junk_purchases_never_500_and_only_buy_on_201(app, body):
    client = app.test_client()
    before = owned_snapshot(app.world)
    response = client.post(incoming_path(), headers=AUTH, data=body, content_type=FORM)
    _no_500(response)
    after = owned_snapshot(app.world)
    if response.status_code == 201:
        assert set(after) - set(before) == {response.get_json()["phone_number"]}
    else:
        assert after == before


@JUNK_SETTINGS
@given(body=junk_bytes)
def test_junk_updates_never_500_and_only_change_on_200(app, body):
    client = app.test_client()
    app.world.reset()
    sid = buy_ok(client, AUTH, {"AreaCode": "415"})["sid"]
    before = owned_snapshot(app.world)
    response = client.post(number_path(sid), headers=AUTH, data=body, content_type=FORM)
    _no_500(response)
    if response.status_code != 200:
        assert owned_snapshot(app.world) == before


junk_query = st.lists(st.tuples(st.sampled_from(["AreaCode", "Contains", "SmsEnabled", "InRegion", "NearLatLong",
                                                 "NearNumber", "Distance", "PageSize", "Page", "PageToken", "InLata",
                                                 "InRateCenter", "Beta", "PhoneNumber", "FriendlyName"]) | junk_text,
                                junk_text), max_size=5)
PATHS = ["/AvailablePhoneNumbers/US/Local.json", "/AvailablePhoneNumbers/GB/Mobile.json", "/AvailablePhoneNumbers.json",
         "/IncomingPhoneNumbers.json", "/IncomingPhoneNumbers/TollFree.json", "/AvailablePhoneNumbers/US/TollFree.json"]


@JUNK_SETTINGS
@given(path=st.sampled_from(PATHS), query=junk_query)
def test_junk_query_parameters_never_500_and_never_change_state(app, path, query):
    client = app.test_client()
    before = owned_snapshot(app.world)
    query_string = "&".join(f"{quote(k)}={quote(v)}" for k, v in query)
    _no_500(client.get(f"{base()}{path}?{query_string}", headers=AUTH))
    _no_500(client.get(f"/twilio/v1/PhoneNumbers/Countries?{query_string}", headers=AUTH))
    assert owned_snapshot(app.world) == before


@JUNK_SETTINGS
@given(segment=junk_text.filter(lambda s: s not in ("", ".", "..")), method=st.sampled_from(["get", "post", "delete"]))
def test_junk_path_segments_never_500_and_never_change_state(app, segment, method):
    client = app.test_client()
    before = owned_snapshot(app.world)
    for path in (f"{base()}/IncomingPhoneNumbers/{quote(segment, safe='')}.json",
                 f"/twilio/2010-04-01/Accounts/{quote(segment, safe='')}/IncomingPhoneNumbers.json",
                 f"{base()}/AvailablePhoneNumbers/{quote(segment, safe='')}/Local.json",
                 f"/twilio/v1/PhoneNumbers/Countries/{quote(segment, safe='')}"):
        _no_500(getattr(client, method)(path, headers=AUTH))
    assert owned_snapshot(app.world) == before
