"""World.search remembers how many offers at the front of a query's order are taken, so bulk takes
(rentAny after rentAny) don't make every later search re-check them; it must never hide a number
given back."""
from __future__ import annotations

from itertools import islice

from hypothesis import given, settings
from hypothesis import strategies as st

from emulator.core import NumberQuery, World, WorldConfig
from emulator.core.inventory import FiniteInventory, describe

NUMBERS = [f"+6125600{i:04d}" for i in range(40)]
QUERY = NumberQuery("AU", "LOCAL")


def small_world(ageing: float = 0.0) -> World:
    world = World(WorldConfig(frozen_clock_at=1_800_000_000.0, release_ageing_seconds=ageing))
    world.inventory = FiniteInventory(describe(n, world.catalogue) for n in NUMBERS)
    return world


def brute_force(world: World, limit: int) -> list[str]:
    return [n for n in NUMBERS if n not in world.owned and n not in world.ageing][:limit]


STEPS = st.lists(st.tuples(st.sampled_from(["take_any", "take", "release", "wait"]), st.integers(0, 39),
                           st.integers(1, 12)), max_size=40)


@settings(max_examples=150, deadline=None)
@given(steps=STEPS, ageing=st.sampled_from([0.0, 30.0]))
def test_search_always_answers_the_first_free_offers(steps, ageing):
    world = small_world(ageing)
    for action, index, limit in steps:
        if action == "take_any" and brute_force(world, 1):
            world.acquire_any("t", QUERY)
        elif action == "take" and NUMBERS[index] in brute_force(world, 40):
            world.acquire("t", NUMBERS[index])
        elif action == "release" and world.owned:
            owned = sorted(world.owned)
            world.release("t", owned[index % len(owned)])
        elif action == "wait":
            world.clock.advance(20)
        assert [o.number for o in world.search(QUERY, limit)] == brute_force(world, limit)


def test_bulk_takes_from_the_front_are_not_rechecked(monkeypatch):
    world = small_world()
    for _ in range(30):
        world.acquire_any("t", QUERY)
    checked: list[str] = []
    taken = world._taken
    monkeypatch.setattr(world, "_taken", lambda number: checked.append(number) or taken(number))
    world.search(QUERY, 5)
    checked.clear()
    assert [o.number for o in world.search(QUERY, 5)] == NUMBERS[30:35]
    assert checked == NUMBERS[30:35]  # the 30 taken ones at the front were not looked at again


FICTION = NumberQuery("AU", "LOCAL", "+6125550")  # its blocks: the always-offered +6125550xx00-99


def free_blocks(world: World, limit: int) -> list:
    free = (span for span, _ in world.inventory.block_candidates(FICTION) if not any(world.holder(n) for n in span))
    return list(islice(free, limit))


@settings(max_examples=30, deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["take_first", "take_one", "release"]), st.integers(0, 10**6),
                                st.integers(1, 6)), max_size=15))
def test_search_ranges_always_answers_the_first_free_blocks(steps):
    world = World(WorldConfig(frozen_clock_at=1_800_000_000.0))
    for action, pick, limit in steps:
        if action == "take_first" and free_blocks(world, 1):
            world.acquire_range("t", free_blocks(world, 1)[0])
        elif action == "take_one":
            span = free_blocks(world, 3)[pick % 3] if len(free_blocks(world, 3)) == 3 else None
            single = next((n for n in span or () if world.inventory.offer(n)), None)
            if single:
                world.acquire("t", single)  # one number of a block makes the whole block unavailable
        elif action == "release" and world.owned:
            owned = sorted(world.owned)
            world.release("t", owned[pick % len(owned)])
        assert [span for span, _ in world.search_ranges(FICTION, limit)] == free_blocks(world, limit)
