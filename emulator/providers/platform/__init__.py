"""The platform API (``openapi/platform.yaml``): phone configurations, purchases and pricing of a
service that buys its numbers from the emulator's SignalWire and Twilio."""
from __future__ import annotations

from .routes import NAME, build_surface

__all__ = ["NAME", "build_surface"]
