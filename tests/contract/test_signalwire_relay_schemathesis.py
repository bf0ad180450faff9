"""schemathesis against openapi/signalwire.yaml (SignalWire's relay REST phone-number API), in-process,
with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> buy -> retrieve / update / release, list -> retrieve). Zero failures allowed.
"""
from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path

import schemathesis
from flask import g
from hypothesis import HealthCheck, settings

from emulator.app import create_app
from emulator.config import Config
from emulator.specs import load_spec

CONFIG = schemathesis.Config.from_path(Path(__file__).with_name("signalwire-relay.schemathesis.toml"))

app = create_app(Config(validation="strict"))
schema = schemathesis.openapi.from_dict(copy.deepcopy(load_spec("signalwire")), config=CONFIG)
schema.app = app
STATUSES: Counter = Counter()  # (operationId, status) seen by the app during fuzzing


@app.after_request
def _record(response):
    STATUSES[(g.get("operation_id"), response.status_code)] += 1
    return response


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_stateless(case):
    case.call_and_validate()


class RelayStateMachine(schema.as_state_machine()):  # type: ignore[misc]
    def setup(self):
        """Each scenario starts from a fresh world, so a replayed scenario sees the same answers."""
        app.world.reset()


TestStateful = RelayStateMachine.TestCase
TestStateful.settings = settings(max_examples=40, stateful_step_count=8, deadline=None,
                                 suppress_health_check=list(HealthCheck))


def test_fuzzing_reached_every_operation_successfully():
    """Guards the runs above: fuzzing that only ever met 401s or 422s would pass vacuously."""
    assert STATUSES, "the schemathesis tests did not run first"
    succeeded = {op for (op, status), n in STATUSES.items() if 200 <= status < 300}
    rejected = {op for (op, status), n in STATUSES.items() if 400 <= status < 500}
    operations = {o["operationId"] for item in schema.raw_schema["paths"].values()
                  for o in item.values() if isinstance(o, dict) and "operationId" in o}
    assert operations - succeeded == set()
    assert operations - rejected == set()
    assert not [k for k in STATUSES if k[1] >= 500]
