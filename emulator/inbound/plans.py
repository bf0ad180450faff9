"""What a provider's inbound dialect hands the delivery service: a :class:`Plan` (whom to call, in
which order, how each request is built and signed, whether and when to retry), and the errors that
stop an inbound event before any HTTP: nobody owns the number, or it has no handler."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..core.errors import CoreError
from .delivery import HttpRequest

MESSAGE = "message"
CALL = "call"
NUMBER_EVENT = "numberEvent"


class NoHandler(CoreError):
    """The number is owned, but nothing is configured to receive this kind of inbound event."""


@dataclass(frozen=True)
class Target:
    url: str
    method: str = "POST"
    role: str = "primary"  # primary, fallback, handler 2..., statusCallback


@dataclass
class Plan:
    kind: str  # MESSAGE, CALL or NUMBER_EVENT
    surface: str
    tenant: str
    number: str  # the owned number that receives it
    sender: str  # who sent it ("" for number events)
    sid: str  # the provider's id of the message / call / event
    targets: list[Target]  # in priority order: each next one only when the previous failed
    render: Callable[[Target], HttpRequest]  # the request to a target, signed
    retry_delays: tuple[float, ...] = ()  # virtual seconds between rounds once every target failed
    retryable: Callable[[int | None], bool] = lambda status: True  # given the last status (None: no answer)
    after_answer: list[Target] = field(default_factory=list)  # called once answered (a status callback)
    render_after: Callable[[Target], HttpRequest] | None = None
