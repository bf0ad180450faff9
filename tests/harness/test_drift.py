"""Drift detection: `contract record` stores the scenarios' exchanges as sanitized cassettes, and
`contract compare` replays them against another instance and reports, per operation, what differs.
Two emulator instances stand in for "the provider" and "the emulator"; one is configured to differ
(an extra field on numbers, another code for "not found")."""
from __future__ import annotations

import json

from click.testing import CliRunner

from emulator.cli import main
from tests.harness import wrong_targets
from tests.harness.wrong_targets import serve

SCENARIOS = ["--scenario", "update_persists", "--scenario", "errors_in_provider_shape"]


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["contract", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def record(server, cassettes, provider: str = "twilio") -> None:
    code, output = cli("record", "--provider", provider, "--base-url", f"{server.base_url}/{provider}",
                       "--cassettes", str(cassettes), *SCENARIOS)
    assert code == 0, output


def compare(server, cassettes, *args: str, provider: str = "twilio") -> tuple[int, str]:
    return cli("compare", "--provider", provider, "--base-url", f"{server.base_url}/{provider}",
               "--cassettes", str(cassettes), *args)


def test_cassettes_are_sanitized(tmp_path):
    with serve() as provider:
        record(provider, tmp_path)
    files = sorted(p.name for p in (tmp_path / "twilio").iterdir())
    assert files == ["errors_in_provider_shape.json", "update_persists.json"]
    text = (tmp_path / "twilio" / "update_persists.json").read_text()
    cassette = json.loads(text)
    assert cassette["scenario"] == "update_persists" and cassette["outcome"] == "passed"
    assert [e["operation"] for e in cassette["exchanges"]] == [
        "ListAvailablePhoneNumberLocal", "CreateIncomingPhoneNumber", "UpdateIncomingPhoneNumber",
        "FetchIncomingPhoneNumber", "DeleteIncomingPhoneNumber"]
    assert "AC00000000000000000000000000000001" not in text and "<account-1>" in text
    assert "+1206" not in text and "(206)" not in text and "<number-1>" in text
    assert all(e["request"]["headers"]["Authorization"] == "***" for e in cassette["exchanges"])
    bought = cassette["exchanges"][1]["response"]["body"]
    assert bought["phone_number"] == "<number-1>" and bought["sid"].startswith("<sid-")
    assert cassette["exchanges"][3]["response"]["body"]["sid"] == bought["sid"]  # masked consistently


def test_compare_reports_the_differences_of_a_differing_instance(tmp_path):
    with serve() as provider, serve(wrong_targets.extra_field_and_other_code) as drifted:
        record(provider, tmp_path)
        code, output = compare(drifted, tmp_path)
    assert code == 1
    assert "  UpdateIncomingPhoneNumber:\n    $.x_region_hint: in the emulator (string), not in the recording" in output
    assert "  FetchIncomingPhoneNumber:\n" in output
    assert "error code: 20404 recorded, 20405 in the emulator (scenario errors_in_provider_shape)" in output
    assert "$.x_region_hint: in the emulator (string), not in the recording (scenario update_persists)" in output
    assert "ListAvailablePhoneNumberLocal" not in output  # what is the same is not reported
    assert "result: 3 differences, 0 accepted" in output
    # 20405 is not Twilio's code: the replayed scenario fails too, which the comparison mentions
    assert "replay failed (see contract run): FetchIncomingPhoneNumber: scenario errors_in_provider_shape" in output


def test_compare_without_cassettes_is_an_error(tmp_path):
    with serve() as emulator:
        code, output = compare(emulator, tmp_path)
    assert code == 1 and "no cassettes of twilio" in output


def test_identical_instances_compare_clean(tmp_path):
    with serve() as provider, serve() as emulator:
        record(provider, tmp_path)
        code, output = compare(emulator, tmp_path)
    assert code == 0, output
    assert "result: 0 differences, 0 accepted (identical)" in output


def test_accepted_differences_are_reported_but_do_not_fail(tmp_path):
    accepted = tmp_path / "accepted.yaml"
    accepted.write_text("- operation: FetchIncomingPhoneNumber\n  kind: error-code\n  reason: code renumbered\n"
                        "- kind: extra-field\n  path: $.x_*\n  reason: our extension\n")
    with serve() as provider, serve(wrong_targets.extra_field_and_other_code) as drifted:
        record(provider, tmp_path / "cassettes")
        code, output = compare(drifted, tmp_path / "cassettes", "--accept", str(accepted))
    assert code == 0, output
    assert "[accepted: code renumbered]" in output and "[accepted: our extension]" in output
    assert "result: 0 differences, 3 accepted" in output
