"""wazo-auth's tokens (create, read, HEAD, revoke, expiry on the emulator's clock, refresh tokens) and
how wazo-confd checks them (X-Auth-Token, Wazo-Tenant)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from tests.conftest import basic

from .helpers import (
    MAIN,
    NUMBERS,
    TENANT_1,
    TENANT_2,
    TOKEN_URL,
    UNKNOWN,
    USER_1,
    USER_2,
    assert_auth_error,
    assert_errors,
    confd,
    create_ok,
    list_ok,
    login,
    token,
)

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def utc(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")


def test_a_token_carries_the_user_its_tenant_and_its_times(client, world):
    response = login(client, USER_1, expiration=3600)
    assert response.status_code == 200
    assert response.headers["Wazo-Sessions-Revoked"] == "0"
    data = response.get_json()["data"]
    assert list(data) == ["token", "auth_id", "xivo_user_uuid", "xivo_uuid", "issued_at", "expires_at",
                          "utc_issued_at", "utc_expires_at", "acl", "metadata", "session_uuid", "remote_addr",
                          "user_agent"]
    assert all(UUID.match(data[k]) for k in ("token", "auth_id", "xivo_uuid", "session_uuid"))
    assert data["xivo_user_uuid"] == data["auth_id"]
    assert data["metadata"] == {"uuid": data["auth_id"], "tenant_uuid": TENANT_1, "auth_id": data["auth_id"],
                                "pbx_user_uuid": data["auth_id"], "xivo_uuid": data["xivo_uuid"], "purpose": "user"}
    now = world.now()
    assert (data["utc_issued_at"], data["utc_expires_at"]) == (utc(now), utc(now + 3600))
    assert data["issued_at"] == utc(now).split(".")[0]  # local time (UTC here); no zero microseconds
    assert data["acl"] == ["confd.phone-numbers.#"]
    assert data["remote_addr"] == "127.0.0.1"
    assert "refresh_token" not in data


def test_each_user_is_its_own_and_stays_the_same(client):
    first, again = (login(client, USER_1).get_json()["data"] for _ in range(2))
    other = login(client, USER_2).get_json()["data"]
    assert first["token"] != again["token"] and first["session_uuid"] != again["session_uuid"]
    assert first["auth_id"] == again["auth_id"] != other["auth_id"]
    assert other["metadata"]["tenant_uuid"] == TENANT_2


def test_the_default_expiration_is_two_hours(client, world):
    data = login(client).get_json()["data"]
    assert data["utc_expires_at"] == utc(world.now() + 7200)


@pytest.mark.parametrize("auth", [
    {},
    basic("test", "wrong"),
    basic("nobody", "test"),
    {"Authorization": "Basic !!!"},
    {"Authorization": "Bearer test"},
])
def test_bad_credentials_fail_authentication(client, auth):
    assert_auth_error(login(client, auth), 401, "Authentication Failed")


def test_another_backend_fails_authentication(client):
    assert_auth_error(login(client, USER_1, backend="ldap_user"), 401, "Authentication Failed")
    assert login(client, USER_1, backend="wazo_user").status_code == 200


def typed(message: str, constraint: str) -> dict:
    """A xivo.mallow field message (wazo-auth's fields are xivo.mallow's)."""
    return {"message": message, "constraint_id": "type" if constraint != "not_null" else "not_null",
            "constraint": constraint}


def validator(constraint_id: str, constraint: dict, message: str) -> dict:
    return {"constraint_id": constraint_id, "constraint": constraint, "message": message}


RANGE = validator("range", {"min": 1, "max": 315360000},
                  "Must be greater than or equal to 1 and less than or equal to 315360000.")


@pytest.mark.parametrize("body, messages", [
    ({"expiration": 0}, {"expiration": [RANGE]}),
    ({"expiration": 315360001}, {"expiration": [RANGE]}),
    ({"expiration": "soon"}, {"expiration": [typed("Not a valid integer.", "integer")]}),
    ({"expiration": None}, {"expiration": [typed("Field may not be null.", "not_null")]}),
    ({"access_type": "forever"},
     {"access_type": [validator("enum", {"choices": ["online", "offline"]}, "Must be one of: online, offline.")]}),
    ({"client_id": ""},
     {"client_id": [validator("length", {"min": 1, "max": 1024}, "Length must be between 1 and 1024.")]}),
    ({"backend": 1, "client_id": 2}, {"backend": [typed("Not a valid string.", "string")],
                                      "client_id": [typed("Not a valid string.", "string")]}),
    ({"access_type": "offline"}, {"_schema": ['"client_id" must be specified when using "access_type" is "offline"']}),
    ({"tenant_id": "a", "domain_name": "b"}, {"_schema": ['"tenant_id" and "domain_name" must be mutually exclusive']}),
    ([1], {"_schema": ["Invalid input type."]}),
])
def test_a_bad_token_request_is_400_with_marshmallows_messages(client, body, messages):
    assert_auth_error(client.post(TOKEN_URL, headers=USER_1, json=body), 400, str(messages))


@pytest.mark.parametrize("data", [b"", b"{", b"not json"])
def test_a_missing_or_unreadable_body_is_400(client, data):
    response = client.post(TOKEN_URL, headers=USER_1, data=data)
    assert_auth_error(response, 400, "The browser (or proxy) sent a request that this server could not understand.")


def test_the_body_is_read_as_json_whatever_its_content_type(client):
    response = client.post(TOKEN_URL, headers=USER_1, data='{"expiration": 60}',
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200


def test_a_body_is_checked_before_credentials(client):
    assert_auth_error(client.post(TOKEN_URL, json={"expiration": 0}), 400)


def test_a_token_reads_back_until_it_expires_on_the_clock(client, world):
    value = token(client, expiration=60)
    read = client.get(f"{TOKEN_URL}/{value}")
    assert read.status_code == 200 and read.get_json()["data"]["token"] == value
    assert client.head(f"{TOKEN_URL}/{value}").status_code == 204
    world.clock.advance(59)
    assert client.get(f"{TOKEN_URL}/{value.upper()}").status_code == 200  # a uuid: any case
    assert list_ok(client, confd(value))["total"] == 0
    world.clock.advance(1)
    assert_auth_error(client.get(f"{TOKEN_URL}/{value}"), 404, "No such token")
    head = client.head(f"{TOKEN_URL}/{value}")
    assert (head.status_code, head.data) == (404, b"")
    assert_errors(client.get(NUMBERS, headers=confd(value)), 401, str((value, "confd.phone-numbers.read")))


def test_an_unknown_token_is_404_and_a_malformed_one_matches_no_route(client):
    assert_auth_error(client.get(f"{TOKEN_URL}/{UNKNOWN}"), 404, "No such token")
    reason = assert_auth_error(client.get(f"{TOKEN_URL}/not-a-uuid"), 404)
    assert "not found" in reason


def test_reading_a_token_for_a_tenant_it_cannot_see_is_403(client):
    value = token(client)
    assert client.get(f"{TOKEN_URL}/{value}", query_string={"tenant": TENANT_1}).status_code == 200
    assert client.get(f"{TOKEN_URL}/{value}", query_string={"tenant": ""}).status_code == 200
    assert_auth_error(client.get(f"{TOKEN_URL}/{value}", query_string={"tenant": TENANT_2}), 403,
                      f"Unauthorized for tenant {TENANT_2}")
    assert client.head(f"{TOKEN_URL}/{value}", query_string={"tenant": TENANT_2}).status_code == 403


def test_a_scope_must_be_granted_by_the_tokens_acl(client):
    value = token(client)
    for scope in ("confd.phone-numbers.read", f"confd.phone-numbers.{UNKNOWN}.delete"):
        assert client.get(f"{TOKEN_URL}/{value}", query_string={"scope": scope}).status_code == 200
    assert_auth_error(client.get(f"{TOKEN_URL}/{value}", query_string={"scope": "confd.users.read"}), 403,
                      "Unauthorized for confd.users.read")


def test_a_revoked_token_is_gone_and_revoking_twice_is_fine(client):
    value = token(client)
    for _ in range(2):
        response = client.delete(f"{TOKEN_URL}/{value}")
        assert (response.status_code, response.get_json()) == (200, {"data": {"message": "success"}})
    assert client.get(f"{TOKEN_URL}/{value}").status_code == 404
    assert_errors(client.get(MAIN, headers=confd(value)), 401, str((value, "confd.phone-numbers.main.read")))


def test_offline_access_gives_a_refresh_token_that_logs_in_again(client):
    first = login(client, USER_1, access_type="offline", client_id="my-app").get_json()["data"]
    refresh = first["refresh_token"]
    again = login(client, USER_1, access_type="offline", client_id="my-app").get_json()["data"]
    assert again["refresh_token"] == refresh  # one per user and client
    assert login(client, USER_1, access_type="offline", client_id="other").get_json()["data"]["refresh_token"] != refresh
    renewed = login(client, {}, refresh_token=refresh, client_id="my-app")
    assert renewed.status_code == 200
    data = renewed.get_json()["data"]
    assert data["auth_id"] == first["auth_id"] and data["token"] != first["token"] and "refresh_token" not in data
    assert_auth_error(login(client, {}, refresh_token=refresh, client_id="someone-else"), 401)
    assert_auth_error(login(client, {}, refresh_token=UNKNOWN, client_id="my-app"), 401)
    assert client.get(f"{TOKEN_URL}/{refresh}").status_code == 404  # not an access token
    assert_errors(client.get(NUMBERS, headers=confd(refresh)), 401)


# -- wazo-confd's side ----------------------------------------------------------------------------------
@pytest.mark.parametrize("headers, expected", [
    ({}, "('', 'confd.phone-numbers.read')"),
    ({"X-Auth-Token": "nonsense"}, "('nonsense', 'confd.phone-numbers.read')"),
    ({"X-Auth-Token": UNKNOWN}, f"('{UNKNOWN}', 'confd.phone-numbers.read')"),
])
def test_confd_without_a_valid_token_is_401_naming_the_acl(client, headers, expected):
    assert_errors(client.get(NUMBERS, headers=headers), 401, expected)


def test_each_operation_names_its_own_acl(client):
    bad = confd("x")
    assert_errors(client.post(NUMBERS, headers=bad, json={}), 401, "('x', 'confd.phone-numbers.create')")
    assert_errors(client.put(MAIN, headers=bad, json={}), 401, "('x', 'confd.phone-numbers.main.update')")
    upper = UNKNOWN.upper().replace("9", "A")
    assert_errors(client.delete(f"{NUMBERS}/{upper}", headers=bad), 401,
                  f"('x', 'confd.phone-numbers.{upper.lower()}.delete')")


def test_auth_is_checked_before_the_body(client):
    assert_errors(client.post(NUMBERS, headers=confd("x"), data=b"{"), 401)


def test_wazo_tenant_must_be_the_tokens_own_without_sub_tenants(client):
    value = token(client)
    assert list_ok(client, confd(value, TENANT_1))["total"] == 0
    assert list_ok(client, {"X-Auth-Token": value, "Wazo-Tenant": ""})["total"] == 0  # empty: absent
    for other in (TENANT_2, "not-a-tenant"):
        assert_errors(client.get(NUMBERS, headers=confd(value, other)), 401,
                      str((value, "confd.phone-numbers.read", other)))


def test_a_token_acts_on_its_users_tenant(client):
    one, two = token(client, USER_1), token(client, USER_2)
    created = create_ok(client, confd(two), "+15555550100")
    assert created["tenant_uuid"] == TENANT_2
    assert list_ok(client, confd(one))["total"] == 0
