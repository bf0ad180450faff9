"""Inbound webhooks as Enfonica sends them (enfonica.com/docs/cloud-sms/webhooks and
/docs/cloud-voice/webhooks): a JSON POST to the instance's ``incomingMessageHandlerUris`` /
``incomingCallHandlerUris`` in priority order, each next one only when the previous failed (non-2xx,
timeout, no connection); once all failed, 8 more rounds after 1, 2, 4, 8, 60, 1800, 3600 and 7200
seconds (of the virtual clock). Signed with ``X-Enfonica-Signature``: base64 HMAC-SHA256 of URL +
``X-Enfonica-Event`` + body under the project's signing key.

The bodies are the resources of Enfonica's protos in proto3 JSON: an incoming message is an
``enfonica.messaging.v1.Message`` (direction INCOMING, status RECEIVED); an incoming call a
``enfonica.voice.v1beta1.CallRequest`` wrapping the ``Call`` (direction INCOMING, state RINGING,
createMethod INCOMING_CALL). The event names ``INCOMING_MESSAGE`` / ``INCOMING_CALL`` are inferred from
the documented ones (``CALL_STATE_UPDATE``, ``FAX_READY``: the section title in capitals): Enfonica's
pages do not spell them out. A ``sip:`` or ``tel:`` call handler takes the call without HTTP."""
from __future__ import annotations

import json
from typing import Any, Callable

from ...core.clock import rfc3339
from ...core.errors import InvalidArgument
from ...core.ids import IdGenerator
from ...core.world import OwnedNumber
from ...inbound import CALL, MESSAGE, NoHandler, Plan, Target
from ...inbound.delivery import HttpRequest
from ...inbound.signing import enfonica_signature
from ..twilio.inbound import GSM7, segments
from . import shapes

RETRY_DELAYS = (1.0, 2.0, 4.0, 8.0, 60.0, 1800.0, 3600.0, 7200.0)
MESSAGE_EVENT = "INCOMING_MESSAGE"
CALL_EVENT = "INCOMING_CALL"
NAME = "enfonica"


class EnfonicaInbound:
    def __init__(self, signing_key: Callable[[str], str]) -> None:
        self.signing_key = signing_key  # project -> its signing key

    def message(self, record: OwnedNumber, sender: str, to: str, body: str, media: list[str],
                ids: IdGenerator, now: float) -> Plan:
        project = shapes.project_of(record.tenant)
        sid = ids.hex(32)
        payload = {
            "name": f"projects/{project}/messages/{sid}", "to": to, "from": sender, "body": body,
            "direction": "INCOMING", "segmentCount": segments(body), "status": "RECEIVED",
            "createTime": rfc3339(now), "encoding": "GSM7" if set(body) <= GSM7 else "UCS2",
        }
        if media:  # Enfonica's Message has no media field: SMS only (MMS is not documented)
            raise InvalidArgument("mediaUrls", "Enfonica's messages carry no media (its Message resource has no media field)")
        return self._plan(MESSAGE, record, sender, to, sid, shapes.MESSAGE_URIS, MESSAGE_EVENT, payload)

    def call(self, record: OwnedNumber, sender: str, to: str, ids: IdGenerator, now: float) -> Plan:
        project = shapes.project_of(record.tenant)
        sid = ids.hex(32)
        call = {
            "name": f"projects/{project}/calls/{sid}", "to": to, "from": sender, "transport": "PSTN",
            "direction": "INCOMING", "state": "RINGING", "createTime": rfc3339(now), "startTime": rfc3339(now),
            "createMethod": "INCOMING_CALL",
        }
        return self._plan(CALL, record, sender, to, sid, shapes.CALL_URIS, CALL_EVENT, {"call": call, "parameters": {}})

    def _plan(self, kind: str, record: OwnedNumber, sender: str, to: str, sid: str, field: str, event: str,
              payload: dict[str, Any]) -> Plan:
        if record.activated_at is None or record.suspended:
            raise NoHandler(f"{record.number}'s instance is not ACTIVE (a pending port-in or suspended)")
        uris = list((record.settings or {}).get(field) or ())
        if not uris:
            raise NoHandler(f"no {field} are configured for this number")
        targets = [Target(uri, "POST", "primary" if i == 0 else f"handler {i + 1}") for i, uri in enumerate(uris)]
        body = json.dumps(payload, separators=(",", ":")).encode()
        key = self.signing_key(shapes.project_of(record.tenant))

        def render(target: Target) -> HttpRequest:
            headers = {"Content-Type": "application/json; charset=utf-8", "X-Enfonica-Event": event,
                       "X-Enfonica-Signature": enfonica_signature(target.url, event, body, key)}
            return HttpRequest(target.url, "POST", headers, body)

        return Plan(kind, NAME, record.tenant, to, sender, sid, targets, render, retry_delays=RETRY_DELAYS)
