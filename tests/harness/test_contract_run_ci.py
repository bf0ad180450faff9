"""Our CI runs `numbers-emulator contract run` against a live emulator (the installed console
script, served by granian as users run it) for every provider, both suites, every phase: zero
failures. A few examples keep it short; users raise --examples."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from contracts.harness.targets import PROVIDERS
from tests.live import console_script, live_emulator

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def emulator():
    with live_emulator() as base:
        yield base


@pytest.mark.parametrize("provider", PROVIDERS)
def test_contract_run_passes_on_the_emulator(emulator, provider, tmp_path):
    junit = tmp_path / "junit.xml"
    done = subprocess.run([*console_script(), "contract", "run", "--provider", provider, "--base-url", f"{emulator}/{provider}",
                           "--suite", "all", "--examples", "3", "--junit", str(junit)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"contract run: {provider} at {emulator}/{provider} (emulator)" in done.stdout
    assert "  schema: " in done.stdout and "  behaviour: " in done.stdout
    assert "FAILED" not in done.stdout and "result: OK" in done.stdout
    suites = {s.get("name"): s for s in ET.parse(junit).getroot()}
    assert set(suites) == {f"{provider}.schema", f"{provider}.behaviour"}
    assert all(s.get("failures") == "0" for s in suites.values())
    assert int(suites[f"{provider}.schema"].get("tests")) >= 6  # every operation of the spec(s) was tested
    passed = [c for c in suites[f"{provider}.behaviour"] if not list(c)]
    assert len(passed) >= 7  # every scenario that applies (Wazo has no search)
