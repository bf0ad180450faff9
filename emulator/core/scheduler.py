"""Timed transitions on the virtual clock.

Nothing runs in the background: the world calls ``run_due`` at the start of every operation, so a
transition whose time has passed is applied before anything can observe the state. With a frozen clock,
tests move time explicitly and get exact, instant results.
"""
from __future__ import annotations

import heapq
import itertools
from typing import Callable


class Scheduler:
    def __init__(self) -> None:
        self._heap: list[tuple[float, int, Callable[[float], None]]] = []
        self._sequence = itertools.count()
        self._running = False  # an action that calls a world operation must not re-enter run_due

    def at(self, due: float, action: Callable[[float], None]) -> None:
        """Run ``action(due)`` once the clock reaches ``due`` (in scheduling order for ties)."""
        heapq.heappush(self._heap, (due, next(self._sequence), action))

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
                due, _, action = heapq.heappop(self._heap)
                action(due)
                ran += 1
        finally:
            self._running = False
        return ran

    def pending(self) -> int:
        return len(self._heap)

    def clear(self) -> None:
        self._heap.clear()
