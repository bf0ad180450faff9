"""Suite 1: schemathesis against the bundled spec of a provider, over HTTP at any base URL.

Every phase of schemathesis' engine runs (explicit examples, coverage, fuzzing, and stateful
sequences along the spec's OpenAPI links) with all of its checks. The configuration of each spec
(:mod:`.schema_config`) is the one our own in-process fuzzing uses, completed with the target's base
URL, credentials and account; :mod:`.steering` aims cases at the caller's account."""
from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from typing import Any

import schemathesis
from schemathesis.engine import events, from_schema

from emulator.specs import load_spec

from .dialects.wazo import WazoDialect
from .report import CaseResult
from .schema_config import DEFAULT_EXAMPLES, PHASES, SPECS, build_config, operation_ids, unsafe_operations
from .steering import drop_valid_requests_reported_as_negative, only_visible_header_values, pin_account
from .targets import Target

_SECRETS = re.compile(r"(?i)((?:-H|--header)\s+['\"]?(?:authorization|x-auth-token):\s*)[^'\"\n]+")
_SECRETS_PLAIN = re.compile(r"(?i)((?:authorization|x-auth-token):\s*)(basic|bearer)?\s*[^'\"\s,}]+")


def mask_secrets(text: str) -> str:
    """Credentials out of a curl line or message (they end up in CI logs)."""
    text = _SECRETS.sub(r"\1***", text)
    return _SECRETS_PLAIN.sub(lambda m: m.group(1) + (m.group(2) + " " if m.group(2) else "") + "***", text)


def run_schema_suite(target: Target, examples: int = DEFAULT_EXAMPLES, seed: int | None = None,
                     operations: Iterable[str] = (), phases: Iterable[str] = PHASES) -> list[CaseResult]:
    """One result per operation tested (failed ones name the check and carry a curl line), plus a
    skipped one per operation left out as unsafe on a real provider."""
    results: list[CaseResult] = []
    token = WazoDialect.token(target.base_url, target.tenants[0]) if target.provider == "wazo" else None
    only = frozenset(operations)
    for run in SPECS[target.provider]:
        spec = copy.deepcopy(load_spec(run.spec))
        config = build_config(target, run, examples, seed, token, phases)
        schema = schemathesis.openapi.from_dict(spec, config=config)
        only_visible_header_values(schema)
        drop_valid_requests_reported_as_negative(schema, spec, target.base_url)
        if run.account_parameter:
            pin_account(schema, spec, run.account_parameter, target.tenants[0].account)
        names = operation_ids(spec)
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
