"""Checks on URLs clients hand us (webhook / handler URLs), shared by every surface that stores them."""
from __future__ import annotations


def is_http_url(value: str) -> bool:
    """``http://`` or ``https://`` (any case) followed by a host: what a provider can call back."""
    scheme, sep, rest = value.partition("://")
    return bool(sep) and scheme.lower() in ("http", "https") and bool(rest.split("/", 1)[0])
