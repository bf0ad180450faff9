"""URLs: checks on the ones clients hand us (webhook / handler URLs) and the absolute ones we hand
back, shared by every surface that stores or builds them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import request

if TYPE_CHECKING:
    from .surface import Surface


def is_http_url(value: str) -> bool:
    """``http://`` or ``https://`` (any case) followed by a host: what a provider can call back."""
    scheme, sep, rest = value.partition("://")
    return bool(sep) and scheme.lower() in ("http", "https") and bool(rest.split("/", 1)[0])


def public_base(surface: Surface) -> str:
    """This surface's absolute base URL as the client reached it: the request's host, then the
    surface's prefix unless it is served at the root of a port of its own."""
    mount = "" if request.environ.get("numbers_emulator.root_port") else (surface.prefix or "")
    return request.host_url.rstrip("/") + mount
