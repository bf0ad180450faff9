"""A webhook handler that calls the emulator back while it handles the delivery (an app replying to an
SMS looks up its numbers first), against `numbers-emulator serve` as started by default: one request
thread. With ``wait: false`` the control call answers at once (202, pending) and the delivery is made
in the background, so the handler's own request is served and the delivery completes."""
from __future__ import annotations

import time

import requests

from tests.inbound.receiver import Receiver
from tests.live import live_emulator

ACCOUNT = "AC00000000000000000000000000000001"
AUTH = (ACCOUNT, "test")


def test_a_handler_calling_the_emulator_back_is_served_when_the_delivery_does_not_wait():
    receiver = Receiver()
    try:
        with live_emulator() as base:
            root = f"{base}/twilio/2010-04-01/Accounts/{ACCOUNT}"
            found = requests.get(f"{root}/AvailablePhoneNumbers/US/Local.json", auth=AUTH, timeout=5).json()
            number = found["available_phone_numbers"][0]["phone_number"]
            bought = requests.post(f"{root}/IncomingPhoneNumbers.json", auth=AUTH, timeout=5,
                                   data={"PhoneNumber": number, "SmsUrl": receiver.url("/sms")})
            assert bought.status_code == 201, bought.text

            def reply_with_my_numbers(received):
                mine = requests.get(f"{root}/IncomingPhoneNumbers.json", auth=AUTH, timeout=5).json()
                listed = ",".join(n["phone_number"] for n in mine["incoming_phone_numbers"])
                return 200, f"<Response><Message>{listed}</Message></Response>".encode()

            receiver.handlers["/sms"] = reply_with_my_numbers
            sent = requests.post(f"{base}/_emulator/inbound/messages", timeout=5,
                                 json={"from": "+15005550006", "to": number, "body": "hi", "wait": False})
            assert sent.status_code == 202 and sent.json()["outcome"] == "pending", sent.text
            delivery = sent.json()
            deadline = time.monotonic() + 10
            while delivery["outcome"] == "pending" and time.monotonic() < deadline:
                time.sleep(0.05)
                delivery = requests.get(f"{base}/_emulator/inbound/deliveries/{delivery['id']}", timeout=5).json()
            assert delivery["outcome"] == "delivered", delivery
            assert delivery["attempts"][0]["status"] == 200
            assert delivery["attempts"][0]["responseBody"] == f"<Response><Message>{number}</Message></Response>"
    finally:
        receiver.close()
