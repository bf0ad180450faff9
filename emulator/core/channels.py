"""Deployment channels: where a tenant's numbers deliver calls (VOICE) or messages (SMS). A phone
configuration links to them by id; a channel a configuration links to cannot be deleted."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable

from .errors import Conflict, NotFound

VOICE, SMS = "VOICE", "SMS"
CHANNEL_TYPES = (VOICE, SMS)


@dataclass(frozen=True, slots=True)
class DeploymentChannel:
    id: str
    tenant: str
    name: str
    channel_type: str
    created_at: float
    sequence: int


class Channels:
    #: What a snapshot keeps (everything ``clear`` declares): attribute -> its type.
    STATE = {"by_id": dict[str, DeploymentChannel], "sequence": int}

    def __init__(self, lock: threading.RLock, now: Callable[[], float]) -> None:
        self._lock = lock
        self._now = now
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self.by_id: dict[str, DeploymentChannel] = {}  # id -> channel (deleted ones removed)
            self.sequence = 0  # channels created so far

    def forget(self, matches: Callable[[str], bool]) -> int:
        """Remove the channels of the tenants ``matches`` selects."""
        with self._lock:
            gone = [i for i, c in self.by_id.items() if matches(c.tenant)]
            for channel_id in gone:
                del self.by_id[channel_id]
            return len(gone)

    def create(self, tenant: str, name: str, channel_type: str, new_id: Callable[[], str]) -> DeploymentChannel:
        with self._lock:
            self.sequence += 1
            channel = DeploymentChannel(new_id(), tenant, name, channel_type, self._now(), self.sequence)
            self.by_id[channel.id] = channel
            return channel

    def get(self, tenant: str, channel_id: str) -> DeploymentChannel:
        with self._lock:
            channel = self.by_id.get(channel_id)
            if channel is None or channel.tenant != tenant:
                raise NotFound("DeploymentChannel", channel_id)
            return channel

    def find(self, tenant: str, channel_id: str | None) -> DeploymentChannel | None:
        """The tenant's channel with that id, or None (also for a None id)."""
        with self._lock:
            channel = self.by_id.get(channel_id) if channel_id else None
            return channel if channel is not None and channel.tenant == tenant else None

    def list(self, tenant: str, after: int = 0, limit: int = 20) -> tuple[list[DeploymentChannel], int | None]:
        with self._lock:
            mine = sorted((c for c in self.by_id.values() if c.tenant == tenant and c.sequence > after),
                          key=lambda c: c.sequence)
            page = mine[:limit]
            return page, (page[-1].sequence if len(mine) > limit else None)

    def delete(self, tenant: str, channel_id: str, linked: Callable[[str], list[str]]) -> DeploymentChannel:
        """Remove the channel unless ``linked(id)`` names configurations that use it (Conflict)."""
        with self._lock:
            channel = self.get(tenant, channel_id)
            users = linked(channel_id)
            if users:
                raise Conflict("id", f"DeploymentChannel {channel_id} is linked to phone configuration(s) "
                                     f"{', '.join(users)}: unlink it first")
            del self.by_id[channel_id]
            return channel
