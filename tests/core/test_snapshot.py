"""Snapshots of a world: a round trip restores exactly the same world, and a world read from a
snapshot behaves exactly as the original from then on (the same ids, the same transitions firing
at the same instants). A snapshot that does not read is refused naming where, changing nothing.

The property: a random run of operations on world A (acquisitions of numbers and ranges, port-ins,
provisioning, releases kept or not, moves, splits, purchases, listings, tokens, clock moves);
at a random step A is written and read into a fresh world B; the rest of the run is applied to
both, and at the end their snapshots (and every outcome on the way) are equal.
"""
from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from emulator.core import LOCAL, CoreError, NumberQuery, NumberRange, World, WorldConfig
from emulator.core.codec import SnapshotError
from emulator.core.inventory import FiniteInventory, describe
from emulator.core.provisioning import ProvisioningPolicy
from emulator.core.snapshot import export_world, import_world
from emulator.core.world import ORDER_NEWEST_FIRST

T0 = 1_800_000_000.0
CONFIG = WorldConfig(seed=3, frozen_clock_at=T0, release_ageing_seconds=30.0)
BLOCK = NumberRange.between("+61255501100", "+61255501199")  # an always-offered fictional AU block
TENANTS = ("a/1", "a/2")
POLICY = ProvisioningPolicy(1.0, 2.0, lambda number, channel, requested: ("X",) if requested.get("fail") else ())


def comparable(world: World) -> dict:
    """A world's snapshot through JSON, without the wall-clock reading it carries."""
    data = json.loads(json.dumps(export_world(world)))
    data["clock"].pop("wall")
    return data


def copied(world: World) -> World:
    other = World(CONFIG)
    other.purchases.complete_with("buy", _buy(other))
    import_world(other, json.loads(json.dumps(export_world(world))))
    return other


def _buy(world: World) -> Callable:
    def buy(purchase, now, args):
        record = world.acquire(args["holder"], purchase.phone_number, lambda r, _: replace(r, id=world.ids.hex(8)))
        return {"id": record.id}

    return buy


def fresh() -> World:
    world = World(CONFIG)
    world.purchases.complete_with("buy", _buy(world))
    return world


# -- the operations of a run: each takes the world and returns a comparable outcome -------------------
def op_acquire(index: int, tenant: str) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        offers = world.search(NumberQuery("US", LOCAL), index + 1)
        configure = lambda r, now: replace(r, id=world.ids.hex(8))  # noqa: E731
        return world.acquire(tenant, offers[index].number, configure).id if len(offers) > index else None

    return run


def op_acquire_block(tenant: str) -> Callable[[World], Any]:
    return lambda world: world.acquire_range(tenant, BLOCK).number


def _portable(world: World) -> str:
    """A valid US number the seeded inventory does not sell (one that can only be ported in)."""
    return next(n for n in (f"+1202555{i:04d}" for i in range(100, 10_000))
                if describe(n, world.catalogue) and world.inventory.offer(n) is None and not world.inventory.in_block(n))


def op_port_in(tenant: str, seconds: float) -> Callable[[World], Any]:
    return lambda world: world.port_in(tenant, _portable(world), seconds).sequence


def op_provision(index: int, fail: bool) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        owned = sorted(world.owned)
        if not owned:
            return None
        record = world.owned[owned[index % len(owned)]]
        requested = {"service": "s", **({"fail": "yes"} if fail else {})}
        return world.update(record.tenant, record.number,
                            lambda r, now: world.provision(r, "sms", requested, POLICY, now)).number

    return run


def op_release(index: int, keep: bool) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        owned = sorted(world.owned)
        if not owned:
            return None
        record = world.owned[owned[index % len(owned)]]
        return world.release(record.tenant, record.number, keep=keep).expire_at

    return run


def op_move(index: int) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        owned = sorted(world.owned)
        if not owned:
            return None
        record = world.owned[owned[index % len(owned)]]
        to = TENANTS[1] if record.tenant == TENANTS[0] else TENANTS[0]
        return world.move(record.tenant, record.number, to).tenant

    return run


def op_split(at: int) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        spans = sorted(n for n, r in world.owned.items() if r.span is not None and r.span.size > 1)
        if not spans:
            return None
        record = world.owned[spans[0]]
        return [r.number for r in world.split_range(record.tenant, record.number, 1 + at % (record.span.size - 1))]

    return run


def op_purchase(index: int, tenant: str) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        offers = world.search(NumberQuery("US", LOCAL), index + 1)
        if len(offers) <= index:
            return None
        return world.purchases.create(
            tenant, lambda: world.ids.hex(12), "buy", {"holder": tenant}, phone_number=offers[index].number,
            country_code="US", number_type=LOCAL, friendly_name="x", charged_credits=1.0, provider="P",
            pending_seconds=1.0, processing_seconds=2.0).id

    return run


def op_token(tenant: str) -> Callable[[World], Any]:
    return lambda world: world.tokens.issue(tenant, 60)


def op_list(tenant: str) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        page = world.list_owned(tenant, order=ORDER_NEWEST_FIRST, limit=50, released=True)
        return [(r.number, r.activated_at, r.expire_at, {k: c.pending and c.pending.status for k, c in (r.channels or {}).items()})
                for r in page.items]

    return run


def op_advance(seconds: float) -> Callable[[World], Any]:
    def run(world: World) -> Any:
        world.clock.advance(seconds)
        return world.tick()

    return run


tenants = st.sampled_from(TENANTS)
operations = st.one_of(
    st.builds(op_acquire, st.integers(0, 4), tenants),
    st.builds(op_acquire_block, tenants),
    st.builds(op_port_in, tenants, st.sampled_from([0.5, 5.0])),
    st.builds(op_provision, st.integers(0, 9), st.booleans()),
    st.builds(op_release, st.integers(0, 9), st.booleans()),
    st.builds(op_move, st.integers(0, 9)),
    st.builds(op_split, st.integers(0, 98)),
    st.builds(op_purchase, st.integers(0, 4), tenants),
    st.builds(op_token, tenants),
    st.builds(op_list, tenants),
    st.builds(op_advance, st.sampled_from([0.5, 1.0, 2.0, 30.0])),
)


def outcome(world: World, operation: Callable[[World], Any]) -> Any:
    try:
        return ("ok", operation(world))
    except CoreError as error:
        return ("refused", type(error).__name__, str(error))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(before=st.lists(operations, max_size=12), after=st.lists(operations, max_size=8))
def test_a_world_read_from_its_snapshot_is_the_same_world_from_then_on(before, after):
    original = fresh()
    for operation in before:
        outcome(original, operation)
    restored = copied(original)
    assert comparable(restored) == comparable(original)  # the round trip is exact
    for operation in after:
        assert outcome(restored, operation) == outcome(original, operation)
    assert comparable(restored) == comparable(original)


def test_pending_transitions_survive_the_round_trip_and_fire_at_their_instant():
    world = fresh()
    number = world.search(NumberQuery("US", LOCAL), 1)[0].number
    world.acquire("a/1", number, lambda r, now: world.provision(r, "sms", {"service": "s"}, POLICY, now))
    ported = world.port_in("a/2", _portable(world), 10.0).number
    restored = copied(world)
    assert restored.scheduler.pending() == world.scheduler.pending() == 3
    restored.clock.advance(3)
    restored.tick()
    assert restored.owned[number].channels["sms"].applied == {"service": "s"}
    assert restored.owned[ported].activated_at is None
    restored.clock.advance(7)
    restored.tick()
    assert restored.owned[ported].activated_at == T0 + 10


def test_a_finite_inventory_is_part_of_the_snapshot():
    world = fresh()
    offers = [describe(n, world.catalogue) for n in ("+12025550143", "+12025550144")]
    world.use_inventory(FiniteInventory(offers))
    world.acquire("a/1", "+12025550143")
    restored = copied(world)
    assert [o.number for o in restored.search(NumberQuery("US", LOCAL), 10)] == ["+12025550144"]


def test_a_running_clock_keeps_its_lead_over_real_time():
    world = World(WorldConfig(seed=3, release_ageing_seconds=30.0))
    world.clock.advance(3600)  # an hour ahead of real time
    other = World(WorldConfig(seed=3, release_ageing_seconds=30.0))
    import_world(other, export_world(world))
    assert not other.clock.frozen
    assert abs(other.clock.now() - world.clock.now()) < 5  # both about an hour ahead of real time


BAD = [
    (lambda d: d.update(format="other"), "$.format"),
    (lambda d: d.update(version=2), "$.version"),
    (lambda d: d["config"].update(seed=4), "$.config.seed"),
    (lambda d: d.update(ids=-1), "$.ids"),
    (lambda d: d["clock"].update(frozen="yes"), "$.clock.frozen"),
    (lambda d: d["world"].update(sequence="3"), "$.world.sequence"),
    (lambda d: next(iter(d["world"]["owned"].values())).update(number=5), "$.world.owned"),
    (lambda d: next(iter(d["world"]["owned"].values())).update(colour="red"), "$.world.owned"),
    (lambda d: next(iter(d["world"]["owned"].values())).update({"$": "os.system"}), "$.world.owned"),
    (lambda d: d["world"]["owned"].update({"+1": next(iter(d["world"]["owned"].values()))}), "$.world.owned.+1"),
    (lambda d: d["scheduled"].append({"$tuple": [1.0, "rm -rf", {"$tuple": []}]}), "$.scheduled[2]"),  # after the two provisioning steps
    (lambda d: d["stores"].pop("purchases"), "$.stores.purchases"),
    (lambda d: d["stores"]["purchases"].update(sequence=None), "$.stores.purchases.sequence"),
]


@pytest.mark.parametrize("corrupt, path", BAD)
def test_a_snapshot_that_does_not_read_is_refused_naming_where_and_changes_nothing(corrupt, path):
    source = fresh()
    number = source.search(NumberQuery("US", LOCAL), 1)[0].number
    source.acquire("a/1", number, lambda r, now: source.provision(r, "sms", {"service": "s"}, POLICY, now))
    data = json.loads(json.dumps(export_world(source)))
    corrupt(data)
    target = fresh()
    target.acquire("a/2", target.search(NumberQuery("US", LOCAL), 3)[2].number)
    before = comparable(target)
    with pytest.raises(SnapshotError) as refused:
        import_world(target, data)
    assert refused.value.path.startswith(path), refused.value
    assert comparable(target) == before


def test_a_shared_record_is_not_taken_for_an_equal_value_of_another_type():
    """Identical prices are read once and shared; a price whose month count is 1.0 (equal to 1, but
    not an int) must still be refused, not served from what the valid one left."""
    source = fresh()
    source.acquire("a/1", source.search(NumberQuery("US", LOCAL), 1)[0].number)
    data = json.loads(json.dumps(export_world(source)))
    import_world(fresh(), data)  # the valid price is now shared
    next(iter(data["world"]["owned"].values()))["pricing"]["interval_months"] = 1.0
    with pytest.raises(SnapshotError) as refused:
        import_world(fresh(), data)
    assert refused.value.path.endswith(".pricing.interval_months"), refused.value
