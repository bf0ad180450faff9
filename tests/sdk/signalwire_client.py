"""Run by tests/providers/signalwire/test_signalwire_sdk.py inside a virtualenv holding the official
``signalwire`` 2.x SDK (it pins twilio 6.54.0, so it can't share ours). Drives the emulator the
way an app would and prints what it saw as JSON for the test to check.

    python signalwire_client.py BASE_URL PROJECT TOKEN OTHER_PROJECT
"""
from __future__ import annotations

import json
import sys

from signalwire.rest import Client
from twilio.base.exceptions import TwilioException, TwilioRestException


def client_for(base: str, project: str, token: str) -> Client:
    client = Client(project, token, signalwire_space_url=base)
    client.api.base_url = base  # the SDK forces https; the emulator speaks http
    return client


def main() -> None:
    base, project, token, other = sys.argv[1:5]
    client = client_for(base, project, token)
    seen: dict = {"base_url": client.api.base_url}

    local = client.available_phone_numbers("US").local.list(area_code="206", contains="55", limit=5)
    seen["local"] = [{"phone_number": n.phone_number, "region": n.region, "rate_center": n.rate_center,
                      "capabilities": n.capabilities, "friendly_name": n.friendly_name} for n in local]
    toll_free = client.available_phone_numbers("US").toll_free.list(limit=3)
    seen["toll_free"] = [n.phone_number for n in toll_free]

    bought = []
    for number in [n.phone_number for n in local[:3]] + seen["toll_free"][:1]:
        created = client.incoming_phone_numbers.create(phone_number=number, friendly_name=f"sdk {number[-4:]}")
        bought.append({"sid": created.sid, "phone_number": created.phone_number,
                       "friendly_name": created.friendly_name, "date_created": str(created.date_created)})
    seen["bought"] = bought

    listed = client.incoming_phone_numbers.list(page_size=2)  # follows next_page_uri across pages
    seen["listed"] = sorted(n.phone_number for n in listed)
    seen["listed_local"] = sorted(n.phone_number for n in client.incoming_phone_numbers.local.list())

    first = bought[0]["sid"]
    fetched = client.incoming_phone_numbers(first).fetch()
    seen["fetched"] = {"sid": fetched.sid, "phone_number": fetched.phone_number}
    updated = client.incoming_phone_numbers(first).update(friendly_name="renamed", voice_url="https://example.com/voice",
                                                         sms_url="https://example.com/sms", sms_method="GET")
    seen["updated"] = {"friendly_name": updated.friendly_name, "voice_url": updated.voice_url,
                       "sms_url": updated.sms_url, "sms_method": updated.sms_method}
    seen["refetched_friendly_name"] = client.incoming_phone_numbers(first).fetch().friendly_name
    seen["deleted"] = client.incoming_phone_numbers(first).delete()

    errors = {}
    for name, call in {
        "fetch_deleted": lambda: client.incoming_phone_numbers(first).fetch(),
        "buy_taken": lambda: client.incoming_phone_numbers.create(phone_number=bought[1]["phone_number"]),
        "other_project": lambda: client_for(base, project, token).api.v2010.accounts(other).incoming_phone_numbers.create(
            phone_number=seen["toll_free"][-1]),
        "bad_token": lambda: client_for(base, project, "wrong").incoming_phone_numbers(first).fetch(),
    }.items():
        try:
            call()
            errors[name] = None
        except TwilioRestException as error:
            errors[name] = {"status": error.status, "code": error.code}
        except TwilioException as error:
            errors[name] = {"exception": str(error)}
    seen["errors"] = errors
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
