"""An app whose webhooks time out after 0.2 s, a receiver, and helpers to own numbers."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.config import Config
from tests.conftest import basic

from .receiver import Receiver

TIMEOUT = 0.2
TWILIO_ACCOUNT = "AC00000000000000000000000000000001"
SIGNALWIRE_PROJECT = "00000000-0000-4000-8000-000000000001"
SIGNING_KEY = "sign-me"


@pytest.fixture(scope="session")
def _inbound_app():
    return create_app(Config(frozen_clock=True, validation="strict", webhook_timeout_seconds=TIMEOUT,
                             webhook_signing_key=SIGNING_KEY))


@pytest.fixture
def app(_inbound_app):
    _inbound_app.test_client().post("/_emulator/reset")
    return _inbound_app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


def send_sms(client, sender: str, to: str, body: str = "hello", **extra):
    return client.post("/_emulator/inbound/messages", json={"from": sender, "to": to, "body": body, **extra})


def call(client, sender: str, to: str):
    return client.post("/_emulator/inbound/calls", json={"from": sender, "to": to})


def ok(response) -> dict:
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def twilio_number(client, form: dict, dialect: str = "twilio") -> str:
    """Buy a Seattle number with ``form``'s settings through the dialect's 2010 API."""
    if dialect == "twilio":
        path, auth = f"/twilio/2010-04-01/Accounts/{TWILIO_ACCOUNT}/IncomingPhoneNumbers.json", basic(TWILIO_ACCOUNT, "test")
    else:
        path = f"/signalwire/api/laml/2010-04-01/Accounts/{SIGNALWIRE_PROJECT}/IncomingPhoneNumbers.json"
        auth = basic(SIGNALWIRE_PROJECT, "test")
    response = client.post(path, data={"AreaCode": "206", **form}, headers=auth)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["phone_number"]
