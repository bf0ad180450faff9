"""Core records -> relay REST JSON, field for field as ``openapi/signalwire.yaml`` defines them.

Handler settings live in ``OwnedNumber.settings`` under keys shared with the compatibility (LaML)
API, so a URL set through either API reads the same through the other: :data:`SHARED_KEYS` maps a
relay field to its shared key; every other relay field is stored under its own name. The name is
the record's ``display_name`` ("" reads as null).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...core.clock import to_datetime
from ...core.geography import Place
from ...core.inventory import Offer
from ...core.numbering import TOLL_FREE
from ...core.world import OwnedNumber

SHARED_KEYS = {
    "call_request_url": "voice_url",
    "call_request_method": "voice_method",
    "call_fallback_url": "voice_fallback_url",
    "call_fallback_method": "voice_fallback_method",
    "call_status_callback_url": "status_callback",
    "call_status_callback_method": "status_callback_method",
    "call_receive_mode": "voice_receive_mode",
    "message_request_url": "sms_url",
    "message_request_method": "sms_method",
    "message_fallback_url": "sms_fallback_url",
    "message_fallback_method": "sms_fallback_method",
}
#: What a number bought here starts with (a real purchase shows these).
DEFAULTS = {"call_handler": "laml_webhooks", "call_receive_mode": "voice", "message_handler": "laml_webhooks"}
CALL_HANDLERS = frozenset({
    "relay_context", "relay_topic", "relay_script", "relay_application", "relay_connector", "relay_sip_endpoint",
    "relay_verto_endpoint", "laml_webhooks", "laml_application", "dialogflow", "video_room", "call_flow",
    "ai_agent", "fabric_subscriber", "sip_gateway", "call_queue",
})
MESSAGE_HANDLERS = frozenset({"relay_context", "relay_topic", "relay_application", "laml_webhooks", "laml_application"})
METHODS = frozenset({"GET", "POST"})
RECEIVE_MODES = frozenset({"voice", "fax"})
CAPABILITY_ORDER = ("VOICE", "FAX", "SMS", "MMS")  # as a real purchase lists them
#: Response fields after ``next_billed_at``, in the live API's order (None: a plain nullable string).
HANDLER_FIELDS: tuple[tuple[str, frozenset[str] | None], ...] = (
    ("call_handler", CALL_HANDLERS), ("calling_handler_resource_id", None), ("call_receive_mode", RECEIVE_MODES),
    ("call_request_url", None), ("call_request_method", METHODS), ("call_fallback_url", None),
    ("call_fallback_method", METHODS), ("call_status_callback_url", None), ("call_status_callback_method", METHODS),
    ("call_laml_application_id", None), ("call_dialogflow_agent_id", None), ("call_relay_topic", None),
    ("call_relay_topic_status_callback_url", None), ("call_relay_script_url", None), ("call_relay_context", None),
    ("call_relay_context_status_callback_url", None), ("call_relay_application", None),
    ("call_relay_connector_id", None), ("call_sip_endpoint_id", None), ("call_verto_resource", None),
    ("call_video_room_id", None), ("message_handler", MESSAGE_HANDLERS), ("messaging_handler_resource_id", None),
    ("message_request_url", None), ("message_request_method", METHODS), ("message_fallback_url", None),
    ("message_fallback_method", METHODS), ("message_laml_application_id", None), ("message_relay_topic", None),
    ("message_relay_context", None),
)


def setting_key(field: str) -> str:
    return SHARED_KEYS.get(field, field)


def timestamp(epoch_seconds: float) -> str:
    """``2024-02-07T10:21:01Z``: whole seconds, as the live API writes them."""
    return to_datetime(epoch_seconds).strftime("%Y-%m-%dT%H:%M:%SZ")


def capabilities(values: tuple[str, ...]) -> list[str]:
    return [c.lower() for c in CAPABILITY_ORDER if c in values]


def _setting(settings: Mapping[str, Any], field: str, allowed: frozenset[str] | None) -> Any:
    """A field's value; what the other API stored is normalised ("" -> null, "post" -> "POST")."""
    value = settings.get(setting_key(field), DEFAULTS.get(field))
    if not isinstance(value, str) or value == "":
        value = None
    elif allowed is METHODS:
        value = value.upper()
    if allowed is not None and value not in allowed:
        value = None
    if value is None and field == "call_receive_mode":
        value = "voice"  # never null
    return value


def phone_number(record: OwnedNumber) -> dict[str, Any]:
    settings = record.settings or {}
    body: dict[str, Any] = {
        "id": record.id,
        "name": record.display_name or None,
        "number": record.number,
        "capabilities": capabilities(record.capabilities),
        "number_type": "toll-free" if record.number_type == TOLL_FREE else "longcode",
        "e911_address_id": None,
        "e911_status": None,
        "created_at": timestamp(record.acquired_at),
        "updated_at": timestamp(record.updated_at or record.acquired_at),
        "next_billed_at": timestamp(record.next_charge_at),
    }
    for field, allowed in HANDLER_FIELDS:
        body[field] = _setting(settings, field, allowed)
    body["country_code"] = record.region
    return body


def available_number(offer: Offer, place: Place) -> dict[str, Any]:
    """A search result in the legacy superset shape (see decision 4 of the spec)."""
    national = offer.number[2:]
    area, exchange, line = national[:3], national[3:6], national[6:]
    return {
        "e164": offer.number,
        "number": offer.number,
        "national_number_formatted": f"({area}) {exchange}-{line}",
        "international_number_formatted": f"+1 {area}-{exchange}-{line}",
        "rate_center": place.rate_center,
        "region": place.region,
        "city": place.locality,
        "lata": place.lata,
        "country_code": offer.region,
        "capabilities": capabilities(offer.capabilities),
    }
