"""Enfonica: handler URIs in priority order with failover, retries on the virtual clock, the
documented HMAC-SHA256 signature. Sinch: number events to callbackUrl when provisioning ends,
signed as the sinch SDK's validator checks."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json

from sinch.domains.numbers.sinch_events.v1 import SinchEvents

from tests.conftest import basic
from tests.providers.enfonica.helpers import AUTH, create, free_numbers, instance

from .conftest import SIGNING_KEY, TIMEOUT, call, ok, send_sms

SENDER = "+61255509999"


def enfonica_number(client, **handlers) -> str:
    (number,) = free_numbers(client, 1)
    created = create(client, {"phoneNumber": {"phoneNumber": number}, **handlers})
    assert created.status_code == 200, created.get_json()
    return number


def documented_signature(url: str, event: str, body: bytes, key: str) -> str:
    """Enfonica's recipe, step by step from its docs (no SDK of theirs validates webhooks)."""
    signed = url.encode() + event.encode() + body
    return base64.b64encode(hmac.new(key.encode(), signed, hashlib.sha256).digest()).decode()


def test_enfonica_message_fails_over_in_priority_order(client, receiver):
    receiver.answer("/first", 500)
    receiver.answer("/second", 200, b"", delay=TIMEOUT * 3)
    urls = [receiver.url("/first"), receiver.url("/second"), receiver.url("/third")]
    number = enfonica_number(client, incomingMessageHandlerUris=urls)
    delivery = ok(send_sms(client, SENDER, number, "G'day"))
    assert [(a["role"], a["outcome"]) for a in delivery["attempts"]] == [
        ("primary", "http_error"), ("handler 2", "timeout"), ("handler 3", "answered")]
    assert delivery["outcome"] == "delivered" and delivery["tenant"] == "test-project"
    (received,) = receiver.at("/third")
    message = json.loads(received.body)
    assert message["from"] == SENDER and message["to"] == number and message["body"] == "G'day"
    assert message["direction"] == "INCOMING" and message["status"] == "RECEIVED"
    assert message["name"] == f"projects/test-project/messages/{delivery['sid']}"
    assert received.headers["X-Enfonica-Event"] == "INCOMING_MESSAGE"
    assert received.headers["X-Enfonica-Signature"] == documented_signature(
        receiver.url("/third"), "INCOMING_MESSAGE", received.body, SIGNING_KEY)
    assert received.headers["X-Enfonica-Signature"] != documented_signature(
        receiver.url("/third"), "INCOMING_MESSAGE", received.body, "other-key")


def test_enfonica_retries_on_the_virtual_clock_after_every_handler_failed(client, receiver):
    receiver.answer("/down", 503)
    number = enfonica_number(client, incomingCallHandlerUris=[receiver.url("/down")])
    delivery = ok(call(client, SENDER, number))
    assert delivery["outcome"] == "retrying" and delivery["nextRetryAt"] == delivery["createdAt"] + 1000
    assert json.loads(receiver.at("/down")[0].body)["call"]["direction"] == "INCOMING"
    receiver.answer("/down", 200)
    client.post("/_emulator/clock:advance", json={"seconds": 1})
    again = client.get(f"/_emulator/inbound/deliveries/{delivery['id']}").get_json()
    assert [a["role"] for a in again["attempts"]] == ["primary", "retry 1: primary"]
    assert again["attempts"][1]["at"] == delivery["createdAt"] + 1000 and again["outcome"] == "delivered"


def test_enfonica_sip_handler_takes_the_call_without_http(client, receiver):
    number = enfonica_number(client, incomingCallHandlerUris=["sip:desk@pbx.example.com", receiver.url("/never")])
    delivery = ok(call(client, SENDER, number))
    assert delivery["outcome"] == "handed_off" and [a["outcome"] for a in delivery["attempts"]] == ["not_http"]
    assert receiver.requests == []


def test_enfonica_without_handlers_and_with_media(client, receiver):
    number = enfonica_number(client)
    refused = send_sms(client, SENDER, number)
    assert refused.status_code == 409 and "incomingMessageHandlerUris" in refused.get_json()["error"]["message"]
    client.patch(instance(number), headers=AUTH, json={"incomingMessageHandlerUris": [receiver.url("/m")]})
    media = send_sms(client, SENDER, number, mediaUrls=["https://example.com/a.png"])
    assert media.status_code == 400 and media.get_json()["error"]["field"] == "mediaUrls"


def test_sinch_provisioning_sends_a_signed_number_event(client, receiver):
    auth = basic("test-key", "test")
    found = client.get("/sinch/v1/projects/test-project/availableNumbers",
                       query_string={"regionCode": "US", "type": "LOCAL", "capabilities": "SMS", "size": 1},
                       headers=auth).get_json()["availableNumbers"][0]["phoneNumber"]
    rented = client.post(f"/sinch/v1/projects/test-project/availableNumbers/{found}:rent", headers=auth,
                         json={"smsConfiguration": {"servicePlanId": "plan-1"}, "callbackUrl": receiver.url("/events")})
    assert rented.status_code == 200, rented.get_json()
    assert send_sms(client, SENDER, found).status_code == 409  # no message handler on a Sinch number
    client.post("/_emulator/clock:advance", json={"seconds": 3})  # WAITING -> IN_PROGRESS -> applied
    (delivery,) = client.get("/_emulator/inbound/deliveries", query_string={"surface": "sinch"}).get_json()["deliveries"]
    assert delivery["kind"] == "numberEvent" and delivery["outcome"] == "delivered"
    (received,) = receiver.at("/events")
    events = SinchEvents(SIGNING_KEY)
    assert events.validate_authentication_header(received.headers, received.body)
    assert not SinchEvents("wrong").validate_authentication_header(received.headers, received.body)
    event = events.parse_event(received.body, received.headers)
    assert (event.resource_id, event.event_type, event.status) == (found, "PROVISIONING_TO_SMS_PLATFORM", "SUCCEEDED")
    assert event.project_id == "test-project" and event.event_id == delivery["sid"]


def test_sinch_failed_event_is_retried_on_5xx(client, receiver):
    auth = basic("test-key", "test")
    receiver.answer("/events", 502)
    found = client.get("/sinch/v1/projects/test-project/availableNumbers",
                       query_string={"regionCode": "GB", "type": "MOBILE", "capabilities": "SMS", "size": 1},
                       headers=auth).get_json()["availableNumbers"][0]["phoneNumber"]
    client.post(f"/sinch/v1/projects/test-project/availableNumbers/{found}:rent", headers=auth,
                json={"smsConfiguration": {"servicePlanId": "p", "campaignId": "c"}, "callbackUrl": receiver.url("/events")})
    client.post("/_emulator/clock:advance", json={"seconds": 3})
    (delivery,) = client.get("/_emulator/inbound/deliveries").get_json()["deliveries"]
    assert delivery["outcome"] == "retrying" and delivery["nextRetryAt"] - delivery["attempts"][0]["at"] == 5000
    receiver.answer("/events", 200)
    client.post("/_emulator/clock:advance", json={"seconds": 5})
    (delivery,) = client.get("/_emulator/inbound/deliveries").get_json()["deliveries"]
    assert delivery["outcome"] == "delivered" and len(delivery["attempts"]) == 2
    event = SinchEvents(SIGNING_KEY).parse_event(receiver.at("/events")[-1].body)
    assert (event.event_type, event.status, event.failure_code) == ("PROVISIONING_TO_CAMPAIGN", "FAILED",
                                                                     "CAMPAIGN_NOT_AVAILABLE")


def test_sinch_callback_url_must_be_http(client):
    auth = basic("test-key", "test")
    found = client.get("/sinch/v1/projects/test-project/availableNumbers",
                       query_string={"regionCode": "US", "type": "LOCAL", "size": 1}, headers=auth).get_json()
    number = found["availableNumbers"][0]["phoneNumber"]
    refused = client.post(f"/sinch/v1/projects/test-project/availableNumbers/{number}:rent", headers=auth,
                          json={"callbackUrl": "ftp://example.com/x"})
    assert refused.status_code == 400
    violations = refused.get_json()["error"]["details"][0]["fieldViolations"]
    assert violations[0]["field"] == "callbackUrl"
