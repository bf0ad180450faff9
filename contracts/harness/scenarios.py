"""Provider-neutral behaviour scenarios, written once and run through each provider's dialect
adapter. Each takes a :class:`Context` and raises :class:`ContractBroken` naming the operation that
broke the contract; what it acquired is released in ``finally`` whatever happened."""
from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .dialects import ContractBroken, Dialect, Number, TakenMeanwhile
from .targets import Target


@dataclass
class Context:
    target: Target
    actor: Dialect  # the first tenant
    other: Dialect | None  # the second tenant, when its credentials are known
    held: list[tuple[Dialect, Number]] = field(default_factory=list)  # released at the end
    notes: list[str] = field(default_factory=list)

    def acquire(self, count: int = 1) -> list[Number]:
        """``count`` numbers newly held by the first tenant (each kept for the clean-up)."""
        acquired: list[Number] = []
        for attempt in range(1, 6):
            taken = {a.number for a in acquired}
            fresh = [n for n in self.actor.candidates(count * 2 + attempt) if n not in taken]
            for number in fresh[: count - len(acquired)]:
                try:
                    held = self.actor.acquire(number)
                except TakenMeanwhile:
                    continue  # another buyer got it first: the next round searches again
                self.held.append((self.actor, held))
                acquired.append(held)
            if len(acquired) == count:
                return acquired
        raise ContractBroken(self.actor.operations["search"] or self.actor.operations["acquire"],
                             f"found {len(acquired)} of the {count} numbers to acquire")

    def forget(self, number: Number) -> None:
        self.held = [(d, n) for (d, n) in self.held if n.handle != number.handle]

    def release_all(self) -> list[str]:
        """Release what the scenario still holds; the failures, as messages."""
        problems = []
        for dialect, number in reversed(self.held):
            try:
                dialect.release(number.handle)
            except Exception as error:  # noqa: BLE001 - every failure to clean up is reported
                problems.append(f"could not release {number.number}: {error}")
        self.held.clear()
        return problems


@dataclass(frozen=True)
class Scenario:
    name: str
    summary: str
    run: Callable[[Context], None]
    charging: bool = True  # acquires numbers
    needs_other_tenant: bool = False


def _owned_numbers(dialect: Dialect, page_size: int = 50) -> list[str]:
    return [n.number for n in dialect.list_all(page_size) if n.owned]


def search_matches_filters(ctx: Context) -> None:
    found = ctx.actor.search(5)
    operation = ctx.actor.operations["search"]
    if not found:
        raise ContractBroken(operation, f"searching for {ctx.actor.search_prefix}... found no number")
    wrong = [n for n in found if not n.startswith(ctx.actor.search_prefix)]
    if wrong:
        raise ContractBroken(operation, f"found numbers outside the filter {ctx.actor.search_prefix}...: {wrong}")
    if len(set(found)) != len(found):
        raise ContractBroken(operation, f"found a number twice: {found}")
    if not ctx.target.may_spend:
        ctx.notes.append("did not buy a number to check it leaves the search (pass --allow-charges)")
        return
    bought = ctx.acquire(1)[0]
    again = ctx.actor.search(20)
    if bought.number in again:
        raise ContractBroken(operation, f"{bought.number} is owned but still found by the search")


def buy_owns_and_lists(ctx: Context) -> None:
    bought = ctx.acquire(1)[0]
    read = ctx.actor.read(bought.handle)
    if read is None or not read.owned:
        raise ContractBroken(ctx.actor.operations["read"], f"{bought.number}, just acquired, can't be read as owned")
    if bought.number not in _owned_numbers(ctx.actor):
        raise ContractBroken(ctx.actor.operations["list"], f"{bought.number}, just acquired, is missing from the list")


def paging_returns_each_once(ctx: Context) -> None:
    bought = ctx.acquire(3)
    # owned records only: a provider may keep listing released ones (the platform's RELEASED
    # configurations), and a number bought again after a release is then listed twice, rightly
    listed = Counter(n.number for n in ctx.actor.list_all(page_size=2) if n.owned)
    twice = sorted(n for n, c in listed.items() if c > 1)
    if twice:
        raise ContractBroken(ctx.actor.operations["list"], f"pages of 2 list {twice} more than once")
    missing = [n.number for n in bought if n.number not in listed]
    if missing:
        raise ContractBroken(ctx.actor.operations["list"], f"pages of 2 never list {missing}")


def update_persists(ctx: Context) -> None:
    bought = ctx.acquire(1)[0]
    label = f"contract-{uuid.uuid4().hex[:8]}"
    answered = ctx.actor.update_label(bought.handle, label)
    if answered.label != label:
        raise ContractBroken(ctx.actor.operations["update"], f"the update answered label {answered.label!r}, not {label!r}")
    read = ctx.actor.read(bought.handle)
    if read is None or read.label != label:
        seen = None if read is None else read.label
        raise ContractBroken(ctx.actor.operations["read"], f"after the update the label reads {seen!r}, not {label!r}")


def release_removes(ctx: Context) -> None:
    bought = ctx.acquire(1)[0]
    ctx.actor.release(bought.handle)
    ctx.forget(bought)
    read = ctx.actor.read(bought.handle)
    if read is not None and read.owned:
        raise ContractBroken(ctx.actor.operations["read"], f"{bought.number} is still readable as owned after its release")
    if bought.number in _owned_numbers(ctx.actor):
        raise ContractBroken(ctx.actor.operations["list"], f"{bought.number} is still listed after its release")


def errors_in_provider_shape(ctx: Context) -> None:
    """Every error case is tried (a wrong one does not hide the next); the first wrong one is named."""
    broken: list[ContractBroken] = []
    for case in ctx.actor.error_cases():
        reply = case.call()
        operation = reply.exchange.operation
        problems = ctx.actor.error_problems(reply) if reply.status == case.status else []
        code = ctx.actor.error_code(reply.body)
        if reply.status != case.status:
            message = f"answered {reply.status}, not {case.status}"
        elif problems:
            message = f"the error is not in the provider's shape: {'; '.join(problems)}"
        elif code != case.code:
            message = f"error code {code!r}, not {case.code!r}"
        else:
            continue
        broken.append(ContractBroken(operation, f"{case.label}: {message}", reply.exchange))
    if broken:
        first = broken[0]
        raise ContractBroken(first.operation, "; ".join(b.message for b in broken), first.exchange)


def no_double_ownership(ctx: Context) -> None:
    bought = ctx.acquire(1)[0]
    status, code = ctx.actor.double_acquire
    attempts = [("the same tenant", ctx.actor)]
    if ctx.other is not None and ctx.actor.exclusive:
        attempts.append(("another tenant", ctx.other))
    for who, dialect in attempts:
        reply = dialect.try_acquire(bought.number)
        operation = reply.exchange.operation
        if reply.ok:
            try:  # it took the number: give it back before reporting
                dialect.release(dialect.parse(reply.body, operation).handle)
            except Exception:  # noqa: BLE001 - the failure below is what matters
                ctx.notes.append(f"could not release {bought.number} acquired twice by {who}")
            raise ContractBroken(operation, f"{bought.number}, already held, was acquired again by {who}", reply.exchange)
        if (reply.status, dialect.error_code(reply.body)) != (status, code):
            raise ContractBroken(operation, f"acquiring {bought.number} again ({who}) answered {reply.status} "
                                 f"{dialect.error_code(reply.body)!r}, not {status} {code!r}", reply.exchange)


def tenant_isolation(ctx: Context) -> None:
    assert ctx.other is not None
    bought = ctx.acquire(1)[0]
    seen = ctx.other.read(bought.handle)
    if seen is not None:
        raise ContractBroken(ctx.actor.operations["read"], f"another tenant can read {bought.number} ({bought.handle})")
    if bought.number in _owned_numbers(ctx.other):
        raise ContractBroken(ctx.other.operations["list"], f"another tenant's list shows {bought.number}")


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("search_matches_filters", "search finds only available numbers matching the filters", search_matches_filters,
             charging=False),
    Scenario("buy_owns_and_lists", "a bought number is owned and listed", buy_owns_and_lists),
    Scenario("paging_returns_each_once", "paging returns every owned number exactly once", paging_returns_each_once),
    Scenario("update_persists", "an update persists", update_persists),
    Scenario("release_removes", "a released number can't be read as owned nor is listed", release_removes),
    Scenario("errors_in_provider_shape", "errors come in the provider's shape with its codes", errors_in_provider_shape,
             charging=False),
    Scenario("no_double_ownership", "a number can't be owned twice", no_double_ownership),
    Scenario("tenant_isolation", "one tenant can't see another's numbers", tenant_isolation, needs_other_tenant=True),
)
