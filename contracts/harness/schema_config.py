"""What the schema suite runs per provider: the bundled specs, their schemathesis configurations
(``configs/*.schemathesis.toml``) completed with the target, and the operations that are unsafe on a
real provider."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import schemathesis

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from .configs import config_path
from .targets import Target, Tenant


@dataclass(frozen=True)
class SpecRun:
    """One bundled spec a provider is checked against."""

    spec: str  # openapi/<spec>.yaml
    config: str  # configs/<config>.schemathesis.toml
    account_parameter: str | None  # the path parameter naming the caller's account, pinned to it
    charging: frozenset[str] = frozenset()  # operations that spend money on the real provider


_TWILIO_BUYS = frozenset({"CreateIncomingPhoneNumber", "CreateIncomingPhoneNumberLocal",
                          "CreateIncomingPhoneNumberTollFree", "CreateIncomingPhoneNumberMobile"})

SPECS: dict[str, tuple[SpecRun, ...]] = {
    "sinch": (SpecRun("sinch", "sinch", "projectId",
                      frozenset({"NumberService_RentNumber", "NumberService_RentAnyNumber"})),),
    "twilio": (SpecRun("twilio", "twilio", "AccountSid", _TWILIO_BUYS),),
    "signalwire": (SpecRun("signalwire-compat", "signalwire-compat", "AccountSid", _TWILIO_BUYS),
                   SpecRun("signalwire", "signalwire-relay", None, frozenset({"BuyPhoneNumber"}))),
    "enfonica": (SpecRun("enfonica", "enfonica", "project", frozenset({"CreatePhoneNumberInstance"})),),
    "wazo": (SpecRun("wazo", "wazo", None),),
    "platform": (SpecRun("platform", "platform", None,
                         frozenset({"CreatePhoneNumberPurchase", "PortInPhoneConfiguration"})),),
}

DEFAULT_EXAMPLES = 10
#: schemathesis' test phases; all run by default
PHASES = ("examples", "coverage", "fuzzing", "stateful")


def auth_config(provider: str, tenant: Tenant, token: str | None) -> dict[str, Any]:
    """The ``auth`` table of the schemathesis config for ``tenant`` (``token``: Wazo's, from wazo-auth)."""
    bearer_scheme = {"enfonica": "BearerToken", "platform": "ApiKey"}.get(provider)
    if bearer_scheme:
        return {"openapi": {bearer_scheme: {"bearer": tenant.secret}}}
    if provider == "wazo":
        return {"openapi": {"WazoToken": {"api_key": token or ""},
                            "WazoAuthBasic": {"username": tenant.user, "password": tenant.secret}}}
    return {"basic": {"username": tenant.user, "password": tenant.secret}}


def build_config(target: Target, run: SpecRun, examples: int, seed: int | None, token: str | None,
                 phases: Iterable[str] = PHASES) -> Any:
    """The spec's schemathesis configuration, completed with the target, its first tenant's
    credentials, the examples, the phases and the seed."""
    with open(config_path(run.config), "rb") as file:
        data = tomllib.load(file)
    tenant = target.tenants[0]
    data["auth"] = auth_config(target.provider, tenant, token)
    data["base-url"] = target.base_url.rstrip("/")
    data.setdefault("generation", {})["max-examples"] = examples
    chosen = set(phases)
    data["phases"] = {name: {"enabled": name in chosen} for name in PHASES}
    if seed is not None:
        data["seed"] = seed
    return schemathesis.Config.from_dict(data)


SPENDS = "spends money on the real provider: pass --allow-charges to test it"
WRITES = ("may change or release what the account holds (fuzzed updates, deletes): pass --allow-charges "
          "(a sandbox account) to test it")


def unsafe_operations(spec: dict, run: SpecRun, wanted: frozenset[str]) -> dict[str, str]:
    """What the schema suite must not fuzz on a real provider without --allow-charges, and why:
    purchases spend money, and every other unsafe method, fed generated data and the ids that links
    carry, may change or give back numbers the account already has."""
    refused = {}
    for item in spec["paths"].values():
        for method, operation in item.items():
            name = operation.get("operationId") if isinstance(operation, dict) else None
            if name in wanted and method.upper() not in ("GET", "HEAD", "OPTIONS"):
                refused[name] = SPENDS if name in run.charging else WRITES
    return refused


def operation_ids(spec: dict) -> frozenset[str]:
    return frozenset(o["operationId"] for item in spec["paths"].values() for o in item.values()
                     if isinstance(o, dict) and "operationId" in o)
