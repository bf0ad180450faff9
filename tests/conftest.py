"""Shared fixtures: an app with a frozen clock per test, its client and the default credentials."""
from __future__ import annotations

import base64
import os

import pytest
from hypothesis import settings

from emulator.app import create_app
from emulator.config import Config


# Hypothesis profiles. "ci" (the default) draws the same examples on every run, so a CI result
# is reproducible and the "fuzzing reached every operation" guards can't flip on a lucky draw;
# "explore" (HYPOTHESIS_PROFILE=explore) draws fresh examples, more of them, for local bug hunts.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def basic(user: str, password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}


def one_app_per_session() -> tuple:
    """Fixtures ``(_session_app, app)`` for a conftest: one strict, frozen-clock app per session whose
    world is reset before each test (building an app per test would cost more than most tests)."""

    @pytest.fixture(scope="session")
    def _session_app():
        return create_app(Config(frozen_clock=True, validation="strict"))

    @pytest.fixture
    def app(_session_app):
        _session_app.world.reset()
        return _session_app

    return _session_app, app


@pytest.fixture
def config() -> Config:
    """Frozen clock, strict validation: exact and loud. Override in a module to change it."""
    return Config(frozen_clock=True, validation="strict")


@pytest.fixture
def app(config):
    return create_app(config)


@pytest.fixture
def world(app):
    return app.world


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth() -> dict[str, str]:
    """Sinch tenant 1: project test-project."""
    return basic("test-key", "test")


@pytest.fixture
def auth2() -> dict[str, str]:
    """Sinch tenant 2: project test-project-2."""
    return basic("test-key-2", "test")
