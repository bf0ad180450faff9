"""Inbound traffic: runs a provider's :class:`~.plans.Plan` (attempts in priority order, failover,
retries on the virtual clock), keeps every delivery with every attempt, and journals each attempt.

- ``message`` / ``call`` (the control API's) deliver synchronously and return the delivery.
- World events (Sinch number events) arrive inside the world's lock: they are only queued there, and
  a worker thread delivers them outside it (a handler may call the emulator back).
- Retries fall due on the virtual clock: :meth:`settle` (called before every read of deliveries and
  by the worker while the clock runs) makes the attempts whose time has come. Attempts are stamped
  with the virtual time they were due, so a seed and a clock script give the same record.
"""
from __future__ import annotations

import heapq
import itertools
import queue
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from ..core import World
from .delivery import ANSWERED, NOT_HTTP, Answer, HttpRequest, Policy, send
from .plans import Plan, Target
from .routing import owner

PENDING = "pending"  # queued: the background worker has not made its first round yet
DELIVERED = "delivered"  # a handler answered 2xx
FAILED = "failed"  # every handler (and every retry) failed
RETRYING = "retrying"  # every handler failed; a retry is due on the virtual clock
HANDED_OFF = "handed_off"  # a sip: / tel: handler took it (not placed by the emulator)
KEEP = 500  # deliveries kept (the oldest go first)


@dataclass
class Attempt:
    role: str
    url: str
    method: str
    at: float  # virtual time
    answer: Answer

    def as_json(self) -> dict[str, Any]:
        a = self.answer
        return {"role": self.role, "url": self.url, "method": self.method, "at": round(self.at * 1000),
                "outcome": a.outcome, "status": a.status, "durationMs": a.duration_ms, "responseBody": a.body,
                "responseContentType": a.content_type, "error": a.error}


@dataclass
class Delivery:
    id: str
    plan: Plan
    created_at: float
    attempts: list[Attempt] = field(default_factory=list)
    outcome: str = FAILED
    next_retry_at: float | None = None
    rounds: int = 0  # retry rounds made

    def as_json(self) -> dict[str, Any]:
        p = self.plan
        return {"id": self.id, "kind": p.kind, "surface": p.surface, "tenant": p.tenant.split("/", 1)[-1],
                "number": p.number, "from": p.sender, "sid": p.sid, "createdAt": round(self.created_at * 1000),
                "outcome": self.outcome, "attempts": [a.as_json() for a in self.attempts],
                "nextRetryAt": None if self.next_retry_at is None else round(self.next_retry_at * 1000)}


class Inbound:
    def __init__(self, world: World, journal: Any, policy: Policy, dialects: Mapping[str, Any]) -> None:
        self.world = world
        self.journal = journal
        self.policy = policy
        self.dialects = dict(dialects)  # surface name -> its inbound dialect
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._deliveries: deque[Delivery] = deque(maxlen=KEEP)
        self._by_id: dict[str, Delivery] = {}
        self._retries: list[tuple[float, int, Delivery]] = []  # (due, tie-break, delivery) heap
        self._queue: queue.Queue[Delivery] = queue.Queue()  # deliveries to make in the background
        self._idle = threading.Condition()
        self._busy = 0  # queued or running plans of the queue
        self._worker: threading.Thread | None = None

    # -- what the control API calls ------------------------------------------------------------------
    def message(self, sender: str, to: str, body: str, media: list[str], wait: bool = True) -> Delivery:
        """Deliver now (``wait``) or in the background (returned pending)."""
        record, dialect = owner(self.world, to, self.dialects)
        plan = dialect.message(record, sender, to, body, media, self.world.ids, self.world.now())
        return self.run(plan) if wait else self.enqueue(plan)

    def call(self, sender: str, to: str, wait: bool = True) -> Delivery:
        record, dialect = owner(self.world, to, self.dialects)
        plan = dialect.call(record, sender, to, self.world.ids, self.world.now())
        return self.run(plan) if wait else self.enqueue(plan)

    def deliveries(self, surface: str | None = None, number: str | None = None, kind: str | None = None,
                   limit: int = 100) -> list[Delivery]:
        """Newest first."""
        self.settle()
        with self._lock:
            found = [d for d in reversed(self._deliveries)
                     if (not surface or d.plan.surface == surface) and (not number or d.plan.number == number)
                     and (not kind or d.plan.kind == kind)]
        return found[:limit]

    def get(self, delivery_id: str) -> Delivery | None:
        self.settle()
        with self._lock:
            return self._by_id.get(delivery_id)

    def clear(self) -> int:
        with self._lock:
            count = len(self._deliveries)
            self._deliveries.clear()
            self._by_id.clear()
            self._retries.clear()
            self._ids = itertools.count(1)
            return count

    # -- world events (inside the world's lock: queue only) ----------------------------------------------
    def enqueue(self, plan: Plan) -> Delivery:
        """Register the delivery (pending) and leave its making to the worker thread."""
        delivery = self._register(plan)
        delivery.outcome = PENDING
        with self._idle:
            self._busy += 1
        self._queue.put(delivery)
        self._ensure_worker()
        return delivery

    def settle(self, timeout: float = 30.0) -> None:
        """Wait for queued event deliveries, then make the retries that are due by the virtual clock."""
        with self._idle:
            self._idle.wait_for(lambda: self._busy == 0, timeout)
        self.run_due()

    # -- running plans ---------------------------------------------------------------------------------
    def run(self, plan: Plan) -> Delivery:
        delivery = self._register(plan)
        self._round(delivery, delivery.created_at, retry=False)
        return delivery

    def _register(self, plan: Plan) -> Delivery:
        with self._lock:
            delivery = Delivery(f"dl-{next(self._ids)}", plan, self.world.now())
            if len(self._deliveries) == self._deliveries.maxlen:
                self._by_id.pop(self._deliveries[0].id, None)
            self._deliveries.append(delivery)
            self._by_id[delivery.id] = delivery
        return delivery

    def run_due(self) -> None:
        now = self.world.now()
        while True:
            with self._lock:
                if not self._retries or self._retries[0][0] > now:
                    return
                due, _, delivery = heapq.heappop(self._retries)
            self._round(delivery, due, retry=True)

    def _round(self, delivery: Delivery, at: float, *, retry: bool) -> None:
        """Try the targets in order until one answers; then the follow-ups; else schedule a retry."""
        plan = delivery.plan
        if retry:
            delivery.rounds += 1
        last_status: int | None = None
        for target in plan.targets:
            role = f"retry {delivery.rounds}: {target.role}" if retry else target.role
            answer = self._attempt(delivery, role, target, plan.render, at)
            if answer.outcome == NOT_HTTP:
                delivery.outcome, delivery.next_retry_at = HANDED_OFF, None
                return
            if answer.outcome == ANSWERED:
                delivery.outcome, delivery.next_retry_at = DELIVERED, None
                for follow in plan.after_answer:
                    self._attempt(delivery, follow.role, follow, plan.render_after or plan.render, at)
                return
            last_status = answer.status
        if delivery.rounds < len(plan.retry_delays) and plan.retryable(last_status):
            due = at + plan.retry_delays[delivery.rounds]
            delivery.outcome, delivery.next_retry_at = RETRYING, due
            with self._lock:
                heapq.heappush(self._retries, (due, next(_ties), delivery))
            self._ensure_worker()
        else:
            delivery.outcome, delivery.next_retry_at = FAILED, None

    def _attempt(self, delivery: Delivery, role: str, target: Target, render: Callable[[Target], HttpRequest],
                 at: float) -> Answer:
        plan = delivery.plan
        if not target.url.lower().startswith(("http://", "https://")):
            answer = Answer(NOT_HTTP, error="a sip: or tel: handler: the emulator places no SIP or PSTN calls",
                            url=target.url)
            request = HttpRequest(target.url, target.method)
        else:
            request = render(target)
            answer = send(request, self.policy)
        delivery.attempts.append(Attempt(role, request.url, request.method, at, answer))
        self.journal.record(
            "inbound", f"{plan.surface}.{plan.kind}", request.method, request.url, "", request.body,
            answer.status or 0, answer.body.encode(), at,
            None if answer.outcome == ANSWERED else f"{delivery.id} {role}: {answer.outcome}: {answer.error or ''}".strip(),
        )
        return answer

    # -- the worker: queued events, and retries while the clock runs ---------------------------------------
    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is not None and self._worker.is_alive():
                return
            self._worker = threading.Thread(target=self._work, name="numbers-emulator-inbound", daemon=True)
            self._worker.start()

    def _work(self) -> None:
        while True:
            try:
                queued = self._queue.get(timeout=0.2)
            except queue.Empty:
                with self._lock:
                    waiting = bool(self._retries)
                if not waiting or self.world.clock.frozen:
                    with self._lock:  # nothing more to do by itself: settle() makes frozen-clock retries
                        if self._queue.empty():
                            self._worker = None
                            return
                    continue
                self.run_due()
                continue
            try:
                self._round(queued, queued.created_at, retry=False)
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()


_ties = itertools.count()
