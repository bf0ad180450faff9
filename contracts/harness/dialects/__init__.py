"""One adapter per provider dialect; Twilio and SignalWire's compatibility API share one."""
from __future__ import annotations

from .base import ContractBroken, Dialect, ErrorCase, Number
from .enfonica import EnfonicaDialect
from .sinch import SinchDialect
from .twilio import SignalWireCompatDialect, TwilioDialect
from .wazo import WazoDialect

#: provider -> its adapter (the platform API has none yet: see NOT_ADAPTED)
DIALECTS: dict[str, type[Dialect]] = {
    "sinch": SinchDialect,
    "twilio": TwilioDialect,
    "signalwire": SignalWireCompatDialect,
    "enfonica": EnfonicaDialect,
    "wazo": WazoDialect,
}

#: provider -> why its behaviour suite does not run
NOT_ADAPTED = {
    "platform": "no behaviour adapter for the platform API yet: its purchases complete on the provider's "
                "clock (PENDING -> COMPLETED) and become phone configurations, which the neutral buy step does "
                "not model; its schema suite runs",
}

__all__ = ["DIALECTS", "NOT_ADAPTED", "ContractBroken", "Dialect", "ErrorCase", "Number"]
