"""Incoming messages and calls to Twilio and SignalWire (compatibility API) numbers: the request each
handler gets, its signature checked with the twilio SDK's RequestValidator, failover to the fallback
URL, the status callback, and the cases with no handler."""
from __future__ import annotations

import pytest
from twilio.request_validator import RequestValidator

from tests.conftest import basic

from .conftest import SIGNALWIRE_PROJECT, SIGNING_KEY, TIMEOUT, TWILIO_ACCOUNT, call, ok, send_sms, twilio_number

SENDER = "+14155550100"
# dialect -> (account, key that signs, signature headers, sid prefix check)
DIALECTS = {
    "twilio": (TWILIO_ACCOUNT, "test", ("X-Twilio-Signature",)),
    "signalwire": (SIGNALWIRE_PROJECT, SIGNING_KEY, ("X-SignalWire-Signature", "X-Twilio-Signature")),
}


def assert_signed(received, url: str, key: str, headers: tuple[str, ...]) -> None:
    validator = RequestValidator(key)
    params = received.form() if received.method == "POST" else {}
    for header in headers:
        assert validator.validate(url, params, received.headers[header]), header
    assert not RequestValidator("not-the-key").validate(url, params, received.headers[headers[0]])


@pytest.mark.parametrize("dialect", DIALECTS)
def test_message_reaches_sms_url_signed(client, receiver, dialect):
    account, key, headers = DIALECTS[dialect]
    number = twilio_number(client, {"SmsUrl": receiver.url("/sms")}, dialect)
    media = ["https://example.com/cat.jpg"]
    delivery = ok(send_sms(client, SENDER, number, "Hi there", mediaUrls=media))
    assert delivery["outcome"] == "delivered" and delivery["surface"] == dialect and delivery["tenant"] == account
    assert [(a["role"], a["status"], a["outcome"]) for a in delivery["attempts"]] == [("primary", 200, "answered")]
    assert delivery["attempts"][0]["responseBody"] == "<Response/>"
    (received,) = receiver.at("/sms")
    form = received.form()
    assert received.method == "POST" and received.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form["From"] == SENDER and form["To"] == number and form["Body"] == "Hi there"
    assert form["AccountSid"] == account and form["MessageSid"] == delivery["sid"] == form["SmsSid"]
    assert form["NumMedia"] == "1" and form["MediaUrl0"] == media[0] and form["MediaContentType0"] == "image/jpeg"
    assert form["SmsStatus"] == "received" and form["ToCountry"] == "US" and form["ApiVersion"] == "2010-04-01"
    if dialect == "twilio":
        assert delivery["sid"].startswith("SM") and len(delivery["sid"]) == 34
    assert_signed(received, receiver.url("/sms"), key, headers)


def test_get_method_puts_the_parameters_in_the_signed_url(client, receiver):
    number = twilio_number(client, {"SmsUrl": receiver.url("/sms?tenant=a"), "SmsMethod": "GET"})
    ok(send_sms(client, SENDER, number, "a b&c"))
    (received,) = receiver.at("/sms")
    assert received.method == "GET" and received.body == b""
    assert received.form()["Body"] == "a b&c" and received.form()["tenant"] == "a"
    assert RequestValidator("test").validate(receiver.url(received.path), {}, received.headers["X-Twilio-Signature"])


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("failure", ["500", "timeout"])
def test_primary_failure_falls_over_to_the_fallback(client, receiver, failure, dialect):
    _account, key, headers = DIALECTS[dialect]
    if failure == "500":
        receiver.answer("/sms", 500, b"oops")
    else:
        receiver.answer("/sms", 200, b"late", delay=TIMEOUT * 3)
    number = twilio_number(client, {"SmsUrl": receiver.url("/sms"), "SmsFallbackUrl": receiver.url("/backup"),
                                    "SmsFallbackMethod": "GET"}, dialect)
    delivery = ok(send_sms(client, SENDER, number))
    primary, fallback = delivery["attempts"]
    assert primary["role"] == "primary" and fallback["role"] == "fallback"
    if failure == "500":
        assert (primary["outcome"], primary["status"], primary["responseBody"]) == ("http_error", 500, "oops")
    else:
        assert (primary["outcome"], primary["status"]) == ("timeout", None)
        assert "0.2 s" in primary["error"]
    assert (fallback["outcome"], fallback["method"], delivery["outcome"]) == ("answered", "GET", "delivered")
    assert len(receiver.at("/sms")) == 1 and len(receiver.at("/backup")) == 1
    backup = receiver.at("/backup")[0]
    assert backup.form()["ErrorCode"] == "11200" and backup.form()["ErrorUrl"] == receiver.url("/sms")
    assert "ErrorCode" not in receiver.at("/sms")[0].form()
    assert_signed(backup, receiver.url(backup.path), key, headers)
    journal = client.get("/_emulator/journal", query_string={"provider": "inbound"}).get_json()["entries"]
    assert [e["path"] for e in journal][:2] == [fallback["url"], primary["url"]]
    assert journal[1]["requestValid"] is False and journal[0]["status"] == 200


def test_every_handler_failing_fails_without_retries(client, receiver):
    receiver.answer("/sms", 503)
    number = twilio_number(client, {"SmsUrl": receiver.url("/sms")})
    delivery = ok(send_sms(client, SENDER, number))
    assert delivery["outcome"] == "failed" and delivery["nextRetryAt"] is None and len(delivery["attempts"]) == 1


@pytest.mark.parametrize("dialect", DIALECTS)
def test_call_reaches_voice_url_then_status_callback(client, receiver, dialect):
    account, key, headers = DIALECTS[dialect]
    number = twilio_number(client, {"VoiceUrl": receiver.url("/voice"), "StatusCallback": receiver.url("/status")},
                           dialect)
    receiver.answer("/voice", 200, b"<Response><Say>Hi</Say></Response>")
    delivery = ok(call(client, SENDER, number))
    assert [a["role"] for a in delivery["attempts"]] == ["primary", "statusCallback"]
    assert delivery["attempts"][0]["responseBody"] == "<Response><Say>Hi</Say></Response>"
    (voice,), (status,) = receiver.at("/voice"), receiver.at("/status")
    assert voice.form()["CallStatus"] == "ringing" and voice.form()["Direction"] == "inbound"
    assert voice.form()["CallSid"] == status.form()["CallSid"] == delivery["sid"]
    assert status.form()["CallStatus"] == "completed" and voice.form()["AccountSid"] == account
    assert_signed(voice, receiver.url("/voice"), key, headers)
    assert_signed(status, receiver.url("/status"), key, headers)


def test_no_handler_configured_is_409_naming_to(client, receiver):
    number = twilio_number(client, {"VoiceUrl": receiver.url("/voice")})
    refused = send_sms(client, SENDER, number)
    assert refused.status_code == 409
    assert refused.get_json()["error"]["field"] == "to" and "SmsUrl" in refused.get_json()["error"]["message"]
    assert receiver.requests == []


def test_signalwire_relay_handler_other_than_webhooks_is_no_handler(client, receiver):
    number = twilio_number(client, {"SmsUrl": receiver.url("/sms")}, "signalwire")
    auth = basic(SIGNALWIRE_PROJECT, "test")
    listed = client.get("/signalwire/api/relay/rest/phone_numbers", headers=auth).get_json()["data"]
    (relay_id,) = [n["id"] for n in listed if n["number"] == number]
    updated = client.put(f"/signalwire/api/relay/rest/phone_numbers/{relay_id}", headers=auth,
                         json={"message_handler": "relay_context", "message_relay_context": "office"})
    assert updated.status_code == 200, updated.get_json()
    refused = send_sms(client, SENDER, number)
    assert refused.status_code == 409 and "relay_context" in refused.get_json()["error"]["message"]
    # the REST API's own handler URL is the shared setting: set back to webhooks, it is used
    client.put(f"/signalwire/api/relay/rest/phone_numbers/{relay_id}", headers=auth,
               json={"message_handler": "laml_webhooks", "message_request_url": receiver.url("/relay-sms")})
    assert ok(send_sms(client, SENDER, number))["outcome"] == "delivered"
    assert len(receiver.at("/relay-sms")) == 1 and receiver.at("/sms") == []
