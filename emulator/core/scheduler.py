"""Timed transitions on the virtual clock.

Nothing runs in the background: the world calls ``run_due`` at the start of every operation, so a
transition whose time has passed is applied before anything can observe the state. With a frozen clock,
tests move time explicitly and get exact, instant results.

A scheduled transition is data, ``(due, kind, args)``, not a closure: its handler is registered once
by name (``handle``), so the pending transitions of a world can be written to a snapshot and read back
(``pending_items`` / ``restore``) and fire exactly as they would have.
"""
from __future__ import annotations

import heapq
import itertools
from typing import Any, Callable, Iterable

Handler = Callable[..., None]  # handler(due, *args)


class Scheduler:
    def __init__(self) -> None:
        self._handlers: dict[str, Handler] = {}
        self._heap: list[tuple[float, int, str, tuple[Any, ...]]] = []
        self._sequence = itertools.count()
        self._running = False  # an action that calls a world operation must not re-enter run_due

    def handle(self, kind: str, handler: Handler) -> None:
        """Register what a transition of ``kind`` does: ``handler(due, *args)`` (a later
        registration of the same kind replaces it: an app built again over the same world)."""
        self._handlers[kind] = handler

    def at(self, due: float, kind: str, *args: Any) -> None:
        """Run the handler of ``kind`` with ``(due, *args)`` once the clock reaches ``due`` (in
        scheduling order for ties). ``args`` must be plain data (they go into snapshots)."""
        if kind not in self._handlers:
            raise KeyError(f"no handler of scheduled transitions of kind {kind!r}")
        heapq.heappush(self._heap, (due, next(self._sequence), kind, args))

    def run_due(self, now: float) -> int:
        """Run the due actions in order. An action may call world operations (a purchase that
        completes buys its number), which tick again: that inner tick runs nothing, so due actions
        never overtake one another."""
        if self._running:
            return 0
        ran = 0
        self._running = True
        try:
            while self._heap and self._heap[0][0] <= now:
                due, _, kind, args = heapq.heappop(self._heap)
                self._handlers[kind](due, *args)
                ran += 1
        finally:
            self._running = False
        return ran

    def kinds(self) -> frozenset[str]:
        """The kinds of transition that have a handler."""
        return frozenset(self._handlers)

    def pending(self) -> int:
        return len(self._heap)

    def pending_items(self) -> list[tuple[float, str, tuple[Any, ...]]]:
        """Every pending transition as ``(due, kind, args)``, in the order they will fire."""
        return [(due, kind, args) for due, _, kind, args in sorted(self._heap)]

    def restore(self, items: Iterable[tuple[float, str, Iterable[Any]]]) -> None:
        """Replace the pending transitions by ``items`` (as ``pending_items`` gave them)."""
        self.clear()
        for due, kind, args in items:
            self.at(float(due), kind, *args)

    def clear(self) -> None:
        self._heap.clear()
