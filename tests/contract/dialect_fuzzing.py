"""schemathesis runs for one configuration of the Twilio dialect (Twilio, SignalWire's compatibility
API): stateless and stateful with all checks, plus a guard that fuzzing really reached every
operation. The configurations differ in spec, account id, number-sid shape and number types."""
from __future__ import annotations

import copy
import re
import zlib
from dataclasses import dataclass, field
from typing import Any, Callable

import schemathesis
from hypothesis import HealthCheck, settings

from emulator.core import CONTAINS, NumberQuery
from emulator.specs import load_spec
from tests.contract.fuzzing import fuzz_target

_E164 = re.compile(r"^\+[1-9][0-9]{1,14}$")


@dataclass
class DialectFuzzing:
    spec_name: str
    config_file: str  # contracts/harness/configs/<config_file>.schemathesis.toml
    tenant_prefix: str  # "twilio" / "signalwire"
    account: str
    account_pattern: re.Pattern
    sid_pattern: re.Pattern
    purchases: dict[str, tuple[str, str]]  # purchase operationId -> (region, core type) to buy
    never_offered: set[str] = field(default_factory=set)  # searches no country can satisfy
    drop_links_of: tuple[str, ...] = ()  # see test_twilio_schemathesis (Pricing)
    stateful_examples: int = 60

    def __post_init__(self) -> None:
        self.target = target = fuzz_target(self.spec_name, self.config_file)
        self.config, self.app, self.schema, self.statuses = target.config, target.app, target.schema, target.statuses

    # -- steering generated values towards reachable behaviour ------------------------------
    def pin(self, case: Any) -> None:
        """Act on the caller's own account when the generated one is well-formed (a foreign one
        only ever gets 404); buy, every other time, a number that is free; and, every other time,
        name a number sid the account owns. The choices follow the generated values, so a rerun
        repeats them."""
        path = case.path_parameters or {}
        if isinstance(path.get("AccountSid"), str) and self.account_pattern.match(path["AccountSid"]):
            path["AccountSid"] = self.account
        body = case.body
        if isinstance(body, dict) and isinstance(body.get("AccountSid"), str) and self.account_pattern.match(body["AccountSid"]):
            body["AccountSid"] = self.account
        target = self.purchases.get(case.operation.definition.raw.get("operationId", ""))
        if target is not None and isinstance(body, dict):
            number = body.get("PhoneNumber")
            well_formed = isinstance(number, str) and _E164.match(number)
            seed = repr((number, body.get("AreaCode"))).encode("utf-8", "backslashreplace")
            if well_formed or not zlib.crc32(seed) % 2:
                free = self.app.world.search(NumberQuery(*target, "", CONTAINS), 1)
                if free:
                    body["PhoneNumber"] = free[0].number
        sid = path.get("Sid")
        if isinstance(sid, str) and self.sid_pattern.match(sid) and not zlib.crc32(sid.encode()) % 2:
            tenant = f"{self.tenant_prefix}/{self.account}"
            owned = [r.id for r in list(self.app.world.owned.values()) if r.tenant == tenant]
            if owned:
                path["Sid"] = owned[zlib.crc32(sid.encode()) % len(owned)]

    # -- the tests --------------------------------------------------------------------------
    def stateless_test(self) -> Callable:
        @self.schema.parametrize()
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        def test_stateless(case):
            self.pin(case)
            case.call_and_validate()

        return test_stateless

    def stateful_test(self) -> Any:
        spec = copy.deepcopy(load_spec(self.spec_name))
        for item in spec["paths"].values():
            for operation in item.values():
                if isinstance(operation, dict) and operation.get("operationId") in self.drop_links_of:
                    operation["responses"]["200"].pop("links", None)
        stateful = schemathesis.openapi.from_dict(spec, config=self.config)
        stateful.app = self.app
        fuzzing = self

        class StateMachine(stateful.as_state_machine()):  # type: ignore[misc]
            def setup(self):
                """Each scenario starts from a fresh world, so a replay sees the same answers."""
                fuzzing.app.world.reset()

            def before_call(self, case):
                fuzzing.pin(case)

        test_case = StateMachine.TestCase
        test_case.settings = settings(max_examples=self.stateful_examples, stateful_step_count=8, deadline=None,
                                      suppress_health_check=list(HealthCheck))
        return test_case

    def guard_test(self) -> Callable:
        def test_fuzzing_reached_every_operation_successfully():
            """Fuzzing that only ever met 401s or 400s would pass vacuously."""
            self.target.assert_every_operation_reached(never_succeeds=frozenset(self.never_offered))
            assert {op for (op, status) in self.statuses if status == 404} >= self.never_offered

        return test_fuzzing_reached_every_operation_successfully
