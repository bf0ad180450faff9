"""Things that happened in the world, for whoever listens (inbound webhooks: Sinch number events).

Listeners are called after the change is stored, inside the world's lock, so they must not call back
into the world's operations that take long; they get a read-only record of what changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

PROVISIONING_STEP = "provisioning.step"  # a channel's pending setting moved (data: channel, status, error_codes)
NUMBER_ACQUIRED = "number.acquired"
NUMBER_RELEASED = "number.released"


@dataclass(frozen=True)
class WorldEvent:
    kind: str
    tenant: str
    number: str
    at: float
    data: Mapping[str, Any] = field(default_factory=dict)


Listener = Callable[[WorldEvent], None]


class Events:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def emit(self, event: WorldEvent) -> None:
        for listener in list(self._listeners):
            listener(event)
