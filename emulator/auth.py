"""Reading credentials from HTTP headers: the parsing every provider's auth hook shares."""
from __future__ import annotations

import base64
import binascii
import hmac
from typing import Any, Iterable


def basic_credentials(header: str | None) -> tuple[str, str] | None:
    """(user, password) from an ``Authorization: Basic ...`` header; None if absent or malformed."""
    if not header or not header[:6].lower() == "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    user, sep, password = decoded.partition(":")
    return (user, password) if sep else None


def bearer_token(header: str | None) -> str | None:
    if not header or not header[:7].lower() == "bearer ":
        return None
    token = header[7:].strip()
    return token or None


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison, as a real provider does it."""
    return hmac.compare_digest(given.encode(), expected.encode())


class CredentialBook:
    """Username / secret pairs (``config.Credential``), checked against what a Basic header gave."""

    def __init__(self, credentials: Iterable[Any]) -> None:
        self._by_user = {c.user: c for c in credentials}

    def check(self, given: tuple[str, str] | None) -> Any | None:
        """The credential ``given`` (from :func:`basic_credentials`) proves, or None."""
        if given is None:
            return None
        credential = self._by_user.get(given[0])
        return credential if credential is not None and same_secret(given[1], credential.secret) else None
