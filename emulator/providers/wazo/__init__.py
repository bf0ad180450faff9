"""Wazo Platform: wazo-auth's tokens and wazo-confd's phone numbers (``openapi/wazo.yaml``), served
under ``/wazo`` with the paths of a Wazo stack (``/wazo/api/auth/0.1/token``,
``/wazo/api/confd/1.1/phone-numbers``). Numbers live in the world's directory, one list per tenant."""
from __future__ import annotations

from ...config import Config
from ...core import World
from ...surface import Surface
from .routes import build_surface as build_wazo_surface

NAME = "wazo"


def build_surface(world: World, config: Config) -> list[Surface]:
    return [build_wazo_surface(world, config)]


__all__ = ["NAME", "build_surface"]
