"""One app for the platform behaviour tests (frozen clock, strict validation), reset before each."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.config import Config


@pytest.fixture(scope="session")
def _platform_app():
    return create_app(Config(frozen_clock=True, validation="strict"))


@pytest.fixture
def app(_platform_app):
    _platform_app.world.reset()
    return _platform_app
