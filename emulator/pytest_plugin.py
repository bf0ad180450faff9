"""pytest plugin (registered through the ``pytest11`` entry point): a running emulator for your tests.

    def test_buying_a_number(numbers_emulator):
        client = twilio.rest.Client(*numbers_emulator.credentials["twilio"])
        client.api.base_url = numbers_emulator.url("twilio")
        ...

- ``numbers_emulator``: the emulator, reset before each test (mark a test
  ``@pytest.mark.numbers_emulator(reset=False)`` to keep what earlier tests left). It has
  ``base_url``, ``url(provider)``, ``credentials[provider]``, ``control`` (an
  :class:`emulator.client.ControlClient`), ``fault(**rule)`` (a context manager), ``advance(seconds)``,
  and ``send_sms(from, to, body)`` / ``call(from, to)`` (inbound traffic to your handlers).
- ``@pytest.mark.numbers_emulator_fault(provider=..., status=..., ...)``: a fault rule for one test.
- The server is started once per session (per worker under pytest-xdist, so workers never share
  state) on a free port of 127.0.0.1, with the clock frozen unless NUMBERS_EMULATOR_FROZEN_CLOCK
  says otherwise; every other setting comes from the NUMBERS_EMULATOR_* variables. With
  ``--numbers-emulator-url URL`` (or NUMBERS_EMULATOR_URL) the tests use an emulator already running.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from .client import ControlClient
from .config import Config

PROVIDERS = ("sinch", "twilio", "signalwire", "enfonica", "wazo", "platform")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--numbers-emulator-url", default=os.environ.get("NUMBERS_EMULATOR_URL"),
                     help="use the numbers-emulator running at this URL instead of starting one")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "numbers_emulator(reset=True): how the numbers_emulator fixture treats this test")
    config.addinivalue_line("markers", "numbers_emulator_fault(**rule): a fault rule of the emulator's control API for this test")


def default_credentials(config: Config) -> dict[str, tuple[str, ...]]:
    """The first tenant's credentials of each provider, as its SDK takes them."""
    sinch = config.sinch_keys[0]
    return {
        "sinch": (sinch.project_id, sinch.key_id, sinch.secret),
        "twilio": (config.twilio_credentials[0].user, config.twilio_credentials[0].secret),
        "signalwire": (config.signalwire_credentials[0].user, config.signalwire_credentials[0].secret),
        "enfonica": (config.enfonica_tokens[0].token,),
        "wazo": (config.wazo_users[0].user, config.wazo_users[0].secret),
    }


@dataclass
class Emulator:
    base_url: str
    control: ControlClient
    credentials: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def url(self, provider: str) -> str:
        """The provider's base URL, as its SDK takes it (``.../twilio``)."""
        return f"{self.base_url}/{provider}"

    @contextlib.contextmanager
    def fault(self, **rule: Any) -> Iterator[dict]:
        """A fault rule for the ``with`` block; yields the rule (re-read it for ``fired``)."""
        added = self.control.add_fault(**rule)
        try:
            yield added
        finally:
            with contextlib.suppress(Exception):
                self.control.remove_fault(added["id"])

    def advance(self, seconds: float) -> dict:
        return self.control.advance(seconds)

    def send_sms(self, sender: str, to: str, body: str = "", media_urls: list[str] | None = None,
                 wait: bool = True) -> dict:
        """An incoming SMS to your number ``to``: its handlers are called; returns the delivery
        (``wait=False``: at once, pending; see ``ControlClient.send_sms``)."""
        return self.control.send_sms(sender, to, body, media_urls, wait)

    def call(self, sender: str, to: str, wait: bool = True) -> dict:
        """An incoming call to your number ``to``: its handlers are called; returns the delivery."""
        return self.control.call(sender, to, wait)


class _Server:
    """The app under Werkzeug's threaded server, in a daemon thread of this process; ``wrap`` may put
    WSGI middleware in front of it (the contract harness's tests build wrong providers that way)."""

    def __init__(self, config: Config, wrap: Callable[[Any], Any] | None = None) -> None:
        from werkzeug.serving import make_server

        from .app import create_app

        self.app = create_app(config)
        self.server = make_server("127.0.0.1", 0, wrap(self.app) if wrap else self.app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, name="numbers-emulator", daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture(scope="session")
def numbers_emulator_session(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    url = request.config.getoption("--numbers-emulator-url")
    if url:
        yield Emulator(url.rstrip("/"), ControlClient(url), default_credentials(Config.from_env()))
        return
    overrides = {} if os.environ.get("NUMBERS_EMULATOR_FROZEN_CLOCK") else {"frozen_clock": True}
    config = Config.from_env(**overrides)
    server = _Server(config)
    try:
        yield Emulator(server.base_url, ControlClient(server.base_url), default_credentials(config))
    finally:
        server.stop()


@pytest.fixture
def numbers_emulator(numbers_emulator_session: Emulator, request: pytest.FixtureRequest) -> Iterator[Emulator]:
    marker = request.node.get_closest_marker("numbers_emulator")
    if marker is None or marker.kwargs.get("reset", True):
        numbers_emulator_session.control.reset()
    added = [numbers_emulator_session.control.add_fault(**m.kwargs)
             for m in request.node.iter_markers("numbers_emulator_fault")]
    yield numbers_emulator_session
    for rule in added:
        with contextlib.suppress(Exception):
            numbers_emulator_session.control.remove_fault(rule["id"])
