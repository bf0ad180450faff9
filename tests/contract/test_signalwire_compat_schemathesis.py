"""schemathesis against openapi/signalwire-compat.yaml (SignalWire's Twilio-compatible API, the
Twilio dialect in SignalWire's configuration), in-process, all checks, stateless and stateful."""
from __future__ import annotations

import re

from emulator.config import SIGNALWIRE_PROJECT_1
from tests.contract.dialect_fuzzing import DialectFuzzing

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"

FUZZING = DialectFuzzing(
    spec_name="signalwire-compat",
    config_file="signalwire-compat",
    tenant_prefix="signalwire",
    account=SIGNALWIRE_PROJECT_1,
    account_pattern=re.compile(f"^{UUID}$"),
    sid_pattern=re.compile(f"^{UUID}$"),
    purchases={
        "CreateIncomingPhoneNumber": ("US", "LOCAL"),
        "CreateIncomingPhoneNumberLocal": ("US", "LOCAL"),
        "CreateIncomingPhoneNumberTollFree": ("US", "TOLL_FREE"),
    },
)

test_stateless = FUZZING.stateless_test()
TestStateful = FUZZING.stateful_test()
test_fuzzing_reached_every_operation_successfully = FUZZING.guard_test()
