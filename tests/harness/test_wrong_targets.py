"""`contract run` earns its keep by failing on a provider that breaks the contract: each wrong target
below is an emulator with one thing broken, served live; the run must exit non-zero naming the
operation and what broke. The honest emulator passes the same runs (last test)."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from emulator.cli import main
from tests.harness import wrong_targets
from tests.harness.wrong_targets import serve

# A few examples of a few phases keep these fast; the CI test runs every phase.
FAST = ["--examples", "5", "--phases", "examples,coverage,fuzzing"]


def contract_run(server, provider: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["contract", "run", "--provider", provider, "--base-url", f"{server.base_url}/{provider}", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_a_field_of_the_wrong_type_fails_the_schema_suite():
    with serve(wrong_targets.wrong_field_type) as server:
        code, output = contract_run(server, "sinch", "--suite", "schema", "--operation", "NumberService_ListAvailableRegions", *FAST)
    assert code == 1
    assert "FAILED [schema] operation NumberService_ListAvailableRegions, check response_schema_conformance" in output
    assert "regionName" in output and "42" in output
    assert "request: curl" in output


def test_a_missing_required_field_fails_both_suites():
    with serve(wrong_targets.missing_required_field) as server:
        code, output = contract_run(server, "wazo", "--operation", "list_phone_numbers", "--scenario", "paging_returns_each_once", *FAST)
    assert code == 1
    assert "FAILED [schema] operation list_phone_numbers, check response_schema_conformance" in output
    assert '"total" is a required property' in output
    assert "FAILED [behaviour] operation list_phone_numbers" in output and "the answer has no 'total'" in output


def test_a_server_error_on_bad_input_fails():
    with serve(wrong_targets.server_error_on_bad_input) as server:
        code, output = contract_run(server, "enfonica", "--operation", "SearchPhoneNumbers", "--scenario", "errors_in_provider_shape", *FAST)
    assert code == 1
    assert "FAILED [schema] operation SearchPhoneNumbers, check not_a_server_error" in output
    assert "FAILED [behaviour] operation GetPhoneNumberInstance" in output and "answered 500, not 400" in output


def test_a_bought_number_missing_from_the_list_fails():
    with serve(wrong_targets.bought_number_missing_from_list) as server:
        code, output = contract_run(server, "twilio", "--suite", "behaviour",
                                    "--scenario", "buy_owns_and_lists", "--scenario", "paging_returns_each_once")
        held = dict(server.app.world.owned)
    assert not held, "the harness releases what it bought, even when a step fails"
    assert code == 1
    assert "FAILED [behaviour] operation ListIncomingPhoneNumber, check buy_owns_and_lists" in output
    assert "just acquired, is missing from the list" in output
    assert "FAILED [behaviour] operation ListIncomingPhoneNumber, check paging_returns_each_once" in output
    assert "never list" in output


def test_another_tenants_number_readable_fails():
    with serve(wrong_targets.other_tenant_readable) as server:
        code, output = contract_run(server, "sinch", "--suite", "behaviour", "--scenario", "tenant_isolation")
    assert code == 1
    assert "FAILED [behaviour] operation NumberService_GetActiveNumber, check tenant_isolation" in output
    assert "another tenant can read" in output


def test_an_error_in_the_wrong_shape_fails():
    with serve(wrong_targets.error_in_wrong_shape) as server:
        code, output = contract_run(server, "twilio", "--suite", "behaviour", "--scenario", "errors_in_provider_shape")
    assert code == 1
    assert "FAILED [behaviour] operation FetchIncomingPhoneNumber, check errors_in_provider_shape" in output
    assert "not in the provider's shape: 'code' is missing or not int" in output


@pytest.mark.parametrize("provider, args", [
    ("sinch", ["--operation", "NumberService_ListAvailableRegions", "--scenario", "tenant_isolation"]),
    ("wazo", ["--operation", "list_phone_numbers", "--scenario", "paging_returns_each_once"]),
    ("enfonica", ["--operation", "SearchPhoneNumbers", "--scenario", "errors_in_provider_shape"]),
    ("twilio", ["--suite", "behaviour", "--scenario", "buy_owns_and_lists", "--scenario", "errors_in_provider_shape"]),
])
def test_the_same_runs_pass_on_the_honest_emulator(provider, args):
    with serve() as server:
        code, output = contract_run(server, provider, *args, *FAST)
    assert code == 0, output
    assert "FAILED" not in output and "result: OK" in output
