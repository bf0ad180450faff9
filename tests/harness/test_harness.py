"""The harness's rules, each shown once: money is not spent on a real provider without
--allow-charges (and what is bought is released), the emulator is recognised, credentials come from
flags or the environment, cassettes mask secrets, and the comparison ignores what depends on an
account's contents rather than on the contract."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from contracts.harness.cassettes import Sanitizer
from contracts.harness.compare import Difference, _drop_unknown_items, load_accepted, shape
from contracts.harness.targets import DEFAULT_TENANTS, Target, detect_emulator, tenants_from
from emulator.cli import main
from tests.harness.wrong_targets import Corrupt, serve
from tests.live import free_port


def run(server, provider: str, *args: str, env: dict | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["contract", "run", "--provider", provider, "--base-url",
                                       f"{server.base_url}/{provider}", *args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_a_real_provider_is_not_charged_without_allow_charges():
    with serve() as server:
        code, output = run(server, "twilio", "--not-emulator", "--examples", "2", "--phases", "examples,fuzzing",
                           "--operation", "CreateIncomingPhoneNumber", "--operation", "UpdateIncomingPhoneNumber",
                           "--operation", "ListIncomingPhoneNumber")
        bought = dict(server.app.world.owned)
    assert code == 0, output
    assert "(real provider)" in output
    assert ("SKIPPED [schema] twilio CreateIncomingPhoneNumber: spends money on the real provider: "
            "pass --allow-charges to test it") in output
    assert "SKIPPED [schema] twilio UpdateIncomingPhoneNumber: may change or release what the account holds" in output
    assert "schema: 1 passed, 0 failed, 2 skipped" in output  # the list alone was fuzzed
    for scenario in ("buy_owns_and_lists", "paging_returns_each_once", "update_persists", "release_removes",
                     "no_double_ownership", "tenant_isolation"):
        assert f"SKIPPED [behaviour] {scenario}: spends money on twilio (buys numbers): pass --allow-charges" in output
    assert "behaviour: 2 passed, 0 failed, 6 skipped" in output  # the search and the errors spend nothing
    assert not bought


def test_allow_charges_runs_them_and_releases_what_it_bought():
    with serve() as server:
        code, output = run(server, "sinch", "--not-emulator", "--allow-charges", "--suite", "behaviour")
        left = dict(server.app.world.owned)
    assert code == 0, output
    assert "behaviour: 8 passed, 0 failed, 0 skipped" in output
    assert not left


def test_own_credentials_from_the_environment_and_no_second_tenant():
    """A Twilio API key acting for its account, given in NUMBERS_CONTRACT_*; no second tenant given,
    so the isolation scenario says what it needs."""
    env = {"NUMBERS_CONTRACT_USER": "SK00000000000000000000000000000001", "NUMBERS_CONTRACT_SECRET": "test",
           "NUMBERS_CONTRACT_ACCOUNT": "AC00000000000000000000000000000001"}
    with serve() as server:
        code, output = run(server, "twilio", "--suite", "behaviour", env=env)
    assert code == 0, output
    assert "behaviour: 7 passed, 0 failed, 1 skipped" in output
    assert "SKIPPED [behaviour] tenant_isolation: needs a second tenant's credentials" in output


def test_wrong_credentials_fail_naming_the_operation():
    with serve() as server:
        code, output = run(server, "sinch", "--suite", "behaviour", "--scenario", "buy_owns_and_lists", "--secret", "wrong")
    assert code == 1
    assert "FAILED [behaviour] operation NumberService_ListAvailableNumbers" in output and "answered 401" in output


def test_tenants_default_to_the_emulators_two_only_without_own_credentials():
    none = {"user": None, "secret": None, "account": None}
    assert tenants_from("sinch", none, none) == DEFAULT_TENANTS["sinch"]
    own = tenants_from("twilio", {"user": "AC" + "9" * 32, "secret": "s", "account": None}, none)
    assert len(own) == 1 and own[0].account == "AC" + "9" * 32


def test_the_emulator_is_recognised_by_its_control_api():
    def hide_control(app):
        def before(environ):
            if environ["PATH_INFO"].startswith("/_emulator"):
                environ["PATH_INFO"] = "/nowhere"
        return Corrupt(app, before=before)

    with serve() as server, serve(hide_control) as disguised:
        assert detect_emulator(f"{server.base_url}/twilio")
        assert not detect_emulator(f"{disguised.base_url}/twilio")
    assert not detect_emulator(f"http://127.0.0.1:{free_port()}/twilio")


def test_cassettes_mask_credentials_accounts_numbers_and_ids():
    tenants = DEFAULT_TENANTS["wazo"]
    sanitizer = Sanitizer(Target("wazo", "http://x/wazo", tenants, True))
    body = {"data": {"token": "5eed70c3-aaaa-4000-8000-000000000001", "tenant_uuid": tenants[0].account},
            "items": [{"number": "+12065550123", "href": "/phone-numbers?n=%2B12065550123"}, {"number": "+442071838750"}]}
    masked = sanitizer.value(body)
    assert masked["data"] == {"token": "***", "tenant_uuid": "<account-1>"}
    assert masked["items"][0] == {"number": "<number-1>", "href": "/phone-numbers?n=<number-1>"}
    assert masked["items"][1] == {"number": "<number-2>"}


def test_shapes_compare_types_not_values_and_leave_account_contents_out():
    assert shape({"a": 1, "b": [{"c": "x"}, {"c": "y", "d": None}]}) == {
        "$": "object", "$.a": "number", "$.b": "array", "$.b[]": "object", "$.b[].c": "string", "$.b[].d": "null?"}
    old, new = shape({"items": [{"n": "1"}]}), shape({"items": []})
    _drop_unknown_items(old, new)
    assert old == new == {"$": "object", "$.items": "array"}


def test_accepted_differences_file_is_checked(tmp_path):
    bad = tmp_path / "accepted.yaml"
    bad.write_text("- kind: extra-field\n  colour: blue\n")
    with pytest.raises(ValueError, match="unknown keys"):
        load_accepted(bad)
    bad.write_text("- kind: renamed\n")
    with pytest.raises(ValueError, match="is not one of"):
        load_accepted(bad)
    good = tmp_path / "good.yaml"
    good.write_text("- provider: twilio\n  path: $.subresource_uris.*\n")
    [rule] = load_accepted(good)
    assert rule.matches("twilio", Difference("s", "FetchIncomingPhoneNumber", "extra-field", "$.subresource_uris.feedback"))
    assert not rule.matches("sinch", Difference("s", "x", "extra-field", "$.subresource_uris.feedback"))
