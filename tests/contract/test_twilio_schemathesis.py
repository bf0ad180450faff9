"""schemathesis against openapi/twilio.yaml, in-process, with all of its checks.

Stateless: every operation, positive and negative data. Stateful: the OpenAPI links of the spec
(search -> buy -> fetch / update / delete -> fetch). Zero failures allowed. How generated values are
steered, and the guard, are in dialect_fuzzing.py (shared with SignalWire's compatibility API).
"""
from __future__ import annotations

import re

from tests.contract.dialect_fuzzing import DialectFuzzing

FUZZING = DialectFuzzing(
    spec_name="twilio",
    config_file="twilio",
    tenant_prefix="twilio",
    account="AC00000000000000000000000000000001",
    account_pattern=re.compile(r"^AC[0-9a-fA-F]{32}$"),
    sid_pattern=re.compile(r"^PN[0-9a-fA-F]{32}$"),
    purchases={
        "CreateIncomingPhoneNumber": ("US", "LOCAL"),
        "CreateIncomingPhoneNumberLocal": ("US", "LOCAL"),
        "CreateIncomingPhoneNumberTollFree": ("US", "TOLL_FREE"),
        "CreateIncomingPhoneNumberMobile": ("GB", "MOBILE"),
    },
    # The number types Twilio lists that the numbering plan sells in no country: their searches
    # answer 404 (20404) everywhere, as Twilio does for a type a country lacks.
    never_offered={"ListAvailablePhoneNumberNational", "ListAvailablePhoneNumberVoip",
                   "ListAvailablePhoneNumberSharedCost", "ListAvailablePhoneNumberMachineToMachine"},
    # schemathesis starts stateful scenarios only at operations it thinks reliable: POSTs whose
    # inputs some operation produces, and GETs without path parameters. Here that is the Pricing
    # list alone (every 2010 operation needs an AccountSid no operation produces), so scenarios
    # would never leave Pricing. Without its one link (list -> fetch, covered statelessly)
    # schemathesis starts from every operation with links instead.
    drop_links_of=("ListPricingPhoneNumberCountry",),
)

test_stateless = FUZZING.stateless_test()
TestStateful = FUZZING.stateful_test()
test_fuzzing_reached_every_operation_successfully = FUZZING.guard_test()
