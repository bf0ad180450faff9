"""NumberRange: a start and a size, and nothing but arithmetic on them.

Examples first (the documented ones: Enfonica's "+61255501100-99" split at 20, leading zeros kept),
then properties over random ranges: ``between`` round-trips, iteration and membership agree,
``split`` never loses or duplicates a number, ``overlaps`` is set intersection.
"""
from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from emulator.core import InvalidArgument, NumberRange
from emulator.core.ranges import form_of

SEED = NumberRange.between("+61255501100", "+61255501199")


# -- strategies ------------------------------------------------------------------------------------
@st.composite
def starts(draw, sign: str | None = None) -> str:
    """A range start in any form ranges use: optional ``+``, 1 to 6 digits, leading zeros allowed,
    and often near a power of ten so that ranges grow past their start's width (``98``..``100``)."""
    sign = draw(st.sampled_from(("", "+"))) if sign is None else sign
    width = draw(st.integers(1, 6))
    value = draw(st.one_of(st.integers(0, 10**width - 1), st.integers(max(0, 10**width - 12), 10**width - 1)))
    return f"{sign}{value:0{width}d}"


def ranges(max_size: int = 40, sign: str | None = None) -> st.SearchStrategy[NumberRange]:
    return st.builds(NumberRange, starts(sign), st.integers(1, max_size))


# -- examples --------------------------------------------------------------------------------------
def test_the_documented_range_splits_at_twenty():
    assert (SEED.start, SEED.end, SEED.size) == ("+61255501100", "+61255501199", 100)
    first, rest = SEED.split(20)
    assert (first.start, first.end, first.size) == ("+61255501100", "+61255501119", 20)
    assert (rest.start, rest.end, rest.size) == ("+61255501120", "+61255501199", 80)
    assert first == NumberRange.between("+61255501100", "+61255501119")
    assert rest == NumberRange.between("+61255501120", "+61255501199")


def test_leading_zeros_are_kept():
    span = NumberRange.between("0998", "1001")
    assert span.size == 4
    assert list(span) == ["0998", "0999", "1000", "1001"]
    assert span.end == "1001"
    assert "0999" in span and "999" not in span and "00999" not in span


def test_numbers_grow_past_the_start_width():
    span = NumberRange.between("98", "100")
    assert list(span) == ["98", "99", "100"]
    assert span.index_of("100") == 2 and span.index_of("099") is None


def test_a_sign_is_part_of_the_form():
    span = NumberRange("+100", 5)
    assert "+102" in span and "102" not in span
    assert NumberRange("100", 5).index_of("+102") is None


def test_str_is_the_documents_short_notation():
    assert str(SEED) == SEED.notation() == "+61255501100-99"
    assert str(NumberRange("+61255501100", 1)) == "+61255501100"
    assert NumberRange.between("+61255501190", "+61255501209").notation() == "+61255501190-209"
    assert NumberRange.between("0998", "1001").notation() == "0998-1001"
    assert NumberRange.between("98", "100").notation() == "98-100"  # grown past the width: both in full
    assert NumberRange.between("+98", "+100").notation() == "+98-+100"


@pytest.mark.parametrize(
    "text, start, size",
    [
        ("+61255501100-99", "+61255501100", 100),
        ("+61255501100-+61255501199", "+61255501100", 100),
        ("+61255501100-199", "+61255501100", 100),
        ("+61255501100", "+61255501100", 1),
        ("0998-1001", "0998", 4),
        ("100-4", "100", 5),
    ],
)
def test_parse_reads_the_short_and_the_full_notation(text, start, size):
    assert NumberRange.parse(text) == NumberRange(start, size)


@pytest.mark.parametrize(
    "text", ["", "-", "-5", "+61255501100-", "+61255501100-9x", "+61255501199-00", "1-2-3", "100-+104", "+100-104x"]
)
def test_parse_refuses_what_is_not_a_range(text):
    with pytest.raises(ValueError):
        NumberRange.parse(text)


def test_len_and_form():
    assert len(SEED) == 100
    assert form_of("+61255501100") == ("+", 11)
    assert form_of("0998") == ("", 4)
    with pytest.raises(ValueError):
        form_of("+61 2")


@pytest.mark.parametrize("start, size", [("", 1), ("+", 1), ("12a", 1), ("+-1", 1), ("١٢", 1), ("100", 0), ("100", -3)])
def test_constructor_refuses_malformed_ranges(start, size):
    with pytest.raises(ValueError):
        NumberRange(start, size)


@pytest.mark.parametrize(
    "start, end, field",
    [
        ("+6125550110x", "+61255501199", "start"),
        ("", "+61255501199", "start"),
        ("+", "+61255501199", "start"),
        ("+61255501100", "+6125550119x", "end"),
        ("+61255501100", "+", "end"),
        ("١٢", "13", "start"),  # non-ASCII digits are not digits here
        ("+61255501100", "61255501199", "end"),  # sign mismatch
        ("61255501100", "+61255501199", "end"),
        ("+61255501199", "+61255501100", "end"),  # end before start
        ("1001", "0998", "end"),
    ],
)
def test_between_errors_name_the_field(start, end, field):
    with pytest.raises(InvalidArgument) as raised:
        NumberRange.between(start, end)
    assert raised.value.field == field
    with pytest.raises(InvalidArgument) as renamed:
        NumberRange.between(start, end, start_field="rangeStart", end_field="rangeEnd")
    assert renamed.value.field == {"start": "rangeStart", "end": "rangeEnd"}[field]


@pytest.mark.parametrize("keep", [0, -1, 100, 101, 1000])
def test_split_refuses_a_keep_outside_one_to_size_minus_one(keep):
    with pytest.raises(ValueError):
        SEED.split(keep)


def test_a_single_number_cannot_be_split():
    with pytest.raises(ValueError):
        NumberRange("+61255501100", 1).split(1)


def test_membership_of_things_that_are_not_numbers():
    assert None not in SEED  # type: ignore[operator]
    assert 61255501150 not in SEED  # type: ignore[operator]
    assert "" not in SEED and "+" not in SEED and "+6125550115x" not in SEED
    assert SEED.index_of("not a number") is None


def test_overlaps_examples():
    assert SEED.overlaps(NumberRange("+61255501199", 5)) and NumberRange("+61255501199", 5).overlaps(SEED)
    assert not SEED.overlaps(NumberRange("+61255501200", 5))
    assert SEED.overlaps(NumberRange("+61255501150", 1))
    assert not SEED.overlaps(NumberRange("61255501150", 1))  # no sign: other numbers


def test_overlaps_across_forms_when_a_range_grows_past_its_width():
    """``98``..``100`` and ``099``..``100`` share ``100``, though neither start is in the other."""
    grown, padded = NumberRange("98", 3), NumberRange("099", 2)
    assert set(grown) & set(padded) == {"100"}
    assert grown.overlaps(padded)
    assert padded.overlaps(grown)


# -- properties ------------------------------------------------------------------------------------
@settings(max_examples=300)
@given(ranges(max_size=300))
@example(NumberRange("0998", 4))
@example(NumberRange("+999", 3))
def test_between_round_trips(span):
    again = NumberRange.between(span.start, span.end)
    assert again == span
    assert (again.start, again.end, again.size) == (span.start, span.end, span.size)
    assert span.end == span.number_at(span.size - 1)


@settings(max_examples=300)
@given(ranges(max_size=300))
@example(SEED)
@example(NumberRange("98", 3))
@example(NumberRange("+5", 5))
def test_notation_round_trips(span):
    assert NumberRange.parse(span.notation()) == span
    assert NumberRange.parse(f"{span.start}-{span.end}" if span.size > 1 else span.start) == span


@settings(max_examples=300)
@given(ranges(max_size=300))
@example(NumberRange("98", 3))
@example(NumberRange("+0", 12))
def test_iteration_yields_size_distinct_numbers_in_order(span):
    numbers = list(span)
    assert len(numbers) == span.size == len(span)
    assert len(set(numbers)) == span.size
    sign, width = form_of(span.start)
    first = int(span.start[len(sign):])
    assert [int(n[len(sign):]) for n in numbers] == list(range(first, first + span.size))
    assert numbers[0] == span.start and numbers[-1] == span.end
    for index, number in enumerate(numbers):
        assert number in span
        assert span.index_of(number) == index
        assert span.number_at(index) == number
        assert form_of(number)[0] == sign and len(number) - len(sign) >= width


@settings(max_examples=300)
@given(ranges(max_size=300))
def test_numbers_outside_are_not_in_the_range(span):
    sign, _ = form_of(span.start)
    after = span.number_at(span.size)
    assert after not in span and span.index_of(after) is None
    if int(span.start[len(sign):]) > 0:
        before = span.number_at(-1)
        assert before not in span and span.index_of(before) is None
    other_sign = "" if sign else "+"
    for number in (span.start, span.end):
        assert other_sign + number[len(sign):] not in span  # the other sign
        assert sign + "0" + number[len(sign):] not in span  # one more leading zero


@settings(max_examples=200)
@given(ranges(max_size=120))
@example(SEED)
@example(NumberRange("98", 3))
def test_split_never_loses_or_duplicates_a_number(span):
    numbers = list(span)
    for keep in range(1, span.size):
        first, rest = span.split(keep)
        assert (first.start, first.size) == (span.start, keep)
        assert (rest.start, rest.size) == (span.number_at(keep), span.size - keep)
        assert list(first) + list(rest) == numbers
        assert first.end == span.number_at(keep - 1)
        assert not first.overlaps(rest) and not rest.overlaps(first)
    for keep in (0, span.size, -1, span.size + 1):
        with pytest.raises(ValueError):
            span.split(keep)


@settings(max_examples=500)
@given(ranges(max_size=30), ranges(max_size=30))
@example(NumberRange("98", 3), NumberRange("099", 2))
@example(NumberRange("0998", 4), NumberRange("1000", 3))
@example(NumberRange("+61255501100", 100), NumberRange("+61255501199", 1))
def test_overlaps_agrees_with_set_intersection(a, b):
    shared = bool(set(a) & set(b))
    assert a.overlaps(b) == shared
    assert b.overlaps(a) == shared


@st.composite
def same_form_pairs(draw) -> tuple[NumberRange, NumberRange]:
    """Two ranges whose starts share the sign and the digit count (E.164 ranges of one country)."""
    sign, width = draw(st.sampled_from(("", "+"))), draw(st.integers(1, 6))
    values = st.integers(0, 10**width - 1)
    return tuple(NumberRange(f"{sign}{draw(values):0{width}d}", draw(st.integers(1, 30))) for _ in range(2))


@settings(max_examples=300)
@given(same_form_pairs())
def test_overlaps_agrees_with_set_intersection_within_one_form(pair):
    a, b = pair
    shared = bool(set(a) & set(b))
    assert a.overlaps(b) == shared == b.overlaps(a)
