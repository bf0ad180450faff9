"""Renting (one number or any matching), listing, reading, updating and releasing active numbers."""
from __future__ import annotations

import json

import pytest

from emulator.app import create_app
from emulator.config import Config
from emulator.core.catalogue import Catalogue
from emulator.core.inventory import FiniteInventory

from .helpers import (
    PROJECT_2,
    all_pages,
    assert_sinch_error,
    epoch,
    free_numbers,
    get_active,
    get_available,
    list_page,
    listed_numbers,
    release,
    rent,
    rent_any,
    rent_numbers,
    rent_ok,
    search,
    search_numbers,
    update,
)

VOICE_IDS = {"RTC": "appId", "EST": "trunkId", "FAX": "serviceId"}
NO_VOICE_IDS = {"appId": "", "trunkId": "", "serviceId": ""}


def active(client, auth, number: str, project: str = "test-project") -> dict:
    response = get_active(client, auth, number, project)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def number_with(client, auth, region: str, number_type: str, exactly: set[str]) -> str:
    """A free number whose capabilities are exactly ``exactly``."""
    response = search(client, auth, regionCode=region, type=number_type, size=200)
    found = [o["phoneNumber"] for o in response.get_json()["availableNumbers"] if set(o["capability"]) == exactly]
    assert found, f"no free {region} {number_type} number with exactly {exactly}"
    return found[0]


def sms_status(body: dict) -> str | None:
    scheduled = body["smsConfiguration"]["scheduledProvisioning"]
    return scheduled and scheduled["status"]


def voice_status(body: dict) -> str | None:
    scheduled = body["voiceConfiguration"]["scheduledVoiceProvisioning"]
    return scheduled and scheduled["status"]


# -- rent ---------------------------------------------------------------------------------------------
def test_rent_makes_the_number_active(client, auth, world):
    offer = search(client, auth, regionCode="GB", type="MOBILE", size=1).get_json()["availableNumbers"][0]
    number = offer["phoneNumber"]
    body = rent_ok(client, auth, number)
    assert body["phoneNumber"] == number
    assert body["projectId"] == "test-project"
    assert (body["regionCode"], body["type"]) == ("GB", "MOBILE")
    assert body["capability"] == offer["capability"]
    assert body["money"] == offer["monthlyPrice"]
    assert body["paymentIntervalMonths"] == offer["paymentIntervalMonths"]
    assert body["displayName"] == "" and body["callbackUrl"] == ""
    assert body["expireAt"] is None
    assert 28 * 86400 <= epoch(body["nextChargeDate"]) - world.now() <= 31 * 86400
    assert body["smsConfiguration"] == {"servicePlanId": "", "campaignId": "", "scheduledProvisioning": None}
    assert body["voiceConfiguration"] == {
        "type": "RTC", **NO_VOICE_IDS, "lastUpdatedTime": None, "scheduledVoiceProvisioning": None,
    }
    assert active(client, auth, number) == body
    assert listed_numbers(client, auth) == [number]
    assert world.owned[number].tenant == "sinch/test-project"
    assert_sinch_error(get_available(client, auth, number), 404, "NOT_FOUND")


@pytest.mark.parametrize("voice_type, voice_id", [("RTC", "app-1"), ("EST", "trunk-1"), ("FAX", "fax-1")])
def test_rent_with_configuration_provisions_on_the_clock(client, auth, world, voice_type, voice_id):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS", "VOICE"])[0]
    id_field = VOICE_IDS[voice_type]
    t0 = world.now()
    body = rent_ok(client, auth, number, {
        "smsConfiguration": {"servicePlanId": "plan-1"},
        "voiceConfiguration": {"type": voice_type, id_field: voice_id},
        "callbackUrl": "https://callbacks.example.com/numbers",
    })
    assert body["callbackUrl"] == "https://callbacks.example.com/numbers"
    # requested, not yet in force
    assert body["smsConfiguration"] == {
        "servicePlanId": "", "campaignId": "",
        "scheduledProvisioning": {
            "servicePlanId": "plan-1", "campaignId": "", "status": "WAITING",
            "lastUpdatedTime": body["smsConfiguration"]["scheduledProvisioning"]["lastUpdatedTime"], "errorCodes": [],
        },
    }
    assert epoch(body["smsConfiguration"]["scheduledProvisioning"]["lastUpdatedTime"]) == t0
    voice = body["voiceConfiguration"]
    assert voice["type"] == voice_type and voice[id_field] == "" and voice["lastUpdatedTime"] is None
    assert voice["scheduledVoiceProvisioning"] == {
        "type": voice_type, "status": "WAITING", "lastUpdatedTime": voice["scheduledVoiceProvisioning"]["lastUpdatedTime"],
        **NO_VOICE_IDS, id_field: voice_id,
    }

    world.clock.advance(0.9)
    now = active(client, auth, number)
    assert (sms_status(now), voice_status(now)) == ("WAITING", "WAITING")

    world.clock.advance(0.1)  # t0 + 1 s
    now = active(client, auth, number)
    assert (sms_status(now), voice_status(now)) == ("IN_PROGRESS", "IN_PROGRESS")
    assert epoch(now["smsConfiguration"]["scheduledProvisioning"]["lastUpdatedTime"]) == t0 + 1
    assert epoch(now["voiceConfiguration"]["scheduledVoiceProvisioning"]["lastUpdatedTime"]) == t0 + 1
    assert now["smsConfiguration"]["servicePlanId"] == "" and now["voiceConfiguration"][id_field] == ""

    world.clock.advance(1.9)
    assert sms_status(active(client, auth, number)) == "IN_PROGRESS"

    world.clock.advance(0.1)  # t0 + 3 s
    done = active(client, auth, number)
    assert done["smsConfiguration"] == {"servicePlanId": "plan-1", "campaignId": "", "scheduledProvisioning": None}
    assert done["voiceConfiguration"] == {
        "type": voice_type, **NO_VOICE_IDS, id_field: voice_id,
        "lastUpdatedTime": done["voiceConfiguration"]["lastUpdatedTime"], "scheduledVoiceProvisioning": None,
    }
    assert epoch(done["voiceConfiguration"]["lastUpdatedTime"]) == t0 + 3
    assert done["callbackUrl"] == "https://callbacks.example.com/numbers"
    # the list shows the same state
    assert list_page(client, auth)["activeNumbers"] == [done]


@pytest.mark.parametrize("config", [Config(provisioning_waiting_seconds=5, provisioning_in_progress_seconds=10,
                                           frozen_clock=True, validation="strict")])
def test_provisioning_durations_come_from_config(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-1"}})
    for step, status in ((4.9, "WAITING"), (0.1, "IN_PROGRESS"), (9.9, "IN_PROGRESS"), (0.1, None)):
        world.clock.advance(step)
        assert sms_status(active(client, auth, number)) == status
    assert active(client, auth, number)["smsConfiguration"]["servicePlanId"] == "plan-1"


def test_rent_with_voice_only_leaves_sms_untouched(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["VOICE"])[0]
    body = rent_ok(client, auth, number, {"voiceConfiguration": {"appId": "app-9"}})
    assert body["smsConfiguration"]["scheduledProvisioning"] is None
    assert body["voiceConfiguration"]["scheduledVoiceProvisioning"]["type"] == "RTC"  # RTC is the default
    world.clock.advance(3)
    done = active(client, auth, number)
    assert done["voiceConfiguration"]["appId"] == "app-9"
    assert done["smsConfiguration"] == {"servicePlanId": "", "campaignId": "", "scheduledProvisioning": None}


@pytest.mark.parametrize(
    "region, number_type, codes",
    [
        ("GB", "MOBILE", ["CAMPAIGN_NOT_AVAILABLE"]),
        ("SE", "MOBILE", ["CAMPAIGN_NOT_AVAILABLE"]),
        ("CA", "LOCAL", ["CAMPAIGN_NOT_AVAILABLE"]),
        ("US", "TOLL_FREE", ["TFN_NOT_ALLOWED"]),
        ("GB", "TOLL_FREE", ["CAMPAIGN_NOT_AVAILABLE"]),
    ],
)
def test_campaign_provisioning_fails_outside_us_local(client, auth, world, region, number_type, codes):
    number = free_numbers(client, auth, region, number_type, 1, capabilities=["SMS"])[0]
    t0 = world.now()
    body = rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-1", "campaignId": "camp-1"}})
    assert sms_status(body) == "WAITING"
    world.clock.advance(1)
    assert sms_status(active(client, auth, number)) == "IN_PROGRESS"
    world.clock.advance(2)
    failed = active(client, auth, number)["smsConfiguration"]
    assert failed["servicePlanId"] == "" and failed["campaignId"] == ""
    assert failed["scheduledProvisioning"] == {
        "servicePlanId": "plan-1", "campaignId": "camp-1", "status": "FAILED",
        "lastUpdatedTime": failed["scheduledProvisioning"]["lastUpdatedTime"], "errorCodes": codes,
    }
    assert epoch(failed["scheduledProvisioning"]["lastUpdatedTime"]) == t0 + 3
    world.clock.advance(100)  # FAILED is final
    assert active(client, auth, number)["smsConfiguration"] == failed


def test_campaign_on_us_local_number_is_applied(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-1", "campaignId": "camp-1"}})
    world.clock.advance(3)
    assert active(client, auth, number)["smsConfiguration"] == {
        "servicePlanId": "plan-1", "campaignId": "camp-1", "scheduledProvisioning": None,
    }


@pytest.mark.parametrize("second", ["same project", "other project"])
def test_renting_a_rented_number_is_404(client, auth, auth2, world, second):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    first = rent_ok(client, auth, number, {"callbackUrl": "https://first.example.com/"})
    headers, project = (auth, "test-project") if second == "same project" else (auth2, PROJECT_2)
    response = rent(client, headers, number, {"callbackUrl": "https://second.example.com/"}, project=project)
    assert_sinch_error(response, 404, "NOT_FOUND", resource=("AvailableNumber", number))
    assert active(client, auth, number) == first
    assert world.owned[number].tenant == "sinch/test-project"
    assert listed_numbers(client, auth2, project=PROJECT_2) == []


@pytest.mark.parametrize(
    "capabilities, body, field",
    [
        ({"VOICE"}, {"smsConfiguration": {"servicePlanId": "plan-1"}}, "smsConfiguration"),
        ({"SMS"}, {"voiceConfiguration": {"type": "RTC", "appId": "app-1"}}, "voiceConfiguration"),
    ],
)
def test_configuring_a_missing_capability_is_400_and_rents_nothing(client, auth, world, capabilities, body, field):
    number = number_with(client, auth, "US", "LOCAL", capabilities)
    assert_sinch_error(rent(client, auth, number, body), 400, "INVALID_ARGUMENT", field=field)
    assert world.owned == {}
    assert get_available(client, auth, number).status_code == 200
    world.clock.advance(10)  # nothing was scheduled for it either
    assert world.owned == {}


def test_rent_without_configuration_schedules_nothing(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    body = rent_ok(client, auth, number, {})
    world.clock.advance(10)
    assert active(client, auth, number) == body


# -- rentAny ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "criteria, check",
    [
        ({"regionCode": "US", "type": "LOCAL"}, lambda b: True),
        ({"regionCode": "US", "type": "LOCAL", "numberPattern": {"pattern": "42", "searchPattern": "END"}},
         lambda b: b["phoneNumber"].endswith("42")),
        ({"regionCode": "US", "type": "LOCAL", "numberPattern": {"pattern": "+1206"}},
         lambda b: b["phoneNumber"].startswith("+1206")),
        ({"regionCode": "US", "type": "LOCAL", "numberPattern": {"pattern": "312", "searchPattern": "START"}},
         lambda b: b["phoneNumber"].startswith("+1312")),
        ({"regionCode": "GB", "type": "MOBILE", "numberPattern": {"pattern": "000", "searchPattern": "CONTAINS"}},
         lambda b: "000" in b["phoneNumber"]),
        ({"regionCode": "US", "type": "TOLL_FREE", "capabilities": ["SMS"]}, lambda b: "SMS" in b["capability"]),
        ({"regionCode": "US", "type": "LOCAL", "capabilities": ["SMS", "VOICE"]},
         lambda b: b["capability"] == ["SMS", "VOICE"]),
    ],
)
def test_rent_any_honours_criteria(client, auth, world, criteria, check):
    response = rent_any(client, auth, criteria)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["regionCode"], body["type"]) == (criteria["regionCode"], criteria["type"])
    assert check(body), body
    assert list(world.owned) == [body["phoneNumber"]]
    assert active(client, auth, body["phoneNumber"]) == body


def test_rent_any_applies_configuration_and_gives_distinct_numbers(client, auth, world):
    criteria = {"regionCode": "US", "type": "LOCAL", "capabilities": ["SMS", "VOICE"],
                "smsConfiguration": {"servicePlanId": "plan-1"},
                "voiceConfiguration": {"type": "EST", "trunkId": "trunk-1"},
                "callbackUrl": "https://cb.example.com/x"}
    bodies = [rent_any(client, auth, criteria).get_json() for _ in range(3)]
    numbers = [b["phoneNumber"] for b in bodies]
    assert len(set(numbers)) == 3
    assert all(sms_status(b) == "WAITING" and voice_status(b) == "WAITING" for b in bodies)
    assert all(b["callbackUrl"] == "https://cb.example.com/x" for b in bodies)
    world.clock.advance(3)
    for number in numbers:
        done = active(client, auth, number)
        assert done["smsConfiguration"]["servicePlanId"] == "plan-1"
        assert (done["voiceConfiguration"]["type"], done["voiceConfiguration"]["trunkId"]) == ("EST", "trunk-1")


def test_rent_any_with_nothing_matching_is_404(client, auth, world):
    # the US has no MOBILE numbers of its own
    assert_sinch_error(rent_any(client, auth, {"regionCode": "US", "type": "MOBILE"}), 404, "NOT_FOUND")
    # a pattern no US number can have
    assert_sinch_error(
        rent_any(client, auth, {"regionCode": "US", "type": "LOCAL", "numberPattern": {"pattern": "+44"}}),
        404, "NOT_FOUND",
    )
    assert world.owned == {}


@pytest.fixture
def finite(tmp_path, auth):
    """An app whose inventory is exactly three numbers, found in the virtual inventory."""
    seeded = create_app(Config(frozen_clock=True)).test_client()
    voice_only, both = free_numbers(seeded, auth, "US", "LOCAL", 2)
    gb = free_numbers(seeded, auth, "GB", "MOBILE", 1)[0]
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps([
        {"phoneNumber": voice_only, "capabilities": ["VOICE"]},
        {"phoneNumber": both, "capabilities": ["SMS", "VOICE"], "monthlyPrice": "9.00"},
        {"phoneNumber": gb},
    ]))
    app = create_app(Config(frozen_clock=True, inventory_file=str(path)))
    return app, path, voice_only, both, gb


def test_finite_inventory_file_loads(finite):
    _app, path, voice_only, both, gb = finite
    inventory = FiniteInventory.load(path, Catalogue(1))
    assert inventory.offer(voice_only).capabilities == ("VOICE",)
    assert inventory.offer(both).pricing.monthly == "9.00"
    assert inventory.offer(gb).region == "GB"
    assert inventory.offer("+12025550134") is None


def test_rent_any_on_a_finite_inventory_runs_out(finite, auth):
    app, _path, voice_only, both, gb = finite
    client = app.test_client()
    assert sorted(search_numbers(client, auth, regionCode="US", type="LOCAL", size=50)) == sorted([voice_only, both])
    sms = rent_any(client, auth, {"regionCode": "US", "type": "LOCAL", "capabilities": ["SMS"]})
    assert sms.status_code == 200 and sms.get_json()["phoneNumber"] == both
    assert sms.get_json()["money"]["amount"] == "9.00"
    # the only number left in the US has no SMS
    assert_sinch_error(
        rent_any(client, auth, {"regionCode": "US", "type": "LOCAL", "capabilities": ["SMS"]}), 404, "NOT_FOUND"
    )
    last = rent_any(client, auth, {"regionCode": "US", "type": "LOCAL"})
    assert last.status_code == 200 and last.get_json()["phoneNumber"] == voice_only
    assert_sinch_error(rent_any(client, auth, {"regionCode": "US", "type": "LOCAL"}), 404, "NOT_FOUND")
    assert search_numbers(client, auth, regionCode="US", type="LOCAL") == []
    # other regions of the file are unaffected
    assert rent_any(client, auth, {"regionCode": "GB", "type": "MOBILE"}).get_json()["phoneNumber"] == gb
    assert set(app.world.owned) == {voice_only, both, gb}


def test_finite_inventory_regions_are_the_files(finite, auth):
    app, *_ = finite
    response = app.test_client().get("/sinch/v1/projects/test-project/availableRegions", headers=auth)
    assert response.get_json()["availableRegions"] == [
        {"regionCode": "GB", "regionName": "United Kingdom", "types": ["MOBILE"]},
        {"regionCode": "US", "regionName": "United States", "types": ["LOCAL"]},
    ]


# -- list ---------------------------------------------------------------------------------------------
@pytest.fixture
def portfolio(client, auth) -> dict[str, dict]:
    """Project 1 holds 3 US local, 2 US toll-free and 2 GB mobile numbers: number -> rent body."""
    bodies = {}
    for region, number_type, count in (("US", "LOCAL", 3), ("US", "TOLL_FREE", 2), ("GB", "MOBILE", 2)):
        for number in free_numbers(client, auth, region, number_type, count):
            bodies[number] = rent_ok(client, auth, number)
    return bodies


LIST_FILTERS = [
    ({"regionCode": "US"}, lambda b: b["regionCode"] == "US"),
    ({"regionCode": "GB"}, lambda b: b["regionCode"] == "GB"),
    ({"type": "TOLL_FREE"}, lambda b: b["type"] == "TOLL_FREE"),
    ({"regionCode": "US", "type": "LOCAL"}, lambda b: (b["regionCode"], b["type"]) == ("US", "LOCAL")),
    ({"regionCode": "GB", "type": "LOCAL"}, lambda b: False),
    ({"capabilities": "SMS"}, lambda b: "SMS" in b["capability"]),
    ({"capabilities": ["SMS", "VOICE"]}, lambda b: {"SMS", "VOICE"} <= set(b["capability"])),
    ({"regionCode": "US", "capabilities": "VOICE"}, lambda b: b["regionCode"] == "US" and "VOICE" in b["capability"]),
    ({"numberPattern.pattern": "+44"}, lambda b: b["phoneNumber"].startswith("+44")),
    ({"numberPattern.pattern": "7", "numberPattern.searchPattern": "START"}, lambda b: b["phoneNumber"].startswith({"US": "+17", "GB": "+447"}[b["regionCode"]])),
    ({"numberPattern.pattern": "8", "numberPattern.searchPattern": "CONTAINS"}, lambda b: "8" in b["phoneNumber"]),
]


@pytest.mark.parametrize("params, predicate", LIST_FILTERS)
def test_list_filters(client, auth, portfolio, params, predicate):
    expected = sorted(n for n, body in portfolio.items() if predicate(body))
    page = list_page(client, auth, **params)
    assert [n["phoneNumber"] for n in page["activeNumbers"]] == expected
    assert page["totalSize"] == len(expected)
    assert page["nextPageToken"] == ""
    assert len(expected) < len(portfolio)  # every filter here removes something


def test_list_filter_by_number_pattern_end(client, auth, portfolio):
    target = sorted(portfolio)[3]
    expected = sorted(n for n in portfolio if n.endswith(target[-4:]))
    page = list_page(client, auth, **{"numberPattern.pattern": target[-4:], "numberPattern.searchPattern": "END"})
    assert [n["phoneNumber"] for n in page["activeNumbers"]] == expected and target in expected
    assert page["totalSize"] == len(expected)


@pytest.mark.parametrize("mode", ["START", "CONTAINS", "END"])
def test_list_number_pattern_modes(client, auth, mode):
    """Every US number has the digit 1 (its country code), so the three modes differ on it."""
    numbers = rent_numbers(client, auth, 25)
    expected = {
        "START": [n for n in numbers if n[2:].startswith("1")],  # never: US national numbers start 2-9
        "CONTAINS": numbers,
        "END": [n for n in numbers if n.endswith("1")],
    }[mode]
    page = list_page(client, auth, **{"numberPattern.pattern": "1", "numberPattern.searchPattern": mode})
    assert [n["phoneNumber"] for n in page["activeNumbers"]] == expected
    assert page["totalSize"] == len(expected)
    if mode != "CONTAINS":
        assert len(expected) < 25


def test_list_entries_equal_get(client, auth, portfolio):
    page = list_page(client, auth)
    assert page["totalSize"] == len(portfolio)
    for entry in page["activeNumbers"]:
        assert entry == active(client, auth, entry["phoneNumber"]) == portfolio[entry["phoneNumber"]]


@pytest.mark.parametrize("order_by", [None, "phoneNumber", "PHONE_NUMBER"])
def test_list_ordered_by_phone_number(client, auth, portfolio, order_by):
    # display names in the opposite order, so that ordering by them would show
    for i, number in enumerate(sorted(portfolio)):
        assert update(client, auth, number, {"displayName": f"n{9 - i}"}).status_code == 200
    assert listed_numbers(client, auth, orderBy=order_by) == sorted(portfolio)


@pytest.mark.parametrize("order_by", ["displayName", "DISPLAY_NAME"])
def test_list_ordered_by_display_name(client, auth, portfolio, order_by):
    names = ["delta", "alpha", "", "charlie", "alpha", "bravo", "delta"]
    for number, name in zip(sorted(portfolio), names):
        assert update(client, auth, number, {"displayName": name}).status_code == 200
    expected = [n for _, n in sorted(zip(names, sorted(portfolio)))]
    assert listed_numbers(client, auth, orderBy=order_by) == expected
    pages = all_pages(client, auth, 2, orderBy=order_by)
    assert [n["phoneNumber"] for p in pages for n in p["activeNumbers"]] == expected
    assert [len(p["activeNumbers"]) for p in pages] == [2, 2, 2, 1]


def test_list_paging_returns_every_number_once_in_order(client, auth):
    numbers = rent_numbers(client, auth, 25)
    pages = all_pages(client, auth, 4)
    assert [len(p["activeNumbers"]) for p in pages] == [4, 4, 4, 4, 4, 4, 1]
    assert all(p["totalSize"] == 25 for p in pages)
    assert all(p["nextPageToken"] for p in pages[:-1]) and pages[-1]["nextPageToken"] == ""
    assert [n["phoneNumber"] for p in pages for n in p["activeNumbers"]] == numbers


@pytest.mark.parametrize("order_by", ["phoneNumber", "displayName"])
def test_list_paging_exact_multiple_has_no_empty_last_page(client, auth, order_by):
    numbers = rent_numbers(client, auth, 8)
    pages = all_pages(client, auth, 4, orderBy=order_by)
    assert [len(p["activeNumbers"]) for p in pages] == [4, 4]
    assert pages[-1]["nextPageToken"] == ""
    assert [n["phoneNumber"] for p in pages for n in p["activeNumbers"]] == numbers


@pytest.mark.parametrize("released", ["cursor", "seen", "unseen"])
@pytest.mark.parametrize("order_by", ["phoneNumber", "displayName"])
def test_list_paging_survives_a_release_between_pages(client, auth, released, order_by):
    numbers = rent_numbers(client, auth, 25)
    if order_by == "displayName":  # names in reverse number order, so the two orders differ
        for i, number in enumerate(numbers):
            assert update(client, auth, number, {"displayName": f"name-{99 - i:02d}"}).status_code == 200
        numbers = numbers[::-1]
    first = list_page(client, auth, pageSize=4, orderBy=order_by)
    first_numbers = [n["phoneNumber"] for n in first["activeNumbers"]]
    assert first_numbers == numbers[:4]
    gone = {"cursor": numbers[3], "seen": numbers[0], "unseen": numbers[13]}[released]
    assert release(client, auth, gone).status_code == 200
    seen = list(first_numbers)
    token_value = first["nextPageToken"]
    while token_value:
        page = list_page(client, auth, pageSize=4, pageToken=token_value, orderBy=order_by)
        assert page["totalSize"] == 24
        seen += [n["phoneNumber"] for n in page["activeNumbers"]]
        token_value = page["nextPageToken"]
    expected = numbers if released != "unseen" else [n for n in numbers if n != gone]
    assert seen == expected


def test_list_page_size_larger_than_total(client, auth):
    numbers = rent_numbers(client, auth, 3)
    page = list_page(client, auth, pageSize=1000)
    assert [n["phoneNumber"] for n in page["activeNumbers"]] == numbers
    assert page["nextPageToken"] == "" and page["totalSize"] == 3


def test_list_of_empty_project(client, auth):
    assert list_page(client, auth) == {"activeNumbers": [], "nextPageToken": "", "totalSize": 0}


@pytest.mark.parametrize("bad_token", ["not-a-token", "%%%", "eyJhIjogMX0", "W10"])
def test_list_invalid_page_token_is_400(client, auth, bad_token):
    rent_numbers(client, auth, 2)
    response = client.get(f"/sinch/v1/projects/test-project/activeNumbers?pageSize=1&pageToken={bad_token}", headers=auth)
    assert_sinch_error(response, 400, "INVALID_ARGUMENT", field="pageToken")


def test_page_token_of_another_order_is_400(client, auth):
    rent_numbers(client, auth, 3)
    token_value = list_page(client, auth, pageSize=1, orderBy="displayName")["nextPageToken"]
    assert token_value
    response = client.get(
        "/sinch/v1/projects/test-project/activeNumbers",
        headers=auth, query_string={"pageSize": 1, "pageToken": token_value, "orderBy": "phoneNumber"},
    )
    assert_sinch_error(response, 400, "INVALID_ARGUMENT", field="pageToken")


# -- get ----------------------------------------------------------------------------------------------
def test_path_number_may_encode_the_plus(client, auth):
    number = rent_numbers(client, auth, 1)[0]
    encoded = number.replace("+", "%2B")
    response = client.get(f"/sinch/v1/projects/test-project/activeNumbers/{encoded}", headers=auth)
    assert response.status_code == 200 and response.get_json()["phoneNumber"] == number


def test_get_a_number_not_held_is_404(client, auth):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    assert_sinch_error(get_active(client, auth, number), 404, "NOT_FOUND", resource=("ActiveNumber", number))


# -- update -------------------------------------------------------------------------------------------
def test_update_persists_and_shows_on_get_and_list(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS", "VOICE"])[0]
    rent_ok(client, auth, number)
    t0 = world.now()
    response = update(client, auth, number, {
        "displayName": "Support line",
        "callbackUrl": "https://cb.example.com/support",
        "smsConfiguration": {"servicePlanId": "plan-7", "campaignId": "camp-7"},
        "voiceConfiguration": {"type": "FAX", "serviceId": "fax-7"},
    })
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["displayName"] == "Support line"
    assert body["callbackUrl"] == "https://cb.example.com/support"
    assert body["smsConfiguration"]["scheduledProvisioning"]["servicePlanId"] == "plan-7"
    assert body["voiceConfiguration"]["scheduledVoiceProvisioning"]["serviceId"] == "fax-7"
    assert active(client, auth, number) == body
    assert list_page(client, auth)["activeNumbers"] == [body]

    world.clock.advance(3)
    done = active(client, auth, number)
    assert done["smsConfiguration"] == {"servicePlanId": "plan-7", "campaignId": "camp-7", "scheduledProvisioning": None}
    assert (done["voiceConfiguration"]["type"], done["voiceConfiguration"]["serviceId"]) == ("FAX", "fax-7")
    assert epoch(done["voiceConfiguration"]["lastUpdatedTime"]) == t0 + 3
    assert list_page(client, auth)["activeNumbers"] == [done]

    # a partial update changes only what it names
    renamed = update(client, auth, number, {"displayName": "Sales"}).get_json()
    assert renamed == {**done, "displayName": "Sales"}
    assert active(client, auth, number) == renamed
    assert update(client, auth, number, {}).get_json() == renamed


def test_update_sms_unlink_keeps_old_plan_until_applied(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-1"}})
    world.clock.advance(3)
    pending = update(client, auth, number, {"smsConfiguration": {"servicePlanId": ""}}).get_json()
    assert pending["smsConfiguration"]["servicePlanId"] == "plan-1"
    assert pending["smsConfiguration"]["scheduledProvisioning"]["status"] == "WAITING"
    world.clock.advance(3)
    assert active(client, auth, number)["smsConfiguration"] == {
        "servicePlanId": "", "campaignId": "", "scheduledProvisioning": None,
    }


def test_a_newer_configuration_request_supersedes_a_pending_one(client, auth, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-A"}})
    world.clock.advance(0.5)
    update(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-B"}})
    world.clock.advance(0.5)  # plan-A's first step is due, but it was superseded
    sms = active(client, auth, number)["smsConfiguration"]
    assert sms["scheduledProvisioning"]["servicePlanId"] == "plan-B"
    assert sms["scheduledProvisioning"]["status"] == "WAITING"
    world.clock.advance(2.1)  # t0 + 3.1: plan-A would be done, plan-B is in progress
    sms = active(client, auth, number)["smsConfiguration"]
    assert sms["servicePlanId"] == "" and sms["scheduledProvisioning"]["status"] == "IN_PROGRESS"
    world.clock.advance(0.5)
    assert active(client, auth, number)["smsConfiguration"]["servicePlanId"] == "plan-B"


def test_update_with_a_missing_capability_changes_nothing(client, auth, world):
    number = number_with(client, auth, "US", "LOCAL", {"SMS"})
    before = rent_ok(client, auth, number, {"callbackUrl": "https://a.example.com/"})
    response = update(client, auth, number, {
        "displayName": "x", "smsConfiguration": {"servicePlanId": "p"}, "voiceConfiguration": {"appId": "a"},
    })
    assert_sinch_error(response, 400, "INVALID_ARGUMENT", field="voiceConfiguration")
    assert active(client, auth, number) == before
    world.clock.advance(10)
    assert active(client, auth, number) == before


def test_update_a_number_not_held_is_404(client, auth):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    assert_sinch_error(update(client, auth, number, {"displayName": "x"}), 404, "NOT_FOUND",
                       resource=("ActiveNumber", number))
    assert get_available(client, auth, number).status_code == 200


# -- release ------------------------------------------------------------------------------------------
def test_release(client, auth, auth2, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    other = free_numbers(client, auth, "GB", "MOBILE", 1)[0]
    rent_ok(client, auth, other)
    held = rent_ok(client, auth, number, {"callbackUrl": "https://a.example.com/"})
    world.clock.advance(42)
    response = release(client, auth, number)
    assert response.status_code == 200
    released = response.get_json()
    assert epoch(released["expireAt"]) == world.now()
    assert released == {**held, "expireAt": released["expireAt"]}
    assert_sinch_error(get_active(client, auth, number), 404, "NOT_FOUND", resource=("ActiveNumber", number))
    page = list_page(client, auth)
    assert [n["phoneNumber"] for n in page["activeNumbers"]] == [other] and page["totalSize"] == 1
    # available again at once (no ageing by default): search, get, rent by anyone
    assert get_available(client, auth, number).status_code == 200
    assert search_numbers(client, auth, **{"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": number}) == [number]
    assert rent(client, auth2, number, project=PROJECT_2).status_code == 200
    assert world.owned[number].tenant == "sinch/test-project-2"
    assert_sinch_error(release(client, auth, number), 404, "NOT_FOUND", resource=("ActiveNumber", number))


def test_release_twice_is_404(client, auth):
    number = rent_numbers(client, auth, 1)[0]
    assert release(client, auth, number).status_code == 200
    assert_sinch_error(release(client, auth, number), 404, "NOT_FOUND", resource=("ActiveNumber", number))


def test_release_stops_pending_provisioning(client, auth, auth2, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1, capabilities=["SMS"])[0]
    rent_ok(client, auth, number, {"smsConfiguration": {"servicePlanId": "plan-1"}})
    release(client, auth, number)
    body = rent_ok(client, auth2, number, project=PROJECT_2)
    world.clock.advance(5)
    assert active(client, auth2, number, PROJECT_2) == body  # the old request did not follow the number


@pytest.mark.parametrize("config", [Config(release_ageing_seconds=60, frozen_clock=True, validation="strict")])
def test_released_number_ages_before_it_is_available(client, auth, auth2, world):
    number = free_numbers(client, auth, "US", "LOCAL", 1)[0]
    exact = {"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": number}
    rent_ok(client, auth, number)
    assert release(client, auth, number).status_code == 200
    assert_sinch_error(get_active(client, auth, number), 404, "NOT_FOUND")
    for step in (0, 30, 29.9):  # at 0 s, 30 s and 59.9 s after the release
        world.clock.advance(step)
        assert_sinch_error(get_available(client, auth, number), 404, "NOT_FOUND", resource=("AvailableNumber", number))
        assert search_numbers(client, auth, **exact) == []
        assert_sinch_error(rent(client, auth2, number, project=PROJECT_2), 404, "NOT_FOUND")
        assert_sinch_error(rent(client, auth, number), 404, "NOT_FOUND")
        assert number not in world.owned
    world.clock.advance(0.1)  # 60 s after the release
    assert get_available(client, auth, number).status_code == 200
    assert search_numbers(client, auth, **exact) == [number]
    assert rent(client, auth2, number, project=PROJECT_2).status_code == 200
