"""The control API's inbound operations: bad input, unowned and handler-less numbers, the allow-list,
listing deliveries; and the pytest plugin's helpers against a live emulator."""
from __future__ import annotations

import pytest

from emulator.app import create_app
from emulator.client import ControlError
from emulator.config import Config
from emulator.inbound import Policy
from tests.conftest import basic

from .conftest import call, ok, send_sms, twilio_number

SENDER = "+14155550100"


@pytest.mark.parametrize("body, field", [
    ({"from": "14155550100", "to": "+12065550100"}, "from"),
    ({"from": SENDER, "to": "+0123"}, "to"),
    ({"from": SENDER}, "to"),
    ({"from": SENDER, "to": "+12065550100", "mediaUrls": ["ftp://x/y.png"]}, "mediaUrls"),
])
def test_bad_input_is_400_naming_the_field(client, body, field):
    refused = client.post("/_emulator/inbound/messages", json=body)
    assert refused.status_code == 400
    assert field in (refused.get_json()["error"]["field"] or "") + refused.get_json()["error"]["message"]


def test_unowned_number_is_404_naming_to(client):
    for refused in (send_sms(client, SENDER, "+12065550100"), call(client, SENDER, "+12065550100")):
        assert refused.status_code == 404 and refused.get_json()["error"]["field"] == "to"
    assert client.get("/_emulator/inbound/deliveries/dl-999").status_code == 404


def test_wazo_listed_number_has_no_handler(client):
    token = client.post("/wazo/api/auth/0.1/token", headers=basic("test", "test"), json={"expiration": 60})
    headers = {"X-Auth-Token": token.get_json()["data"]["token"]}
    listed = client.post("/wazo/api/confd/1.1/phone-numbers", headers=headers, json={"number": "+18001234567"})
    assert listed.status_code == 201, listed.get_json()
    refused = call(client, SENDER, "+18001234567")
    assert refused.status_code == 409 and "Wazo" in refused.get_json()["error"]["message"]


def test_other_hosts_are_refused_unless_allow_listed(client, receiver):
    number = twilio_number(client, {"SmsUrl": "https://example.com/sms", "SmsFallbackUrl": receiver.url("/sms")})
    delivery = ok(send_sms(client, SENDER, number))
    refused, answered = delivery["attempts"]
    assert refused["outcome"] == "refused" and "example.com" in refused["error"] and refused["status"] is None
    assert answered["outcome"] == "answered"
    assert Policy(allow_hosts=("example.com",)).allows("https://EXAMPLE.com/x")
    assert Policy(allow_hosts=("*",)).allows("http://10.1.2.3/")
    assert not Policy().allows("http://10.1.2.3/") and Policy().allows("http://[::1]:8080/") and Policy().allows("http://localhost/")


def test_deliveries_are_listed_newest_first_filtered_and_reset(client, receiver):
    first = twilio_number(client, {"SmsUrl": receiver.url("/a")})
    second = twilio_number(client, {"SmsUrl": receiver.url("/b"), "VoiceUrl": receiver.url("/v")})
    ids = [ok(send_sms(client, SENDER, first))["id"], ok(send_sms(client, SENDER, second))["id"],
           ok(call(client, SENDER, second))["id"]]
    listed = client.get("/_emulator/inbound/deliveries").get_json()["deliveries"]
    assert [d["id"] for d in listed] == ids[::-1]
    by_number = client.get("/_emulator/inbound/deliveries", query_string={"number": second, "kind": "call"})
    assert [d["id"] for d in by_number.get_json()["deliveries"]] == [ids[2]]
    assert client.post("/_emulator/reset").get_json()["removed"]["inbound"] == 3
    assert client.get("/_emulator/inbound/deliveries").get_json()["deliveries"] == []


def test_same_seed_same_delivery(receiver):
    records = []
    for _ in range(2):
        app = create_app(Config(frozen_clock=True, webhook_timeout_seconds=0.2))
        client = app.test_client()
        app.world.clock.freeze(1_800_000_000.0)
        number = twilio_number(client, {"SmsUrl": receiver.url("/sms")})
        delivery = ok(send_sms(client, SENDER, number))
        records.append((number, delivery["sid"], delivery["createdAt"], [a["at"] for a in delivery["attempts"]]))
    assert records[0] == records[1]
    first, second = receiver.at("/sms")
    assert first.body == second.body and first.headers["X-Twilio-Signature"] == second.headers["X-Twilio-Signature"]


def test_pytest_plugin_helpers(numbers_emulator, receiver):
    from twilio.rest import Client

    twilio = Client(*numbers_emulator.credentials["twilio"])
    twilio.api.base_url = numbers_emulator.url("twilio")
    found = twilio.available_phone_numbers("US").local.list(area_code="206", limit=1)
    bought = twilio.incoming_phone_numbers.create(phone_number=found[0].phone_number, sms_url=receiver.url("/sms"),
                                                  voice_url=receiver.url("/voice"))
    delivery = numbers_emulator.send_sms(SENDER, bought.phone_number, "Hello from a test")
    assert delivery["outcome"] == "delivered" and receiver.at("/sms")[0].form()["Body"] == "Hello from a test"
    assert numbers_emulator.call(SENDER, bought.phone_number)["attempts"][0]["status"] == 200
    assert [d["kind"] for d in numbers_emulator.control.deliveries(number=bought.phone_number)] == ["call", "message"]
    with pytest.raises(ControlError) as unowned:
        numbers_emulator.send_sms(SENDER, "+12065550100")
    assert (unowned.value.status, unowned.value.field) == (404, "to")


def test_webhook_options_from_environment_and_flags(monkeypatch):
    from click.testing import CliRunner

    from emulator import cli, serving

    config = Config.from_env({"NUMBERS_EMULATOR_WEBHOOK_ALLOW_HOSTS": "Hooks.example, b.example",
                              "NUMBERS_EMULATOR_WEBHOOK_TIMEOUT_SECONDS": "2.5"})
    assert config.webhook_allow_hosts == ("hooks.example", "b.example") and config.webhook_timeout_seconds == 2.5
    with pytest.raises(ValueError):
        Config(webhook_timeout_seconds=0)
    seen = []
    monkeypatch.setattr(serving, "serve", lambda config, started: seen.append(config))
    result = CliRunner().invoke(cli.main, ["serve", "--webhook-allow-host", "a.example", "--webhook-allow-host",
                                           "c.example,d.example", "--webhook-signing-key", "k"], env={})
    assert result.exit_code == 0, result.output
    assert seen[0].webhook_allow_hosts == ("a.example", "c.example", "d.example") and seen[0].webhook_signing_key == "k"
