"""Sinch number events: what the Numbers API POSTs to an active number's ``callbackUrl`` when its
scheduled provisioning ends (SUCCEEDED, or FAILED with the failure code), in the shape the ``sinch``
SDK parses (``sinch.domains.numbers.sinch_events``: eventId, timestamp (without a zone, as the live
API sends it), projectId, resourceId, resourceType ACTIVE_NUMBER, eventType, status, failureCode),
signed with ``X-Sinch-Signature``: hex HMAC-SHA1 of the body under the project's callback secret (the
SDK's ``validate_authentication_header``).

Retries: Sinch documents no policy for number events; its SMS API's callbacks are retried on 5xx
and 429 (and no answer) after 5 s, then doubling to 81,920 s, never on another 4xx. The same is done
here, on the virtual clock. Sinch numbers take no inbound messages or calls through the Numbers API
(those go to an SMS service plan or Voice app, not emulated): both are "no handler"."""
from __future__ import annotations

import json
from typing import Callable

from ...core.clock import to_datetime
from ...core.events import PROVISIONING_STEP, WorldEvent
from ...core.ids import IdGenerator
from ...core.world import OwnedNumber
from ...inbound import NUMBER_EVENT, NoHandler, Plan, Target
from ...inbound.delivery import HttpRequest
from ...inbound.signing import sinch_signature
from . import shapes

NAME = "sinch"
RETRY_DELAYS = tuple(5.0 * 2 ** n for n in range(15))  # 5, 10, 20, ... 81920
FINAL = {"applied": "SUCCEEDED", "FAILED": "FAILED"}


def retryable(status: int | None) -> bool:
    return status is None or status >= 500 or status == 429


class SinchInbound:
    def __init__(self, callback_secret: Callable[[str], str]) -> None:
        self.callback_secret = callback_secret  # project -> its callback secret (hmacSecret)

    def message(self, record: OwnedNumber, *_args) -> Plan:
        raise NoHandler(f"{record.number} is a Sinch number: inbound messages go to an SMS service plan's "
                        "callback, which the Numbers API (and the emulator) does not hold")

    def call(self, record: OwnedNumber, *_args) -> Plan:
        raise NoHandler(f"{record.number} is a Sinch number: inbound calls go to a Voice app, which the "
                        "Numbers API (and the emulator) does not hold")

    def number_event(self, event: WorldEvent, record: OwnedNumber | None, ids: IdGenerator) -> Plan | None:
        """The event a provisioning step sends, if any (only the final ones, to a set callbackUrl)."""
        if event.kind != PROVISIONING_STEP or event.data.get("status") not in FINAL or record is None:
            return None
        if not record.callback_url:
            return None
        channel_name = event.data["channel"]
        channel = (record.channels or {}).get(channel_name)
        requested = (channel.pending.requested if channel and channel.pending else channel.applied if channel else {}) or {}
        if channel_name == shapes.SMS:
            kind = "PROVISIONING_TO_CAMPAIGN" if requested.get("campaignId") else "PROVISIONING_TO_SMS_PLATFORM"
        else:
            kind = "PROVISIONING_TO_VOICE_PLATFORM"
        project = record.tenant.split("/", 1)[1]
        codes = event.data.get("error_codes") or ()
        event_id = ids.hex(26).upper()
        payload = {
            "eventId": event_id, "timestamp": to_datetime(event.at).strftime("%Y-%m-%dT%H:%M:%S.%f"),
            "projectId": project, "resourceId": record.number, "resourceType": "ACTIVE_NUMBER",
            "eventType": kind, "status": FINAL[event.data["status"]],
            "failureCode": codes[0] if codes else None, "internalFailureCode": None,
        }
        body = json.dumps(payload, separators=(",", ":")).encode()
        signature = sinch_signature(body, self.callback_secret(project))

        def render(target: Target) -> HttpRequest:
            headers = {"Content-Type": "application/json; charset=utf-8", "X-Sinch-Signature": signature}
            return HttpRequest(target.url, "POST", headers, body)

        return Plan(NUMBER_EVENT, NAME, record.tenant, record.number, "", event_id, [Target(record.callback_url)],
                    render, retry_delays=RETRY_DELAYS, retryable=retryable)
