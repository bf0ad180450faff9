"""`contract run` earns its keep by failing on a provider that breaks the contract: each wrong
provider below is an emulator with one thing broken (tests/harness/wrong_targets.py), served live;
the run must exit non-zero naming the operation and what broke, and release what it bought. The
honest emulator passes the very same runs."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from emulator.cli import main
from tests.harness import wrong_targets
from tests.harness.wrong_targets import serve

# A few examples of a few phases keep these fast; the CI test runs every phase.
FAST = ["--examples", "5", "--phases", "examples,coverage,fuzzing"]

# wrong provider, provider, what to run, what the output must say
CASES = [
    ("wrong_field_type", "sinch", ["--suite", "schema", "--operation", "NumberService_ListAvailableRegions"],
     ["FAILED [schema] operation NumberService_ListAvailableRegions, check response_schema_conformance",
      '42 is not of type "string"', "AvailableRegion/properties/regionName", "request: curl"]),
    ("accepts_bad_input", "sinch", ["--suite", "schema", "--operation", "NumberService_ListAvailableRegions"],
     ["FAILED [schema] operation NumberService_ListAvailableRegions, check negative_data_rejection",
      "Schema-violating request accepted"]),
    ("missing_required_field", "wazo", ["--operation", "list_phone_numbers", "--scenario", "paging_returns_each_once"],
     ["FAILED [schema] operation list_phone_numbers, check response_schema_conformance", '"total" is a required property',
      "FAILED [behaviour] operation list_phone_numbers, check paging_returns_each_once", "the answer has no 'total'"]),
    ("server_error_on_bad_input", "enfonica", ["--operation", "SearchPhoneNumbers", "--scenario", "errors_in_provider_shape"],
     ["FAILED [schema] operation SearchPhoneNumbers, check not_a_server_error",
      "FAILED [behaviour] operation GetPhoneNumberInstance, check errors_in_provider_shape", "answered 500, not 400"]),
    ("bought_number_missing_from_list", "twilio",
     ["--suite", "behaviour", "--scenario", "buy_owns_and_lists", "--scenario", "paging_returns_each_once"],
     ["FAILED [behaviour] operation ListIncomingPhoneNumber, check buy_owns_and_lists", "just acquired, is missing from the list",
      "FAILED [behaviour] operation ListIncomingPhoneNumber, check paging_returns_each_once", "never list"]),
    ("other_tenant_readable", "sinch", ["--suite", "behaviour", "--scenario", "tenant_isolation"],
     ["FAILED [behaviour] operation NumberService_GetActiveNumber, check tenant_isolation", "another tenant can read"]),
    ("error_in_wrong_shape", "twilio", ["--suite", "behaviour", "--scenario", "errors_in_provider_shape"],
     ["FAILED [behaviour] operation FetchIncomingPhoneNumber, check errors_in_provider_shape",
      "not in the provider's shape: 'code' is missing or not int"]),
]


def contract_run(server, provider: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["contract", "run", "--provider", provider, "--base-url",
                                       f"{server.base_url}/{provider}", *args, *FAST])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


@pytest.mark.parametrize("wrong, provider, args, expected", CASES, ids=[c[0] for c in CASES])
def test_contract_run_fails_on_a_wrong_provider(wrong, provider, args, expected):
    with serve(getattr(wrong_targets, wrong)) as server:
        code, output = contract_run(server, provider, *args)
        held = dict(server.app.world.owned)
    assert code == 1, output
    for line in expected:
        assert line in output, output
    assert "result: FAILED" in output
    assert not held, "the harness releases what it bought, even when a step fails"


@pytest.mark.parametrize("wrong, provider, args, expected", CASES, ids=[c[0] for c in CASES])
def test_the_same_run_passes_on_the_honest_emulator(wrong, provider, args, expected):
    with serve() as server:
        code, output = contract_run(server, provider, *args)
    assert code == 0, output
    assert "FAILED" not in output and "result: OK" in output
