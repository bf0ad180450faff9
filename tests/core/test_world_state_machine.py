"""A hypothesis rule-based state machine driving the core directly.

Invariants: a number is never both available and owned; a released number is not listed; no two
tenants own one number; paging through a tenant's numbers returns each exactly once.
"""
from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from emulator.core import (
    LOCAL,
    MOBILE,
    TOLL_FREE,
    NotAvailable,
    NotFound,
    NumberQuery,
    World,
    WorldConfig,
)

TENANTS = ("sinch/a", "sinch/b", "sinch/c")
QUERIES = (NumberQuery("US", LOCAL), NumberQuery("GB", MOBILE), NumberQuery("TO", TOLL_FREE), NumberQuery("US", LOCAL, "+1206"))


class WorldMachine(RuleBasedStateMachine):
    numbers = Bundle("numbers")

    def __init__(self) -> None:
        super().__init__()
        self.world = World(WorldConfig(seed=3, frozen_clock_at=1_800_000_000.0))
        self.model: dict[str, str] = {}  # number -> tenant, what we expect the world to hold
        self.released: set[str] = set()

    @rule(target=numbers, query=st.sampled_from(QUERIES), limit=st.integers(1, 5))
    def search(self, query, limit):
        found = self.world.search(query, limit)
        assert len(found) <= limit
        for offer in found:
            assert offer.number not in self.model, "an owned number was offered"
            assert (offer.region, offer.number_type) == (query.region, query.number_type)
        return found[0].number if found else "+12025550100"

    @rule(tenant=st.sampled_from(TENANTS), number=numbers)
    def acquire(self, tenant, number):
        try:
            record = self.world.acquire(tenant, number)
        except NotAvailable:
            assert number in self.model or self.world.inventory.offer(number) is None
            return
        assert number not in self.model, "a number was acquired twice"
        assert record.tenant == tenant
        self.model[number] = tenant
        self.released.discard(number)

    @rule(tenant=st.sampled_from(TENANTS), query=st.sampled_from(QUERIES))
    def acquire_any(self, tenant, query):
        record = self.world.acquire_any(tenant, query)
        assert record.number not in self.model
        self.model[record.number] = tenant
        self.released.discard(record.number)

    @precondition(lambda self: self.model)
    @rule(data=st.data(), by_owner=st.booleans())
    def release(self, data, by_owner):
        number = data.draw(st.sampled_from(sorted(self.model)))
        owner = self.model[number]
        tenant = owner if by_owner else next(t for t in TENANTS if t != owner)
        try:
            self.world.release(tenant, number)
        except NotFound:
            assert not by_owner
            return
        assert by_owner, "another tenant released a number it does not own"
        del self.model[number]
        self.released.add(number)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def read_from_another_tenant(self, data):
        number = data.draw(st.sampled_from(sorted(self.model)))
        other = next(t for t in TENANTS if t != self.model[number])
        try:
            self.world.owned_number(other, number)
        except NotFound:
            return
        raise AssertionError("a tenant read another tenant's number")

    @invariant()
    def owned_numbers_are_not_available(self):
        for number in list(self.model)[:20]:
            try:
                self.world.available(number)
            except NotAvailable:
                continue
            raise AssertionError(f"{number} is both owned and available")

    @invariant()
    def world_matches_model(self):
        assert {n: r.tenant for n, r in self.world.owned.items()} == self.model

    @invariant()
    def paging_is_complete_and_duplicate_free(self):
        for tenant in TENANTS:
            seen: list[str] = []
            after = None
            while True:
                page = self.world.list_owned(tenant, after=after, limit=2)
                seen.extend(r.number for r in page.items)
                assert page.total == sum(1 for t in self.model.values() if t == tenant)
                if page.next_key is None:
                    break
                after = page.next_key
            assert len(seen) == len(set(seen)), "a number was listed twice"
            assert set(seen) == {n for n, t in self.model.items() if t == tenant}
            assert not set(seen) & self.released, "a released number is still listed"


TestWorldMachine = WorldMachine.TestCase
TestWorldMachine.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
