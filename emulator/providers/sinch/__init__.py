"""Sinch Numbers API v1 (``openapi/sinch.yaml``)."""
from .routes import NAME, build_surface

__all__ = ["NAME", "build_surface"]
