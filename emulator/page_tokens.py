"""Opaque page tokens of Google-style list methods (Sinch, Enfonica): a cursor and the kind of list
it belongs to, base64url-encoded JSON, so a token only works with the list that issued it."""
from __future__ import annotations

import base64
import binascii
import json

from .core.errors import InvalidArgument


def encode(kind: str, cursor: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([kind, cursor]).encode()).decode().rstrip("=")


def decode(token: str, kind: str, message: str = "Invalid page token", field: str = "pageToken") -> str:
    """The cursor of a token :func:`encode` made for ``kind``; anything else is InvalidArgument."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        if isinstance(decoded, list) and len(decoded) == 2 and decoded[0] == kind and isinstance(decoded[1], str):
            return decoded[1]
    except (binascii.Error, ValueError, UnicodeDecodeError):
        pass
    raise InvalidArgument(field, message)


def decode_position(token: str, kind: str, message: str = "Invalid page token", field: str = "pageToken") -> int:
    """A position (a count of items, or a sequence) that :func:`encode` stored as decimal digits; a
    token whose cursor is anything else is InvalidArgument, like a token of another list."""
    cursor = decode(token, kind, message, field)
    if not (cursor.isascii() and cursor.isdigit()) or len(cursor) > 18:
        raise InvalidArgument(field, message)
    return int(cursor)
