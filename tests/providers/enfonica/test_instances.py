"""Enfonica phone number instances: every method, end to end through the HTTP surface."""
from __future__ import annotations

import pytest

from emulator.config import Config

from .helpers import (
    AUTH,
    AUTH_2,
    PROJECT,
    PROJECT_2,
    SEED_RANGE,
    assert_error,
    create,
    create_ok,
    free_numbers,
    get,
    instance,
    instances,
    list_all,
    patch,
    provision,
    snapshot,
)


@pytest.fixture
def config() -> Config:
    return Config(frozen_clock=True, validation="strict", port_in_seconds=3600)


# -- create ---------------------------------------------------------------------------------------------
def test_create_provisions_a_number_from_search_with_its_defaults(client, world):
    number = free_numbers(client, 1)[0]
    created = provision(client, number)
    assert created["name"] == f"projects/{PROJECT}/phoneNumberInstances/{number}"
    assert created["phoneNumber"]["phoneNumber"] == number
    assert created["phoneNumber"]["countryCode"] == "AU" and created["phoneNumber"]["numberType"] == "LOCAL"
    assert created["lifecycleState"] == "ACTIVE"
    assert created["callRecordingTrigger"] == "DISABLED"  # the documented default
    assert created["activateTime"] == created["createTime"]  # bought from inventory: active at once
    for unset in ("deleteTime", "range", "displayName", "labels", "regulatoryListing", "compliant"):
        assert unset not in created  # proto3 JSON leaves default values out
    assert world.owned[number].tenant == f"enfonica/{PROJECT}"
    assert get(client, number).get_json() == created


def test_create_by_search_name_and_with_every_setting(client):
    found = free_numbers(client, 1)[0]
    body = {
        "phoneNumber": {"name": f"phoneNumbers/{found}"},
        "displayName": "Support line",
        "labels": {"team": "support", "tier": "1"},
        "incomingMessageHandlerUris": ["https://example.com/sms"],
        "incomingCallHandlerUris": ["sip:desk@pbx.example.com:5060", "tel:+61255501100", "https://example.com/call"],
        "callRecordingTrigger": "BRIDGE",
        "regulatoryListing": f"projects/{PROJECT}/regulatoryListings/acme",
    }
    created = create_ok(client, body)
    for key in ("displayName", "labels", "incomingMessageHandlerUris", "incomingCallHandlerUris",
                "callRecordingTrigger", "regulatoryListing"):
        assert created[key] == body[key]
    assert created["compliant"] is True  # a listing is attached


def test_output_only_fields_on_create_are_ignored(client):
    number = free_numbers(client, 1)[0]
    created = create_ok(client, {
        "phoneNumber": {"phoneNumber": number, "numberType": "TOLL_FREE", "countryCode": "US", "sku": "x"},
        "name": "projects/other/phoneNumberInstances/+1", "lifecycleState": "DELETED", "compliant": True,
        "createTime": "2000-01-01T00:00:00Z", "deleteTime": "2000-01-01T00:00:00Z",
        "range": {"size": 5},
    })
    assert created["name"].startswith(f"projects/{PROJECT}/")
    assert created["lifecycleState"] == "ACTIVE" and "deleteTime" not in created and "range" not in created
    assert created["phoneNumber"]["numberType"] == "LOCAL" and created["phoneNumber"]["countryCode"] == "AU"
    assert not created["createTime"].startswith("2000") and "compliant" not in created


def test_a_number_someone_holds_is_already_exists_and_changes_nothing(client, world):
    number = free_numbers(client, 1)[0]
    provision(client, number, PROJECT_2)
    before = snapshot(world)
    for project in (PROJECT, PROJECT_2):
        assert_error(create(client, {"phoneNumber": {"phoneNumber": number}}, project), 409, "ALREADY_EXISTS")
    assert snapshot(world) == before


def test_create_needs_a_valid_number(client, world):
    before = snapshot(world)
    assert_error(create(client, {"displayName": "x"}), 400, "INVALID_ARGUMENT", "phoneNumber.phoneNumber")
    assert_error(create(client, {"phoneNumber": {"phoneNumber": "+99912"}}), 400, "INVALID_ARGUMENT", "phoneNumber.phoneNumber")
    assert_error(create(client, {"phoneNumber": {"name": "numbers/+61255501100"}}), 400, "INVALID_ARGUMENT", "phoneNumber.name")
    mismatch = {"phoneNumber": {"name": "phoneNumbers/+61255501100", "phoneNumber": "+61255501101"}}
    assert_error(create(client, mismatch), 400, "INVALID_ARGUMENT", "phoneNumber.phoneNumber")
    assert snapshot(world) == before


def test_a_port_in_stays_pending_until_the_clock_completes_it(client, world):
    number = next(n for n in (f"+6129876{i:04d}" for i in range(1000))
                  if world.inventory.offer(n) is None and not world.inventory.in_block(n))
    created = provision(client, number)
    assert created["lifecycleState"] == "PENDING" and "activateTime" not in created
    world.clock.advance(3599)
    assert get(client, number).get_json()["lifecycleState"] == "PENDING"
    world.clock.advance(1)
    active = get(client, number).get_json()
    assert active["lifecycleState"] == "ACTIVE"
    assert active["activateTime"] > active["createTime"]


# -- ranges ---------------------------------------------------------------------------------------------
def test_the_seeds_range_example_splits_as_documented(client, world):
    created = create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    assert created["range"] == {
        "primaryPhoneNumberInstance": f"projects/{PROJECT}/phoneNumberInstances/+61255501100",
        "startPhoneNumber": "+61255501100", "endPhoneNumber": "+61255501199", "size": 100,
    }
    response = client.post(instance("+61255501100") + ":splitRange", headers=AUTH, json={"size": 20})
    assert response.status_code == 200, response.get_json()
    first, second = response.get_json()["first"], response.get_json()["second"]
    assert first["range"] == {"primaryPhoneNumberInstance": f"projects/{PROJECT}/phoneNumberInstances/+61255501100",
                              "startPhoneNumber": "+61255501100", "endPhoneNumber": "+61255501119", "size": 20}
    assert second["range"] == {"primaryPhoneNumberInstance": f"projects/{PROJECT}/phoneNumberInstances/+61255501120",
                               "startPhoneNumber": "+61255501120", "endPhoneNumber": "+61255501199", "size": 80}
    assert second["name"] == f"projects/{PROJECT}/phoneNumberInstances/+61255501120"
    assert get(client, "+61255501120").get_json() == second
    assert [i["name"].rsplit("/", 1)[1] for i in list_all(client)] == ["+61255501120", "+61255501100"]
    assert world.holder("+61255501119").number == "+61255501100" and world.holder("+61255501150").number == "+61255501120"


def test_a_range_is_not_available_number_by_number(client, world):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    before = snapshot(world)
    for number in ("+61255501100", "+61255501150", "+61255501199"):
        assert_error(create(client, {"phoneNumber": {"phoneNumber": number}}, PROJECT_2), 409, "ALREADY_EXISTS")
    assert_error(create(client, {"phoneNumber": {"name": SEED_RANGE}}, PROJECT_2), 409, "ALREADY_EXISTS")
    assert snapshot(world) == before


def test_split_sizes_outside_the_range_and_single_numbers_are_refused(client, world):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    single = free_numbers(client, 1)[0]
    provision(client, single)
    before = snapshot(world)
    for size in (0, -1, 100, 1000):
        response = client.post(instance("+61255501100") + ":splitRange", headers=AUTH, json={"size": size})
        assert_error(response, 400, "INVALID_ARGUMENT", "size")
    response = client.post(instance(single) + ":splitRange", headers=AUTH, json={"size": 1})
    assert_error(response, 400, "FAILED_PRECONDITION")
    assert snapshot(world) == before


def test_a_split_at_one_leaves_a_single_number_and_a_range(client):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    body = client.post(instance("+61255501100") + ":splitRange", headers=AUTH, json={"size": 99}).get_json()
    assert body["first"]["range"]["size"] == 99 and "range" not in body["second"]


def test_search_finds_blocks_that_create_provisions_whole(client):
    found = search_blocks = client.get("/enfonica/v1beta1/phoneNumbers:search", headers=AUTH,
                                       query_string={"countryCode": "AU", "prefix": "0255", "rangeSize": 100}).get_json()
    names = [n["name"] for n in search_blocks["phoneNumbers"]]
    assert all(n.startswith("phoneNumbers/+61255") and n.endswith("00-99") for n in names)
    created = create_ok(client, {"phoneNumber": {"name": names[0]}})
    assert created["range"]["size"] == 100
    again = client.get("/enfonica/v1beta1/phoneNumbers:search", headers=AUTH,
                       query_string={"countryCode": "AU", "prefix": "0255", "rangeSize": 100}).get_json()
    assert names[0] not in [n["name"] for n in again["phoneNumbers"]] and found


# -- list -----------------------------------------------------------------------------------------------
def test_list_is_newest_first_and_pages_return_every_instance_once(client, world):
    numbers = free_numbers(client, 7)
    for number in numbers:
        provision(client, number)
        world.clock.advance(1)
    listed = list_all(client, page_size=3)
    assert [i["phoneNumber"]["phoneNumber"] for i in listed] == numbers[::-1]
    times = [i["createTime"] for i in listed]
    assert times == sorted(times, reverse=True)


def test_page_size_defaults_to_10_and_is_coerced_to_100(client):
    for number in free_numbers(client, 12):
        provision(client, number)
    first = client.get(instances(), headers=AUTH).get_json()
    assert len(first["phoneNumberInstances"]) == 10 and "nextPageToken" in first
    everything = client.get(instances(), headers=AUTH, query_string={"pageSize": 5000}).get_json()
    assert len(everything["phoneNumberInstances"]) == 12 and "nextPageToken" not in everything


def test_an_empty_list_is_an_empty_object(client):
    assert client.get(instances(), headers=AUTH).get_json() == {}


def test_list_filters_by_prefix_in_either_form(client):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    other = free_numbers(client, 1, prefix="08")[0]
    provision(client, other)
    for prefix in ("+6125550", "025550"):
        names = [i["phoneNumber"]["phoneNumber"] for i in list_all(client, prefix=prefix)]
        assert names == ["+61255501100"]


def test_a_page_token_only_works_for_the_list_that_issued_it(client):
    for number in free_numbers(client, 3):
        provision(client, number)
    token = client.get(instances(), headers=AUTH, query_string={"pageSize": 1}).get_json()["nextPageToken"]
    response = client.get(instances(), headers=AUTH, query_string={"pageToken": token, "includeDeleted": "true"})
    assert_error(response, 400, "INVALID_ARGUMENT", "pageToken")
    assert_error(client.get(instances(), headers=AUTH, query_string={"pageToken": "garbage"}), 400, "INVALID_ARGUMENT", "pageToken")


# -- update ---------------------------------------------------------------------------------------------
def test_update_with_a_mask_changes_only_the_masked_fields(client):
    number = free_numbers(client, 1)[0]
    provision(client, number, displayName="Old", labels={"a": "1"})
    response = patch(client, number, {"displayName": "New", "labels": {"b": "2"}}, mask="display_name")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["displayName"] == "New" and response.get_json()["labels"] == {"a": "1"}


def test_update_without_a_mask_changes_the_fields_sent(client):
    number = free_numbers(client, 1)[0]
    provision(client, number, displayName="Old", callRecordingTrigger="ANSWER")
    updated = patch(client, number, {"labels": {"k": "v"}}).get_json()
    assert updated["labels"] == {"k": "v"} and updated["displayName"] == "Old" and updated["callRecordingTrigger"] == "ANSWER"


def test_a_star_mask_resets_what_the_body_leaves_out(client):
    number = free_numbers(client, 1)[0]
    provision(client, number, displayName="Old", callRecordingTrigger="ANSWER", labels={"a": "1"})
    updated = patch(client, number, {"displayName": "Only"}, mask="*").get_json()
    assert updated["displayName"] == "Only" and updated["callRecordingTrigger"] == "DISABLED" and "labels" not in updated


def test_a_get_modify_patch_round_trip_is_accepted(client):
    number = free_numbers(client, 1)[0]
    current = provision(client, number)
    current["displayName"] = "Renamed"
    updated = patch(client, number, current)
    assert updated.status_code == 200 and updated.get_json()["displayName"] == "Renamed"


@pytest.mark.parametrize("mask", ["phone_number", "phoneNumber.phoneNumber", "create_time", "lifecycleState", "range",
                                  "regulatory_listing", "nonsense", "display_name,compliant"])
def test_masks_naming_fields_that_cannot_change_are_refused(client, world, mask):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    before = snapshot(world)
    assert_error(patch(client, number, {"displayName": "x"}, mask=mask), 400, "INVALID_ARGUMENT", "updateMask")
    assert snapshot(world) == before


def test_a_different_phone_number_in_an_update_is_refused(client, world):
    number, other = free_numbers(client, 2)
    provision(client, number)
    before = snapshot(world)
    assert_error(patch(client, number, {"phoneNumber": {"phoneNumber": other}}), 400, "INVALID_ARGUMENT", "phoneNumber")
    assert snapshot(world) == before


# -- delete ---------------------------------------------------------------------------------------------
def test_delete_disconnects_and_keeps_the_instance_readable(client, world):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    world.clock.advance(30)
    response = client.delete(instance(number), headers=AUTH)
    assert response.status_code == 200
    deleted = response.get_json()
    assert deleted["lifecycleState"] == "DELETED" and deleted["deleteTime"] > deleted["createTime"]
    assert get(client, number).get_json() == deleted
    assert list_all(client) == [] and list_all(client, includeDeleted="true") == [deleted]
    assert number not in world.owned
    assert provision(client, number, PROJECT_2)["lifecycleState"] == "ACTIVE"  # back in the inventory
    assert_error(client.delete(instance(number), headers=AUTH), 404, "NOT_FOUND")


def test_a_deleted_instance_cannot_be_updated_moved_or_split(client, world):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}})
    client.delete(instance("+61255501100"), headers=AUTH)
    before = snapshot(world)
    assert_error(patch(client, "+61255501100", {"displayName": "x"}), 400, "FAILED_PRECONDITION")
    move = client.post(instance("+61255501100") + ":move", headers=AUTH, json={"destinationParent": f"projects/{PROJECT_2}"})
    assert_error(move, 400, "FAILED_PRECONDITION")
    split = client.post(instance("+61255501100") + ":splitRange", headers=AUTH, json={"size": 10})
    assert_error(split, 400, "FAILED_PRECONDITION")
    assert snapshot(world) == before


# -- move -----------------------------------------------------------------------------------------------
def test_move_needs_both_projects_and_keeps_the_instance(client, world):
    create_ok(client, {"phoneNumber": {"name": SEED_RANGE}, "displayName": "Block"})
    response = client.post(instance("+61255501100") + ":move", headers=AUTH,
                           json={"destinationParent": f"projects/{PROJECT_2}"})
    assert response.status_code == 200, response.get_json()
    moved = response.get_json()
    assert moved["name"] == f"projects/{PROJECT_2}/phoneNumberInstances/+61255501100"
    assert moved["displayName"] == "Block" and moved["range"]["size"] == 100
    assert moved["range"]["primaryPhoneNumberInstance"] == moved["name"]
    assert_error(get(client, "+61255501100"), 404, "NOT_FOUND")
    assert get(client, "+61255501100", PROJECT_2, AUTH_2).get_json() == moved
    assert world.holder("+61255501150").tenant == f"enfonica/{PROJECT_2}"
    # test-2 may not use test-project: moving back is denied, and nothing changes
    before = snapshot(world)
    back = client.post(instance("+61255501100", PROJECT_2) + ":move", headers=AUTH_2,
                       json={"destinationParent": f"projects/{PROJECT}"})
    error = assert_error(back, 403, "PERMISSION_DENIED")
    assert error["message"] == ("Permission 'numbering.phoneNumberInstances.move' denied on resource "
                                "'projects/test-project' (or it may not exist).")
    assert snapshot(world) == before


@pytest.mark.parametrize("destination", ["test-project-2", "projects/", "projects/a/b", f"projects/{PROJECT}"])
def test_move_to_a_malformed_or_the_same_project_is_refused(client, world, destination):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    before = snapshot(world)
    response = client.post(instance(number) + ":move", headers=AUTH, json={"destinationParent": destination})
    assert_error(response, 400, "INVALID_ARGUMENT", "destinationParent")
    assert snapshot(world) == before


def test_move_with_a_listing_of_the_destination(client):
    number = free_numbers(client, 1)[0]
    provision(client, number)
    body = {"destinationParent": f"projects/{PROJECT_2}", "regulatoryListing": f"projects/{PROJECT_2}/regulatoryListings/r1"}
    moved = client.post(instance(number) + ":move", headers=AUTH, json=body).get_json()
    assert moved["regulatoryListing"] == body["regulatoryListing"] and moved["compliant"] is True
    wrong = {"destinationParent": f"projects/{PROJECT}", "regulatoryListing": f"projects/{PROJECT_2}/regulatoryListings/r1"}
    response = client.post(instance(number, PROJECT_2) + ":move", headers=AUTH, json=wrong)
    assert_error(response, 400, "INVALID_ARGUMENT", "regulatoryListing")


def test_a_suspended_number_shows_suspended(client, world):
    """Nothing in Enfonica's API suspends a number (the provider does); the core's flag shows as the
    SUSPENDED lifecycle state, and lifting it shows ACTIVE again."""
    number = free_numbers(client, 1)[0]
    provision(client, number)
    owner = f"enfonica/{PROJECT}"

    def suspend(flag):
        def change(record, now):
            record.suspended = flag
            return record
        return change

    world.update(owner, number, suspend(True))
    assert get(client, number).get_json()["lifecycleState"] == "SUSPENDED"
    world.update(owner, number, suspend(False))
    assert get(client, number).get_json()["lifecycleState"] == "ACTIVE"
