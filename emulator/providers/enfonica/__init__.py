"""Enfonica (being written)."""
from __future__ import annotations

NAME = "enfonica"


def build_surface(world, config):  # replaced by the Enfonica surface
    return []
