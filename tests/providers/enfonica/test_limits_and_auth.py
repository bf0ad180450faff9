"""The seed's field limits, Enfonica's auth, search, and bad input: refused in Google's error shape,
never a 500, never a change."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .helpers import (
    AUTH,
    AUTH_2,
    BASE,
    PROJECT,
    PROJECT_2,
    assert_error,
    create,
    free_numbers,
    instance,
    instances,
    patch,
    provision,
    search,
    search_ok,
    snapshot,
)

URL = "https://example.com/hook"


def _limit_cases():
    yield "displayName", {"displayName": "x" * 101}, "displayName"
    yield "labels count", {"labels": {f"k{i}": "v" for i in range(51)}}, "labels"
    yield "label key", {"labels": {"k" * 101: "v"}}, "labels"
    yield "label value", {"labels": {"k": "v" * 1001}}, "labels.k"
    yield "6 message URIs", {"incomingMessageHandlerUris": [URL] * 6}, "incomingMessageHandlerUris"
    yield "6 call URIs", {"incomingCallHandlerUris": [URL] * 6}, "incomingCallHandlerUris"
    for bad in ("sip:desk@pbx.example.com", "tel:+61255501100", "ftp://example.com", "https://", "example.com"):
        yield f"message URI {bad}", {"incomingMessageHandlerUris": [URL, bad]}, "incomingMessageHandlerUris.1"
    for bad in ("sip:pbx.example.com", "sip:desk@", "sip:desk@pbx.example.com:99999", "tel:0255501100", "tel:+", "mailto:a@b.c"):
        yield f"call URI {bad}", {"incomingCallHandlerUris": [bad]}, "incomingCallHandlerUris.0"
    yield "recording trigger", {"callRecordingTrigger": "ALWAYS"}, "callRecordingTrigger"


LIMITS = list(_limit_cases())


@pytest.mark.parametrize("body,field", [c[1:] for c in LIMITS], ids=[c[0] for c in LIMITS])
def test_every_limit_is_enforced_on_create_and_update(client, world, body, field):
    number, other = free_numbers(client, 2)
    provision(client, other)
    before = snapshot(world)
    assert_error(create(client, {"phoneNumber": {"phoneNumber": number}, **body}), 400, "INVALID_ARGUMENT", field)
    assert_error(patch(client, other, body), 400, "INVALID_ARGUMENT", field)
    assert snapshot(world) == before


def test_the_limits_themselves_are_allowed(client):
    number = free_numbers(client, 1)[0]
    body = {
        "displayName": "x" * 100,
        "labels": {**{f"k{i}": "v" for i in range(49)}, "k" * 100: "v" * 1000},
        "incomingMessageHandlerUris": [URL] * 5,
        "incomingCallHandlerUris": ["sip:a@b.example.com:5060", "sip:a@b", "tel:+61255501100", "http://h", "HTTPS://H/x"],
    }
    created = provision(client, number, **body)
    assert all(created[k] == v for k, v in body.items())


# -- auth -----------------------------------------------------------------------------------------------
def test_requests_without_a_known_bearer_token_are_unauthenticated(client, world):
    number = free_numbers(client, 1)[0]
    before = snapshot(world)
    for headers in ({}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic dGVzdDp0ZXN0"}):
        response = client.post(instances(), headers=headers, json={"phoneNumber": {"phoneNumber": number}})
        assert_error(response, 401, "UNAUTHENTICATED")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert_error(search(client, headers, countryCode="AU"), 401, "UNAUTHENTICATED")
    assert snapshot(world) == before


def test_a_token_is_scoped_to_its_projects(client, world):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    before = snapshot(world)
    for call in (
        lambda: client.get(instances(PROJECT), headers=AUTH_2),
        lambda: client.get(instance(number, PROJECT), headers=AUTH_2),
        lambda: client.delete(instance(number, PROJECT), headers=AUTH_2),
        lambda: client.post(instances(PROJECT), headers=AUTH_2, json={"phoneNumber": {"phoneNumber": number}}),
        lambda: client.get(instances("someone-else"), headers=AUTH),
    ):
        error = assert_error(call(), 403, "PERMISSION_DENIED")
        assert error["details"][0]["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"
        assert error["details"][0]["reason"] == "IAM_PERMISSION_DENIED"
    assert snapshot(world) == before


def test_projects_are_isolated(client):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    assert_error(client.get(instance(number, PROJECT_2), headers=AUTH_2), 404, "NOT_FOUND")
    assert client.get(instances(PROJECT_2), headers=AUTH_2).get_json() == {}


# -- search ---------------------------------------------------------------------------------------------
def test_search_filters_by_country_type_prefix_and_capabilities(client):
    found = search_ok(client, countryCode="au", numberType="MOBILE", prefix="04", supportsSms="true", pageSize=5)
    numbers = found["phoneNumbers"]
    assert len(numbers) == 5
    for n in numbers:
        assert n["phoneNumber"].startswith("+614") and n["numberType"] == "MOBILE" and n["countryCode"] == "AU"
        assert "SMS" in n["capabilities"] and n["name"] == f"phoneNumbers/{n['phoneNumber']}"
        assert n["sku"].startswith("services/numbering/skus/")


def test_search_pages_never_repeat_a_number(client):
    seen, token = [], None
    for _ in range(3):
        body = search_ok(client, countryCode="AU", numberType="LOCAL", pageSize=4, **({"pageToken": token} if token else {}))
        seen += [n["phoneNumber"] for n in body["phoneNumbers"]]
        token = body["nextPageToken"]
    assert len(seen) == len(set(seen)) == 12
    other = search(client, countryCode="US", pageToken=token)
    assert_error(other, 400, "INVALID_ARGUMENT", "pageToken")


def test_search_needs_a_country_and_finds_nothing_for_types_not_sold(client):
    assert_error(search(client), 400, "INVALID_ARGUMENT", "countryCode")
    assert search_ok(client, countryCode="AU", numberType="SHARED_RATE") == {}
    assert search_ok(client, countryCode="ZZ") == {}


def test_owned_numbers_leave_search(client):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    assert number not in [n["phoneNumber"] for n in search_ok(client, countryCode="AU", numberType="LOCAL", pageSize=50)["phoneNumbers"]]


# -- bad input: a property -----------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = ["phoneNumber", "displayName", "labels", "incomingMessageHandlerUris", "incomingCallHandlerUris",
          "callRecordingTrigger", "regulatoryListing", "destinationParent", "size", "name"]
BODIES = st.one_of(
    JSON_VALUES,
    st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=4),
)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=BODIES, target=st.sampled_from(["create", "update", "move", "split"]), mask=st.none() | st.text(max_size=30))
def test_no_body_gives_a_500_and_a_refused_one_changes_nothing(app, body, target, mask):
    client = app.test_client()
    app.world.reset()
    client.post(instances(), headers=AUTH, json={"phoneNumber": {"name": "phoneNumbers/+61255501100-99"}})
    before = snapshot(app.world)
    url = {"create": instances(), "update": instance("+61255501100"),
           "move": instance("+61255501100") + ":move", "split": instance("+61255501100") + ":splitRange"}[target]
    method = client.patch if target == "update" else client.post
    query = {"updateMask": mask} if target == "update" and mask is not None else {}
    response = method(url, headers=AUTH, data=json.dumps(body), content_type="application/json", query_string=query)
    assert response.status_code < 500, response.get_data()
    assert response.get_json()["error"]["code"] == response.status_code if response.status_code >= 400 else True
    if response.status_code >= 400:
        assert snapshot(app.world) == before


def test_malformed_json_and_other_media_types(client, world):
    before = snapshot(world)
    assert_error(client.post(instances(), headers=AUTH, data=b"{", content_type="application/json"), 400, "INVALID_ARGUMENT")
    response = client.post(instances(), headers=AUTH, data=b"phoneNumber=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415 and response.get_json()["error"]["code"] == 415
    assert client.get(f"{BASE}/nothing-here", headers=AUTH).get_json()["error"]["status"] == "NOT_FOUND"
    assert snapshot(world) == before


def test_a_forged_search_token_is_a_400_not_a_500(client):
    """A token of the right list whose position is not a count (crafted, or corrupted)."""
    from emulator import page_tokens
    from emulator.providers.enfonica.search import CAPABILITY_PARAMS

    kind = "search|" + "|".join(str({"countryCode": "AU"}.get(k, "")) for k in
                                ("countryCode", "numberType", "prefix", *CAPABILITY_PARAMS, "rangeSize"))
    for position in ("abc", "-5", "1e3", "9" * 40):
        response = search(client, countryCode="AU", pageToken=page_tokens.encode(kind, position))
        assert_error(response, 400, "INVALID_ARGUMENT", "pageToken")
