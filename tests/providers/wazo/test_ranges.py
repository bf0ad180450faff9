"""POST /phone-numbers/ranges: bulk creation, numbers already listed skipped, Wazo's range rules, and
10,000 numbers created and listed fast."""
from __future__ import annotations

import pytest

from .helpers import (
    HREF,
    RANGES,
    TENANT_1,
    USER_2,
    assert_errors,
    confd,
    create_ok,
    create_range,
    get,
    list_ok,
    numbers_of,
    snapshot,
    token,
)


def test_the_seeds_range_creates_ten_numbers(client, world, h):
    response = create_range(client, h, "+18001234560", "+18001234569")
    assert response.status_code == 201 and "Location" not in response.headers
    body = response.get_json()
    assert list(body) == ["created", "links", "total"] and body["total"] == 10
    uuids = [c["uuid"] for c in body["created"]]
    assert body["links"] == [{"rel": "phone_numbers", "href": f"{HREF}/{u}"} for u in uuids]
    assert [get(client, h, u).get_json()["number"] for u in uuids] == [f"+1800123456{d}" for d in range(10)]
    assert all(world.directory.by_id[u].tenant == f"wazo/{TENANT_1}" for u in uuids)


def test_numbers_already_listed_are_linked_after_the_new_ones(client, h):
    first = create_range(client, h, "+18001230000", "+18001230099").get_json()
    single = create_ok(client, h, "+18001230120")
    body = create_range(client, h, "+18001230050", "+18001230149").get_json()
    assert body["total"] == 100 and len(body["created"]) == 49 and len(body["links"]) == 100
    new = [f"{HREF}/{c['uuid']}" for c in body["created"]]
    assert [link["href"] for link in body["links"][:49]] == new
    existing = [link["href"] for link in first["links"][50:]] + [f"{HREF}/{single['uuid']}"]
    assert [link["href"] for link in body["links"][49:]] == existing
    assert list_ok(client, h)["total"] == 150


def test_another_tenants_numbers_do_not_count(client, h):
    other = confd(token(client, USER_2))
    create_range(client, other, "+18001230000", "+18001230009")
    body = create_range(client, h, "+18001230005", "+18001230014").get_json()
    assert (len(body["created"]), body["total"]) == (10, 10)


def test_a_single_number_range(client, h):
    body = create_range(client, h, "+18001235560", "+18001235560").get_json()
    assert (len(body["created"]), len(body["links"]), body["total"]) == (1, 1, 1)


def test_numbers_keep_the_starts_width(client, h):
    """Wazo drops the leading zeros of all but the last number here (998, 999, 1000, 1001)."""
    create_range(client, h, "0998", "1001")
    assert numbers_of(list_ok(client, h)) == ["0998", "0999", "1000", "1001"]
    body = create_range(client, h, "1", "10").get_json()  # and may grow past it
    assert [get(client, h, c["uuid"]).get_json()["number"] for c in body["created"]] == [str(n) for n in range(1, 11)]


def test_a_range_that_is_already_listed_creates_nothing(client, world, h):
    create_range(client, h, "100", "109")
    before = snapshot(world)
    body = create_range(client, h, "100", "109").get_json()
    assert (body["created"], body["total"], len(body["links"])) == ([], 10, 10)
    assert snapshot(world) == before


SCHEMA = "Input Error - _schema: "


@pytest.mark.parametrize("start, end, message", [
    ("+18001230000", "+18001225000", ["start phone number must precede end phone number"]),
    ("+9", "+10", ["start phone number must precede end phone number"]),  # compared as text
    ("10", "9", ["range size must be between 1 and 10000"]),  # text order passes, the size does not
    ("+18001230000", "+18001249999", ["range size must be between 1 and 10000"]),
    ("0", "10000", ["range size must be between 1 and 10000"]),
    ("+100", "200", ["start and end phone numbers must both have a leading + or both not"]),
])
def test_wazos_range_rules(client, world, h, start, end, message):
    before = snapshot(world)
    assert_errors(create_range(client, h, start, end), 400, SCHEMA + str(message))
    assert snapshot(world) == before


def test_the_largest_range(client, h):
    assert create_range(client, h, "0", "9999").get_json()["total"] == 10_000


@pytest.mark.parametrize("body, messages", [
    ({}, ["Input Error - start_number: ['Missing data for required field.']",
          "Input Error - end_number: ['Missing data for required field.']"]),
    ({"start_number": "1", "end_number": "x"}, ["Input Error - end_number: ['not a valid digit-only phone number']"]),
    ({"start_number": 1, "end_number": None}, ["Input Error - start_number: ['Not a valid string.']",
                                               "Input Error - end_number: ['Field may not be null.']"]),
])
def test_a_bad_range_body_is_400_per_field(client, world, h, body, messages):
    before = snapshot(world)
    assert_errors(client.post(RANGES, headers=h, json=body), 400, *messages)
    assert snapshot(world) == before


def test_ten_thousand_numbers_are_created_and_listed(client, h):
    """The largest range Wazo allows, then one list of everything (its speed: bench/ranges.py)."""
    create_range(client, h, "1", "2")
    created = create_range(client, h, "+18000000000", "+18000009999")
    listed = list_ok(client, h, limit=10_002)
    assert created.status_code == 201 and created.get_json()["total"] == 10_000
    assert len(created.get_json()["created"]) == 10_000 and len(created.get_json()["links"]) == 10_000
    assert listed["total"] == 10_002 and len(listed["items"]) == 10_002
    assert [i["number"] for i in listed["items"][:3]] == ["+18000000000", "+18000000001", "+18000000002"]
