"""SignalWire: its Twilio-compatible API (``openapi/signalwire-compat.yaml``, the Twilio dialect in
SignalWire's configuration) and its own REST API for numbers (``openapi/signalwire.yaml``)."""
from __future__ import annotations

from ...config import Config
from ...core import World
from ...surface import Surface
from .compat import build_compat_surface

NAME = "signalwire"


def build_surface(world: World, config: Config) -> list[Surface]:
    surfaces = [build_compat_surface(world, config)]
    try:
        from .relay import build_relay_surface
    except ImportError:  # the relay REST surface is being written alongside
        return surfaces
    return [*surfaces, build_relay_surface(world, config)]


__all__ = ["NAME", "build_surface"]
