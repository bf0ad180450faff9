"""Searching the inventory, reading one available number, and the available regions."""
from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import PhoneNumberType

from emulator.app import create_app
from emulator.config import Config
from emulator.core.numbering import classify

from .helpers import (
    PROJECT_2,
    assert_sinch_error,
    get_available,
    regions,
    rent_ok,
    search,
    search_numbers,
)

PHONENUMBERS_TYPES = {
    "LOCAL": {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE},
    "MOBILE": {PhoneNumberType.MOBILE},
    "TOLL_FREE": {PhoneNumberType.TOLL_FREE},
}
ALL_TYPES = ("LOCAL", "MOBILE", "TOLL_FREE")


def pattern_holds(number: str, pattern: str | None, mode: str | None) -> bool:
    """The search semantics, restated from the API description: a leading '+' anchors at the
    start of the E.164 form; otherwise START anchors at the national number, END at the end, and
    CONTAINS matches anywhere in the digits."""
    if not pattern:
        return True
    if pattern.startswith("+"):
        return number.startswith(pattern)
    national = phonenumbers.national_significant_number(phonenumbers.parse(number))
    if (mode or "START") == "START":
        return national.startswith(pattern)
    if mode == "END":
        return number.endswith(pattern)
    return pattern in number[1:]


def assert_valid_for(number: str, region: str, number_type: str) -> None:
    parsed = phonenumbers.parse(number)
    assert phonenumbers.is_valid_number(parsed), number
    assert phonenumbers.region_code_for_number(parsed) == region, number
    assert phonenumbers.number_type(parsed) in PHONENUMBERS_TYPES[number_type], number
    assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == number


def search_body(client, auth, **params) -> list[dict]:
    response = search(client, auth, **params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["availableNumbers"]


# -- search ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "region, number_type, pattern, mode",
    [
        ("US", "LOCAL", None, None),
        ("US", "LOCAL", "206", "START"),
        ("US", "LOCAL", "415", None),  # START is the default
        ("US", "LOCAL", "+1212", "START"),
        ("US", "LOCAL", "+1312", None),
        ("US", "LOCAL", "555", "CONTAINS"),
        ("US", "LOCAL", "4321", "END"),
        ("US", "TOLL_FREE", "800", "START"),
        ("US", "TOLL_FREE", "+1888", "START"),
        ("GB", "MOBILE", None, None),
        ("GB", "MOBILE", "77", "START"),
        ("GB", "MOBILE", "+4475", "START"),
        ("GB", "MOBILE", "123", "CONTAINS"),
        ("GB", "LOCAL", "20", "START"),
        ("SE", "MOBILE", "99", "END"),
        ("DE", "LOCAL", "30", "START"),
        ("CA", "LOCAL", None, None),
        ("FR", "MOBILE", "06", "CONTAINS"),
    ],
)
def test_search_results_match_filters_and_are_valid_numbers(client, auth, region, number_type, pattern, mode):
    body = search_body(
        client, auth,
        **{"regionCode": region, "type": number_type, "numberPattern.pattern": pattern,
           "numberPattern.searchPattern": mode, "size": 15},
    )
    numbers = [n["phoneNumber"] for n in body]
    assert len(numbers) == 15
    assert len(set(numbers)) == 15
    for offer in body:
        number = offer["phoneNumber"]
        assert offer["regionCode"] == region
        assert offer["type"] == number_type
        assert pattern_holds(number, pattern, mode), (number, pattern, mode)
        assert_valid_for(number, region, number_type)
        assert offer["capability"] and set(offer["capability"]) <= {"SMS", "VOICE"}
        assert offer["paymentIntervalMonths"] >= 1
        for price in (offer["setupPrice"], offer["monthlyPrice"]):
            assert price["currencyCode"] == "USD"
            assert float(price["amount"]) >= 0


def test_search_with_and_without_plus_differ_in_anchor(client, auth):
    """'+1206' anchors at the country code; '1206' (START) at the national number, where no US
    number starts with 1; '206' is the national form of the same prefix."""
    def numbers(pattern):
        return search_numbers(client, auth, **{"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": pattern, "size": 5})

    with_plus = numbers("+1206")
    assert len(with_plus) == 5 and all(n.startswith("+1206") for n in with_plus)
    assert numbers("1206") == []
    national = numbers("206")
    assert len(national) == 5 and all(n.startswith("+1206") for n in national)


def test_search_pattern_that_cannot_match_gives_empty_list(client, auth):
    # US numbers have country code 1, so no US number starts with +44.
    assert search_numbers(client, auth, **{"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": "+44"}) == []
    # US national numbers never start with 0 or 1.
    assert search_numbers(client, auth, **{"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": "0"}) == []


def test_search_for_a_type_the_region_lacks_is_empty(client, auth):
    # phonenumbers gives the US no separate mobile ranges: they are fixed-line-or-mobile (LOCAL).
    assert search_numbers(client, auth, regionCode="US", type="MOBILE") == []


@pytest.mark.parametrize("capabilities", [["SMS"], ["VOICE"], ["SMS", "VOICE"]])
def test_search_capabilities_filter(client, auth, capabilities):
    unfiltered = search_body(client, auth, regionCode="US", type="LOCAL", size=100)
    # the filter has something to remove: local numbers come SMS-only, voice-only and with both
    assert any(set(capabilities) - set(o["capability"]) for o in unfiltered)
    filtered = search_body(client, auth, regionCode="US", type="LOCAL", size=20, capabilities=capabilities)
    assert len(filtered) == 20
    assert all(set(capabilities) <= set(o["capability"]) for o in filtered)
    # filtering only removes: the matching numbers of the unfiltered search keep their order
    matching = [o["phoneNumber"] for o in unfiltered if set(capabilities) <= set(o["capability"])]
    got = [o["phoneNumber"] for o in filtered]
    assert got[: len(matching)] == matching[: len(got)]


@pytest.mark.parametrize("size, expected", [(None, 10), (1, 1), (3, 3), (50, 50), (1000, 1000)])
def test_search_size(client, auth, size, expected):
    numbers = search_numbers(client, auth, regionCode="US", type="LOCAL", size=size)
    assert len(numbers) == expected
    assert len(set(numbers)) == expected


def test_search_is_a_prefix_of_a_larger_search(client, auth):
    small = search_numbers(client, auth, regionCode="GB", type="LOCAL", size=5)
    large = search_numbers(client, auth, regionCode="GB", type="LOCAL", size=25)
    assert large[:5] == small


def test_owned_number_never_appears_in_search(client, auth, auth2):
    query = {"regionCode": "US", "type": "LOCAL", "size": 6}
    before = search_numbers(client, auth, **query)
    taken = [before[0], before[2]]
    for number in taken:
        rent_ok(client, auth, number)
    after = search_numbers(client, auth, **query)
    assert len(after) == 6
    assert not set(taken) & set(after)
    assert [n for n in before if n not in taken] == after[:4]
    # also for the other project, and when the search pins the exact number
    after_2 = search_numbers(client, auth2, project=PROJECT_2, **query)
    assert not set(taken) & set(after_2)
    for number in taken:
        exact = {"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": number}
        assert search_numbers(client, auth, **exact) == []
    free = before[1]
    assert search_numbers(client, auth, **{"regionCode": "US", "type": "LOCAL", "numberPattern.pattern": free}) == [free]


SEED_QUERIES = [
    {"regionCode": "US", "type": "LOCAL", "size": 20},
    {"regionCode": "GB", "type": "MOBILE", "numberPattern.pattern": "12", "numberPattern.searchPattern": "CONTAINS"},
    {"regionCode": "SE", "type": "LOCAL", "capabilities": "SMS", "size": 7},
]


def seeded_results(seed: int, auth) -> list:
    app = create_app(Config(seed=seed, frozen_clock=True, validation="strict"))
    client = app.test_client()
    return [search_body(client, auth, **query) for query in SEED_QUERIES]


def test_same_seed_same_results_across_apps(auth):
    first, second = seeded_results(7, auth), seeded_results(7, auth)
    assert all(first), "every seeded query must find numbers"
    assert first == second


def test_different_seed_different_results(auth):
    first, other = seeded_results(7, auth), seeded_results(8, auth)
    for a, b in zip(first, other):
        assert [o["phoneNumber"] for o in a] != [o["phoneNumber"] for o in b]


# -- get one available number ------------------------------------------------------------------------
def test_get_available_number_matches_search_entry(client, auth):
    offers = search_body(client, auth, regionCode="GB", type="MOBILE", size=3)
    for offer in offers:
        response = get_available(client, auth, offer["phoneNumber"])
        assert response.status_code == 200
        assert response.get_json() == offer


def test_get_available_number_that_is_owned_is_404(client, auth, auth2):
    number = search_numbers(client, auth, regionCode="US", type="LOCAL", size=1)[0]
    rent_ok(client, auth, number)
    for headers, project in ((auth, "test-project"), (auth2, PROJECT_2)):
        assert_sinch_error(
            get_available(client, headers, number, project=project), 404, "NOT_FOUND",
            resource=("AvailableNumber", number),
        )


def test_get_available_number_not_in_inventory_is_404(client, auth, world):
    # not a valid number at all (US area code 999 does not exist)
    invalid = "+19995550123"
    assert not phonenumbers.is_valid_number(phonenumbers.parse(invalid))
    assert_sinch_error(get_available(client, auth, invalid), 404, "NOT_FOUND", resource=("AvailableNumber", invalid))
    # valid US numbers that the seeded inventory does not offer (density 0.5 leaves half out)
    left_out = [
        n for n in (f"+1206555{i:04d}" for i in range(200))
        if classify(n) == ("US", "LOCAL") and world.inventory.offer(n) is None
    ]
    assert left_out
    for number in left_out[:3]:
        assert_sinch_error(get_available(client, auth, number), 404, "NOT_FOUND", resource=("AvailableNumber", number))


# -- available regions -------------------------------------------------------------------------------
def region_list(client, auth, types=None) -> list[dict]:
    response = regions(client, auth, types)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["availableRegions"]


def test_available_regions_without_types(client, auth):
    listed = region_list(client, auth)
    codes = [r["regionCode"] for r in listed]
    assert len(codes) == len(set(codes)) > 100
    by_code = {r["regionCode"]: r for r in listed}
    assert by_code["US"]["regionName"] == "United States"
    assert by_code["US"]["types"] == ["LOCAL", "TOLL_FREE"]
    assert by_code["GB"]["types"] == ["LOCAL", "MOBILE", "TOLL_FREE"]
    for region in listed:
        assert len(region["regionCode"]) == 2 and region["regionCode"].isupper()
        assert region["regionName"]
        assert region["types"] and [t for t in ALL_TYPES if t in region["types"]] == region["types"]


@pytest.mark.parametrize("types", [["MOBILE"], ["TOLL_FREE"], ["LOCAL"], ["MOBILE", "TOLL_FREE"]])
def test_available_regions_filtered_by_types(client, auth, types):
    everything = region_list(client, auth)
    filtered = region_list(client, auth, types)
    expected = [r for r in everything if set(types) & set(r["types"])]
    assert filtered == expected
    assert filtered and all(set(types) & set(r["types"]) for r in filtered)
    if types == ["MOBILE"]:
        codes = {r["regionCode"] for r in filtered}
        assert "GB" in codes and "US" not in codes
        assert len(filtered) < len(everything)


@pytest.mark.parametrize("region_code", ["GB", "SE", "DE", "AU", "BR"])
def test_advertised_region_types_have_numbers(client, auth, region_code):
    region = {r["regionCode"]: r for r in region_list(client, auth)}[region_code]
    for number_type in region["types"]:
        numbers = search_numbers(client, auth, regionCode=region_code, type=number_type, size=2)
        assert len(numbers) == 2, (region_code, number_type)
        for number in numbers:
            assert_valid_for(number, region_code, number_type)
