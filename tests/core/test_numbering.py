"""The numbering plan agrees with phonenumbers, the authority on validity and number types."""
from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.strategies import numbers_in, offered_kinds, valid_numbers
from emulator.core import LOCAL, MOBILE, TOLL_FREE, NumberQuery, World, WorldConfig
from emulator.core.numbering import classify, expand_pattern

PHONENUMBERS_TYPES = {
    LOCAL: {phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE},
    MOBILE: {phonenumbers.PhoneNumberType.MOBILE},
    TOLL_FREE: {phonenumbers.PhoneNumberType.TOLL_FREE},
}
OFFERED = offered_kinds()


def test_every_offered_type_yields_valid_numbers_of_that_type():
    world = World(WorldConfig(seed=11))
    assert len(OFFERED) > 400
    for region, number_type in OFFERED:
        offers = world.search(NumberQuery(region, number_type), 3)
        assert offers, f"{region} {number_type} is offered but has no numbers"
        for offer in offers:
            parsed = phonenumbers.parse(offer.number)
            assert phonenumbers.is_valid_number_for_region(parsed, region), offer.number
            assert phonenumbers.number_type(parsed) in PHONENUMBERS_TYPES[number_type], offer.number
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == offer.number


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(OFFERED), st.data())
def test_classify_matches_phonenumbers_on_random_digits(kind, data):
    """Random digit strings over a type's blocks: our classification equals phonenumbers'."""
    e164 = data.draw(numbers_in(*kind))
    parsed = phonenumbers.parse(e164)
    expected = None
    if phonenumbers.is_valid_number(parsed):
        kind_found = next((t for t, types in PHONENUMBERS_TYPES.items() if phonenumbers.number_type(parsed) in types), None)
        expected = (phonenumbers.region_code_for_number(parsed), kind_found) if kind_found else None
    assert classify(e164) == expected


@pytest.mark.parametrize("text", ["", "+", "12025550134", "+0123", "+1202555013a", "+" + "9" * 16])
def test_classify_rejects_malformed(text):
    assert classify(text) is None


def test_expand_pattern_is_exact_for_a_small_pattern():
    blocks = expand_pattern(r"8(?:00|33)[2-3]\d")
    numbers = {"".join(p) for b in blocks for p in __import__("itertools").product(*b)}
    assert len(numbers) == 2 * 2 * 10
    assert "8002" + "5" in numbers and "8334" + "0" not in numbers


def test_same_seed_same_world_and_other_seed_other_world():
    first = [o.number for o in World(WorldConfig(seed=5)).search(NumberQuery("US", LOCAL), 10)]
    again = [o.number for o in World(WorldConfig(seed=5)).search(NumberQuery("US", LOCAL), 10)]
    other = [o.number for o in World(WorldConfig(seed=6)).search(NumberQuery("US", LOCAL), 10)]
    assert first == again
    assert first != other


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_valid_numbers_strategy_draws_only_valid_numbers(data):
    region, number_type = data.draw(st.sampled_from([("US", LOCAL), ("GB", MOBILE), ("SE", TOLL_FREE), ("DE", LOCAL)]))
    parsed = phonenumbers.parse(data.draw(valid_numbers(region, number_type)))
    assert phonenumbers.is_valid_number_for_region(parsed, region)
    assert phonenumbers.number_type(parsed) in PHONENUMBERS_TYPES[number_type]


def test_bundled_fixture_inventory_loads_as_a_finite_world():
    from emulator.specs import fixture_dir

    world = World(WorldConfig(inventory_file=str(fixture_dir() / "sinch-small-inventory.json")))
    us_local = world.search(NumberQuery("US", LOCAL), 100)
    assert len(us_local) == 6
    assert world.search(NumberQuery("FR", LOCAL), 10) == []
    for offer in us_local:
        world.acquire("t", offer.number)
    assert world.search(NumberQuery("US", LOCAL), 100) == []
