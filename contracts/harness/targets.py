"""What the harness runs against: a provider, its base URL (as the provider's SDK takes it), the
credentials of one or two tenants, and whether the target is the emulator (which decides whether
scenarios that spend money may run)."""
from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from emulator.config import (
    DEFAULT_ENFONICA_TOKENS,
    DEFAULT_PLATFORM_KEYS,
    DEFAULT_SIGNALWIRE_CREDENTIALS,
    DEFAULT_SINCH_KEYS,
    DEFAULT_TWILIO_CREDENTIALS,
    DEFAULT_WAZO_USERS,
)

PROVIDERS = ("sinch", "twilio", "signalwire", "enfonica", "wazo", "platform")


@dataclass(frozen=True)
class Tenant:
    """One account's credentials, in neutral words: ``user`` and ``secret`` authenticate (key id and
    secret, account SID and auth token, user and password; bearer-token APIs use ``secret`` alone),
    ``account`` names the account in paths (project id, account SID, tenant uuid)."""

    user: str
    secret: str
    account: str


def _defaults() -> dict[str, tuple[Tenant, Tenant]]:
    sinch = [Tenant(k.key_id, k.secret, k.project_id) for k in DEFAULT_SINCH_KEYS[:2]]
    enfonica = [Tenant("", g.token, g.projects[-1] if i else g.projects[0])
                for i, g in enumerate(DEFAULT_ENFONICA_TOKENS[:2])]
    return {
        "sinch": (sinch[0], sinch[1]),
        "twilio": tuple(Tenant(c.user, c.secret, c.account) for c in DEFAULT_TWILIO_CREDENTIALS[:2]),
        "signalwire": tuple(Tenant(c.user, c.secret, c.account) for c in DEFAULT_SIGNALWIRE_CREDENTIALS[:2]),
        "enfonica": (enfonica[0], enfonica[1]),
        "wazo": tuple(Tenant(c.user, c.secret, c.account) for c in DEFAULT_WAZO_USERS[:2]),
        "platform": tuple(Tenant("", k.key, k.tenant) for k in DEFAULT_PLATFORM_KEYS[:2]),
    }


#: The emulator's well-known credentials of each provider's two default tenants.
DEFAULT_TENANTS: dict[str, tuple[Tenant, Tenant]] = _defaults()


@dataclass(frozen=True)
class Target:
    provider: str
    base_url: str
    tenants: tuple[Tenant, ...]  # the first acts; a second, when known, is the other tenant of isolation checks
    is_emulator: bool
    allow_charges: bool = False

    @property
    def may_spend(self) -> bool:
        """Buying and renting cost nothing on the emulator; elsewhere only with --allow-charges."""
        return self.is_emulator or self.allow_charges


def tenants_from(provider: str, first: dict[str, str | None], second: dict[str, str | None]) -> tuple[Tenant, ...]:
    """The tenants given (``user``/``secret``/``account`` keys, None when not given), completed with
    the emulator's defaults. A second tenant defaults only when the first does too: someone who names
    their own account has no business with the emulator's second one."""
    defaults = DEFAULT_TENANTS[provider]
    own_first = any(first.values())
    one = _complete(first, defaults[0], provider)
    if any(second.values()):
        return one, _complete(second, defaults[1], provider)
    return (one,) if own_first else (one, defaults[1])


def _complete(given: dict[str, str | None], default: Tenant, provider: str) -> Tenant:
    user = given.get("user") or default.user
    account = given.get("account")
    if not account:
        # A Twilio account SID or SignalWire project id is its own account.
        account = user if given.get("user") and provider in ("twilio", "signalwire") else default.account
    return Tenant(user, given.get("secret") or default.secret, account)


def emulator_health_urls(base_url: str) -> list[str]:
    """Where the emulator's control API answers for a surface's base URL: the origin (surfaces under
    a prefix) or the base itself."""
    parts = urllib.parse.urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    urls = [f"{origin}/_emulator/health"]
    if parts.path.strip("/"):
        urls.append(f"{base_url.rstrip('/')}/_emulator/health")
    return urls


def emulator_control_url(base_url: str) -> str:
    """The control API of the emulator serving ``base_url`` (surfaces under a prefix: its origin)."""
    return emulator_health_urls(base_url)[0].removesuffix("/health")


def detect_emulator(base_url: str, timeout: float = 3.0) -> bool:
    """True when ``GET /_emulator/health`` answers 200 next to the base URL."""
    for url in emulator_health_urls(base_url):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError, ValueError):
            continue
    return False
