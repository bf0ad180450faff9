"""Specs derived from others are committed for users to read; they must match their source."""
from __future__ import annotations

from emulator.providers.signalwire.compat_spec import render
from emulator.specs import spec_path


def test_signalwire_compat_spec_is_generated_from_the_twilio_spec():
    committed = spec_path("signalwire-compat").read_text()
    assert committed == render(), "run: python -m emulator.providers.signalwire.compat_spec"
