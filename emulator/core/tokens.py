"""Bearer tokens issued by emulated OAuth2 endpoints, expiring on the virtual clock."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .clock import VirtualClock
from .ids import IdGenerator

P = TypeVar("P")

VALID, EXPIRED, UNKNOWN = "valid", "expired", "unknown"


@dataclass(frozen=True)
class Grant(Generic[P]):
    principal: P
    expires_at: float


class TokenStore(Generic[P]):
    """token -> who it was issued to. Expired tokens are told apart from unknown ones, because
    clients (the Sinch SDK) renew only on an "expired" challenge."""

    #: What a snapshot keeps: attribute -> its type.
    STATE = {"_grants": dict[str, Grant]}

    def __init__(self, clock: VirtualClock, ids: IdGenerator) -> None:
        self._clock = clock
        self._ids = ids
        self._grants: dict[str, Grant[P]] = {}

    def issue(self, principal: P, lifetime_seconds: int, new_token: Callable[[], str] | None = None) -> str:
        """A new token for ``principal``; ``new_token`` makes it in a provider's own form (Wazo's are
        UUIDs), else an opaque URL-safe string. Issuing a token that exists replaces its grant."""
        now = self._clock.now()
        self._grants = {t: g for t, g in self._grants.items() if g.expires_at > now} if len(self._grants) > 10_000 else self._grants
        token = new_token() if new_token is not None else self._ids.token()
        self._grants[token] = Grant(principal, now + lifetime_seconds)
        return token

    def revoke(self, token: str) -> None:
        """Forget ``token`` (it reads as unknown from now on); an unknown token is no error."""
        self._grants.pop(token, None)

    def resolve(self, token: str) -> tuple[str, P | None]:
        grant = self._grants.get(token)
        if grant is None:
            return UNKNOWN, None
        if grant.expires_at <= self._clock.now():
            return EXPIRED, None
        return VALID, grant.principal

    def clear(self) -> None:
        self._grants.clear()
