"""Snapshots: a whole world written as JSON data and read back exactly.

What a snapshot holds: the world's configuration that defines the inventory (seed, density,
currency), the inventory itself when it is finite, the clock, the id counter, every owned and kept
released record, ageing numbers, the pending scheduled transitions (provisioning steps, port-ins,
ageing, purchases on their way), issued tokens, and the tenants' listings, purchases, configurations
and channels. Indexes (by id, by tenant, range starts) and search caches are rebuilt, not stored.

Reading is all or nothing: the snapshot is decoded and checked, and the new state is built apart
from the live world; only then does it replace the live world's state, in one step under its lock.
The control API's fault rules and request journal are the test harness's, not the world's: a
snapshot leaves them alone.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Any, Mapping

from .catalogue import Pricing
from .channels import DeploymentChannel
from .codec import SnapshotError, decode, decode_state, encode, export_state, persisted_types
from .configurations import PhoneConfiguration
from .directory import Listing
from .inventory import FiniteInventory, Offer, VirtualInventory
from .provisioning import Channel, PendingSetting
from .purchases import Purchase
from .ranges import NumberRange
from .tokens import Grant
from .world import OwnedNumber, World

FORMAT = "numbers-emulator/snapshot"
VERSION = 1

persisted_types(OwnedNumber, Pricing, NumberRange, Channel, PendingSetting, Offer, Purchase, PhoneConfiguration,
                DeploymentChannel, Listing, Grant)

#: The world's own primary state (the rest of what ``World.reset`` declares is derived from it).
WORLD_STATE: Mapping[str, Any] = {
    "owned": dict[str, OwnedNumber], "released": dict[int, OwnedNumber], "ageing": dict[str, float],
    "sequence": int, "releases": int, "provisioning_requests": int,
}
#: The world's stores, each with its own ``STATE``.
STORES = ("tokens", "directory", "purchases", "configurations", "channels")
#: What must match between a snapshot and the world reading it: it defines the virtual inventory
#: and every derived attribute of numbers (prices, capabilities, places).
DEFINING = ("seed", "density", "currency")
#: What ``World.reset`` declares and an import replaces.
_REPLACED = ("inventory", "owned", "by_id", "ageing", "by_tenant", "sequence", "spans", "released", "released_ids",
             "search_cache", "taken_prefix", "releases", "provisioning_requests")


def export_world(world: World) -> dict[str, Any]:
    """The world as JSON-compatible data (``json.dumps`` it as it is)."""
    with world._lock:
        now = world.tick()
        inventory = world.inventory
        return {
            "format": FORMAT,
            "version": VERSION,
            "config": {name: getattr(world.config, name) for name in DEFINING},
            "clock": {"now": now, "frozen": world.clock.frozen, "wall": time.time()},
            "ids": world.ids.state,
            "inventory": encode(inventory.offers()) if isinstance(inventory, FiniteInventory) else None,
            "world": export_state(world, WORLD_STATE),
            "scheduled": encode(world.scheduler.pending_items()),
            "stores": {name: export_state(getattr(world, name), type(getattr(world, name)).STATE) for name in STORES},
        }


def import_world(world: World, data: Any) -> dict[str, int]:
    """Replace the world's state by the snapshot ``data`` (as ``export_world`` made it); returns
    counts of what it holds. Raises SnapshotError (naming where) and changes nothing on bad data."""
    header = _header(data)
    _check_config(world, header["config"])
    offers = decode(header["inventory"], "$.inventory")
    if offers is not None and not (type(offers) is list and all(type(o) is Offer for o in offers)):
        raise SnapshotError("$.inventory", "must be null (the seeded inventory) or a list of Offer records")
    own = decode_state(header["world"], WORLD_STATE, "$.world")
    stores = header["stores"]
    if type(stores) is not dict:
        raise SnapshotError("$.stores", "must be an object")
    store_states = {name: decode_state(stores.get(name), type(getattr(world, name)).STATE, f"$.stores.{name}")
                    for name in STORES}
    scheduled = _scheduled(world, decode(header["scheduled"], "$.scheduled"))
    clock = _clock(header["clock"])
    ids = header["ids"]
    if type(ids) is not int or ids < 0:
        raise SnapshotError("$.ids", "must be a count (a non-negative integer)")

    with world._lock:
        staged = _staged(world, own, offers)
        for name in _REPLACED:
            setattr(world, name, getattr(staged, name))
        for name, state in store_states.items():
            store = getattr(world, name)
            for attribute, value in state.items():
                setattr(store, attribute, value)
        world.scheduler.restore(scheduled)
        world.ids.state = ids
        now, frozen, wall = clock
        if frozen:
            world.clock.freeze(now)
        else:
            world.clock.unfreeze()
            world.clock.set(time.time() + (now - wall))  # the same lead over real time as when written
        return {"numbers": len(world.owned), "released": len(world.released), "scheduled": len(scheduled),
                "purchases": len(world.purchases.by_id), "configurations": len(world.configurations.by_id),
                "listings": len(world.directory.by_id)}


def _header(data: Any) -> dict[str, Any]:
    if type(data) is not dict:
        raise SnapshotError("$", "a snapshot is a JSON object")
    if data.get("format") != FORMAT:
        raise SnapshotError("$.format", f"must be {FORMAT!r} (a snapshot this emulator wrote)")
    if data.get("version") != VERSION:
        raise SnapshotError("$.version", f"this emulator reads version {VERSION} snapshots")
    for part in ("config", "clock", "ids", "inventory", "world", "scheduled", "stores"):
        if part not in data:
            raise SnapshotError(f"$.{part}", "is required")
    return data


def _check_config(world: World, config: Any) -> None:
    if type(config) is not dict:
        raise SnapshotError("$.config", "must be an object")
    for name in DEFINING:
        ours = getattr(world.config, name)
        if config.get(name) != ours:
            raise SnapshotError(f"$.config.{name}", f"the snapshot was written with {name} {config.get(name)!r}, this "
                                                    f"emulator runs with {ours!r}: start it with --{name} "
                                                    f"{config.get(name)} to read it")


def _scheduled(world: World, items: Any) -> list[tuple[float, str, tuple[Any, ...]]]:
    known = world.scheduler.kinds()
    if type(items) is not list:
        raise SnapshotError("$.scheduled", "must be a list of [due, kind, args]")
    out = []
    for i, item in enumerate(items):
        if type(item) is not tuple or len(item) != 3 or type(item[0]) not in (int, float) or type(item[2]) is not tuple:
            raise SnapshotError(f"$.scheduled[{i}]", "must be a (due, kind, args) triple")
        if item[1] not in known:
            raise SnapshotError(f"$.scheduled[{i}]", f"{item[1]!r} is not a kind of transition of this emulator")
        out.append((float(item[0]), item[1], item[2]))
    return out


def _clock(clock: Any) -> tuple[float, bool, float]:
    if type(clock) is not dict:
        raise SnapshotError("$.clock", "must be an object")
    values = []
    for name, kinds in (("now", (int, float)), ("frozen", (bool,)), ("wall", (int, float))):
        if type(clock.get(name)) not in kinds:
            raise SnapshotError(f"$.clock.{name}", f"must be a {'boolean' if kinds == (bool,) else 'number'}")
        values.append(clock[name])
    return float(values[0]), values[1], float(values[2])


def _staged(world: World, own: Mapping[str, Any], offers: list[Offer] | None) -> World:
    """A world apart holding the snapshot's records with their indexes rebuilt (the live world is
    untouched if a record turns out not to fit)."""
    staged = World(replace(world.config, inventory_file=None))
    try:
        staged.inventory = FiniteInventory(offers) if offers is not None else VirtualInventory(
            world.plan, world.catalogue, world.config.seed, world.config.density)
        for number, record in own["owned"].items():
            if record.number != number:
                raise SnapshotError(f"$.world.owned.{number}", f"holds the record of {record.number}")
            staged._store(record)
        for sequence, record in own["released"].items():  # in the order they were released
            if record.sequence != sequence:
                raise SnapshotError(f"$.world.released.{sequence}", f"holds the record of sequence {record.sequence}")
            staged._keep_released(record)
        staged.ageing = dict(own["ageing"])
        for name in ("sequence", "releases", "provisioning_requests"):
            setattr(staged, name, own[name])
    except SnapshotError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:  # a number that is no number...
        raise SnapshotError("$.world", f"the records do not fit together: {error}") from None
    return staged
