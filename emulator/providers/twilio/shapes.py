"""Core records -> Twilio 2010-04-01 JSON, field for field as ``openapi/twilio.yaml`` defines them."""
from __future__ import annotations

from email.utils import format_datetime
from typing import Any, Mapping

import phonenumbers

from ...core.catalogue import ALL_CAPABILITIES, Catalogue
from ...core.clock import to_datetime
from ...core.geography import Place
from ...core.inventory import Offer
from ...core.numbering import split_e164
from ...core.world import OwnedNumber
from .dialect import KIND_BY_CORE_TYPE, Dialect

API_VERSION = "2010-04-01"
METHOD_FIELDS = ("voice_method", "voice_fallback_method", "sms_method", "sms_fallback_method", "status_callback_method")
URL_FIELDS = ("voice_url", "voice_fallback_url", "sms_url", "sms_fallback_url", "status_callback")
SID_FIELDS = ("voice_application_sid", "sms_application_sid", "trunk_sid", "identity_sid", "address_sid",
              "emergency_address_sid", "bundle_sid")
# What a freshly bought number has (Twilio's own list example): empty URLs, POST methods.
DEFAULT_SETTINGS: dict[str, Any] = {
    **{name: "POST" for name in METHOD_FIELDS},
    **{name: "" for name in URL_FIELDS},
    **{name: None for name in SID_FIELDS},
    "voice_caller_id_lookup": False,
    "voice_receive_mode": "voice",
    "emergency_status": "Inactive",
}


def rfc2822(epoch_seconds: float) -> str:
    """``Thu, 30 Jul 2015 23:19:04 +0000``: what Twilio sends (and its SDKs read as UTC)."""
    return format_datetime(to_datetime(int(epoch_seconds))).replace("-0000", "+0000")


def friendly(e164: str) -> str:
    """Twilio's default friendly name: the number in national format, ``(415) 555-0100``.

    The number is built from its digits rather than parsed: parsing was half of the cost of every
    search result and generated record (about 17 of 34 us), and the digits are already known valid."""
    split = split_e164(e164)
    if split is None or not split[1]:
        return e164
    country_code, national = split
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    zeros = len(national) - len(national.lstrip("0"))
    if zeros:  # Italian-style numbers keep their leading zeros
        number.italian_leading_zero = True
        if zeros > 1:
            number.number_of_leading_zeros = zeros
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def capabilities(values: tuple[str, ...], keys: tuple[tuple[str, str], ...]) -> dict[str, bool]:
    return {key: capability in values for capability, key in keys}


def available_number(offer: Offer, place: Place, catalogue: Catalogue, dialect: Dialect) -> dict[str, Any]:
    return {
        "friendly_name": friendly(offer.number),
        "phone_number": offer.number,
        "lata": place.lata,
        "locality": place.locality,
        "rate_center": place.rate_center,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "region": place.region,
        "postal_code": place.postal_code,
        "iso_country": offer.region,
        "address_requirements": catalogue.address_requirement(offer.region, offer.number_type),
        "beta": catalogue.beta(offer.region, offer.number_type),
        "capabilities": capabilities(offer.capabilities, dialect.available_capability_keys),
    }


def incoming_number(record: OwnedNumber, account: str, catalogue: Catalogue, dialect: Dialect) -> dict[str, Any]:
    settings: Mapping[str, Any] = {**DEFAULT_SETTINGS, **(record.settings or {})}
    body = {
        "account_sid": account,
        "address_sid": settings["address_sid"],
        "address_requirements": catalogue.address_requirement(record.region, record.number_type),
        "api_version": API_VERSION,
        "beta": catalogue.beta(record.region, record.number_type),
        "capabilities": capabilities(record.capabilities, tuple((c, c.lower()) for c in ALL_CAPABILITIES)),
        "date_created": rfc2822(record.acquired_at),
        "date_updated": rfc2822(record.updated_at or record.acquired_at),
        "friendly_name": record.display_name or friendly(record.number),
        "identity_sid": settings["identity_sid"],
        "phone_number": record.number,
        "origin": dialect.origin,
        "sid": record.id,
        "sms_application_sid": settings["sms_application_sid"],
        "sms_fallback_method": settings["sms_fallback_method"],
        "sms_fallback_url": settings["sms_fallback_url"],
        "sms_method": settings["sms_method"],
        "sms_url": settings["sms_url"],
        "status_callback": settings["status_callback"],
        "status_callback_method": settings["status_callback_method"],
        "trunk_sid": settings["trunk_sid"],
        "uri": f"{dialect.uri_root}/Accounts/{account}/IncomingPhoneNumbers/{record.id}.json",
        "voice_receive_mode": settings["voice_receive_mode"],
        "voice_application_sid": settings["voice_application_sid"],
        "voice_caller_id_lookup": settings["voice_caller_id_lookup"],
        "voice_fallback_method": settings["voice_fallback_method"],
        "voice_fallback_url": settings["voice_fallback_url"],
        "voice_method": settings["voice_method"],
        "voice_url": settings["voice_url"],
        "emergency_status": settings["emergency_status"],
        "emergency_address_sid": settings["emergency_address_sid"],
        "emergency_address_status": "registered" if settings["emergency_address_sid"] else "unregistered",
        "bundle_sid": settings["bundle_sid"],
        "status": "in-use",
        "type": KIND_BY_CORE_TYPE[record.number_type].resource_type,
    }
    if dialect.number_subresources:
        number_uri = body["uri"][: -len(".json")]
        body["subresource_uris"] = {"assigned_add_ons": f"{number_uri}/AssignedAddOns.json"}
    for name in dialect.extra_fields:
        if name == "account_id":
            body["account_id"] = account
    return body


def country(region: str, name: str, types: list[str], account: str, dialect: Dialect) -> dict[str, Any]:
    base = f"{dialect.uri_root}/Accounts/{account}/AvailablePhoneNumbers/{region}"
    offered = [kind for kind in dialect.kinds if kind.core_type in types]
    return {
        "country_code": region,
        "country": name,
        "uri": f"{base}.json",
        "beta": False,
        "subresource_uris": {kind.key: f"{base}/{kind.path}.json" for kind in offered},
    }
