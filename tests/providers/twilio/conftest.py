"""One app for the Twilio behaviour tests, its world reset before each test (building an app per
test would cost more than most of these tests)."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.config import Config


@pytest.fixture(scope="session")
def _twilio_app():
    return create_app(Config(frozen_clock=True, validation="strict"))


@pytest.fixture
def app(_twilio_app):
    _twilio_app.world.reset()
    return _twilio_app
