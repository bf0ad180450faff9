"""Directory: a tenant's own list of numbers (what a PBX records), apart from the carrier inventory.

A number is listed at most once per tenant, two tenants may list the same one, ranges add what is
missing and report what was there, refusals change nothing, and the main number is always shared.
"""
from __future__ import annotations

import itertools
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core import (
    AlreadyExists,
    Directory,
    FailedPrecondition,
    NotFound,
    NumberRange,
)

T0 = 1_800_000_000.0


class Ids:
    """Sequential listing ids, as a surface's id generator would hand them out."""

    def __init__(self) -> None:
        self._count = itertools.count(1)

    def __call__(self) -> str:
        return f"id-{next(self._count)}"


@pytest.fixture
def directory() -> Directory:
    return Directory(threading.RLock(), lambda: T0)


@pytest.fixture
def ids() -> Ids:
    return Ids()


def state(directory: Directory) -> tuple:
    return (dict(directory.by_id), dict(directory.by_number), {t: list(i) for t, i in directory.by_tenant.items()},
            dict(directory.mains))


def test_add_lists_a_number_once_per_tenant(directory, ids):
    listing = directory.add("a", "+61255501100", ids, name="Reception", shared=True)
    assert (listing.tenant, listing.number, listing.name, listing.shared, listing.main) == ("a", "+61255501100", "Reception", True, False)
    assert listing.created_at == T0 and directory.get(("a",), listing.id) is listing
    before = state(directory)
    with pytest.raises(AlreadyExists) as raised:
        directory.add("a", "+61255501100", ids)
    assert raised.value.key == {"number": "+61255501100", "tenant_uuid": "a"}
    assert state(directory) == before and len(directory) == 1


def test_two_tenants_may_list_the_same_number(directory, ids):
    first = directory.add("a", "1000", ids)
    second = directory.add("b", "1000", ids)
    assert first.id != second.id
    assert directory.listings(("a",)) == [first] and directory.listings(("b",)) == [second]
    assert directory.listings(("a", "b")) == [first, second]


def test_any_digit_string_is_its_own_number(directory, ids):
    """No normalisation: ``0100`` and ``100`` are two listings."""
    directory.add("a", "100", ids)
    directory.add("a", "0100", ids)
    assert [listing.number for listing in directory.listings(("a",))] == ["100", "0100"]


def test_add_range_creates_the_missing_numbers_and_reports_the_existing(directory, ids):
    kept = directory.add("a", "1002", ids, name="kept")
    other_tenant = directory.add("b", "1003", ids)
    created, existing = directory.add_range("a", NumberRange.between("0998", "1004"), ids)
    assert [listing.number for listing in created] == ["0998", "0999", "1000", "1001", "1003", "1004"]
    assert existing == [kept]
    assert all((c.tenant, c.name, c.shared, c.main) == ("a", None, False, False) for c in created)
    again, known = directory.add_range("a", NumberRange("1003", 3), ids)
    assert [listing.number for listing in again] == ["1005"]
    assert [listing.number for listing in known] == ["1003", "1004"]
    assert directory.listings(("b",)) == [other_tenant]


def test_update_changes_number_name_and_shared(directory, ids):
    listing = directory.add("a", "1000", ids)
    updated = directory.update(("a",), listing.id, {"number": "2000", "name": "Desk", "shared": True, "main": True})
    assert (updated.id, updated.number, updated.name, updated.shared, updated.main) == (listing.id, "2000", "Desk", True, False)
    assert directory.by_number == {("a", "2000"): listing.id}
    assert directory.add("a", "1000", ids).number == "1000"  # the old number is free again
    assert directory.update(("a",), listing.id, {"number": "2000"}).number == "2000"  # to itself: fine


def test_update_to_a_number_the_tenant_lists_changes_nothing(directory, ids):
    first = directory.add("a", "1000", ids)
    directory.add("a", "2000", ids)
    directory.add("b", "3000", ids)
    before = state(directory)
    with pytest.raises(AlreadyExists):
        directory.update(("a",), first.id, {"number": "2000", "name": "clash"})
    assert state(directory) == before
    assert directory.update(("a",), first.id, {"number": "3000"}).number == "3000"  # b's list is b's


def test_the_main_number_must_stay_shared(directory, ids):
    listing = directory.add("a", "1000", ids)
    main = directory.set_main("a", listing.id)
    assert main.main and main.shared and directory.main("a") is main
    before = state(directory)
    with pytest.raises(FailedPrecondition):
        directory.update(("a",), listing.id, {"shared": False, "name": "half applied?"})
    assert state(directory) == before
    renamed = directory.update(("a",), listing.id, {"name": "Main line", "shared": True})
    assert renamed.main and renamed.shared and directory.main("a") is renamed


def test_update_and_remove_of_another_tenants_listing_is_not_found(directory, ids):
    listing = directory.add("a", "1000", ids)
    before = state(directory)
    for attempt in (
        lambda: directory.get(("b",), listing.id),
        lambda: directory.update(("b",), listing.id, {"name": "x"}),
        lambda: directory.remove(("b",), listing.id),
        lambda: directory.set_main("b", listing.id),
        lambda: directory.get(("a",), "id-404"),
    ):
        with pytest.raises(NotFound):
            attempt()
    assert state(directory) == before


def test_remove_of_the_main_number_clears_it(directory, ids):
    listing = directory.add("a", "1000", ids)
    spare = directory.add("a", "1001", ids)
    directory.set_main("a", listing.id)
    removed = directory.remove(("a",), listing.id)
    assert removed.main
    with pytest.raises(NotFound):
        directory.main("a")
    assert directory.listings(("a",)) == [spare]
    assert directory.add("a", "1000", ids).main is False  # listed again: a new listing, not main


def test_remove_of_another_number_keeps_the_main(directory, ids):
    main = directory.set_main("a", directory.add("a", "1000", ids).id)
    spare = directory.add("a", "1001", ids)
    directory.remove(("a",), spare.id)
    assert directory.main("a") is main


def test_set_main_moves_the_main_and_keeps_the_previous_one_shared(directory, ids):
    first = directory.add("a", "1000", ids)
    second = directory.add("a", "1001", ids)
    directory.set_main("a", first.id)
    moved = directory.set_main("a", second.id)
    previous = directory.get(("a",), first.id)
    assert moved.main and moved.shared and directory.main("a") is moved
    assert not previous.main and previous.shared
    assert [listing.main for listing in directory.listings(("a",))] == [False, True]
    assert directory.set_main("a", second.id).main  # again: still the one main
    assert sum(listing.main for listing in directory.listings(("a",))) == 1


def test_each_tenant_has_its_own_main(directory, ids):
    a_main = directory.set_main("a", directory.add("a", "1000", ids).id)
    b_main = directory.set_main("b", directory.add("b", "1000", ids).id)
    assert directory.main("a") is a_main and directory.main("b") is b_main
    with pytest.raises(NotFound):
        directory.main("c")


def test_listings_are_per_tenant_in_creation_order(directory, ids):
    a = [directory.add("a", n, ids) for n in ("3", "1", "2")]
    b = [directory.add("b", n, ids) for n in ("1", "9")]
    updated = directory.update(("a",), a[0].id, {"number": "0"})
    assert directory.listings(("a",)) == [updated, a[1], a[2]]
    assert directory.listings(("b",)) == b
    assert directory.listings(("c",)) == []
    assert directory.listings(()) == []


def test_clear_forgets_everything(directory, ids):
    directory.set_main("a", directory.add("a", "1000", ids).id)
    directory.clear()
    assert len(directory) == 0 and directory.listings(("a",)) == []
    with pytest.raises(NotFound):
        directory.main("a")


# -- property ------------------------------------------------------------------------------------------
@st.composite
def small_ranges(draw) -> NumberRange:
    """Ranges over a small space (so they overlap often), in two widths: ``0005`` and ``5`` differ."""
    width = draw(st.sampled_from((3, 4)))
    return NumberRange(f"{draw(st.integers(0, 60)):0{width}d}", draw(st.integers(1, 25)))


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(("a", "b")), small_ranges()), min_size=1, max_size=12))
def test_add_range_never_duplicates_and_accounts_for_every_number(additions):
    directory, ids = Directory(threading.RLock(), lambda: T0), Ids()
    listed: dict[str, set[str]] = {"a": set(), "b": set()}
    for tenant, span in additions:
        before = set(listed[tenant])
        created, existing = directory.add_range(tenant, span, ids)
        assert sorted([c.number for c in created] + [e.number for e in existing], key=span.index_of) == list(span)
        assert {c.number for c in created}.isdisjoint(before)
        assert {e.number for e in existing} <= before
        assert all(c.tenant == tenant for c in created + existing)
        listed[tenant] |= set(span)
        pairs = [(listing.tenant, listing.number) for listing in directory.listings(("a", "b"))]
        assert len(pairs) == len(set(pairs)) == len(directory) == len(directory.by_number)
    for tenant in ("a", "b"):
        assert {listing.number for listing in directory.listings((tenant,))} == listed[tenant]
