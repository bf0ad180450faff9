"""What every schemathesis module needs: a strict app, the spec loaded with its schemathesis config,
and a tally of (operationId, status) the app answered, for the "fuzzing reached every operation"
guards."""
from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import schemathesis
from flask import g
from hypothesis import HealthCheck, settings

from emulator.app import create_app
from emulator.config import Config
from contracts.harness.configs import config_path
from emulator.specs import load_spec


@dataclass
class FuzzTarget:
    app: Any
    schema: Any
    config: Any
    statuses: Counter

    def stateless_test(self, steer: Callable[[Any], None] = lambda case: None, max_examples: int = 40) -> Callable:
        """Every operation, positive and negative data, all checks; ``steer`` may aim a generated
        case at reachable behaviour (it must keep a negative case negative)."""

        @self.schema.parametrize()
        @settings(max_examples=max_examples, deadline=None, suppress_health_check=list(HealthCheck))
        def test_stateless(case):
            steer(case)
            case.call_and_validate()

        return test_stateless

    def stateful_test(
        self,
        steer: Callable[[Any], None] = lambda case: None,
        setup: Callable[[], None] | None = None,
        max_examples: int = 40,
        steps: int = 8,
    ) -> Any:
        """Scenarios along the spec's OpenAPI links. Each starts with ``setup`` (by default a fresh
        world), so a replayed scenario sees the same answers."""
        app = self.app
        start = setup or app.world.reset

        class StateMachine(self.schema.as_state_machine()):  # type: ignore[misc]
            def setup(self):
                start()

            def before_call(self, case):
                steer(case)

        test_case = StateMachine.TestCase
        test_case.settings = settings(max_examples=max_examples, stateful_step_count=steps, deadline=None,
                                      suppress_health_check=list(HealthCheck))
        return test_case

    def assert_every_operation_reached(self, never_succeeds: frozenset = frozenset(), never_refuses: frozenset = frozenset()) -> None:
        """Guards the fuzzing runs: fuzzing that only ever met 401s or 400s would pass vacuously. Every
        operation must have answered a 2xx and a 4xx (but the named exceptions), and none a 5xx."""
        assert self.statuses, "the schemathesis tests did not run first"
        succeeded = {op for (op, status) in self.statuses if 200 <= status < 300}
        refused = {op for (op, status) in self.statuses if 400 <= status < 500}
        operations = {o["operationId"] for item in self.schema.raw_schema["paths"].values()
                      for o in item.values() if isinstance(o, dict) and "operationId" in o}
        assert operations - succeeded == set(never_succeeds), sorted(operations - succeeded)
        assert operations - refused == set(never_refuses), sorted(operations - refused)
        assert not [k for k in self.statuses if k[1] >= 500]


def fuzz_target(spec_name: str, config_file: str, app_config: Config | None = None) -> FuzzTarget:
    config = schemathesis.Config.from_path(config_path(config_file))
    app = create_app(app_config or Config(validation="strict"))
    statuses: Counter = Counter()

    @app.after_request
    def _record(response):
        statuses[(g.get("operation_id"), response.status_code)] += 1
        return response

    schema = schemathesis.openapi.from_dict(copy.deepcopy(load_spec(spec_name)), config=config)
    schema.app = app
    return FuzzTarget(app, schema, config, statuses)
