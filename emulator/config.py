"""Settings: CLI flags override ``NUMBERS_EMULATOR_*`` environment variables, which override defaults."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

from .validation import ENGINES, MODES


@dataclass(frozen=True)
class SinchKey:
    key_id: str
    secret: str
    project_id: str


SERVERS = ("granian", "waitress")  # WSGI servers `serve` can run (emulator/serving.py)


@dataclass(frozen=True)
class Credential:
    """A username / secret pair that acts for one account (Twilio account SID + auth token, a
    Twilio API key SID + secret, a SignalWire project ID + API token)."""

    user: str
    secret: str
    account: str


def parse_credentials(text: str) -> tuple[Credential, ...]:
    """``user:secret[:account],...``; without an account the user is the account (an account SID
    with its auth token)."""
    found = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        parts = item.split(":")
        if len(parts) not in (2, 3) or not all(parts):
            raise ValueError(f"a credential is user:secret[:account], got {item!r}")
        found.append(Credential(parts[0], parts[1], parts[2] if len(parts) == 3 else parts[0]))
    return tuple(found)


TWILIO_ACCOUNT_1 = "AC00000000000000000000000000000001"
TWILIO_ACCOUNT_2 = "AC00000000000000000000000000000002"
DEFAULT_TWILIO_CREDENTIALS = (
    Credential(TWILIO_ACCOUNT_1, "test", TWILIO_ACCOUNT_1),
    Credential(TWILIO_ACCOUNT_2, "test", TWILIO_ACCOUNT_2),
    Credential("SK00000000000000000000000000000001", "test", TWILIO_ACCOUNT_1),  # API keys
    Credential("SK00000000000000000000000000000002", "test", TWILIO_ACCOUNT_2),
)
SIGNALWIRE_PROJECT_1 = "00000000-0000-4000-8000-000000000001"
SIGNALWIRE_PROJECT_2 = "00000000-0000-4000-8000-000000000002"
DEFAULT_SIGNALWIRE_CREDENTIALS = (
    Credential(SIGNALWIRE_PROJECT_1, "test", SIGNALWIRE_PROJECT_1),
    Credential(SIGNALWIRE_PROJECT_2, "test", SIGNALWIRE_PROJECT_2),
)

@dataclass(frozen=True)
class BearerGrant:
    """A static bearer token and the projects it may act on (Enfonica's long-lived REST tokens)."""

    token: str
    projects: tuple[str, ...]


def parse_bearer_grants(text: str) -> tuple[BearerGrant, ...]:
    """``token:project[+project...],...``."""
    grants = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        token, sep, projects = item.partition(":")
        names = tuple(p for p in projects.split("+") if p)
        if not sep or not token or not names:
            raise ValueError(f"a bearer grant is token:project[+project...], got {item!r}")
        grants.append(BearerGrant(token, names))
    return tuple(grants)


def parse_tenant_parents(text: str) -> tuple[tuple[str, str], ...]:
    """``child:parent,...``: which tenants are sub-tenants of which (Wazo's tenant tree)."""
    links = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        child, sep, parent = item.partition(":")
        if not sep or not child or not parent or child == parent:
            raise ValueError(f"a tenant link is child:parent, got {item!r}")
        links.append((child, parent))
    return tuple(links)


DEFAULT_ENFONICA_TOKENS = (
    BearerGrant("test", ("test-project", "test-project-2")),  # may use both, so `move` can be tried
    BearerGrant("test-2", ("test-project-2",)),
)
WAZO_TENANT_1 = "00000000-0000-4000-8000-000000000001"
WAZO_TENANT_2 = "00000000-0000-4000-8000-000000000002"
DEFAULT_WAZO_USERS = (  # username, password, tenant
    Credential("test", "test", WAZO_TENANT_1),
    Credential("test-2", "test", WAZO_TENANT_2),
)

@dataclass(frozen=True)
class PlatformKey:
    """A platform API key: the platform tenant it acts for, and the provider accounts that tenant
    buys through (a Twilio account SID, a SignalWire project id)."""

    key: str
    tenant: str
    twilio_account: str
    signalwire_project: str


DEFAULT_PLATFORM_KEYS = (
    PlatformKey("test", "1", TWILIO_ACCOUNT_1, SIGNALWIRE_PROJECT_1),
    PlatformKey("test-2", "2", TWILIO_ACCOUNT_2, SIGNALWIRE_PROJECT_2),
)


def parse_platform_keys(text: str) -> tuple[PlatformKey, ...]:
    """``key:tenant:twilio_account_sid:signalwire_project_id,...``."""
    keys = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        parts = item.split(":")
        if len(parts) != 4 or not all(parts):
            raise ValueError(f"a platform key is key:tenant:twilio_account:signalwire_project, got {item!r}")
        keys.append(PlatformKey(*parts))
    return tuple(keys)


DEFAULT_SINCH_KEYS = (
    SinchKey("test-key", "test", "test-project"),
    SinchKey("test-key-2", "test", "test-project-2"),
)


def parse_sinch_keys(text: str) -> tuple[SinchKey, ...]:
    """``key:secret:project,key2:secret2:project2``."""
    keys = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        parts = item.split(":")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"a Sinch key is key_id:secret:project_id, got {item!r}")
        keys.append(SinchKey(*parts))
    return tuple(keys)


@dataclass(frozen=True)
class Config:
    host: str = "127.0.0.1"
    port: int = 6862  # NUMB on a phone keypad
    server: str = "granian"  # granian | waitress (see emulator/serving.py)
    threads: int = 1  # Python threads running requests, in one process (state is shared). The
    # requests are CPU-bound under the GIL: one thread is fastest and has the shortest tail (bench,
    # search: 1 thread 5,975 req/s p99 4.4 ms; 2 threads 5,720 req/s p99 144 ms); granian keeps
    # accepting and parsing connections in Rust meanwhile. More threads help only slow handlers.
    seed: int = 1  # same seed, same world: inventory, attributes, ids
    density: float = 0.5  # share of valid numbers that the virtual inventory offers
    inventory_file: str | None = None  # finite inventory (JSON array or NDJSON) instead
    validation: str = "strict"  # strict | warn | off, for requests and responses
    validation_engine: str = "fast"  # fast | openapi-core
    provisioning_waiting_seconds: float = 1.0  # WAITING -> IN_PROGRESS
    provisioning_in_progress_seconds: float = 2.0  # IN_PROGRESS -> applied / FAILED
    release_ageing_seconds: float = 0.0  # released numbers return to the inventory after this
    token_lifetime_seconds: int = 3599  # OAuth2 access tokens
    frozen_clock: bool = False  # start with the virtual clock frozen (tests move it)
    sinch_port: int | None = None  # also serve Sinch at the root of this port
    sinch_keys: tuple[SinchKey, ...] = field(default=DEFAULT_SINCH_KEYS)
    twilio_port: int | None = None  # also serve Twilio at the root of this port
    twilio_credentials: tuple[Credential, ...] = field(default=DEFAULT_TWILIO_CREDENTIALS)
    signalwire_port: int | None = None  # also serve SignalWire at the root of this port
    signalwire_credentials: tuple[Credential, ...] = field(default=DEFAULT_SIGNALWIRE_CREDENTIALS)
    enfonica_port: int | None = None  # also serve Enfonica at the root of this port
    enfonica_tokens: tuple[BearerGrant, ...] = field(default=DEFAULT_ENFONICA_TOKENS)
    port_in_seconds: float = 60.0  # a number ported in is PENDING this long on the virtual clock
    wazo_port: int | None = None  # also serve Wazo at the root of this port
    wazo_users: tuple[Credential, ...] = field(default=DEFAULT_WAZO_USERS)  # user:password:tenant
    wazo_tenant_parents: tuple[tuple[str, str], ...] = ()  # (sub-tenant, parent): Wazo's recurse
    platform_port: int | None = None  # also serve the platform API at the root of this port
    platform_keys: tuple[PlatformKey, ...] = field(default=DEFAULT_PLATFORM_KEYS)
    platform_pending_seconds: float = 1.0  # a platform purchase: PENDING -> PROCESSING
    platform_processing_seconds: float = 2.0  # PROCESSING -> COMPLETED (or FAILED)
    state_file: str | None = None  # a snapshot restored at start and saved there at shutdown (serve)
    webhook_allow_hosts: tuple[str, ...] = ()  # webhook hosts allowed beyond loopback ("*": any)
    webhook_timeout_seconds: float = 15.0  # a webhook attempt without an answer by then has failed
    webhook_signing_key: str = "test"  # signs SignalWire and Enfonica webhooks and Sinch events

    def __post_init__(self) -> None:
        if self.validation not in MODES:
            raise ValueError(f"validation must be one of {MODES}, not {self.validation!r}")
        if self.validation_engine not in ENGINES:
            raise ValueError(f"validation_engine must be one of {sorted(ENGINES)}")
        if self.server not in SERVERS:
            raise ValueError(f"server must be one of {SERVERS}, not {self.server!r}")
        if self.threads < 1:
            raise ValueError("threads must be at least 1")
        if not 0 < self.density <= 1:
            raise ValueError("density must be in (0, 1]")
        if not 0 < self.webhook_timeout_seconds <= 600:
            raise ValueError("webhook_timeout_seconds must be in (0, 600]")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Config":
        """Defaults, then ``NUMBERS_EMULATOR_<FIELD>`` variables, then ``overrides`` (not None)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = environ.get(f"NUMBERS_EMULATOR_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def root_ports(self) -> dict[int, str]:
        """Extra ports that serve one surface at their root: port -> surface prefix."""
        ports = {
            self.sinch_port: "/sinch",
            self.twilio_port: "/twilio",
            self.signalwire_port: "/signalwire",
            self.enfonica_port: "/enfonica",
            self.wazo_port: "/wazo",
            self.platform_port: "/platform",
        }
        return {port: prefix for port, prefix in ports.items() if port}

    def with_changes(self, **changes: Any) -> "Config":
        return replace(self, **changes)


def parse_hosts(text: str) -> tuple[str, ...]:
    """``host[,host...]`` (case-insensitive); ``*`` allows every host."""
    return tuple(part.strip().lower() for part in text.split(",") if part.strip())


def _parse(name: str, raw: str) -> Any:
    if name == "webhook_allow_hosts":
        return parse_hosts(raw)
    if name == "sinch_keys":
        return parse_sinch_keys(raw)
    if name == "enfonica_tokens":
        return parse_bearer_grants(raw)
    if name == "platform_keys":
        return parse_platform_keys(raw)
    if name == "wazo_tenant_parents":
        return parse_tenant_parents(raw)
    if name == "wazo_users":
        return parse_credentials(raw)
    if name.endswith("_credentials"):
        return parse_credentials(raw)
    default = Config.__dataclass_fields__[name].default
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int) or name.endswith("_port"):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
