"""Enfonica numbering API v1beta1: phone number instances (with ranges) and phone number search."""
from __future__ import annotations

from .routes import NAME, build_surface

__all__ = ["NAME", "build_surface"]
