"""The world: every piece of mutable state of one emulator instance, and the operations on it.

Conventions (as LocalStack's stores):
- all state is declared in ``World.__init__``, with a comment per field, and ``reset`` restores it;
- every public operation takes the lock, first applies the transitions whose time has come, then
  checks and changes state; a check that fails raises before anything changed (no half-applied work);
- records in the world are replaced, never mutated in place (an ``update`` callback gets a copy to
  change), so the records handed out are read-only snapshots: a caller can render one outside the
  lock without seeing a torn state, and a surface may cache a record's rendering by its identity.
"""
from __future__ import annotations

import copy
import heapq
import threading
from dataclasses import dataclass, replace
from itertools import islice
from typing import Any, Callable, Iterable, Iterator, Mapping

from . import provisioning
from .catalogue import Catalogue, Pricing
from .channels import Channels
from .clock import VirtualClock, add_months
from .configurations import Configurations
from .directory import Directory
from .events import NUMBER_ACQUIRED, NUMBER_RELEASED, PROVISIONING_STEP, Events, WorldEvent
from .errors import (
    FailedPrecondition,
    InvalidArgument,
    NoneAvailable,
    NotAvailable,
    NotFound,
)
from .geography import Geography, Place
from .ids import IdGenerator
from .inventory import (
    FiniteInventory,
    Inventory,
    NumberQuery,
    Offer,
    VirtualInventory,
    describe,
)
from .numbering import NumberingPlan
from .provisioning import Channel, ProvisioningPolicy
from .purchases import Purchases
from .ranges import NumberRange, form_of
from .scheduler import Scheduler
from .sortedkeys import SortedKeys
from .tokens import TokenStore


@dataclass(slots=True, eq=False)
class OwnedNumber:
    """A number a tenant holds. Provider-neutral; providers choose which fields to show."""

    number: str
    tenant: str
    region: str
    number_type: str
    capabilities: tuple[str, ...]
    pricing: Pricing
    acquired_at: float
    next_charge_at: float
    expire_at: float | None = None
    display_name: str = ""
    callback_url: str = ""
    channels: Mapping[str, Channel] | None = None  # e.g. "sms", "voice"; replaced, never mutated
    id: str = ""  # the provider's own id for it (a Twilio PN sid, a uuid), set by its surface
    updated_at: float = 0.0
    settings: Mapping[str, Any] | None = None  # provider-specific settings; replaced, never mutated
    span: NumberRange | None = None  # set when the record holds a range (``number`` is its start)
    sequence: int = 0  # acquisition order in the world (newest-first listings)
    activated_at: float | None = None  # None while pending (a port-in the clock has not completed)
    suspended: bool = False

    @property
    def size(self) -> int:
        return self.span.size if self.span else 1


@dataclass(frozen=True)
class WorldConfig:
    seed: int = 1
    density: float = 0.5  # share of the plan's valid numbers that are available
    inventory_file: str | None = None  # finite mode: only these numbers exist
    release_ageing_seconds: float = 0.0  # a released number comes back to the inventory after this
    currency: str = "USD"
    frozen_clock_at: float | None = None


@dataclass
class Page:
    items: list[OwnedNumber]
    next_key: str | None
    total: int


ORDER_BY_NUMBER = "number"
ORDER_BY_DISPLAY_NAME = "display_name"
ORDER_NEWEST_FIRST = "newest"  # acquisition order, newest first

_NEWEST = "newest"  # the partition of a tenant's records by acquisition order
_RELEASED = "released"  # the same for the records it released and the world keeps (tombstones)


def _sequence_key(record: OwnedNumber) -> str:
    return f"{record.sequence:012d}{record.number}"


class World:
    def __init__(self, config: WorldConfig | None = None) -> None:
        self.config = config or WorldConfig()
        self._lock = threading.RLock()
        self.plan = NumberingPlan()  # regions and number types (immutable, lazily built)
        self.catalogue = Catalogue(self.config.seed, self.config.currency)  # prices, capabilities
        self.geography = Geography(self.config.seed)  # where numbers are (locality, coordinates...)
        self.clock = VirtualClock(self.config.frozen_clock_at)  # the world's time
        self.ids = IdGenerator(self.config.seed)  # seeded ids, in creation order
        self.tokens: TokenStore = TokenStore(self.clock, self.ids)  # issued bearer tokens
        self.directory = Directory(self._lock, self.clock.now)  # tenants' own number lists (a PBX's)
        self.scheduler = Scheduler()  # timed transitions (provisioning, ageing, port-ins, purchases)
        self.scheduler.handle("number.activate", self._activate)
        self.scheduler.handle("number.end_ageing", self._end_ageing)
        self.scheduler.handle("provisioning.step", self._step)
        self.purchases = Purchases(self._lock, self.tick, self.scheduler)
        self.configurations = Configurations(self._lock, self.tick)  # tenants' records of numbers they hold
        self.channels = Channels(self._lock, self.clock.now)  # deployment channels configurations link to
        self.scheduler.handle("configuration.activate", lambda due, config_id: self.configurations.activate(config_id, due))
        self.events = Events()  # listeners of what happens (kept across resets: they belong to the app)
        self.reset()

    def reset(self) -> None:
        """Back to the state of a fresh start with the same configuration."""
        with self._lock:
            config = self.config
            self.inventory: Inventory = (  # what can be acquired, before ownership
                FiniteInventory.load(config.inventory_file, self.catalogue)
                if config.inventory_file
                else VirtualInventory(self.plan, self.catalogue, config.seed, config.density)
            )
            self.ids.state = 0
            self.tokens.clear()
            self.directory.clear()
            self.purchases.clear()  # purchases of numbers and their lifecycle
            self.configurations.clear()
            self.channels.clear()
            self.scheduler.clear()
            self.owned: dict[str, OwnedNumber] = {}  # number -> its one owner's record
            self.by_id: dict[str, str] = {}  # provider id of an owned number -> the number
            self.ageing: dict[str, float] = {}  # released number -> when it is available again
            self.by_tenant: dict[str, dict[object, SortedKeys]] = {}  # tenant -> partition -> numbers
            # (None: all by number; (region, type); _NEWEST and _RELEASED: by acquisition order)
            self.sequence = 0  # records acquired so far (OwnedNumber.sequence)
            self.spans: dict[tuple[str, int], SortedKeys] = {}  # (sign, digits) -> starts of owned ranges
            self.released: dict[int, OwnedNumber] = {}  # sequence -> a released record kept to be read
            self.released_ids: dict[str, int] = {}  # provider id of a kept released record -> sequence
            self.search_cache: dict[Any, tuple[tuple, bool]] = {}  # query (or ("ranges", query)) ->
            # its first offers (or blocks) in inventory order, before ownership, and whether that is all
            self.taken_prefix: dict[Any, tuple[int, int]] = {}  # the same key -> (how many of its
            # cached offers in a row from the first are known taken, self.releases when counted)
            self.releases = 0  # numbers given back so far: a taken prefix counted before may have a gap
            self.provisioning_requests = 0  # channel settings requested so far (PendingSetting.request)

    def use_inventory(self, inventory: FiniteInventory) -> int:
        """Sell only from ``inventory`` from now on (owned numbers stay owned); returns its size."""
        with self._lock:
            self.inventory = inventory
            self.search_cache.clear()
            self.taken_prefix.clear()
            return len(inventory)

    def forget(self, matches: Callable[[str], bool]) -> dict[str, int]:
        """Remove every trace of the tenants ``matches`` selects, as if they had never acted: their
        numbers return to the inventory at once (no ageing), their kept released records, listed
        numbers, purchases, configurations and channels go. Other tenants are untouched, so parallel
        test workers can each reset their own. Returns what was removed, by kind."""
        with self._lock:
            self.tick()
            removed = {"numbers": 0, "released": 0}
            for record in [r for r in self.owned.values() if matches(r.tenant)]:
                self._unstore(record)
                removed["numbers"] += 1
            for sequence, record in [(q, r) for q, r in self.released.items() if matches(r.tenant)]:
                del self.released[sequence]
                if self.released_ids.get(record.id) == sequence:
                    del self.released_ids[record.id]
                removed["released"] += 1
            for tenant in [t for t in self.by_tenant if matches(t)]:
                del self.by_tenant[tenant]
            if removed["numbers"]:
                self.releases += 1
            for name, store in (("directory", self.directory), ("purchases", self.purchases),
                                ("configurations", self.configurations), ("channels", self.channels)):
                removed[name] = store.forget(matches)
            return removed

    # -- time ----------------------------------------------------------------------------------------
    def now(self) -> float:
        return self.clock.now()

    def tick(self) -> float:
        """Apply every transition due by now; returns now."""
        with self._lock:
            now = self.clock.now()
            self.scheduler.run_due(now)
            return now

    # -- availability ----------------------------------------------------------------------------
    def _taken(self, number: str) -> bool:
        return number in self.owned or number in self.ageing or (bool(self.spans) and self._holder(number) is not None)

    def _holder(self, number: str) -> OwnedNumber | None:
        """The owned record whose range holds ``number``. Ranges never overlap, so only the nearest
        range start at or below it can: one bisection, whatever the ranges' sizes."""
        record = self.owned.get(number)
        if record is not None:
            return record
        try:
            starts = self.spans.get(form_of(number))
        except ValueError:
            return None
        if not starts:
            return None
        start = next(starts.before(number), None)
        holder = self.owned.get(start) if start is not None else None
        return holder if holder is not None and holder.span is not None and number in holder.span else None

    def holder(self, number: str) -> OwnedNumber | None:
        """Whoever owns ``number``, alone or as part of a range."""
        with self._lock:
            self.tick()
            return self._holder(number)

    SEARCH_CACHE_SIZE = 1024

    def search(self, query: NumberQuery, limit: int) -> list[Offer]:
        """Up to ``limit`` available numbers matching ``query``, in the inventory's order."""
        with self._lock:
            self.tick()
            return self._first_free(query, lambda: self.inventory.candidates(query), lambda o: self._taken(o.number), limit)

    def _first_free(
        self, key: Any, candidates: Callable[[], Iterable[Any]], taken: Callable[[Any], bool], limit: int
    ) -> list:
        """The first ``limit`` candidates (offers, or blocks) of a query that are not ``taken``.

        The inventory's order never changes, so the first candidates of a query are cached and only
        ownership is checked per call; the cached prefix deepens when taken ones eat into it."""
        if limit <= 0:
            return []
        items, complete = self.search_cache.get(key, ((), False))
        while True:
            free = self._free_items(key, items, limit, taken)
            if len(free) >= limit or complete:
                return free
            depth = max(64, 2 * len(items), 2 * limit)
            items = tuple(islice(candidates(), depth))
            complete = len(items) < depth
            if len(self.search_cache) >= self.SEARCH_CACHE_SIZE:
                self.search_cache.pop(next(iter(self.search_cache)))
            self.search_cache[key] = (items, complete)

    def _free_items(self, key: Any, items: tuple, limit: int, taken: Callable[[Any], bool]) -> list:
        """The first ``limit`` free items. Items taken one after another from the front of a query's
        order (rentAny, bulk buys) would be re-checked on every later search; the length of that
        taken run is remembered until some number is given back."""
        skip, counted_at = self.taken_prefix.get(key, (0, -1))
        start = skip if counted_at == self.releases and skip <= len(items) else 0
        free: list = []
        run = start
        for i in range(start, len(items)):
            item = items[i]
            if taken(item):
                if not free:
                    run = i + 1
                continue
            free.append(item)
            if len(free) == limit:
                break
        if not free:
            run = len(items)
        if len(self.taken_prefix) >= self.SEARCH_CACHE_SIZE:
            self.taken_prefix.clear()
        self.taken_prefix[key] = (run, self.releases)
        return free

    def available(self, number: str) -> Offer:
        with self._lock:
            self.tick()
            offer = self.inventory.offer(number)
            if offer is None or self._taken(number):
                raise NotAvailable(number)
            return offer

    def regions(self) -> list[tuple[str, str, list[str]]]:
        return self.inventory.regions()

    def area_codes(self, region: str, number_type: str) -> dict[str, Place]:
        """North American area codes of (region, type) with their places; {} elsewhere."""
        plan = self.plan.plan(region, number_type)
        if plan is None or plan.country_code != 1:
            return {}
        return self.geography.area_codes(region, plan.blocks)

    def place(self, number: str, region: str) -> Place:
        return self.geography.place(number, region)

    # -- acquisition -----------------------------------------------------------------------------
    def acquire(
        self, tenant: str, number: str, configure: Callable[[OwnedNumber, float], OwnedNumber] | None = None
    ) -> OwnedNumber:
        """Make ``number`` the tenant's. Exactly one of many racing callers wins."""
        with self._lock:
            offer = self.available(number)
            return self._take(tenant, offer, configure)

    def acquire_any(
        self, tenant: str, query: NumberQuery, configure: Callable[[OwnedNumber, float], OwnedNumber] | None = None
    ) -> OwnedNumber:
        with self._lock:
            found = self.search(query, 1)
            if not found:
                raise NoneAvailable(f"{query.region} {query.number_type}")
            return self._take(tenant, found[0], configure)

    def acquire_range(
        self, tenant: str, span: NumberRange, configure: Callable[[OwnedNumber, float], OwnedNumber] | None = None
    ) -> OwnedNumber:
        """Make the inventory block ``span`` the tenant's, as one record. All or nothing."""
        with self._lock:
            self.tick()
            offer = self.inventory.block(span)
            if offer is None or any(self._taken(n) for n in span):
                raise NotAvailable(str(span))
            return self._take(tenant, offer, configure, span)

    def search_ranges(self, query: NumberQuery, limit: int) -> list[tuple[NumberRange, Offer]]:
        """Up to ``limit`` available ranges (inventory blocks none of whose numbers is taken)."""
        with self._lock:
            self.tick()

            def taken(block: tuple[NumberRange, Offer]) -> bool:
                return any(self._taken(n) for n in block[0])

            return self._first_free(("ranges", query), lambda: self.inventory.block_candidates(query), taken, limit)

    def port_in(
        self,
        tenant: str,
        number: str,
        completes_after: float,
        configure: Callable[[OwnedNumber, float], OwnedNumber] | None = None,
    ) -> OwnedNumber:
        """Take a valid number that the inventory does not sell, alone or in a range (it comes from
        another carrier).
        The record is pending (``activated_at`` None) until ``completes_after`` seconds pass on
        the clock."""
        with self._lock:
            now = self.tick()
            offer = describe(number, self.catalogue)
            inventory = self.inventory
            if offer is None or self._taken(number) or inventory.offer(number) is not None or inventory.in_block(number):
                raise NotAvailable(number)  # the inventory sells it (alone or in a range), or someone has it
            record = self._take(tenant, offer, configure, pending=True)
            sequence = record.sequence
            self.scheduler.at(now + completes_after, "number.activate", number, sequence)
            return record

    def _activate(self, due: float, number: str, sequence: int) -> None:
        record = self.owned.get(number)
        if record is not None and record.sequence == sequence and record.activated_at is None:
            self.owned[number] = replace(record, activated_at=due, updated_at=due)

    def _take(
        self,
        tenant: str,
        offer: Offer,
        configure: Callable[[OwnedNumber, float], OwnedNumber] | None,
        span: NumberRange | None = None,
        pending: bool = False,
    ) -> OwnedNumber:
        now = self.clock.now()
        record = OwnedNumber(
            number=offer.number,
            tenant=tenant,
            region=offer.region,
            number_type=offer.number_type,
            capabilities=offer.capabilities,
            pricing=offer.pricing,
            acquired_at=now,
            next_charge_at=add_months(now, offer.pricing.interval_months),
            updated_at=now,
            span=span,
            sequence=self.sequence + 1,
            activated_at=None if pending else now,
        )
        if configure is not None:
            record = configure(record, now)  # may raise: nothing has changed yet
        self.sequence = record.sequence
        self._store(record)
        self.events.emit(WorldEvent(NUMBER_ACQUIRED, tenant, record.number, now, {"pending": pending}))
        return record

    def _store(self, record: OwnedNumber) -> None:
        self.owned[record.number] = record
        if record.id:
            self.by_id[record.id] = record.number
        partitions = self.by_tenant.setdefault(record.tenant, {})
        for key in (None, (record.region, record.number_type)):
            partitions.setdefault(key, SortedKeys()).add(record.number)
        partitions.setdefault(_NEWEST, SortedKeys()).add(_sequence_key(record))
        if record.span is not None:
            self.spans.setdefault(form_of(record.number), SortedKeys()).add(record.number)

    def _unstore(self, record: OwnedNumber) -> None:
        del self.owned[record.number]
        self.by_id.pop(record.id, None)
        partitions = self.by_tenant[record.tenant]
        for key in (None, (record.region, record.number_type)):
            partitions[key].discard(record.number)
        partitions[_NEWEST].discard(_sequence_key(record))
        if record.span is not None:
            self.spans[form_of(record.number)].discard(record.number)

    # -- owned numbers ---------------------------------------------------------------------------
    def _own(self, tenant: str, number: str) -> OwnedNumber:
        record = self.owned.get(number)
        if record is None or record.tenant != tenant:
            raise NotFound("ActiveNumber", number)
        return record

    def owned_by_id(self, tenant: str, record_id: str, *, released: bool = False) -> OwnedNumber:
        """The tenant's number whose provider id is ``record_id``; with ``released``, also one it
        released with ``keep=True`` (then ``expire_at`` is set)."""
        with self._lock:
            self.tick()
            number = self.by_id.get(record_id)
            record = self.owned.get(number) if number else None
            if record is None and released and record_id in self.released_ids:
                record = self.released[self.released_ids[record_id]]
            if record is None or record.tenant != tenant:
                raise NotFound("PhoneNumber", record_id)
            return record

    def owned_number(self, tenant: str, number: str) -> OwnedNumber:
        with self._lock:
            self.tick()
            return self._own(tenant, number)

    def update(self, tenant: str, number: str, change: Callable[[OwnedNumber, float], OwnedNumber]) -> OwnedNumber:
        """Replace the tenant's record by ``change(copy, now)``; if ``change`` raises, nothing changes."""
        with self._lock:
            now = self.tick()
            record = self._own(tenant, number)
            updated = change(copy.copy(record), now)
            updated.updated_at = now  # a fresh copy, not yet stored
            self.owned[number] = updated
            return updated

    def release(self, tenant: str, number: str, *, keep: bool = False) -> OwnedNumber:
        """The number (or the whole range) leaves the tenant at once; it is available again after
        the ageing period. With ``keep``, the released record stays readable by its id and in
        newest-first listings that ask for released records (a soft delete)."""
        with self._lock:
            now = self.tick()
            record = self._own(tenant, number)
            self._unstore(record)
            self.releases += 1
            ageing = self.config.release_ageing_seconds
            if ageing > 0:
                for member in record.span or (number,):
                    self.ageing[member] = now + ageing
                    self.scheduler.at(now + ageing, "number.end_ageing", member)
            released = replace(record, expire_at=now, updated_at=now)
            if keep:
                self._keep_released(released)
            self.events.emit(WorldEvent(NUMBER_RELEASED, record.tenant, number, now))
            return released

    def move(
        self, tenant: str, number: str, to_tenant: str, change: Callable[[OwnedNumber, float], OwnedNumber] | None = None
    ) -> OwnedNumber:
        """The record (a range moves whole) changes hands, and ``change`` (if any) is applied to it
        in the same step; its id, sequence and acquisition time stay."""
        with self._lock:
            now = self.tick()
            record = self._own(tenant, number)
            moved = replace(record, tenant=to_tenant, updated_at=now)
            if change is not None:
                moved = change(moved, now)  # may raise: nothing has changed yet
            self._unstore(record)
            self._store(moved)
            return moved

    def split_range(
        self, tenant: str, number: str, keep: int, configure: Callable[[OwnedNumber, float], OwnedNumber] | None = None
    ) -> tuple[OwnedNumber, OwnedNumber]:
        """Keep the first ``keep`` numbers of the range in its record; the rest become a new range
        record (a copy of the first, then ``configure``'d: its own id). Costs the same for any size."""
        with self._lock:
            now = self.tick()
            record = self._own(tenant, number)
            if record.span is None:
                raise FailedPrecondition(f"{number} is a single number, not a range")
            try:
                first_span, second_span = record.span.split(keep)
            except ValueError as error:
                raise InvalidArgument("size", str(error)) from None
            # A part of one number is a single number again, not a range of one.
            first = replace(record, span=first_span if first_span.size > 1 else None, updated_at=now)
            second = replace(
                record, number=second_span.start, span=second_span if second_span.size > 1 else None, id="",
                acquired_at=now, updated_at=now, sequence=self.sequence + 1,
            )
            if configure is not None:
                second = configure(second, now)  # may raise: nothing has changed yet
            self.sequence = second.sequence
            self._unstore(record)
            self._store(first)
            self._store(second)
            return first, second

    def _keep_released(self, record: OwnedNumber) -> None:
        """Keep a released record readable by its id and in newest-first listings."""
        self.released[record.sequence] = record
        if record.id:
            self.released_ids[record.id] = record.sequence
        self.by_tenant.setdefault(record.tenant, {}).setdefault(_RELEASED, SortedKeys()).add(_sequence_key(record))

    def _end_ageing(self, due: float, number: str) -> None:
        if self.ageing.get(number) == due:
            del self.ageing[number]
            self.releases += 1

    def count(self, tenant: str) -> int:
        with self._lock:
            keys = self.by_tenant.get(tenant, {}).get(None)
            return len(keys) if keys else 0

    def list_owned(
        self,
        tenant: str,
        *,
        region: str | None = None,
        number_type: str | None = None,
        where: Callable[[OwnedNumber], bool] | None = None,
        order: str = ORDER_BY_NUMBER,
        after: str | None = None,
        before: str | None = None,
        limit: int = 100,
        released: bool = False,
    ) -> Page:
        """One page of the tenant's numbers; ``after`` is the ``next_key`` of the previous page.
        ``before`` (number order only) gives instead the page that ends just before that number.
        ``released`` (newest-first order only) mixes in the released records the world kept.

        Pages are keyed by position in a total order (number, or display name then number), so
        paging through everything returns each number exactly once even while numbers come and go.
        """
        with self._lock:
            self.tick()
            partitions = self.by_tenant.get(tenant, {})
            if order == ORDER_NEWEST_FIRST:  # its own partitions (a tenant may hold only released records)
                return self._newest_first(partitions, where, after, limit, released)
            keys = partitions.get((region, number_type) if region and number_type else None)
            if keys is None:
                return Page([], None, 0)

            def matching(numbers: Iterable[str]) -> Iterator[OwnedNumber]:
                for number in numbers:
                    record = self.owned[number]
                    if region and record.region != region:
                        continue
                    if number_type and record.number_type != number_type:
                        continue
                    if where is not None and not where(record):
                        continue
                    yield record

            filtered = where is not None or (keys is partitions.get(None) and bool(region or number_type))
            if order == ORDER_BY_DISPLAY_NAME:
                records = sorted(matching(keys), key=_display_order)
                total = len(records)
                start = 0
                if after is not None:
                    cursor = _split_key(after)
                    start = next((i for i, r in enumerate(records) if _display_order(r) > cursor), total)
                page = records[start : start + limit]
                has_more = start + limit < total
                next_key = _join_key(page[-1]) if has_more and page else None
            elif before is not None:
                page = list(islice(matching(keys.before(before)), limit))[::-1]
                next_key = page[-1].number if page else None
                total = sum(1 for _ in matching(keys)) if filtered else len(keys)
            else:
                page, has_more = [], False
                for record in matching(keys.after(after)):
                    if len(page) == limit:
                        has_more = True
                        break
                    page.append(record)
                next_key = page[-1].number if has_more else None
                total = sum(1 for _ in matching(keys)) if filtered else len(keys)
            return Page(page, next_key, total)

    def _newest_first(
        self,
        partitions: dict[object, SortedKeys],
        where: Callable[[OwnedNumber], bool] | None,
        after: str | None,
        limit: int,
        released: bool,
    ) -> Page:
        """Newest first, keyed by acquisition sequence; kept released records merged in."""
        owned, kept = self.owned, self.released
        sources: list[tuple[SortedKeys, Callable[[str], OwnedNumber]]] = [
            (partitions.get(_NEWEST) or SortedKeys(), lambda key: owned[key[12:]])
        ]
        if released:
            sources.append((partitions.get(_RELEASED) or SortedKeys(), lambda key: kept[int(key[:12])]))

        def stream(keys: SortedKeys, lookup: Callable[[str], OwnedNumber], below: str) -> Iterator[tuple[str, OwnedNumber]]:
            return ((key, lookup(key)) for key in keys.before(below))

        def records(below: str) -> Iterator[tuple[str, OwnedNumber]]:
            streams = [stream(keys, lookup, below) for keys, lookup in sources]
            return heapq.merge(*streams, key=lambda pair: pair[0], reverse=True)

        page: list[OwnedNumber] = []
        last_key, has_more = None, False
        for key, record in records(after if after is not None else "~"):  # "~": above every key
            if where is not None and not where(record):
                continue
            if len(page) == limit:
                has_more = True
                break
            page.append(record)
            last_key = key
        if where is None:
            total = sum(len(keys) for keys, _ in sources)
        else:
            total = sum(1 for _, record in records("~") if where(record))
        return Page(page, last_key if has_more else None, total)

    # -- scheduled provisioning ------------------------------------------------------------------
    def provision(
        self, record: OwnedNumber, channel: str, requested: Mapping[str, str], policy: ProvisioningPolicy, now: float
    ) -> OwnedNumber:
        """Start provisioning ``requested`` on ``channel`` of ``record`` (a copy being built by a
        ``configure``/``change`` callback); schedule its steps. Returns the updated copy."""
        channels = dict(record.channels or {})
        self.provisioning_requests += 1
        request = self.provisioning_requests
        started = provisioning.start(channels.get(channel), requested, now, request)
        channels[channel] = started
        record = replace(record, channels=channels)
        step_one = now + policy.waiting_seconds
        step_two = step_one + policy.in_progress_seconds
        codes = policy.check(record.number, channel, started.pending.requested)  # a pure function of the request
        self.scheduler.at(step_one, "provisioning.step", record.number, channel, request, provisioning.IN_PROGRESS, ())
        self.scheduler.at(step_two, "provisioning.step", record.number, channel, request,
                          provisioning.FAILED if codes else "applied", tuple(codes))
        return record

    def _step(self, due: float, number: str, channel: str, request: int, to_status: str, codes: tuple[str, ...]) -> None:
        record = self.owned.get(number)
        if record is None or not record.channels:
            return
        current = record.channels.get(channel)
        if current is None or current.pending is None or current.pending.request != request:
            return  # superseded by a newer request, or the number was released
        channels = dict(record.channels)
        channels[channel] = provisioning.advance(current, to_status, due, tuple(codes))
        self.owned[number] = replace(record, channels=channels)
        self.events.emit(WorldEvent(PROVISIONING_STEP, record.tenant, number, due,
                                    {"channel": channel, "status": to_status, "error_codes": tuple(codes)}))


def _display_order(record: OwnedNumber) -> tuple[str, str]:
    return (record.display_name, record.number)


def _join_key(record: OwnedNumber) -> str:
    return f"{record.display_name}\x00{record.number}"


def _split_key(key: str) -> tuple[str, str]:
    name, _, number = key.rpartition("\x00")
    return (name, number)
