"""Scheduled provisioning of a number's channel settings (an SMS service, a voice application).

A requested setting is not in force at once: it goes WAITING -> IN_PROGRESS -> applied, or ends
FAILED with error codes, each step on the virtual clock. While it runs, the previous setting stays
in force. Providers decide the codes (``ProvisioningPolicy.check``); the core runs the machine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

WAITING = "WAITING"
IN_PROGRESS = "IN_PROGRESS"
FAILED = "FAILED"

# Allowed moves of a pending setting; "applied" ends it successfully.
TRANSITIONS = {WAITING: (IN_PROGRESS,), IN_PROGRESS: ("applied", FAILED), FAILED: ()}


@dataclass(frozen=True)
class PendingSetting:
    requested: Mapping[str, str]
    status: str
    updated_at: float
    error_codes: tuple[str, ...] = ()
    request: int = 0  # which request of the world this is (a scheduled step names it)


@dataclass(frozen=True)
class Channel:
    """One channel of a number: what is in force, and what is being provisioned."""

    applied: Mapping[str, str] | None = None
    applied_at: float | None = None
    pending: PendingSetting | None = None


@dataclass(frozen=True)
class ProvisioningPolicy:
    """How long each step takes, and which requests fail (a function giving error codes)."""

    waiting_seconds: float = 1.0
    in_progress_seconds: float = 2.0
    check: Callable[[str, str, Mapping[str, str]], tuple[str, ...]] = field(
        default=lambda number, channel, requested: ()
    )


def start(channel: Channel | None, requested: Mapping[str, str], now: float, request: int = 0) -> Channel:
    """A new request replaces any pending one; what is applied stays until this one succeeds."""
    base = channel or Channel()
    return Channel(base.applied, base.applied_at, PendingSetting(dict(requested), WAITING, now, (), request))


def advance(channel: Channel, to_status: str, now: float, error_codes: tuple[str, ...] = ()) -> Channel:
    pending = channel.pending
    if pending is None or to_status not in TRANSITIONS[pending.status]:
        raise ValueError(f"cannot move {pending and pending.status} to {to_status}")
    if to_status == "applied":
        return Channel(pending.requested, now, None)
    return Channel(channel.applied, channel.applied_at,
                   PendingSetting(pending.requested, to_status, now, error_codes, pending.request))
