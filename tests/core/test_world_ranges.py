"""Ranges in the world: acquired whole from inventory blocks, split, moved and released as one record,
port-ins pending on the clock, newest-first listings; then a rule-based state machine over all of it.

Invariants of the machine: no number is held by two records; ``holder`` finds the record covering a
number; owned numbers and ranges are never offered; splitting keeps a tenant's numbers; paging a
tenant's records newest first returns each exactly once, in descending acquisition order.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
)

from emulator.core import (
    LOCAL,
    FailedPrecondition,
    InvalidArgument,
    NotAvailable,
    NotFound,
    NumberQuery,
    NumberRange,
    World,
    WorldConfig,
)
from emulator.core.inventory import FiniteInventory, Offer, describe
from emulator.core.world import ORDER_NEWEST_FIRST

T0 = 1_800_000_000.0
SEED = NumberRange.between("+61255501100", "+61255501199")  # an always-offered fictional AU block
IN_SEED = NumberQuery("AU", LOCAL, "+612555011")  # exactly the numbers of SEED
AROUND_SEED = NumberQuery("AU", LOCAL, "+61255501")  # the ten blocks +612555010xx .. +612555019xx


@pytest.fixture
def world() -> World:
    return World(WorldConfig(seed=3, frozen_clock_at=T0))


def with_id(record_id: str):
    """A ``configure`` callback giving the new record a provider id, as a surface does."""
    return lambda record, now: replace(record, id=record_id)


def snapshot(world: World) -> dict:
    """Everything an operation could change (records compare by identity: they are never mutated)."""
    return {
        "owned": dict(world.owned),
        "by_id": dict(world.by_id),
        "sequence": world.sequence,
        "by_tenant": {t: {k: list(keys) for k, keys in parts.items()} for t, parts in world.by_tenant.items()},
        "spans": {form: list(keys) for form, keys in world.spans.items()},
        "released": dict(world.released),
        "released_ids": dict(world.released_ids),
        "ageing": dict(world.ageing),
        "scheduled": world.scheduler.pending(),
    }


def index_sizes(world: World) -> tuple[int, int, int]:
    """(records, span index entries, newest-first index entries)."""
    spans = sum(len(keys) for keys in world.spans.values())
    newest = sum(len(parts.get("newest", ())) for parts in world.by_tenant.values())
    return len(world.owned), spans, newest


def newest_first_pages(world: World, tenant: str, limit: int, released: bool = False) -> list:
    records, after = [], None
    while True:
        page = world.list_owned(tenant, order=ORDER_NEWEST_FIRST, after=after, limit=limit, released=released)
        records.extend(page.items)
        if page.next_key is None:
            return records
        after = page.next_key


def free_valid_number(world: World, span: NumberRange) -> str:
    """A number of ``span`` that the inventory does not sell, neither alone nor in a range."""
    return next(n for n in span if world.inventory.offer(n) is None and not world.inventory.in_block(n))


# -- acquiring a range ---------------------------------------------------------------------------------
def test_acquire_range_of_an_offered_block_is_one_record_with_its_span(world):
    assert SEED in [span for span, _ in world.search_ranges(AROUND_SEED, 10)]
    record = world.acquire_range("a", SEED)
    assert (record.number, record.span, record.size, record.tenant) == (SEED.start, SEED, 100, "a")
    assert (record.region, record.number_type) == ("AU", LOCAL)
    assert record.acquired_at == T0 and record.activated_at == T0
    assert list(world.owned) == [SEED.start]
    assert all(world.holder(n) is record for n in SEED)
    assert world.holder("+61255501099") is None and world.holder("+61255501200") is None


def test_numbers_inside_an_owned_range_are_not_available(world):
    offered = [o.number for o in world.search(IN_SEED, 100)]
    assert offered and all(n in SEED for n in offered)
    world.acquire_range("a", SEED)
    assert world.search(IN_SEED, 100) == []
    assert SEED not in [span for span, _ in world.search_ranges(AROUND_SEED, 10)]
    for number in offered:
        with pytest.raises(NotAvailable):
            world.acquire("b", number)
        with pytest.raises(NotAvailable):
            world.available(number)
        assert world.holder(number).number == SEED.start
    with pytest.raises(NotAvailable):
        world.acquire_range("b", SEED)


def test_acquire_range_with_one_number_already_owned_changes_nothing(world):
    single = world.search(IN_SEED, 1)[0].number
    world.acquire("b", single)
    before = snapshot(world)
    with pytest.raises(NotAvailable):
        world.acquire_range("a", SEED)
    assert snapshot(world) == before
    assert SEED not in [span for span, _ in world.search_ranges(AROUND_SEED, 10)]


@pytest.mark.parametrize("span", [NumberRange(SEED.start, 50), NumberRange("+61255501150", 100), NumberRange(SEED.start, 1)])
def test_acquire_range_of_a_run_the_inventory_does_not_sell_as_a_block(world, span):
    before = snapshot(world)
    with pytest.raises(NotAvailable):
        world.acquire_range("a", span)
    assert snapshot(world) == before


# -- splitting -----------------------------------------------------------------------------------------
def test_split_range_keeps_the_first_numbers_and_makes_one_new_record(world):
    record = world.acquire_range("a", SEED, with_id("R1"))
    world.clock.advance(60)
    records, spans, newest = index_sizes(world)
    first, second = world.split_range("a", SEED.start, 20, with_id("R2"))
    assert first.span == NumberRange.between("+61255501100", "+61255501119") and first.size == 20
    assert second.span == NumberRange.between("+61255501120", "+61255501199") and second.size == 80
    assert (first.number, second.number) == ("+61255501100", "+61255501120")
    assert index_sizes(world) == (records + 1, spans + 1, newest + 1)
    assert (first.id, second.id) == ("R1", "R2") and world.owned_by_id("a", "R2") is second
    assert first.sequence == record.sequence and second.sequence == record.sequence + 1
    assert first.acquired_at == T0 and second.acquired_at == T0 + 60 == first.updated_at
    assert world.holder("+61255501119") is first and world.holder("+61255501120") is second
    assert all(world.holder(n).tenant == "a" for n in SEED)


def test_split_range_never_expands_a_range(world, monkeypatch):
    """Structural check that the cost does not depend on the size: splitting a range (and what the
    world does around it: tick, the indexes) never iterates any range's numbers."""
    world.acquire_range("a", SEED)

    def refuse(self):
        raise AssertionError(f"{self} was expanded")

    monkeypatch.setattr(NumberRange, "__iter__", refuse)
    for keep in (50, 25, 10, 5, 1):
        records, spans, newest = index_sizes(world)
        world.split_range("a", SEED.start, keep)
        # a part of one number is a single number again: it leaves the range index
        assert index_sizes(world) == (records + 1, spans + (1 if keep > 1 else 0), newest + 1)
    assert world.holder("+61255501101").span == NumberRange("+61255501101", 4)


def test_split_range_of_a_large_file_range_is_one_more_record(world, monkeypatch):
    """A range of ten thousand numbers that a file lists in full: the same single index change,
    and still no expansion."""
    big = NumberRange("+61255000000", 10_000)
    kind = describe(big.start, world.catalogue)
    world.inventory = FiniteInventory(
        Offer(n, kind.region, kind.number_type, kind.capabilities, kind.pricing, False) for n in big
    )
    world.acquire_range("a", big)
    records, spans, newest = index_sizes(world)
    monkeypatch.setattr(NumberRange, "__iter__", lambda self: pytest.fail(f"{self} was expanded"))
    first, second = world.split_range("a", big.start, 9_999)
    assert index_sizes(world) == (records + 1, spans, newest + 1)  # the last number is single again
    assert (first.size, second.size, second.number, second.span) == (9_999, 1, "+61255009999", None)
    assert world.holder("+61255009998") is first and world.holder("+61255009999") is second


@pytest.mark.parametrize("keep", [0, -1, 100, 101])
def test_split_range_refuses_invalid_sizes_and_changes_nothing(world, keep):
    world.acquire_range("a", SEED)
    before = snapshot(world)
    with pytest.raises(InvalidArgument) as raised:
        world.split_range("a", SEED.start, keep)
    assert raised.value.field == "size"
    assert snapshot(world) == before


def test_split_of_a_single_number_is_a_failed_precondition(world):
    single = world.search(IN_SEED, 1)[0].number
    world.acquire("a", single)
    before = snapshot(world)
    with pytest.raises(FailedPrecondition):
        world.split_range("a", single, 1)
    assert snapshot(world) == before


def test_split_range_by_another_tenant_or_not_at_the_start_is_not_found(world):
    world.acquire_range("a", SEED)
    before = snapshot(world)
    with pytest.raises(NotFound):
        world.split_range("b", SEED.start, 20)
    with pytest.raises(NotFound):
        world.split_range("a", SEED.number_at(1), 20)
    assert snapshot(world) == before


def test_a_configure_that_raises_leaves_the_range_whole(world):
    world.acquire_range("a", SEED)
    before = snapshot(world)

    def refuse(record, now):
        raise InvalidArgument("friendlyName", "no")

    with pytest.raises(InvalidArgument):
        world.split_range("a", SEED.start, 20, refuse)
    assert snapshot(world) == before


# -- moving --------------------------------------------------------------------------------------------
def test_move_of_a_range_moves_all_its_numbers(world):
    record = world.acquire_range("a", SEED, with_id("R1"))
    world.clock.advance(30)
    moved = world.move("a", SEED.start, "b")
    assert moved.tenant == "b" and moved.span == SEED
    assert (moved.sequence, moved.acquired_at, moved.id) == (record.sequence, record.acquired_at, "R1")
    assert moved.updated_at == T0 + 30
    assert all(world.holder(n).tenant == "b" for n in SEED)
    assert world.list_owned("a").items == [] and world.count("a") == 0
    assert [r.number for r in world.list_owned("b").items] == [SEED.start]
    assert newest_first_pages(world, "b", 10) == [moved] and newest_first_pages(world, "a", 10) == []
    assert world.search(IN_SEED, 100) == []
    with pytest.raises(NotFound):
        world.owned_by_id("a", "R1")
    assert world.owned_by_id("b", "R1") is moved


def test_move_applies_a_change_in_the_same_step_or_changes_nothing(world):
    record = world.acquire_range("a", SEED, with_id("R1"))
    before = snapshot(world)

    def refuse(moved, now):
        raise InvalidArgument("friendlyName", "no")

    with pytest.raises(InvalidArgument):
        world.move("a", SEED.start, "b", refuse)
    assert snapshot(world) == before
    moved = world.move("a", SEED.start, "b", lambda moved, now: replace(moved, display_name="moved"))
    assert (moved.tenant, moved.display_name, moved.id, moved.sequence) == ("b", "moved", "R1", record.sequence)
    assert world.holder(SEED.end) is moved and world.owned_by_id("b", "R1") is moved


def test_move_of_half_a_split_range_leaves_the_other_half(world):
    world.acquire_range("a", SEED)
    first, second = world.split_range("a", SEED.start, 40)
    world.move("a", second.number, "b")
    assert {world.holder(n).tenant for n in first.span} == {"a"}
    assert {world.holder(n).tenant for n in second.span} == {"b"}


# -- releasing -----------------------------------------------------------------------------------------
def test_release_keep_leaves_a_readable_record_and_frees_the_numbers(world):
    record = world.acquire_range("a", SEED, with_id("R1"))
    single = world.acquire("a", world.search(NumberQuery("AU", LOCAL, "+612555012"), 1)[0].number, with_id("S1"))
    world.clock.advance(120)
    released = world.release("a", SEED.start, keep=True)
    assert released.expire_at == T0 + 120 and released.span == SEED and released.sequence == record.sequence
    assert record.expire_at is None  # the handed-out record is a snapshot, not changed in place

    with pytest.raises(NotFound):
        world.owned_by_id("a", "R1")
    assert world.owned_by_id("a", "R1", released=True) == released
    with pytest.raises(NotFound):
        world.owned_by_id("b", "R1", released=True)
    assert newest_first_pages(world, "a", 1) == [single]
    listed = newest_first_pages(world, "a", 1, released=True)
    assert [r.sequence for r in listed] == [single.sequence, record.sequence]
    assert listed[1].expire_at == T0 + 120 and listed[1].span == SEED

    assert all(world.holder(n) is None for n in SEED)
    assert len(world.search(IN_SEED, 100)) > 0
    assert SEED in [span for span, _ in world.search_ranges(AROUND_SEED, 10)]
    again = world.acquire_range("b", SEED)
    assert again.sequence > single.sequence
    assert [r.sequence for r in newest_first_pages(world, "a", 10, released=True)] == [single.sequence, record.sequence]
    assert newest_first_pages(world, "b", 10, released=True) == [again]


def test_release_without_keep_leaves_nothing_to_read(world):
    world.acquire_range("a", SEED, with_id("R1"))
    released = world.release("a", SEED.start)
    assert released.expire_at == T0
    with pytest.raises(NotFound):
        world.owned_by_id("a", "R1", released=True)
    assert newest_first_pages(world, "a", 10, released=True) == []
    assert world.holder(SEED.number_at(42)) is None


def test_a_released_range_ages_before_it_is_offered_again():
    world = World(WorldConfig(seed=3, frozen_clock_at=T0, release_ageing_seconds=600))
    world.acquire_range("a", SEED)
    world.release("a", SEED.start)
    assert world.holder(SEED.start) is None
    assert world.search(IN_SEED, 100) == [] and SEED not in [s for s, _ in world.search_ranges(AROUND_SEED, 10)]
    with pytest.raises(NotAvailable):
        world.acquire_range("b", SEED)
    world.clock.advance(600)
    assert world.acquire_range("b", SEED).span == SEED


# -- port-ins ------------------------------------------------------------------------------------------
def test_port_in_is_pending_until_the_clock_passes_its_due_time(world):
    number = free_valid_number(world, NumberRange("+61298760000", 1000))
    record = world.port_in("a", number, completes_after=3600, configure=with_id("P1"))
    assert record.activated_at is None and record.acquired_at == T0
    assert world.holder(number) is record
    world.clock.advance(3599)
    assert world.owned_number("a", number).activated_at is None
    world.clock.advance(1 + 250)
    active = world.owned_number("a", number)
    assert active.activated_at == T0 + 3600 == active.updated_at
    assert active.sequence == record.sequence and world.owned_by_id("a", "P1") is active


def test_port_in_released_before_completion_never_activates_a_later_record(world):
    number = free_valid_number(world, NumberRange("+61298760000", 1000))
    world.port_in("a", number, completes_after=100)
    world.release("a", number)
    later = world.port_in("b", number, completes_after=1000)
    world.clock.advance(200)
    assert world.owned_number("b", number).activated_at is None
    world.clock.advance(800)
    assert world.owned_number("b", number).activated_at == T0 + 1000
    assert later.activated_at is None


def test_port_in_of_an_inventory_or_owned_number_is_not_available(world):
    offered = world.search(IN_SEED, 1)[0].number
    outside = NumberRange("+61298760000", 1000)
    ported = free_valid_number(world, outside)
    world.port_in("a", ported, completes_after=10)
    world.acquire_range("a", NumberRange("+61255503000", 100))
    inside_range = next(n for n in NumberRange("+61255503000", 100) if world.inventory.offer(n) is None)
    only_in_a_block = next(n for n in SEED if world.inventory.offer(n) is None)  # sold with its range only
    before = snapshot(world)
    for number in (offered, ported, inside_range, only_in_a_block, "+999", "not a number"):
        for tenant in ("a", "b"):
            with pytest.raises(NotAvailable):
                world.port_in(tenant, number, completes_after=10)
    assert snapshot(world) == before


# -- newest-first listing --------------------------------------------------------------------------
def test_newest_first_pages_return_every_record_once_while_records_come_and_go(world):
    blocks = [span for span, _ in world.search_ranges(NumberQuery("AU", LOCAL, "+6125550"), 12)]
    singles = [o.number for o in world.search(NumberQuery("AU", LOCAL, "+6125559"), 12)]
    for i in range(12):
        world.acquire_range("a", blocks[i])
        world.acquire("a", singles[i])
    initial = {r.sequence: r.number for r in newest_first_pages(world, "a", 100)}
    assert len(initial) == 24

    seen: list = []
    removed: set[int] = set()
    after = None
    extra = iter(world.search(NumberQuery("AU", LOCAL, "+6125558"), 50))
    for turn in range(100):
        page = world.list_owned("a", order=ORDER_NEWEST_FIRST, after=after, limit=3)
        seen.extend(page.items)
        # between pages: release one record not yet seen and one already seen, acquire one, split one
        unseen = [r for r in world.owned.values() if r.tenant == "a" and r.sequence < (seen[-1].sequence if seen else 10**9)]
        if unseen:
            victim = min(unseen, key=lambda r: r.sequence)
            removed.add(victim.sequence)
            world.release("a", victim.number, keep=turn % 2 == 0)
        if seen[:-3]:
            gone = seen[0]
            if gone.number in world.owned and world.owned[gone.number].sequence == gone.sequence:
                world.release("a", gone.number)
        world.acquire("a", next(extra).number)
        splittable = [r for r in world.owned.values() if r.tenant == "a" and r.size > 1]
        if splittable:
            world.split_range("a", splittable[0].number, 1)
        if page.next_key is None:
            break
        after = page.next_key
    sequences = [r.sequence for r in seen]
    assert sequences == sorted(set(sequences), reverse=True), "a record was listed twice or out of order"
    assert set(sequences) <= set(initial), "a record acquired after the first page was listed"
    assert set(initial) - removed <= set(sequences), "a record present throughout was skipped"


def test_newest_first_with_released_records_pages_through_both(world):
    blocks = [span for span, _ in world.search_ranges(NumberQuery("AU", LOCAL, "+6125550"), 10)]
    records = [world.acquire_range("a", span) for span in blocks]
    for record in records[::3]:
        world.release("a", record.number, keep=True)
    listed = newest_first_pages(world, "a", 2, released=True)
    assert [r.sequence for r in listed] == [r.sequence for r in reversed(records)]
    assert [r.expire_at is not None for r in listed] == [i % 3 == 0 for i in reversed(range(10))]
    page = world.list_owned("a", order=ORDER_NEWEST_FIRST, limit=2, released=True)
    assert page.total == 10
    assert world.list_owned("a", order=ORDER_NEWEST_FIRST, limit=2).total == 6


# -- the state machine ---------------------------------------------------------------------------------
TENANTS = ("enfonica/a", "enfonica/b")
SINGLES = NumberQuery("AU", LOCAL, "+61255501")  # the numbers of ten always-offered blocks
BLOCKS = tuple(NumberRange(f"+61255501{i}00", 100) for i in range(10))


class RangeWorldMachine(RuleBasedStateMachine):
    """Singles and ranges from the same ten hundred-blocks, so acquisitions collide often."""

    numbers = Bundle("numbers")

    def __init__(self) -> None:
        super().__init__()
        self.world = World(WorldConfig(seed=3, frozen_clock_at=T0))
        self.model: dict[str, tuple[str, NumberRange]] = {}  # record's number -> (tenant, its numbers)
        self.kept: dict[str, set[int]] = {t: set() for t in TENANTS}  # sequences of kept released records

    def covered(self) -> dict[str, str]:
        """number -> the record's number, for every number the model holds."""
        return {n: start for start, (_, span) in self.model.items() for n in span}

    def held_by(self, tenant: str) -> set[str]:
        return {n for _, (t, span) in self.model.items() if t == tenant for n in span}

    @rule(target=numbers, limit=st.integers(1, 8))
    def search(self, limit):
        found = [o.number for o in self.world.search(SINGLES, limit)]
        assert len(found) <= limit
        covered = self.covered()
        assert not [n for n in found if n in covered], "an owned number was offered"
        return multiple(*found)

    @rule(tenant=st.sampled_from(TENANTS), number=numbers)
    def acquire(self, tenant, number):
        try:
            record = self.world.acquire(tenant, number)
        except NotAvailable:
            assert number in self.covered() or self.world.inventory.offer(number) is None
            return
        assert number not in self.covered(), f"{number} was acquired while held"
        assert record.span is None
        self.model[number] = (tenant, NumberRange(number, 1))

    @rule(target=numbers, tenant=st.sampled_from(TENANTS), data=st.data())
    def acquire_range(self, tenant, data):
        offered = self.world.search_ranges(SINGLES, 10)
        covered = self.covered()
        for span, _ in offered:
            assert span in BLOCKS and not any(n in covered for n in span), f"{span} is offered but held"
        if not offered:
            return multiple()
        span = data.draw(st.sampled_from([s for s, _ in offered]))
        record = self.world.acquire_range(tenant, span)
        assert (record.number, record.span) == (span.start, span)
        self.model[span.start] = (tenant, span)
        return multiple(span.start, span.number_at(37), span.end)  # to try acquiring singly

    @rule(tenant=st.sampled_from(TENANTS), block=st.sampled_from(BLOCKS))
    def acquire_range_of_a_block(self, tenant, block):
        free = not any(n in self.covered() for n in block)
        before = snapshot(self.world)
        try:
            self.world.acquire_range(tenant, block)
        except NotAvailable:
            assert not free, f"{block} is free but could not be acquired"
            assert snapshot(self.world) == before
            return
        assert free, f"{block} was acquired while partly held"
        self.model[block.start] = (tenant, block)

    def ranges(self) -> list[str]:
        return sorted(start for start, (_, span) in self.model.items() if span.size > 1)

    @precondition(lambda self: self.ranges())
    @rule(data=st.data())
    def split_range(self, data):
        start = data.draw(st.sampled_from(self.ranges()))
        tenant, span = self.model[start]
        keep = data.draw(st.integers(1, span.size - 1))
        held = self.held_by(tenant)
        records, spans, newest = index_sizes(self.world)
        first, second = self.world.split_range(tenant, start, keep)
        ranges_made = (first.span is not None) + (second.span is not None)  # parts of one are single
        assert index_sizes(self.world) == (records + 1, spans - 1 + ranges_made, newest + 1)
        first_span = first.span or NumberRange(first.number, 1)
        second_span = second.span or NumberRange(second.number, 1)
        assert list(first_span) + list(second_span) == list(span)
        self.model[start] = (tenant, first_span)
        self.model[second.number] = (tenant, second_span)
        assert self.held_by(tenant) == held, "a split changed the tenant's numbers"
        assert {n for r in self.world.owned.values() if r.tenant == tenant for n in (r.span or (r.number,))} == held

    @precondition(lambda self: self.ranges())
    @rule(data=st.data(), keep=st.sampled_from(("zero", "all", "more")))
    def split_range_badly(self, data, keep):
        start = data.draw(st.sampled_from(self.ranges()))
        tenant, span = self.model[start]
        before = snapshot(self.world)
        with pytest.raises(InvalidArgument) as raised:
            self.world.split_range(tenant, start, {"zero": 0, "all": span.size, "more": span.size + 1}[keep])
        assert raised.value.field == "size"
        assert snapshot(self.world) == before

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def move(self, data):
        start = data.draw(st.sampled_from(sorted(self.model)))
        tenant, span = self.model[start]
        to = next(t for t in TENANTS if t != tenant)
        record = self.world.owned[start]
        moved = self.world.move(tenant, start, to)
        assert (moved.sequence, moved.acquired_at, moved.span) == (record.sequence, record.acquired_at, record.span)
        self.model[start] = (to, span)
        for n in (span.start, span.end):
            assert self.world.holder(n).tenant == to

    @precondition(lambda self: self.model)
    @rule(data=st.data(), keep=st.booleans())
    def release(self, data, keep):
        start = data.draw(st.sampled_from(sorted(self.model)))
        tenant, span = self.model.pop(start)
        sequence = self.world.owned[start].sequence
        released = self.world.release(tenant, start, keep=keep)
        assert released.expire_at is not None and (released.span or NumberRange(start, 1)) == span
        if keep:
            self.kept[tenant].add(sequence)
        for n in (span.start, span.end):
            assert self.world.holder(n) is None

    @rule(seconds=st.sampled_from((0.5, 60.0)))
    def advance(self, seconds):
        self.world.clock.advance(seconds)

    # invariants -------------------------------------------------------------------------------------
    @invariant()
    def world_matches_model(self):
        owned = {n: (r.tenant, r.span or NumberRange(n, 1)) for n, r in self.world.owned.items()}
        assert owned == self.model

    @invariant()
    def no_number_is_held_by_two_records(self):
        numbers = [n for r in self.world.owned.values() for n in (r.span or (r.number,))]
        assert sum(r.size for r in self.world.owned.values()) == len(numbers) == len(set(numbers))

    @invariant()
    def holder_is_the_covering_record(self):
        for start, record in self.world.owned.items():
            span = record.span or NumberRange(start, 1)
            for n in {span.start, span.number_at(span.size // 2), span.end}:
                assert self.world.holder(n) is record, f"holder({n}) is not the record {start}"
            for outside in (span.number_at(-1), span.number_at(span.size)):
                holder = self.world.holder(outside)
                assert holder is None or holder is not record

    @invariant()
    def owned_numbers_are_never_offered(self):
        covered = self.covered()
        assert not [o.number for o in self.world.search(SINGLES, 30) if o.number in covered]
        for span, _ in self.world.search_ranges(SINGLES, 10):
            assert not any(n in covered for n in span), f"{span} is offered but held"

    @invariant()
    def newest_first_pages_list_each_record_once(self):
        for tenant in TENANTS:
            listed = newest_first_pages(self.world, tenant, 2)
            sequences = [r.sequence for r in listed]
            assert sequences == sorted(set(sequences), reverse=True)
            assert {r.number for r in listed} == {s for s, (t, _) in self.model.items() if t == tenant}
            with_released = [r.sequence for r in newest_first_pages(self.world, tenant, 3, released=True)]
            assert with_released == sorted(set(sequences) | self.kept[tenant], reverse=True)


TestRangeWorldMachine = RangeWorldMachine.TestCase
TestRangeWorldMachine.settings = settings(max_examples=40, stateful_step_count=20, deadline=None)
