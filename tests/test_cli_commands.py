"""`numbers-emulator specs` and the lazily loaded `fixtures` group, through click's runner."""
from __future__ import annotations

import json

from click.testing import CliRunner

from emulator.cli import main
from emulator.specs import load_spec, spec_names, spec_path


def test_specs_list_names_every_bundled_spec():
    result = CliRunner().invoke(main, ["specs", "list"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == spec_names()
    assert {"control", "enfonica", "wazo", "sinch", "twilio"} <= set(spec_names())


def test_specs_export_as_bundled_and_as_json(tmp_path):
    yaml_out = CliRunner().invoke(main, ["specs", "export", "enfonica"])
    assert yaml_out.exit_code == 0 and yaml_out.output == spec_path("enfonica").read_text()
    target = tmp_path / "wazo.json"
    assert CliRunner().invoke(main, ["specs", "export", "wazo", "--format", "json", "--output", str(target)]).exit_code == 0
    assert json.loads(target.read_text()) == load_spec("wazo")


def test_an_unknown_spec_is_a_usage_error():
    result = CliRunner().invoke(main, ["specs", "export", "nope"])
    assert result.exit_code == 2 and "bundled:" in result.output


def test_the_fixtures_group_is_reachable_from_the_main_command():
    result = CliRunner().invoke(main, ["fixtures", "generate", "--provider", "sinch", "--kind", "available",
                                       "--count", "2", "--format", "ndjson"])
    assert result.exit_code == 0, result.output
    assert len([json.loads(line) for line in result.output.splitlines()]) == 2
