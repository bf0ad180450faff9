"""Suite 2: the neutral scenarios run through the target provider's dialect adapter. Each scenario
gets fresh connections (so its exchanges are its own, for cassettes) and is refused, as skipped with
the reason, when it would spend money on a real provider without --allow-charges."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from .dialects import DIALECTS, NOT_ADAPTED, ContractBroken, Dialect
from .http import Exchange, short
from .report import CaseResult
from .scenarios import SCENARIOS, Context, Scenario
from .targets import Target, emulator_control_url


@dataclass
class ScenarioRun:
    scenario: Scenario
    result: CaseResult
    exchanges: list[Exchange] = field(default_factory=list)


def skip_reason(target: Target, scenario: Scenario, dialect: type[Dialect]) -> str | None:
    if scenario.name in dialect.not_applicable:
        return f"does not apply to {target.provider}: {dialect.not_applicable[scenario.name]}"
    if scenario.charging and dialect.charging and not target.may_spend:
        return f"spends money on {target.provider} (buys numbers): pass --allow-charges to run it"
    if scenario.needs_other_tenant and len(target.tenants) < 2:
        return "needs a second tenant's credentials (--user-2/--secret-2/--account-2)"
    return None


def run_behaviour(target: Target, only: Iterable[str] = ()) -> list[ScenarioRun]:
    wanted = set(only)
    scenarios = [s for s in SCENARIOS if not wanted or s.name in wanted]
    dialect = DIALECTS.get(target.provider)
    if dialect is None:
        reason = NOT_ADAPTED.get(target.provider, "no behaviour adapter")
        return [ScenarioRun(s, CaseResult("behaviour", s.name, "skipped", check=s.name, message=reason)) for s in scenarios]
    runs = []
    for scenario in scenarios:
        reason = skip_reason(target, scenario, dialect)
        if reason:
            runs.append(ScenarioRun(scenario, CaseResult("behaviour", scenario.name, "skipped", check=scenario.name,
                                                         message=reason)))
        else:
            runs.append(run_scenario(target, scenario, dialect))
    return runs


def run_scenario(target: Target, scenario: Scenario, dialect: type[Dialect]) -> ScenarioRun:
    journal: list[Exchange] = []
    started = time.perf_counter()
    result = CaseResult("behaviour", scenario.name, "passed", check=scenario.name)
    ctx: Context | None = None
    try:
        actor = dialect.connect(target.base_url, target.tenants[0], journal)
        other = dialect.connect(target.base_url, target.tenants[1], journal) if len(target.tenants) > 1 else None
        if target.is_emulator:
            for connected in (actor, other):
                if connected is not None:
                    connected.control_url = emulator_control_url(target.base_url)
        ctx = Context(target, actor, other)
        scenario.run(ctx)
    except ContractBroken as broken:
        _fail(result, broken.operation, broken.message, broken.exchange or (journal[-1] if journal else None))
    except Exception as error:  # noqa: BLE001 - a crash of a step is that scenario's failure, not the run's
        _fail(result, journal[-1].operation if journal else "", f"{type(error).__name__}: {error}",
              journal[-1] if journal else None)
    finally:
        problems = ctx.release_all() if ctx is not None else []
    if problems:
        _fail(result, result.operation or "release", "; ".join(problems), None)
    if ctx is not None and ctx.notes and result.status == "passed":
        result.message = "; ".join(ctx.notes)
    result.seconds = time.perf_counter() - started
    return ScenarioRun(scenario, result, journal)


def _fail(result: CaseResult, operation: str, message: str, exchange: Exchange | None) -> None:
    result.status = "failed"
    result.operation = result.operation or operation
    result.message = f"{result.message}; {message}" if result.message else f"scenario {result.name}: {message}"
    if exchange is not None and not result.curl:
        result.curl = exchange.curl()
        result.message += f"\nanswer: {exchange.status} {short(exchange.response_body)}"


