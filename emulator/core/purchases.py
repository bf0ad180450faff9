"""Purchases of numbers, a lifecycle on the virtual clock.

``PENDING -> PROCESSING -> COMPLETED`` or ``FAILED``; ``PENDING -> CANCELLED`` by the buyer. Each
step is a scheduled transition; the last one calls the purchase's *completion* (given by whoever
created it: a provider buys the number there) under the world's lock, so a completion is atomic
and two purchases of one number due at the same instant complete one after the other: the first
buys it, the second fails with "no longer available". Records are replaced, never mutated.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from .errors import CoreError, IllegalTransition, NotAvailable, NotFound
from .scheduler import Scheduler

PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED = "PENDING", "PROCESSING", "COMPLETED", "FAILED", "CANCELLED"
STATUSES = (PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED)
#: The legal moves; anything else raises IllegalTransition.
TRANSITIONS: Mapping[str, tuple[str, ...]] = {
    PENDING: (PROCESSING, CANCELLED),
    PROCESSING: (COMPLETED, FAILED),
    COMPLETED: (),
    FAILED: (),
    CANCELLED: (),
}


@dataclass(frozen=True, slots=True)
class Purchase:
    id: str
    tenant: str
    phone_number: str
    country_code: str
    number_type: str
    friendly_name: str
    charged_credits: float
    provider: str  # an opaque label of where it is bought (the surface's business)
    status: str
    created_at: float
    updated_at: float
    sequence: int  # creation order in the world (listing order, cursors)
    status_details: str | None = None
    completed_at: float | None = None
    metadata: Mapping[str, Any] | None = None  # what the completion reported (ids it made)


#: Buys what the purchase names (given the purchase, the time and the arguments its creator stored);
#: returns metadata to keep, or raises a CoreError (the purchase FAILS).
Completion = Callable[[Purchase, float, Mapping[str, Any]], Mapping[str, Any]]


class Purchases:
    """Every purchase of the world, by id, and each tenant's in creation order.

    A purchase's completion is named, not a closure: its creator registers the kind once
    (``complete_with``) and stores plain arguments with each purchase, so a snapshot of the world
    holds the purchases still to complete and they complete the same way after a restore."""

    #: What a snapshot keeps (everything ``clear`` declares): attribute -> its type.
    STATE: Mapping[str, Any] = {"by_id": dict[str, Purchase], "by_tenant": dict[str, list[str]],
                                "completions": dict[str, tuple[str, dict[str, Any]]], "sequence": int}

    def __init__(self, lock: threading.RLock, tick: Callable[[], float], scheduler: Scheduler) -> None:
        self._lock = lock
        self._tick = tick
        self._scheduler = scheduler
        self._completion_kinds: dict[str, Completion] = {}
        scheduler.handle("purchase.process", self._process)
        scheduler.handle("purchase.complete", self._complete)
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.by_id: dict[str, Purchase] = {}  # id -> the purchase's current record
            self.by_tenant: dict[str, list[str]] = {}  # tenant -> ids, in creation order
            self.completions: dict[str, tuple[str, Mapping[str, Any]]] = {}  # id -> (completion kind,
            # its arguments), until it runs
            self.sequence = 0  # purchases created so far

    def complete_with(self, kind: str, completion: Completion) -> None:
        """Register the completion named ``kind`` (a later registration replaces it)."""
        self._completion_kinds[kind] = completion

    def forget(self, matches: Callable[[str], bool]) -> int:
        """Remove the purchases of the tenants ``matches`` selects (their steps then do nothing)."""
        with self._lock:
            gone = [i for i, p in self.by_id.items() if matches(p.tenant)]
            for purchase_id in gone:
                del self.by_id[purchase_id]
                self.completions.pop(purchase_id, None)
            for tenant in [t for t in self.by_tenant if matches(t)]:
                del self.by_tenant[tenant]
            return len(gone)

    def create(
        self,
        tenant: str,
        new_id: Callable[[], str],
        completion: str,
        completion_args: Mapping[str, Any],
        *,
        phone_number: str,
        country_code: str,
        number_type: str,
        friendly_name: str,
        charged_credits: float,
        provider: str,
        pending_seconds: float,
        processing_seconds: float,
        metadata: Mapping[str, Any] | None = None,
    ) -> Purchase:
        """A PENDING purchase; PROCESSING after ``pending_seconds``, then completed by the
        completion named ``completion`` (or FAILED) ``processing_seconds`` later."""
        if completion not in self._completion_kinds:
            raise KeyError(f"no completion of purchases named {completion!r}")
        with self._lock:
            now = self._tick()
            self.sequence += 1
            purchase = Purchase(new_id(), tenant, phone_number, country_code, number_type, friendly_name,
                                charged_credits, provider, PENDING, now, now, self.sequence, metadata=metadata)
            self.by_id[purchase.id] = purchase
            self.by_tenant.setdefault(tenant, []).append(purchase.id)
            self.completions[purchase.id] = (completion, dict(completion_args))
            self._scheduler.at(now + pending_seconds, "purchase.process", purchase.id, processing_seconds)
            return purchase

    def _process(self, due: float, purchase_id: str, processing_seconds: float) -> None:
        current = self.by_id.get(purchase_id)
        if current is None or current.status != PENDING:
            return  # cancelled (or its tenant forgotten) meanwhile
        self._move(purchase_id, PROCESSING, due)
        self._scheduler.at(due + processing_seconds, "purchase.complete", purchase_id)

    def _move(self, purchase_id: str, to_status: str, now: float, **changes: Any) -> Purchase:
        current = self.by_id[purchase_id]
        if to_status not in TRANSITIONS[current.status]:
            raise IllegalTransition("PhoneNumberPurchase", purchase_id, current.status, to_status)
        moved = replace(current, status=to_status, updated_at=now, **changes)
        self.by_id[purchase_id] = moved
        return moved

    def _complete(self, due: float, purchase_id: str) -> None:
        purchase = self.by_id.get(purchase_id)
        completion = self.completions.pop(purchase_id, None)
        if purchase is None or purchase.status != PROCESSING or completion is None:
            return
        kind, args = completion
        try:
            metadata = self._completion_kinds[kind](purchase, due, args)
        except NotAvailable:
            self._move(purchase_id, FAILED, due,
                       status_details=f"Phone number {purchase.phone_number} is no longer available")
        except CoreError as error:
            self._move(purchase_id, FAILED, due, status_details=f"The provider refused the purchase: {error.message}")
        else:
            self._move(purchase_id, COMPLETED, due, completed_at=due,
                       metadata={**(purchase.metadata or {}), **metadata})

    def get(self, tenant: str, purchase_id: str) -> Purchase:
        with self._lock:
            self._tick()
            purchase = self.by_id.get(purchase_id)
            if purchase is None or purchase.tenant != tenant:
                raise NotFound("PhoneNumberPurchase", purchase_id)
            return purchase

    def cancel(self, tenant: str, purchase_id: str) -> Purchase:
        """Only a PENDING purchase can be cancelled (IllegalTransition otherwise)."""
        with self._lock:
            now = self._tick()
            self.get(tenant, purchase_id)
            cancelled = self._move(purchase_id, CANCELLED, now)
            self.completions.pop(purchase_id, None)
            return cancelled

    def list(
        self, tenant: str, *, where: Callable[[Purchase], bool] | None = None, after: int = 0, limit: int = 20
    ) -> tuple[list[Purchase], int | None]:
        """Creation order; ``after`` is the sequence of the previous page's last item. Returns the
        page and the cursor of the next one (None at the end)."""
        with self._lock:
            self._tick()
            page: list[Purchase] = []
            for purchase_id in self.by_tenant.get(tenant, ()):
                purchase = self.by_id[purchase_id]
                if purchase.sequence <= after or (where is not None and not where(purchase)):
                    continue
                if len(page) == limit:
                    return page, page[-1].sequence
                page.append(purchase)
            return page, None
