"""``contract run``: the chosen suites against one target, into one :class:`Report`."""
from __future__ import annotations

import time
from collections.abc import Iterable

from .behaviour import run_behaviour
from .report import Report
from .schema_config import DEFAULT_EXAMPLES, PHASES
from .schema_suite import run_schema_suite
from .targets import Target

SUITES = ("schema", "behaviour", "all")


def run_contract(target: Target, suite: str = "all", examples: int = DEFAULT_EXAMPLES, seed: int | None = None,
                 operations: Iterable[str] = (), scenarios: Iterable[str] = (),
                 phases: Iterable[str] = PHASES) -> Report:
    report = Report(target.provider, target.base_url, target.is_emulator)
    if suite in ("schema", "all"):
        started = time.perf_counter()
        report.results += run_schema_suite(target, examples, seed, operations, phases)
        report.seconds["schema"] = time.perf_counter() - started
    if suite in ("behaviour", "all"):
        started = time.perf_counter()
        report.results += [run.result for run in run_behaviour(target, scenarios)]
        report.seconds["behaviour"] = time.perf_counter() - started
    return report
