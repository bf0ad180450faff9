"""Relay REST: buying, retrieving, updating and releasing numbers; auth; tenant isolation."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from emulator.config import SIGNALWIRE_PROJECT_1, SIGNALWIRE_PROJECT_2
from tests.conftest import basic

from .relay_helpers import (
    AUTH,
    AUTH2,
    BASE,
    assert_invalid,
    assert_not_found,
    buy,
    buy_ok,
    free_numbers,
    list_ok,
    owned_snapshot,
    release,
    retrieve,
    update,
)

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
NULL_FIELDS = ("name", "e911_address_id", "e911_status", "calling_handler_resource_id", "call_request_url",
               "call_request_method", "call_fallback_url", "call_fallback_method", "call_status_callback_url",
               "call_status_callback_method", "call_laml_application_id", "call_dialogflow_agent_id",
               "call_relay_topic", "call_relay_topic_status_callback_url", "call_relay_script_url",
               "call_relay_context", "call_relay_context_status_callback_url", "call_relay_application",
               "call_relay_connector_id", "call_sip_endpoint_id", "call_verto_resource", "call_video_room_id",
               "messaging_handler_resource_id", "message_request_url", "message_request_method",
               "message_fallback_url", "message_fallback_method", "message_laml_application_id",
               "message_relay_topic", "message_relay_context")


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_buy_returns_the_new_number_with_its_defaults(client, world):
    number = free_numbers(client, 1, areacode="206")[0]
    body = buy_ok(client, number)
    now = iso(world.now())
    assert UUID.match(body["id"])
    assert body["number"] == number
    assert body["number_type"] == "longcode" and body["country_code"] == "US"
    assert set(body["capabilities"]) <= {"voice", "sms", "mms", "fax"} and body["capabilities"]
    assert body["created_at"] == body["updated_at"] == now
    assert body["next_billed_at"] > now  # billed a period ahead
    assert (body["call_handler"], body["call_receive_mode"], body["message_handler"]) == ("laml_webhooks", "voice", "laml_webhooks")
    assert all(body[field] is None for field in NULL_FIELDS)
    assert world.owned[number].tenant == f"signalwire/{SIGNALWIRE_PROJECT_1}"
    assert retrieve(client, body["id"]).get_json() == body


def test_a_toll_free_number_is_toll_free(client):
    number = free_numbers(client, 1, number_type="toll-free")[0]
    assert buy_ok(client, number)["number_type"] == "toll-free"


def test_buying_a_taken_number_is_422_and_changes_nothing(client, world):
    number = free_numbers(client, 1)[0]
    first = buy_ok(client, number)
    before = owned_snapshot(world)
    for auth in (AUTH, AUTH2):
        assert number in assert_invalid(buy(client, number, auth), "number")
    assert owned_snapshot(world) == before
    assert retrieve(client, first["id"]).status_code == 200


@pytest.mark.parametrize("body, field", [
    ({"number": "12065550100"}, "number"),
    ({"number": "+1 206 555 0100"}, "number"),
    ({"number": 12065550100}, "number"),
    ({}, "number"),
    ({"number": "+12065550100", "name": "x"}, "name"),
    (["+12065550100"], "body"),
])
def test_buying_with_a_bad_body_is_422_naming_the_field(client, world, body, field):
    assert_invalid(client.post(BASE, headers=AUTH, json=body), field)
    assert world.owned == {}


@pytest.mark.parametrize("number", ["+442071838750", "+16135550123", "+12025550100"])
def test_a_number_not_for_sale_is_422(client, world, number):
    """A UK number, a Canadian one (only US numbers are sold here), a 555 number nobody offers."""
    assert number in assert_invalid(buy(client, number), "number")
    assert world.owned == {}


def test_malformed_bodies_are_422(client, world):
    assert_invalid(client.post(BASE, headers=AUTH, data=b"{bad", content_type="application/json"), "body")
    assert_invalid(client.post(BASE, headers=AUTH, data=b"number=%2B12065550100",
                               content_type="application/x-www-form-urlencoded"), "Content-Type")
    assert_invalid(client.post(BASE, headers=AUTH), "body")
    response = client.post(BASE, headers=AUTH, data=b'{"number": "' + b"1" * (1024 * 1024) + b'"}',
                           content_type="application/json")
    assert (response.status_code, response.get_json()) == (413, {"error": "Payload Too Large"})
    assert world.owned == {}


def test_update_sets_every_field_and_it_persists(client, world):
    number = free_numbers(client, 1)[0]
    bought = buy_ok(client, number)
    world.clock.advance(60)
    changes = {
        "name": "Main line", "call_handler": "relay_topic", "call_receive_mode": "fax",
        "call_request_url": "https://example.com/voice", "call_request_method": "GET",
        "call_fallback_url": "https://example.com/fallback", "call_fallback_method": "POST",
        "call_status_callback_url": "http://example.com/status", "call_status_callback_method": "GET",
        "call_relay_topic": "office", "call_relay_topic_status_callback_url": "https://example.com/relay",
        "call_video_room_id": "fe4093d9-58c2-4931-b4b9-5679f82652c6", "message_handler": "laml_application",
        "message_request_url": "https://example.com/sms", "message_request_method": "POST",
        "message_laml_application_id": "app-1", "message_relay_application": "ignored-in-response",
    }
    response = update(client, bought["id"], changes)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    for field, value in changes.items():
        if field != "message_relay_application":
            assert body[field] == value, field
    assert "message_relay_application" not in body
    assert body["updated_at"] == iso(world.now()) and body["created_at"] == bought["created_at"]
    assert retrieve(client, bought["id"]).get_json() == body
    assert list_ok(client)["data"] == [body]
    settings = world.owned[number].settings
    assert settings["voice_url"] == "https://example.com/voice" and settings["sms_method"] == "POST"
    assert settings["voice_receive_mode"] == "fax" and settings["status_callback_method"] == "GET"
    assert settings["message_relay_application"] == "ignored-in-response"
    assert world.owned[number].display_name == "Main line"


def test_update_clears_with_null_and_empty_strings(client):
    bought = buy_ok(client, free_numbers(client, 1)[0])
    update(client, bought["id"], {"name": "n", "call_request_url": "https://example.com/", "call_handler": "dialogflow"})
    body = update(client, bought["id"], {"name": None, "call_request_url": "", "call_handler": None}).get_json()
    assert (body["name"], body["call_request_url"], body["call_handler"]) == (None, None, None)


def test_an_empty_update_changes_nothing(client, world):
    bought = buy_ok(client, free_numbers(client, 1)[0])
    world.clock.advance(5)
    assert update(client, bought["id"], {}).get_json() == bought
    assert client.put(f"{BASE}/{bought['id']}", headers=AUTH).get_json() == bought


@pytest.mark.parametrize("body, field", [
    ({"call_request_url": "ftp://example.com/"}, "call_request_url"),
    ({"message_fallback_url": "example.com/sms"}, "message_fallback_url"),
    ({"call_request_method": "PUT"}, "call_request_method"),
    ({"call_handler": "ai_agent"}, "call_handler"),
    ({"call_receive_mode": None}, "call_receive_mode"),
    ({"call_video_room_id": "not-a-uuid"}, "call_video_room_id"),
    ({"name": "x" * 256}, "name"),
    ({"colour": "blue"}, "colour"),
])
def test_a_bad_update_is_422_and_changes_nothing(client, world, body, field):
    bought = buy_ok(client, free_numbers(client, 1)[0])
    before = owned_snapshot(world)
    assert_invalid(update(client, bought["id"], {"name": "kept", **body}), field)
    assert owned_snapshot(world) == before


def test_release_then_the_number_is_gone(client, world):
    number = free_numbers(client, 1)[0]
    bought = buy_ok(client, number)
    response = release(client, bought["id"])
    assert (response.status_code, response.data) == (204, b"")
    assert_not_found(retrieve(client, bought["id"]))
    assert_not_found(update(client, bought["id"], {"name": "x"}))
    assert_not_found(release(client, bought["id"]))
    assert list_ok(client)["data"] == []
    assert number not in world.owned
    again = buy_ok(client, number)  # back in the inventory, under a new id
    assert again["id"] != bought["id"]


def test_ids_are_case_insensitive_and_must_be_uuids(client):
    bought = buy_ok(client, free_numbers(client, 1)[0])
    assert retrieve(client, bought["id"].upper()).get_json()["id"] == bought["id"]
    assert_invalid(retrieve(client, "PN123"), "id")
    assert_not_found(retrieve(client, "00000000-0000-4000-8000-000000000000"))


def test_projects_are_isolated(client, world):
    one, two = free_numbers(client, 2)
    mine, theirs = buy_ok(client, one), buy_ok(client, two, AUTH2)
    for call in (retrieve, release):
        assert_not_found(call(client, theirs["id"]))
    assert_not_found(update(client, theirs["id"], {"name": "stolen"}))
    assert [n["id"] for n in list_ok(client)["data"]] == [mine["id"]]
    assert [n["id"] for n in list_ok(client, AUTH2)["data"]] == [theirs["id"]]
    assert world.owned[two].display_name == "" and world.owned[two].tenant == f"signalwire/{SIGNALWIRE_PROJECT_2}"


@pytest.mark.parametrize("headers", [
    {},
    basic(SIGNALWIRE_PROJECT_1, "wrong"),
    basic("00000000-0000-4000-8000-000000000009", "test"),
    {"Authorization": "Bearer test"},
    {"Authorization": "Basic !!!"},
])
@pytest.mark.parametrize("method, path", [("get", ""), ("get", "/search"), ("post", ""),
                                          ("get", "/00000000-0000-4000-8000-000000000001"), ("delete", "/x")])
def test_bad_credentials_are_401(client, world, headers, method, path):
    response = getattr(client, method)(BASE + path, headers=headers, json={"number": "+12065550100"} if method == "post" else None)
    assert response.status_code == 401
    assert response.get_json() == {"error": "Unauthorized"}
    assert response.headers["WWW-Authenticate"] == 'Basic realm="SignalWire"'
    assert world.owned == {}


def test_unknown_routes_and_methods_answer_in_the_relay_shape(client):
    response = client.get("/signalwire/api/relay/rest/queues", headers=AUTH)
    assert (response.status_code, response.get_json()) == (404, {"error": "Not Found"})
    response = client.patch(BASE, headers=AUTH)
    assert (response.status_code, response.get_json()) == (405, {"error": "Method Not Allowed"})


def test_settings_are_shared_with_the_compatibility_api(client):
    """A name and URLs set here read the same through the LaML API, and back."""
    bought = buy_ok(client, free_numbers(client, 1)[0])
    update(client, bought["id"], {"name": "Shared", "call_request_url": "https://example.com/v",
                                  "message_request_method": "GET"})
    laml = f"/signalwire/api/laml/2010-04-01/Accounts/{SIGNALWIRE_PROJECT_1}/IncomingPhoneNumbers/{bought['id']}.json"
    seen = client.get(laml, headers=AUTH).get_json()
    assert (seen["friendly_name"], seen["voice_url"], seen["sms_method"]) == ("Shared", "https://example.com/v", "GET")
    client.post(laml, headers=AUTH, data={"SmsUrl": "https://example.com/s"})
    assert retrieve(client, bought["id"]).get_json()["message_request_url"] == "https://example.com/s"


def test_a_long_name_set_through_the_rest_api_reads_back_through_the_compatibility_api(client):
    """Both APIs name the same number: the REST API takes names up to 255 characters, so the
    compatibility API answers them (found by `contract run`, which fuzzes both against one world)."""
    number = buy_ok(client, free_numbers(client, 1)[0])
    name = "n" * 200
    assert client.put(f"{BASE}/{number['id']}", headers=AUTH, json={"name": name}).status_code == 200
    listed = client.get(f"/signalwire/api/laml/2010-04-01/Accounts/{SIGNALWIRE_PROJECT_1}/IncomingPhoneNumbers.json",
                        headers=AUTH)
    assert listed.status_code == 200, listed.get_json()
    assert [n["friendly_name"] for n in listed.get_json()["incoming_phone_numbers"]] == [name]
