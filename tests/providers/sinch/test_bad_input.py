"""Bad requests: each is a 4xx in Sinch's error shape, never a 500, and changes nothing."""
from __future__ import annotations

import json

import pytest

from .helpers import (
    PROJECT_2,
    assert_sinch_error,
    base,
    free_numbers,
    get_active,
    http_call,
    list_page,
    owned_snapshot,
    rent_ok,
    serving,
)

MIB = 1024 * 1024


@pytest.fixture
def state(client, auth, auth2, world) -> dict[str, str]:
    """Project 1 holds one plain number and one with pending SMS / voice provisioning; project 2
    holds one; one more number is free. Returns the numbers by role."""
    numbers = free_numbers(client, auth, "US", "LOCAL", 4, capabilities=["SMS", "VOICE"])
    rent_ok(client, auth, numbers[0], {"callbackUrl": "https://one.example.com/"})
    rent_ok(client, auth, numbers[1], {"smsConfiguration": {"servicePlanId": "plan"},
                                       "voiceConfiguration": {"type": "RTC", "appId": "app"}})
    rent_ok(client, auth2, numbers[2], project=PROJECT_2)
    return {"active": numbers[0], "pending": numbers[1], "held2": numbers[2], "free": numbers[3]}


def raw(body: bytes, content_type: str | None = "application/json") -> dict:
    return {"data": body, "content_type": content_type} if content_type else {"data": body}


def js(value) -> dict:
    return raw(json.dumps(value).encode())


RENT = "/availableNumbers/{free}:rent"
ANY = "/availableNumbers:rentAny"
PATCH = "/activeNumbers/{active}"
SEARCH = "/availableNumbers?regionCode=US&type=LOCAL"
LIST = "/activeNumbers"
ANY_OK = {"regionCode": "US", "type": "LOCAL"}

# (method, path under project 1, request kwargs, status, field named by the 400 or None)
CASES = [
    # malformed JSON
    pytest.param("post", RENT, raw(b"{bad"), 400, "body", id="rent malformed json"),
    pytest.param("patch", PATCH, raw(b'{"displayName": '), 400, "body", id="patch truncated json"),
    pytest.param("post", ANY, raw(b"regionCode=US"), 400, "body", id="rentAny not json"),
    pytest.param("post", RENT, raw(b"{} {}"), 400, "body", id="rent trailing data"),
    pytest.param("patch", PATCH, raw(b"   "), 400, "body", id="patch whitespace body"),
    pytest.param("patch", PATCH, raw(b"{'displayName': 'x'}"), 400, "body", id="patch single quotes"),
    pytest.param("patch", PATCH, raw(b"\xef\xbb\xbf{}"), 400, "body", id="patch utf-8 bom"),
    pytest.param("patch", PATCH, raw(b"[" * 100_000 + b"]" * 100_000), 400, "body", id="patch deeply nested json"),
    # wrong content type
    pytest.param("post", RENT, raw(b"{}", "text/plain"), 415, None, id="rent text/plain"),
    pytest.param("patch", PATCH, raw(b"displayName=x", "application/x-www-form-urlencoded"), 415, None, id="patch form"),
    pytest.param("post", ANY, raw(json.dumps(ANY_OK).encode(), None), 415, None, id="rentAny no content type"),
    pytest.param("patch", PATCH, raw(b"{}", "application/merge-patch+json"), 415, None, id="patch merge-patch"),
    pytest.param("post", ANY, raw(b"<x/>", "application/xml"), 415, None, id="rentAny xml"),
    # too large
    pytest.param("post", RENT, raw(b'{"callbackUrl": "https://a/' + b"a" * MIB + b'"}'), 413, None, id="rent over 1 MiB"),
    pytest.param("patch", PATCH, raw(b'{"displayName": "' + b"a" * MIB + b'"}'), 413, None, id="patch over 1 MiB"),
    pytest.param("post", ANY, raw(b" " * (MIB + 1)), 413, None, id="rentAny over 1 MiB"),
    # invalid E.164 in the path
    pytest.param("get", "/activeNumbers/12025550134", {}, 400, "phoneNumber", id="get no plus"),
    pytest.param("get", "/availableNumbers/+1-202-555-0134", {}, 400, "phoneNumber", id="available dashes"),
    pytest.param("post", "/availableNumbers/+0123456789:rent", {}, 400, "phoneNumber", id="rent leading zero"),
    pytest.param("post", "/activeNumbers/+1234567890123456:release", {}, 400, "phoneNumber", id="release 16 digits"),
    pytest.param("patch", "/activeNumbers/+abc", js({"displayName": "x"}), 400, "phoneNumber", id="patch letters"),
    pytest.param("get", "/activeNumbers/%2B", {}, 400, "phoneNumber", id="get plus only"),
    pytest.param("get", "/availableNumbers/%FF%FE", {}, 400, "phoneNumber", id="available non-utf8 path"),
    pytest.param("post", "/availableNumbers/+1 2025550134:rent", {}, 400, "phoneNumber", id="rent with space"),
    # unknown fields
    pytest.param("post", RENT, js({"foo": 1}), 400, "foo", id="rent unknown field"),
    pytest.param("post", RENT, js({"smsConfiguration": {"servicePlanId": "p", "extra": 1}}), 400,
                 "smsConfiguration.extra", id="rent unknown nested field"),
    pytest.param("patch", PATCH, js({"displayname": "x"}), 400, "displayname", id="patch misspelt field"),
    pytest.param("patch", PATCH, js({"voiceConfiguration": {"type": "RTC", "applicationId": "a"}}), 400,
                 "voiceConfiguration.applicationId", id="patch unknown voice field"),
    pytest.param("post", ANY, js({**ANY_OK, "size": 1}), 400, "size", id="rentAny unknown field"),
    pytest.param("post", ANY, js({**ANY_OK, "numberPattern": {"pattern": "1", "mode": "START"}}), 400,
                 "numberPattern.mode", id="rentAny unknown pattern field"),
    # strings and out-of-range values in number fields
    pytest.param("get", SEARCH + "&size=abc", {}, 400, "size", id="size=abc"),
    pytest.param("get", SEARCH + "&size=1.5", {}, 400, "size", id="size=1.5"),
    pytest.param("get", SEARCH + "&size=0", {}, 400, "size", id="size=0"),
    pytest.param("get", SEARCH + "&size=1001", {}, 400, "size", id="size=1001"),
    pytest.param("get", SEARCH + "&size=", {}, 400, "size", id="size empty"),
    pytest.param("get", LIST + "?pageSize=abc", {}, 400, "pageSize", id="pageSize=abc"),
    pytest.param("get", LIST + "?pageSize=0", {}, 400, "pageSize", id="pageSize=0"),
    pytest.param("get", LIST + "?pageSize=-4", {}, 400, "pageSize", id="pageSize=-4"),
    pytest.param("get", LIST + "?pageSize=1e3", {}, 400, "pageSize", id="pageSize=1e3"),
    pytest.param("get", LIST + "?pageToken=" + "A" * 513, {}, 400, "pageToken", id="pageToken too long"),
    # wrong enum values and formats
    pytest.param("get", "/availableNumbers?regionCode=US&type=landline", {}, 400, "type", id="search type"),
    pytest.param("get", "/availableNumbers?regionCode=usa&type=LOCAL", {}, 400, "regionCode", id="search regionCode"),
    pytest.param("get", "/availableNumbers?type=LOCAL", {}, 400, "regionCode", id="search without regionCode"),
    pytest.param("get", SEARCH + "&numberPattern.pattern=1&numberPattern.searchPattern=CONTAIN", {}, 400,
                 "numberPattern.searchPattern", id="search searchPattern"),
    pytest.param("get", SEARCH + "&numberPattern.pattern=12a", {}, 400, "numberPattern.pattern", id="search pattern letters"),
    pytest.param("get", SEARCH + "&capabilities=MMS", {}, 400, "capabilities", id="search capability"),
    pytest.param("get", "/availableNumbers?regionCode=%FF&type=LOCAL", {}, 400, "regionCode", id="search non-utf8 query"),
    pytest.param("get", LIST + "?orderBy=phone_number", {}, 400, "orderBy", id="list orderBy"),
    pytest.param("get", LIST + "?type=FIXED", {}, 400, "type", id="list type"),
    pytest.param("get", LIST + "?capabilities=sms", {}, 400, "capabilities", id="list capability lower case"),
    pytest.param("get", "/availableRegions?types=NUMBER_TYPE_UNSPECIFIED", {}, 400, "types", id="regions types"),
    pytest.param("post", ANY, js({"regionCode": "US", "type": "landline"}), 400, "type", id="rentAny type"),
    pytest.param("post", ANY, js({**ANY_OK, "capabilities": ["FAX"]}), 400, "capabilities", id="rentAny capability"),
    pytest.param("post", ANY, js({**ANY_OK, "numberPattern": {"pattern": "1", "searchPattern": "MIDDLE"}}), 400,
                 "numberPattern.searchPattern", id="rentAny searchPattern"),
    pytest.param("post", RENT, js({"voiceConfiguration": {"type": "SIP", "appId": "a"}}), 400,
                 "voiceConfiguration.type", id="rent voice type"),
    pytest.param("patch", PATCH, js({"callbackUrl": "not a url"}), 400, "callbackUrl", id="patch callbackUrl"),
    # empty voiceConfiguration
    pytest.param("post", RENT, js({"voiceConfiguration": {}}), 400, "voiceConfiguration", id="rent empty voice"),
    pytest.param("patch", PATCH, js({"voiceConfiguration": {}}), 400, "voiceConfiguration", id="patch empty voice"),
    pytest.param("post", ANY, js({**ANY_OK, "voiceConfiguration": {}}), 400, "voiceConfiguration", id="rentAny empty voice"),
    # wrong types, missing members, too long
    pytest.param("patch", PATCH, js({"displayName": 5}), 400, "displayName", id="patch displayName number"),
    pytest.param("patch", PATCH, js({"displayName": "x" * 257}), 400, "displayName", id="patch displayName too long"),
    pytest.param("patch", PATCH, js({"smsConfiguration": None}), 400, "smsConfiguration", id="patch sms null"),
    pytest.param("patch", PATCH, js({"smsConfiguration": {}}), 400, "smsConfiguration.servicePlanId", id="patch sms empty"),
    pytest.param("post", ANY, js({"regionCode": "US"}), 400, "type", id="rentAny without type"),
    pytest.param("post", ANY, {}, 400, "body", id="rentAny without body"),
    pytest.param("post", ANY, js({**ANY_OK, "numberPattern": "123"}), 400, "numberPattern", id="rentAny pattern string"),
    # non-UTF-8 bodies
    pytest.param("post", RENT, raw(b'{"callbackUrl": "https://a/\xff"}'), 400, "body", id="rent non-utf8"),
    pytest.param("patch", PATCH, raw(b"\xfe\xff\x00{\x00}"), 400, "body", id="patch utf-16"),
    pytest.param("post", ANY, raw('{"regionCode": "US", "type": "LOCAL", "x": "é"}'.encode("latin-1")), 400, "body",
                 id="rentAny latin-1"),
    pytest.param("patch", PATCH, raw(b'{"displayName": "\\ud800"}'), 400, "displayName", id="patch lone surrogate"),
    pytest.param("post", RENT, raw(b'{"callbackUrl": "https://a.example.com/\\udc00"}'), 400, "callbackUrl",
                 id="rent lone surrogate"),
    # bodies that are not JSON objects
    *[pytest.param("post", RENT, raw(body), 400, "body", id=f"rent body {body.decode()}")
      for body in (b"[]", b'"x"', b"1", b"null", b"true")],
    *[pytest.param("patch", PATCH, raw(body), 400, "body", id=f"patch body {body.decode()}")
      for body in (b"[]", b'"x"', b"1", b"null")],
    *[pytest.param("post", ANY, raw(body), 400, "body", id=f"rentAny body {body.decode()}")
      for body in (b"[]", b'"x"', b"1", b'[{"regionCode": "US", "type": "LOCAL"}]')],
]


def listing(client, auth) -> dict:
    return list_page(client, auth)


@pytest.mark.parametrize("method, path, kwargs, status, field", CASES)
def test_bad_request_is_a_sinch_4xx_and_changes_nothing(client, auth, auth2, world, state, method, path, kwargs,
                                                        status, field):
    before = (owned_snapshot(world), listing(client, auth), list_page(client, auth2, project=PROJECT_2))
    response = getattr(client, method)(base() + path.format(**state), headers=auth, **kwargs)
    assert 400 <= response.status_code < 500, (response.status_code, response.data[:300])
    assert_sinch_error(response, status, "INVALID_ARGUMENT", field=field)
    after = (owned_snapshot(world), listing(client, auth), list_page(client, auth2, project=PROJECT_2))
    assert after == before
    # the free number is still free
    assert client.get(f"{base()}/availableNumbers/{state['free']}", headers=auth).status_code == 200


# -- routing ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/sinch/v1/projects/test-project/nothing"),
        ("get", "/sinch/v2/projects/test-project/activeNumbers"),
        ("get", "/sinch/v1/projects/test-project"),
        ("post", "/sinch/v1/projects/test-project/activeNumbers/+12025550134:frobnicate"),
        ("post", "/sinch/v1/projects/test-project/availableNumbers:rentSome"),
        ("get", "/sinch/"),
    ],
)
@pytest.mark.parametrize("authenticated", [True, False])
def test_unknown_route_is_404_in_sinch_shape(client, auth, world, method, path, authenticated):
    response = getattr(client, method)(path, headers=auth if authenticated else {})
    assert_sinch_error(response, 404, "NOT_FOUND")
    assert world.owned == {}


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("delete", "/sinch/v1/projects/test-project/activeNumbers/{active}", {"GET", "PATCH"}),
        ("put", "/sinch/v1/projects/test-project/activeNumbers/{active}", {"GET", "PATCH"}),
        ("post", "/sinch/v1/projects/test-project/activeNumbers", {"GET"}),
        ("delete", "/sinch/v1/projects/test-project/activeNumbers", {"GET"}),
        ("get", "/sinch/v1/projects/test-project/availableNumbers/{free}:rent", {"POST"}),
        ("get", "/sinch/v1/projects/test-project/activeNumbers/{active}:release", {"POST"}),
        ("patch", "/sinch/v1/projects/test-project/availableNumbers", {"GET"}),
        ("get", "/sinch/v1/projects/test-project/availableNumbers:rentAny", {"POST"}),
        ("options", "/sinch/v1/projects/test-project/availableRegions", {"GET"}),
        ("get", "/sinch/oauth2/token", {"POST"}),
    ],
)
def test_wrong_method_is_405_with_allow_in_sinch_shape(client, auth, world, state, method, path, allowed):
    before = owned_snapshot(world)
    response = getattr(client, method)(path.format(**state), headers=auth)
    assert_sinch_error(response, 405)
    allow = {m.strip() for m in response.headers["Allow"].split(",")}
    assert allowed <= allow and method.upper() not in allow
    assert owned_snapshot(world) == before


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("patch", PATCH, b'{"displayName": "\\ud800"}'),
        ("post", RENT, b'{"smsConfiguration": {"servicePlanId": "\\udc00"}}'),
    ],
    ids=["patch displayName", "rent servicePlanId"],
)
def test_rejected_surrogate_leaves_numbers_readable(client, auth, world, state, method, path, body):
    before = owned_snapshot(world)
    response = getattr(client, method)(base() + path.format(**state), headers=auth, data=body,
                                       content_type="application/json")
    # first the damage: the numbers must stay readable, and nothing may have been stored
    for number in (state["active"], state["free"]):
        assert client.get(f"{base()}/activeNumbers/{number}", headers=auth).status_code in (200, 404)
    assert client.get(f"{base()}/activeNumbers", headers=auth).status_code == 200
    assert owned_snapshot(world) == before
    assert_sinch_error(response, 400, "INVALID_ARGUMENT")


# -- body size limit ----------------------------------------------------------------------------------
def padded(body: dict, size: int) -> bytes:
    """``body`` as JSON, padded with trailing whitespace to exactly ``size`` bytes."""
    data = json.dumps(body).encode()
    return data + b" " * (size - len(data))


def test_body_of_exactly_1_mib_is_accepted(client, auth, state):
    response = client.patch(f"{base()}/activeNumbers/{state['active']}", headers=auth,
                            data=padded({"displayName": "big"}, MIB), content_type="application/json")
    assert response.status_code == 200, response.get_json()
    assert get_active(client, auth, state["active"]).get_json()["displayName"] == "big"


def test_body_one_byte_over_1_mib_is_413(client, auth, world, state):
    before = owned_snapshot(world)
    response = client.patch(f"{base()}/activeNumbers/{state['active']}", headers=auth,
                            data=padded({"displayName": "big"}, MIB + 1), content_type="application/json")
    assert_sinch_error(response, 413, "INVALID_ARGUMENT")
    assert owned_snapshot(world) == before


def chunks(data: bytes, size: int = 64 * 1024):
    for i in range(0, len(data), size):
        yield data[i:i + size]


def test_small_chunked_body_is_read_whole(app, client, auth, state):
    headers = {**auth, "Content-Type": "application/json"}
    with serving(app) as address:
        status, _ = http_call(address, "PATCH", f"{base()}/activeNumbers/{state['active']}", headers,
                              chunks(padded({"displayName": "chunked"}, 200_000), 4096), chunked=True)
    assert status == 200
    assert get_active(client, auth, state["active"]).get_json()["displayName"] == "chunked"


@pytest.mark.parametrize(
    "data",
    [padded({"displayName": "chunked"}, 2 * MIB), json.dumps({"displayName": "x" * (2 * MIB)}).encode()],
    ids=["valid JSON in the first MiB", "JSON cut mid-string"],
)
def test_chunked_body_over_1_mib_is_413(app, world, auth, state, data):
    before = owned_snapshot(world)
    headers = {**auth, "Content-Type": "application/json"}
    with serving(app) as address:
        status, raw_body = http_call(address, "PATCH", f"{base()}/activeNumbers/{state['active']}", headers,
                                     chunks(data), chunked=True)
    assert owned_snapshot(world) == before
    assert (status, json.loads(raw_body)["error"]["code"]) == (413, 413)
