"""A hypothesis rule-based state machine for purchases (``emulator.core.purchases``), driving the
core directly with a completion that buys the number in the world.

Invariants: every status a purchase shows follows the transition table from the one seen before;
a number is completed by at most one purchase, and then its buyer owns it; completedAt is set
exactly on COMPLETED purchases; a FAILED purchase says why; cancelling works exactly while PENDING.
"""
from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from emulator.core import LOCAL, NumberQuery, World, WorldConfig
from emulator.core.errors import IllegalTransition
from emulator.core.purchases import CANCELLED, COMPLETED, FAILED, PENDING, STATUSES, TRANSITIONS

TENANTS = ("a", "b")


class PurchaseMachine(RuleBasedStateMachine):
    purchases = Bundle("purchases")

    def __init__(self) -> None:
        super().__init__()
        self.world = World(WorldConfig(seed=5, frozen_clock_at=1_800_000_000.0))
        self.pool = [o.number for o in self.world.search(NumberQuery("US", LOCAL), 3)]
        self.seen: dict[str, str] = {}  # purchase id -> the status last observed
        self.taken_directly: set[str] = set()
        self.world.purchases.complete_with("test", self.complete)

    def complete(self, purchase, now, args):
        record = self.world.acquire(f"provider/{purchase.tenant}", purchase.phone_number)
        return {"owner": record.tenant}

    @rule(target=purchases, tenant=st.sampled_from(TENANTS), index=st.integers(0, 2),
          pending=st.sampled_from([0.0, 1.0, 2.5]), processing=st.sampled_from([0.0, 2.0]))
    def create(self, tenant, index, pending, processing):
        purchase = self.world.purchases.create(
            tenant, self.world.ids.hex, "test", {}, phone_number=self.pool[index], country_code="US",
            number_type=LOCAL, friendly_name="x", charged_credits=1.0, provider="P",
            pending_seconds=pending, processing_seconds=processing)
        assert purchase.status == PENDING
        self.seen[purchase.id] = PENDING
        return purchase

    @rule(purchase=purchases)
    def cancel(self, purchase):
        before = self.world.purchases.get(purchase.tenant, purchase.id).status
        self.observe()
        try:
            cancelled = self.world.purchases.cancel(purchase.tenant, purchase.id)
        except IllegalTransition:
            assert before != PENDING
            return
        assert before == PENDING and cancelled.status == CANCELLED
        self.seen[purchase.id] = CANCELLED

    @rule(seconds=st.sampled_from([0.5, 1.0, 2.0, 5.0]))
    def advance(self, seconds):
        self.world.clock.advance(seconds)
        self.world.tick()

    @rule(index=st.integers(0, 2))
    def someone_else_buys(self, index):
        number = self.pool[index]
        if self.world.holder(number) is None:
            self.world.acquire("elsewhere", number)
            self.taken_directly.add(number)

    @invariant()
    def observe(self):
        completed: dict[str, str] = {}
        for purchase_id, last in list(self.seen.items()):
            purchase = self.world.purchases.by_id[purchase_id]
            status = purchase.status
            assert status in STATUSES
            if status != last:  # one or more legal steps: every status reachable from the last
                assert _reachable(last, status), f"{last} -> {status}"
            self.seen[purchase_id] = status
            assert (purchase.completed_at is not None) == (status == COMPLETED)
            if status == FAILED:
                assert purchase.status_details
            if status == COMPLETED:
                assert purchase.phone_number not in completed, "one number completed twice"
                completed[purchase.phone_number] = purchase.id
                assert self.world.holder(purchase.phone_number).tenant == f"provider/{purchase.tenant}"


def _reachable(start: str, end: str) -> bool:
    frontier, seen = [start], set()
    while frontier:
        status = frontier.pop()
        for nxt in TRANSITIONS[status]:
            if nxt == end:
                return True
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return False


PurchaseMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
TestPurchases = PurchaseMachine.TestCase


def test_a_purchase_of_a_number_taken_meanwhile_fails_with_a_clear_reason():
    world = World(WorldConfig(seed=5, frozen_clock_at=1_800_000_000.0))
    number = world.search(NumberQuery("US", LOCAL), 1)[0].number

    def complete(purchase, now, args):
        world.acquire("provider", purchase.phone_number)
        return {}

    world.purchases.complete_with("test", complete)

    kwargs = dict(phone_number=number, country_code="US", number_type=LOCAL, friendly_name="x",
                  charged_credits=1.0, provider="P", pending_seconds=1.0, processing_seconds=2.0)
    first = world.purchases.create("a", world.ids.hex, "test", {}, **kwargs)
    second = world.purchases.create("a", world.ids.hex, "test", {}, **kwargs)
    world.clock.advance(3)
    statuses = {p.id: world.purchases.get("a", p.id) for p in (first, second)}
    assert statuses[first.id].status == COMPLETED
    assert statuses[second.id].status == FAILED
    assert statuses[second.id].status_details == f"Phone number {number} is no longer available"


def test_a_provider_refusal_fails_the_purchase_and_says_so():
    from emulator.core import FailedPrecondition

    world = World(WorldConfig(seed=5, frozen_clock_at=1_800_000_000.0))

    def refuse(purchase, now, args):
        raise FailedPrecondition("account suspended")

    world.purchases.complete_with("refuse", refuse)

    purchase = world.purchases.create("a", world.ids.hex, "refuse", {}, phone_number="+12025550100", country_code="US",
                                      number_type=LOCAL, friendly_name="x", charged_credits=1.0, provider="P",
                                      pending_seconds=0.0, processing_seconds=0.0)
    world.tick()
    failed = world.purchases.get("a", purchase.id)
    assert failed.status == FAILED and failed.status_details == "The provider refused the purchase: account suspended"
