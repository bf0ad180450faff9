"""Suite 1: schemathesis against the bundled spec of a provider, over HTTP at any base URL.

Every phase of schemathesis' engine runs (explicit examples, coverage, fuzzing, and stateful
sequences along the spec's OpenAPI links) with all of its checks. The configuration of each spec
(``configs/*.schemathesis.toml``: statuses a schema-valid request may get where rules no schema can
express apply) is the one our own in-process fuzzing uses; the harness adds the target's base URL,
credentials and account, and the number of examples."""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import jsonschema
import schemathesis
from schemathesis.engine import events, from_schema

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from emulator.specs import load_spec

from .configs import config_path
from .report import CaseResult
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
_SECRETS = re.compile(r"(?i)((?:-H|--header)\s+['\"]?(?:authorization|x-auth-token):\s*)[^'\"\n]+")
_SECRETS_PLAIN = re.compile(r"(?i)((?:authorization|x-auth-token):\s*)(basic|bearer)?\s*[^'\"\s,}]+")


def mask_secrets(text: str) -> str:
    """Credentials out of a curl line or message (they end up in CI logs)."""
    text = _SECRETS.sub(r"\1***", text)
    return _SECRETS_PLAIN.sub(lambda m: m.group(1) + (m.group(2) + " " if m.group(2) else "") + "***", text)


def auth_config(provider: str, spec: str, tenant: Tenant, token: str | None) -> dict[str, Any]:
    """The ``auth`` table of the schemathesis config for ``tenant``."""
    if provider in ("enfonica",):
        return {"openapi": {"BearerToken": {"bearer": tenant.secret}}}
    if provider == "platform":
        return {"openapi": {"ApiKey": {"bearer": tenant.secret}}}
    if provider == "wazo":
        return {"openapi": {"WazoToken": {"api_key": token or ""},
                            "WazoAuthBasic": {"username": tenant.user, "password": tenant.secret}}}
    return {"basic": {"username": tenant.user, "password": tenant.secret}}


def build_config(target: Target, run: SpecRun, examples: int, seed: int | None, token: str | None,
                 phases: Iterable[str] = PHASES) -> Any:
    with open(config_path(run.config), "rb") as file:
        data = tomllib.load(file)
    tenant = target.tenants[0]
    data["auth"] = auth_config(target.provider, run.spec, tenant, token)
    data["base-url"] = target.base_url.rstrip("/")
    data.setdefault("generation", {})["max-examples"] = examples
    chosen = set(phases)
    data["phases"] = {name: {"enabled": name in chosen} for name in PHASES}
    if seed is not None:
        data["seed"] = seed
    return schemathesis.Config.from_dict(data)


def pin_account(schema: Any, spec: dict, parameter: str, account: str) -> None:
    """Act on the caller's own account: a generated account id that is valid for the spec becomes
    the caller's (a foreign one only ever answers 403 or 404 and hides every other behaviour); an
    invalid one stays, so a negative case stays negative. (schemathesis' fixed ``parameters`` would
    also overwrite the invalid ids of negative cases, which then look accepted.)"""
    validators = {}
    for path, item in spec["paths"].items():
        for declared in item.get("parameters", []) + [p for o in item.values() if isinstance(o, dict)
                                                      for p in o.get("parameters", [])]:
            if isinstance(declared, dict) and declared.get("name") == parameter and declared.get("in") == "path":
                validators[path] = jsonschema.Draft202012Validator(declared.get("schema", {}))

    @schema.hook
    def map_case(context: Any, case: Any) -> Any:
        validator = validators.get(case.operation.path)
        path = case.path_parameters
        if validator is not None and isinstance(path, dict) and parameter in path and validator.is_valid(path[parameter]):
            path[parameter] = account
        return case


_VISIBLE = re.compile(r"^[\t\x20-\x7e]*$")


def only_visible_header_values(schema: Any) -> None:
    """Leave out cases with a header value outside visible ASCII. HTTP servers disagree on those
    (RFC 9110 calls them opaque): granian, which serves the emulator, hands the application an empty
    value, so a negative case would test the server in front of the API, not the API."""

    @schema.hook
    def filter_case(context: Any, case: Any) -> bool:
        headers = case.headers or {}
        return all(_VISIBLE.match(value) for value in headers.values() if isinstance(value, str))


def wazo_token(target: Target) -> str:
    """wazo-confd wants a token wazo-auth issued: get one for the first tenant."""
    import requests

    tenant = target.tenants[0]
    response = requests.post(f"{target.base_url.rstrip('/')}/api/auth/0.1/token", json={"expiration": 3600},
                             auth=(tenant.user, tenant.secret), timeout=30)
    response.raise_for_status()
    return response.json()["data"]["token"]


def run_schema_suite(target: Target, examples: int = DEFAULT_EXAMPLES, seed: int | None = None,
                     operations: Iterable[str] = (), phases: Iterable[str] = PHASES) -> list[CaseResult]:
    """One result per operation tested (failed ones name the check and carry a curl line), plus a
    skipped one per operation left out because it spends money."""
    results: list[CaseResult] = []
    token = wazo_token(target) if target.provider == "wazo" else None
    only = frozenset(operations)
    for run in SPECS[target.provider]:
        spec = copy.deepcopy(load_spec(run.spec))
        schema = schemathesis.openapi.from_dict(spec, config=build_config(target, run, examples, seed, token, phases))
        only_visible_header_values(schema)
        if run.account_parameter:
            pin_account(schema, spec, run.account_parameter, target.tenants[0].account)
        names = _operation_ids(spec)
        wanted = (only & names) if only else names
        if not wanted:
            continue
        refused = {} if target.may_spend else unsafe_operations(spec, run, wanted)
        # Excluded, not included: the config's own [[operations]] tables are includes already, and
        # schemathesis joins includes with "or".
        if (names - wanted) | refused.keys():
            schema = schema.exclude(operation_id=sorted((names - wanted) | refused.keys()))
        results += [CaseResult("schema", f"{run.spec} {name}", "skipped", operation=name, message=reason)
                    for name, reason in sorted(refused.items())]
        if wanted - refused.keys():
            results += _execute(run.spec, schema)
    return results


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


def _operation_ids(spec: dict) -> frozenset[str]:
    return frozenset(o["operationId"] for item in spec["paths"].values() for o in item.values()
                     if isinstance(o, dict) and "operationId" in o)


def _execute(spec_name: str, schema: Any) -> list[CaseResult]:
    tested: set[str] = set()  # operationIds of every case sent, in any phase
    failures: dict[tuple[str, str, str], CaseResult] = {}
    errors: list[CaseResult] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            tested.update(filter(None, (_operation_id(node.value) for node in event.recorder.cases.values())))
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.failure_info is not None:
                        _record_failure(failures, spec_name, event.recorder, case_id, check)
        elif isinstance(event, events.NonFatalError):
            errors.append(CaseResult("schema", f"{spec_name} {event.label} error", "failed", operation=event.label,
                                     check="error", message=mask_secrets(str(event.info.format()))))
        elif isinstance(event, events.FatalError):
            errors.append(CaseResult("schema", f"{spec_name} fatal error", "failed", check="error",
                                     message=mask_secrets(repr(event.exception))))
    failed = {key[0] for key in failures}
    passed = [CaseResult("schema", f"{spec_name} {name}", "passed", operation=name) for name in sorted(tested - failed)]
    if not tested and not errors:
        errors.append(CaseResult("schema", f"{spec_name} nothing tested", "failed", check="error",
                                 message="schemathesis sent no request"))
    return passed + list(failures.values()) + errors


def _record_failure(failures: dict, spec_name: str, recorder: Any, case_id: str, check: Any) -> None:
    """One result per (operation, check, kind of failure), with the first failing request."""
    failure = check.failure_info.failure
    operation = _operation_id(recorder.cases[case_id].value) or recorder.label
    key = (operation, check.name, failure.title)
    if key not in failures:
        failures[key] = CaseResult(
            "schema", f"{spec_name} {operation} {check.name}", "failed", operation=operation, check=check.name,
            message=mask_secrets(f"{failure.title}: {failure.message}".strip()),
            curl=mask_secrets(check.failure_info.code_sample))


def _operation_id(case: Any) -> str | None:
    try:
        return case.operation.definition.raw.get("operationId")
    except AttributeError:
        return None
