"""Authentication (HTTP Basic, OAuth2 bearer tokens) and isolation between projects."""
from __future__ import annotations

import base64

import pytest

from emulator.config import Config
from tests.conftest import basic

from .helpers import (
    PROJECT,
    PROJECT_2,
    assert_sinch_error,
    base,
    free_numbers,
    get_active,
    list_active,
    list_page,
    owned_snapshot,
    release,
    rent,
    rent_ok,
    search,
    token,
    update,
)


def issue_token(client, headers) -> dict:
    response = token(client, headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def bearer(value: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {value}"}


# every /v1 operation, as (method, path under the project, kwargs)
OPERATIONS = [
    ("get", "/availableNumbers?regionCode=US&type=LOCAL", {}),
    ("get", "/availableNumbers/+12025550134", {}),
    ("post", "/availableNumbers/+12025550134:rent", {}),
    ("post", "/availableNumbers:rentAny", {"json": {"regionCode": "US", "type": "LOCAL"}}),
    ("get", "/activeNumbers", {}),
    ("get", "/activeNumbers/+12025550134", {}),
    ("patch", "/activeNumbers/+12025550134", {"json": {"displayName": "x"}}),
    ("post", "/activeNumbers/+12025550134:release", {}),
    ("get", "/availableRegions", {}),
]


# -- Basic --------------------------------------------------------------------------------------------
def test_basic_with_key_id_and_secret(client, auth, auth2):
    assert list_active(client, auth).status_code == 200
    assert list_active(client, auth2, project=PROJECT_2).status_code == 200
    response = search(client, auth, regionCode="US", type="LOCAL", size=1)
    assert response.status_code == 200 and len(response.get_json()["availableNumbers"]) == 1


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no credentials"),
        pytest.param(basic("test-key", "wrong"), id="wrong secret"),
        pytest.param(basic("test-key", ""), id="empty secret"),
        pytest.param(basic("no-such-key", "test"), id="unknown key"),
        pytest.param({"Authorization": "Basic !!!not-base64"}, id="malformed basic"),
        pytest.param({"Authorization": "Basic " + base64.b64encode(b"test-key").decode()}, id="no colon"),
        pytest.param({"Authorization": "Digest username=test-key"}, id="other scheme"),
        pytest.param({"Authorization": "Bearer "}, id="empty bearer"),
    ],
)
def test_bad_credentials_are_401_in_sinch_shape(client, world, headers):
    for method, path, kwargs in OPERATIONS:
        response = getattr(client, method)(base() + path, headers=headers, **kwargs)
        assert_sinch_error(response, 401, "UNAUTHENTICATED")
        assert response.headers.get("WWW-Authenticate"), (method, path)
    assert world.owned == {}


# -- OAuth2 -------------------------------------------------------------------------------------------
def test_token_endpoint_issues_a_bearer_token(client, auth):
    issued = issue_token(client, auth)
    assert set(issued) == {"access_token", "expires_in", "scope", "token_type"}
    assert isinstance(issued["access_token"], str) and issued["access_token"]
    assert issued["expires_in"] == 3599
    assert isinstance(issued["scope"], str)
    assert issued["token_type"].lower() == "bearer"
    assert issue_token(client, auth)["access_token"] != issued["access_token"]


def test_bearer_token_works_on_v1_calls(client, auth, world):
    headers = bearer(issue_token(client, auth)["access_token"])
    number = free_numbers(client, headers, "US", "LOCAL", 1)[0]
    assert rent(client, headers, number).status_code == 200
    assert get_active(client, headers, number).status_code == 200
    assert update(client, headers, number, {"displayName": "via token"}).get_json()["displayName"] == "via token"
    assert [n["phoneNumber"] for n in list_page(client, headers)["activeNumbers"]] == [number]
    assert world.owned[number].tenant == "sinch/test-project"
    # the number is the key's project's, whichever way the caller authenticated
    assert get_active(client, auth, number).get_json()["displayName"] == "via token"
    assert release(client, headers, number).status_code == 200


def test_expired_token_is_401_with_expired_challenge(client, auth, world):
    headers = bearer(issue_token(client, auth)["access_token"])
    world.clock.advance(3598)
    assert list_active(client, headers).status_code == 200
    world.clock.advance(1)  # expires_in has passed
    response = list_active(client, headers)
    assert_sinch_error(response, 401, "UNAUTHENTICATED")
    assert "expired" in response.headers["WWW-Authenticate"].lower()
    # a fresh token works again
    assert list_active(client, bearer(issue_token(client, auth)["access_token"])).status_code == 200


@pytest.mark.parametrize("config", [Config(token_lifetime_seconds=60, frozen_clock=True, validation="strict")])
def test_token_lifetime_comes_from_config(client, auth, world):
    issued = issue_token(client, auth)
    assert issued["expires_in"] == 60
    world.clock.advance(59.5)
    assert list_active(client, bearer(issued["access_token"])).status_code == 200
    world.clock.advance(0.5)
    assert_sinch_error(list_active(client, bearer(issued["access_token"])), 401, "UNAUTHENTICATED")


@pytest.mark.parametrize("value", ["not-a-token", "A" * 43, "issued+x"])
def test_unknown_token_is_401(client, auth, value):
    issued = issue_token(client, auth)["access_token"]  # some token exists, just not this one
    response = list_active(client, bearer(value.replace("issued+", issued)))
    assert_sinch_error(response, 401, "UNAUTHENTICATED")
    challenge = response.headers["WWW-Authenticate"]
    assert "invalid_token" in challenge and "expired" not in challenge.lower()


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no credentials"),
        pytest.param(basic("test-key", "wrong"), id="wrong secret"),
        pytest.param(basic("nobody", "test"), id="unknown key"),
        pytest.param({"Authorization": "Bearer something"}, id="bearer instead of basic"),
    ],
)
def test_token_endpoint_with_bad_credentials_is_invalid_client(client, headers):
    response = token(client, headers)
    assert response.status_code == 401
    body = response.get_json()
    assert body["error"] == "invalid_client"
    assert set(body) <= {"error", "error_description"}
    assert response.headers.get("WWW-Authenticate", "").lower().startswith("basic")


@pytest.mark.parametrize("grant_type", ["password", "authorization_code", "refresh_token", ""])
def test_token_endpoint_with_wrong_grant_type_is_400(client, auth, grant_type):
    response = token(client, auth, {"grant_type": grant_type})
    assert response.status_code == 400
    assert response.get_json()["error"] == "unsupported_grant_type"


def test_token_endpoint_rejects_a_json_body(client, auth):
    response = client.post("/sinch/oauth2/token", headers=auth, json={"grant_type": "client_credentials"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "invalid_request"


def test_project_2_token_is_for_project_2(client, auth, auth2):
    headers = bearer(issue_token(client, auth2)["access_token"])
    assert list_active(client, headers, project=PROJECT_2).status_code == 200
    assert_sinch_error(list_active(client, headers, project=PROJECT), 403, "PERMISSION_DENIED")


# -- tenant isolation ---------------------------------------------------------------------------------
@pytest.mark.parametrize("use_token", [False, True], ids=["basic", "bearer"])
def test_other_projects_key_on_this_path_is_403(client, auth2, world, use_token):
    headers = bearer(issue_token(client, auth2)["access_token"]) if use_token else auth2
    for method, path, kwargs in OPERATIONS:
        response = getattr(client, method)(base(PROJECT) + path, headers=headers, **kwargs)
        assert_sinch_error(response, 403, "PERMISSION_DENIED")
        assert "WWW-Authenticate" not in response.headers, (method, path)
    assert world.owned == {}


@pytest.mark.parametrize("project", ["no-such-project", "test-project-3"])
def test_key_on_an_unknown_project_is_403(client, auth, project):
    assert_sinch_error(list_active(client, auth, project=project), 403, "PERMISSION_DENIED")


def test_project_2_cannot_touch_project_1s_number(client, auth, auth2, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    held = rent_ok(client, auth, number, {"callbackUrl": "https://one.example.com/"})
    before = owned_snapshot(world)
    # on its own path: the number does not exist for project 2
    resource = ("ActiveNumber", number)
    assert_sinch_error(get_active(client, auth2, number, PROJECT_2), 404, "NOT_FOUND", resource=resource)
    assert_sinch_error(update(client, auth2, number, {"displayName": "mine", "smsConfiguration": {"servicePlanId": "p"}},
                              PROJECT_2), 404, "NOT_FOUND", resource=resource)
    assert_sinch_error(release(client, auth2, number, PROJECT_2), 404, "NOT_FOUND", resource=resource)
    # on project 1's path: forbidden
    assert_sinch_error(get_active(client, auth2, number, PROJECT), 403, "PERMISSION_DENIED")
    assert_sinch_error(update(client, auth2, number, {"displayName": "mine"}, PROJECT), 403, "PERMISSION_DENIED")
    assert_sinch_error(release(client, auth2, number, PROJECT), 403, "PERMISSION_DENIED")
    # project 1's state is unchanged
    assert owned_snapshot(world) == before
    world.clock.advance(10)
    assert get_active(client, auth, number).get_json() == held


def test_project_2s_list_never_contains_project_1s_numbers(client, auth, auth2):
    mine = sorted(free_numbers(client, auth, "US", "LOCAL", 5))
    for number in mine[:3]:
        rent_ok(client, auth, number)
    for number in mine[3:]:
        rent_ok(client, auth2, number, project=PROJECT_2)
    page_2 = list_page(client, auth2, project=PROJECT_2)
    assert [n["phoneNumber"] for n in page_2["activeNumbers"]] == mine[3:]
    assert page_2["totalSize"] == 2
    assert all(n["projectId"] == PROJECT_2 for n in page_2["activeNumbers"])
    for params in ({"regionCode": "US"}, {"regionCode": "US", "type": "LOCAL"}, {"capabilities": "VOICE"},
                   {"numberPattern.pattern": "+1"}, {"orderBy": "displayName"}, {"pageSize": 1}):
        listed = [n["phoneNumber"] for n in list_page(client, auth2, project=PROJECT_2, **params)["activeNumbers"]]
        assert not set(listed) & set(mine[:3]), params
    page_1 = list_page(client, auth)
    assert [n["phoneNumber"] for n in page_1["activeNumbers"]] == mine[:3] and page_1["totalSize"] == 3
