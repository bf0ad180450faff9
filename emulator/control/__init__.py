"""The emulator's own API (``/_emulator``): health, reset, clock, faults, journal, inventory."""
from __future__ import annotations

from .faults import Faults, InjectedFault
from .journal import Journal
from .routes import PREFIX, build_control_surface

__all__ = ["PREFIX", "Faults", "InjectedFault", "Journal", "build_control_surface"]
