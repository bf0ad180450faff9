"""Twilio's REST API 2010-04-01 for phone numbers, and Pricing v1 (``openapi/twilio.yaml``).

The dialect is shared with SignalWire's Twilio-compatible API (:mod:`..signalwire`)."""
from __future__ import annotations

from ...config import Config
from ...core import World
from ...specs import load_spec
from ...surface import Surface
from .dialect import TWILIO
from .routes import build_dialect_surface

NAME = "twilio"


def build_surface(world: World, config: Config) -> Surface:
    return build_dialect_surface(world, config.twilio_credentials, TWILIO, load_spec("twilio"), config)


__all__ = ["NAME", "build_surface"]
