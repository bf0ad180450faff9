"""wazo-confd's phone numbers: create, get, update, delete, the main number, validation messages,
absolute links, and tenant isolation."""
from __future__ import annotations

import json

import pytest

from emulator.app import create_app
from emulator.config import Config

from .helpers import (
    HREF,
    MAIN,
    NUMBERS,
    TENANT_1,
    UNKNOWN,
    USER_2,
    assert_errors,
    confd,
    create,
    create_ok,
    delete,
    get,
    list_ok,
    not_found,
    set_main,
    snapshot,
    token,
    update,
)

KEYS = ["uuid", "tenant_uuid", "number", "caller_id_name", "main", "shared", "links"]


@pytest.fixture
def h2(client) -> dict[str, str]:
    """wazo-confd headers for user test-2 (tenant 2)."""
    return confd(token(client, USER_2))


def test_create_answers_201_the_item_and_its_location(client, world, h):
    response = create(client, h, number="+18001234567")
    assert response.status_code == 201
    body = response.get_json()
    assert list(body) == KEYS
    href = f"{HREF}/{body['uuid']}"
    assert body == {"uuid": body["uuid"], "tenant_uuid": TENANT_1, "number": "+18001234567", "caller_id_name": None,
                    "main": False, "shared": False, "links": [{"rel": "phone_numbers", "href": href}]}
    assert response.headers["Location"] == href
    listed = world.directory.by_id[body["uuid"]]
    assert (listed.tenant, listed.number) == (f"wazo/{TENANT_1}", "+18001234567")
    assert get(client, h, body["uuid"]).get_json() == body


def test_create_with_every_field(client, h):
    body = create_ok(client, h, "+18001235567", caller_id_name="Here", shared=True)
    assert (body["caller_id_name"], body["shared"], body["main"]) == ("Here", True, False)


@pytest.mark.parametrize("number", ["1111", "+1414", "+15555550100", "5555550100", "112", "0" * 128])
def test_the_seeds_examples_are_valid_numbers(client, h, number):
    assert create_ok(client, h, number)["number"] == number


def test_read_only_and_unknown_fields_are_ignored(client, h):
    body = create_ok(client, h, "+18001234567", uuid=UNKNOWN, tenant_uuid="x", main=True, links=[], color="red")
    assert body["uuid"] != UNKNOWN and body["tenant_uuid"] == TENANT_1 and body["main"] is False


def test_the_body_is_json_whatever_its_content_type(client, h):
    """The seed's own `curl -d '{...}'` sends application/x-www-form-urlencoded."""
    response = client.post(NUMBERS, headers=h, data='{"number": "+18001234567"}',
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 201
    response = client.post(NUMBERS, headers=h, data='{"number": "+18001234568"}', content_type=None)
    assert response.status_code == 201


NUMBER_RULES = "not a valid digit-only phone number"


@pytest.mark.parametrize("body, messages", [
    ({}, ["Input Error - number: ['Missing data for required field.']"]),
    ({"number": None}, ["Input Error - number: ['Field may not be null.']"]),
    ({"number": 123}, ["Input Error - number: ['Not a valid string.']"]),
    ({"number": []}, ["Input Error - number: ['Not a valid string.']"]),
    ({"number": True}, ["Input Error - number: ['Not a valid string.']"]),
    ({"number": ""}, [f"Input Error - number: ['Length must be between 1 and 128.', '{NUMBER_RULES}']"]),
    ({"number": "a" * 1024}, [f"Input Error - number: ['Length must be between 1 and 128.', '{NUMBER_RULES}']"]),
    ({"number": "1" * 129}, ["Input Error - number: ['Length must be between 1 and 128.']"]),
    ({"number": "+1 800 123"}, [f"Input Error - number: ['{NUMBER_RULES}']"]),
    ({"number": "++1800"}, [f"Input Error - number: ['{NUMBER_RULES}']"]),
    ({"number": "١٢٣"}, [f"Input Error - number: ['{NUMBER_RULES}']"]),  # non-ASCII digits
    ({"number": "1", "caller_id_name": ""}, ["Input Error - caller_id_name: ['Length must be between 1 and 256.']"]),
    ({"number": "1", "caller_id_name": 5}, ["Input Error - caller_id_name: ['Not a valid string.']"]),
    ({"number": "1", "caller_id_name": "x" * 257}, ["Input Error - caller_id_name: ['Length must be between 1 and 256.']"]),
    ({"number": "1", "shared": "true"}, ["Input Error - shared: ['Not a valid boolean.']"]),
    ({"number": "1", "shared": 1}, ["Input Error - shared: ['Not a valid boolean.']"]),
    ({"number": "1", "shared": None}, ["Input Error - shared: ['Field may not be null.']"]),
    ({"caller_id_name": [], "shared": "42"}, ["Input Error - number: ['Missing data for required field.']",
                                              "Input Error - caller_id_name: ['Not a valid string.']",
                                              "Input Error - shared: ['Not a valid boolean.']"]),
    ([{"number": "1"}], ["Input Error - _schema: ['Invalid input type.']"]),
    ("1", ["Input Error - _schema: ['Invalid input type.']"]),
])
def test_a_bad_body_is_400_in_marshmallows_words_and_changes_nothing(client, world, h, body, messages):
    before = snapshot(world)
    assert_errors(client.post(NUMBERS, headers=h, json=body), 400, *messages)
    assert snapshot(world) == before


@pytest.mark.parametrize("data", [b"", b"{", b"{'number': '1'}", b"\xff\xfe"])
def test_a_missing_or_unreadable_body_is_the_browser_message(client, h, data):
    message = "The browser (or proxy) sent a request that this server could not understand."
    assert_errors(client.post(NUMBERS, headers=h, data=data, content_type="application/json"), 400, message)


def test_a_caller_id_name_may_be_null(client, h):
    assert create_ok(client, h, "1", caller_id_name=None)["caller_id_name"] is None


def test_a_number_is_listed_once_per_tenant(client, world, h, h2):
    create_ok(client, h, "+18005551234")
    before = snapshot(world)
    assert_errors(create(client, h, number="+18005551234"), 400,
                  f"Resource Error - PhoneNumber already exists ('number': '+18005551234', 'tenant_uuid': '{TENANT_1}')")
    assert snapshot(world) == before
    assert create_ok(client, h2, "+18005551234")["tenant_uuid"] != TENANT_1  # another tenant may


def test_a_tenant_never_sees_anothers_numbers(client, world, h, h2):
    mine = create_ok(client, h, "+18001234567")
    before = snapshot(world)
    assert_errors(get(client, h2, mine["uuid"]), 404, not_found(mine["uuid"]))
    assert_errors(update(client, h2, mine["uuid"], {"caller_id_name": "x"}), 404, not_found(mine["uuid"]))
    assert_errors(delete(client, h2, mine["uuid"]), 404, not_found(mine["uuid"]))
    assert_errors(set_main(client, h2, mine["uuid"]), 404,
                  f"Resource Not Found - PhoneNumber was not found ('uuid': '{mine['uuid']}')")
    assert list_ok(client, h2) == {"total": 0, "items": []}
    assert snapshot(world) == before


def test_an_unknown_uuid_is_404_and_a_path_that_is_no_uuid_matches_no_route(client, h):
    assert_errors(get(client, h, UNKNOWN), 404, not_found(UNKNOWN))
    assert_errors(get(client, h, UNKNOWN.upper().replace("9", "F")), 404, not_found(UNKNOWN.replace("9", "f")))
    message = ("The requested URL was not found on the server. If you entered the URL manually please check your "
               "spelling and try again.")
    for path in ("not-a-uuid", UNKNOWN + "0", "1"):
        assert_errors(get(client, h, path), 404, message)
    assert_errors(client.get(f"{NUMBERS}/ranges", headers=h), 405)  # /ranges is POST only


def test_a_uuid_is_found_in_any_case(client, h):
    created = create_ok(client, h, "1")
    assert get(client, h, created["uuid"].upper()).get_json() == created


def test_update_changes_only_what_it_is_given(client, world, h):
    created = create_ok(client, h, "+18001234567", caller_id_name="Old", shared=True)
    response = update(client, h, created["uuid"], {"number": "+15551234570", "caller_id_name": "ACME INC."})
    assert (response.status_code, response.data) == (204, b"")
    after = get(client, h, created["uuid"]).get_json()
    assert (after["number"], after["caller_id_name"], after["shared"]) == ("+15551234570", "ACME INC.", True)
    assert update(client, h, created["uuid"], {}).status_code == 204
    assert update(client, h, created["uuid"], {"caller_id_name": None, "main": True}).status_code == 204
    after = get(client, h, created["uuid"]).get_json()
    assert (after["caller_id_name"], after["main"]) == (None, False)  # main is read-only
    assert world.directory.by_number[(f"wazo/{TENANT_1}", "+15551234570")] == created["uuid"]


def test_update_rechecks_uniqueness_and_refuses_bad_bodies(client, world, h):
    one = create_ok(client, h, "+18001234567")
    create_ok(client, h, "+18005551234")
    before = snapshot(world)
    assert_errors(update(client, h, one["uuid"], {"number": "+18005551234"}), 400,
                  f"Resource Error - PhoneNumber already exists ('number': '+18005551234', 'tenant_uuid': '{TENANT_1}')")
    assert_errors(update(client, h, one["uuid"], {"shared": "false"}), 400, "Input Error - shared: ['Not a valid boolean.']")
    assert_errors(update(client, h, one["uuid"], {"number": None}), 400, "Input Error - number: ['Field may not be null.']")
    assert_errors(client.put(f"{NUMBERS}/{one['uuid']}", headers=h), 400,
                  "The browser (or proxy) sent a request that this server could not understand.")
    assert snapshot(world) == before
    assert update(client, h, one["uuid"], {"number": "+18001234567"}).status_code == 204  # its own number


def test_delete_removes_the_number(client, world, h):
    created = create_ok(client, h, "1")
    response = delete(client, h, created["uuid"])
    assert (response.status_code, response.data) == (204, b"")
    assert created["uuid"] not in world.directory.by_id
    assert_errors(get(client, h, created["uuid"]), 404, not_found(created["uuid"]))
    assert_errors(delete(client, h, created["uuid"]), 404, not_found(created["uuid"]))
    assert create_ok(client, h, "1")["uuid"] != created["uuid"]


# -- the main number ---------------------------------------------------------------------------------
def test_a_tenant_has_no_main_number_until_one_is_set(client, h):
    assert_errors(client.get(MAIN, headers=h), 404, "Resource Not Found - PhoneNumber was not found ('main': True)")


def test_setting_the_main_number_makes_it_shared_and_unsets_the_previous_one(client, world, h):
    one, two = create_ok(client, h, "+18001234567"), create_ok(client, h, "+18001234568")
    response = set_main(client, h, one["uuid"])
    assert (response.status_code, response.data) == (204, b"")
    assert response.headers["Location"] == f"{HREF}/{one['uuid']}"
    main = client.get(MAIN, headers=h).get_json()
    assert (main["uuid"], main["main"], main["shared"]) == (one["uuid"], True, True)
    assert set_main(client, h, two["uuid"].upper()).status_code == 204
    assert client.get(MAIN, headers=h).get_json()["uuid"] == two["uuid"]
    previous = get(client, h, one["uuid"]).get_json()
    assert (previous["main"], previous["shared"]) == (False, True)  # stays shared
    assert world.directory.mains == {f"wazo/{TENANT_1}": two["uuid"]}


def test_the_main_number_stays_shared(client, world, h):
    created = create_ok(client, h, "1")
    set_main(client, h, created["uuid"])
    before = snapshot(world)
    assert_errors(update(client, h, created["uuid"], {"shared": False}), 400,
                  "Resource Error - Operation not permitted. The main phone number must stay shared")
    assert snapshot(world) == before
    assert update(client, h, created["uuid"], {"shared": True, "caller_id_name": "Main"}).status_code == 204


def test_deleting_the_main_number_leaves_the_tenant_without_one(client, world, h):
    created = create_ok(client, h, "1")
    set_main(client, h, created["uuid"])
    assert delete(client, h, created["uuid"]).status_code == 204
    assert_errors(client.get(MAIN, headers=h), 404)
    assert world.directory.mains == {}


@pytest.mark.parametrize("body, messages", [
    ({}, ["Input Error - phone_number_uuid: ['Missing data for required field.']"]),
    ({"phone_number_uuid": "nope"}, ["Input Error - phone_number_uuid: ['Not a valid UUID.']"]),
    ({"phone_number_uuid": 7}, ["Input Error - phone_number_uuid: ['Not a valid UUID.']"]),
    ({"phone_number_uuid": None}, ["Input Error - phone_number_uuid: ['Field may not be null.']"]),
])
def test_setting_the_main_number_checks_its_body(client, world, h, body, messages):
    before = snapshot(world)
    assert_errors(client.put(MAIN, headers=h, json=body), 400, *messages)
    assert snapshot(world) == before


def test_an_unknown_main_number_is_404(client, h):
    assert_errors(set_main(client, h, UNKNOWN), 404, f"Resource Not Found - PhoneNumber was not found ('uuid': '{UNKNOWN}')")


# -- absolute URLs ------------------------------------------------------------------------------------
def test_links_follow_the_host_the_client_used(client, h):
    created = create_ok(client, h, "1")
    other = client.get(f"{NUMBERS}/{created['uuid']}", headers=h, base_url="https://pbx.example.com:8443")
    assert other.get_json()["links"][0]["href"] == f"https://pbx.example.com:8443{NUMBERS}/{created['uuid']}"
    assert get(client, h, created["uuid"]).get_json() == created  # each host its own rendering


def test_served_at_the_root_of_its_own_port_links_leave_the_prefix_out():
    app = create_app(Config(frozen_clock=True, wazo_port=9497))
    client = app.test_client()
    environ = {"SERVER_PORT": "9497"}
    login = client.post("/api/auth/0.1/token", headers={"Authorization": "Basic dGVzdDp0ZXN0"}, json={},
                        environ_overrides=environ, base_url="http://localhost:9497")
    headers = confd(login.get_json()["data"]["token"])
    response = client.post("/api/confd/1.1/phone-numbers", headers=headers, data=json.dumps({"number": "1"}),
                           environ_overrides=environ, base_url="http://localhost:9497")
    assert response.status_code == 201
    uuid = response.get_json()["uuid"]
    assert response.headers["Location"] == f"http://localhost:9497/api/confd/1.1/phone-numbers/{uuid}"


def test_protocol_errors_are_in_the_list_shape(client, h):
    too_large = client.post(NUMBERS, headers=h, data=b'{"number": "' + b"1" * (1024 * 1024) + b'"}',
                            content_type="application/json")
    assert_errors(too_large, 413, "The data value transmitted exceeds the capacity limit.")
    not_allowed = client.patch(NUMBERS, headers=h, json={})
    assert_errors(not_allowed, 405, "The method is not allowed for the requested URL.")
    assert set(not_allowed.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "POST"}
    assert_errors(client.delete(MAIN, headers=h), 405)
