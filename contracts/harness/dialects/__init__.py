"""One adapter per provider dialect; Twilio and SignalWire's compatibility API share one."""
from __future__ import annotations

from .base import ContractBroken, Dialect, ErrorCase, Number, TakenMeanwhile
from .enfonica import EnfonicaDialect
from .platform import PlatformDialect
from .sinch import SinchDialect
from .twilio import SignalWireCompatDialect, TwilioDialect
from .wazo import WazoDialect

#: provider -> its adapter
DIALECTS: dict[str, type[Dialect]] = {
    "sinch": SinchDialect,
    "twilio": TwilioDialect,
    "signalwire": SignalWireCompatDialect,
    "enfonica": EnfonicaDialect,
    "wazo": WazoDialect,
    "platform": PlatformDialect,
}

#: provider -> why its behaviour suite does not run (every provider has an adapter now)
NOT_ADAPTED: dict[str, str] = {}

__all__ = ["DIALECTS", "NOT_ADAPTED", "ContractBroken", "Dialect", "ErrorCase", "Number", "TakenMeanwhile"]
