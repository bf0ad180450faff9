"""Hypothesis strategies for test authors: phone numbers, and each provider's resources and requests.

Numbers: ``valid_numbers("US", "LOCAL")`` draws numbers valid for that region and type by
construction (a drawn 64-bit key picks a number of the plan's blocks; the sampler steps to the next
key until phonenumbers agrees, so nothing is filtered away). ``numbers_in`` draws the raw digit
strings of a type's pattern, valid or not (for testing validation itself).

Resources: ``resources("twilio", "incoming-numbers")`` draws records exactly as the emulator renders
them (the fixture generator's, from a drawn seed). Requests: one strategy per provider operation that
takes a body (``sinch_rent_body``, ``twilio_create_form``, ``enfonica_create_body``,
``wazo_create_body``, ``wazo_range_body``...); each is well-formed per the provider's spec, with
optional fields present or not.
"""
from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from emulator.core.numbering import NumberingPlan
from emulator.generation import generate
from emulator.generation.sampler import offered_kinds, sampler

_PLAN = NumberingPlan()
KEYS = st.integers(min_value=0, max_value=2**64 - 1)

__all__ = [
    "any_valid_number", "callback_urls", "enfonica_create_body", "enfonica_update_body", "friendly_names",
    "numbers_in", "offered_kinds", "resources", "signalwire_buy_body", "signalwire_update_body",
    "sinch_rent_any_body", "sinch_rent_body", "sinch_update_body", "twilio_create_form", "twilio_update_form",
    "valid_numbers", "wazo_create_body", "wazo_range_body",
]


# -- numbers ---------------------------------------------------------------------------------------------
@st.composite
def numbers_in(draw, region: str, number_type: str) -> str:
    """A digit string over the plan's blocks for the type: its shape, not necessarily valid."""
    plan = _PLAN.plan(region, number_type)
    if plan is None:
        raise ValueError(f"no {number_type} numbers in {region}")
    block = draw(st.sampled_from(plan.blocks))
    return "+" + "".join(draw(st.sampled_from(choices)) for choices in block)


def valid_numbers(region: str, number_type: str) -> st.SearchStrategy[str]:
    """Numbers valid for ``region`` and typed ``number_type`` by phonenumbers, by construction."""
    drawn = sampler(region, number_type)
    return KEYS.map(drawn.draw)


def any_valid_number() -> st.SearchStrategy[str]:
    return st.sampled_from(offered_kinds()).flatmap(lambda kind: valid_numbers(*kind))


# -- small values ----------------------------------------------------------------------------------------
_SAFE_TEXT = st.characters(min_codepoint=32, max_codepoint=0x2FFF, exclude_categories=("Cs", "Cc"))


def friendly_names(max_size: int = 64) -> st.SearchStrategy[str]:
    return st.text(_SAFE_TEXT, min_size=1, max_size=max_size)


def callback_urls() -> st.SearchStrategy[str]:
    """http(s) URLs with a host, as every provider accepts for its handlers."""
    host = st.from_regex(r"[a-z][a-z0-9]{0,15}(\.[a-z]{2,6}){1,2}", fullmatch=True)
    path = st.from_regex(r"(/[A-Za-z0-9_-]{1,12}){0,3}", fullmatch=True)
    return st.builds(lambda scheme, h, p: f"{scheme}://{h}{p}", st.sampled_from(["http", "https"]), host, path)


_HEX32 = st.from_regex(r"[0-9a-f]{32}", fullmatch=True)
_METHODS = st.sampled_from(["GET", "POST"])


def _optional(required: dict[str, Any], optional: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(required, optional=optional)


# -- Sinch -----------------------------------------------------------------------------------------------
def _sinch_configuration() -> dict[str, Any]:
    return {
        "smsConfiguration": st.fixed_dictionaries({"servicePlanId": _HEX32}),
        "voiceConfiguration": st.one_of(
            st.fixed_dictionaries({"type": st.just("RTC"), "appId": st.uuids().map(str)}),
            st.fixed_dictionaries({"type": st.just("EST"), "trunkId": st.uuids().map(str)}),
            st.fixed_dictionaries({"type": st.just("FAX"), "serviceId": st.uuids().map(str)}),
        ),
        "callbackUrl": callback_urls(),
    }


def sinch_rent_body() -> st.SearchStrategy[dict[str, Any]]:
    """``POST .../availableNumbers/{phoneNumber}:rent``."""
    return _optional({}, _sinch_configuration())


def sinch_rent_any_body(region: str = "US", number_type: str = "LOCAL") -> st.SearchStrategy[dict[str, Any]]:
    """``POST .../availableNumbers:rentAny``."""
    pattern = st.fixed_dictionaries({"pattern": st.from_regex(r"[0-9]{1,3}", fullmatch=True),
                                     "searchPattern": st.sampled_from(["START", "CONTAINS", "END"])})
    return _optional({"regionCode": st.just(region), "type": st.just(number_type)},
                     {"numberPattern": pattern, "capabilities": st.sampled_from([["SMS"], ["VOICE"], ["SMS", "VOICE"]]),
                      **_sinch_configuration()})


def sinch_update_body() -> st.SearchStrategy[dict[str, Any]]:
    """``PATCH .../activeNumbers/{phoneNumber}``."""
    return _optional({}, {"displayName": friendly_names(256), **_sinch_configuration()})


# -- Twilio (and SignalWire's compatibility API) ---------------------------------------------------------
def _twilio_settings() -> dict[str, Any]:
    return {
        "FriendlyName": friendly_names(64),
        "VoiceUrl": callback_urls(), "VoiceMethod": _METHODS, "VoiceFallbackUrl": callback_urls(),
        "SmsUrl": callback_urls(), "SmsMethod": _METHODS, "StatusCallback": callback_urls(),
        "StatusCallbackMethod": _METHODS,
    }


def twilio_create_form(number: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """``POST /IncomingPhoneNumbers.json`` as a form: PhoneNumber and optional settings."""
    return _optional({"PhoneNumber": number if number is not None else valid_numbers("US", "LOCAL")}, _twilio_settings())


def twilio_update_form() -> st.SearchStrategy[dict[str, Any]]:
    """``POST /IncomingPhoneNumbers/{Sid}.json``."""
    return _optional({}, _twilio_settings())


# -- SignalWire relay REST -------------------------------------------------------------------------------
def signalwire_buy_body(number: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """``POST /api/relay/rest/phone_numbers``."""
    return st.fixed_dictionaries({"number": number if number is not None else valid_numbers("US", "LOCAL")})


def signalwire_update_body() -> st.SearchStrategy[dict[str, Any]]:
    """``PUT /api/relay/rest/phone_numbers/{id}``."""
    return _optional({}, {"name": friendly_names(64), "call_handler": st.just("laml_webhooks"),
                          "call_request_url": callback_urls(), "call_request_method": _METHODS,
                          "message_handler": st.just("laml_webhooks"), "message_request_url": callback_urls()})


# -- Enfonica --------------------------------------------------------------------------------------------
def _enfonica_fields() -> dict[str, Any]:
    label_key = st.from_regex(r"[a-z][a-z0-9_-]{0,20}", fullmatch=True)
    return {
        "displayName": friendly_names(100),
        "labels": st.dictionaries(label_key, st.text(_SAFE_TEXT, max_size=30), max_size=5),
        "incomingCallHandlerUris": st.lists(callback_urls(), max_size=5),
        "incomingMessageHandlerUris": st.lists(callback_urls(), max_size=5),
        "callRecordingTrigger": st.sampled_from(["DISABLED", "ANSWER", "BRIDGE"]),
    }


def enfonica_create_body(number: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """``POST /v1beta1/projects/{project}/phoneNumberInstances``."""
    wanted = (number if number is not None else valid_numbers("AU", "LOCAL")).map(lambda n: {"phoneNumber": n})
    return _optional({"phoneNumber": wanted}, _enfonica_fields())


def enfonica_update_body() -> st.SearchStrategy[dict[str, Any]]:
    """``PATCH .../phoneNumberInstances/{instance}`` (without a mask: the fields it sets)."""
    return _optional({}, _enfonica_fields())


# -- Wazo ------------------------------------------------------------------------------------------------
def wazo_create_body(number: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    """``POST /api/confd/1.1/phone-numbers``."""
    return _optional({"number": number if number is not None else any_valid_number()},
                     {"caller_id_name": st.one_of(st.none(), friendly_names(256)), "shared": st.booleans()})


@st.composite
def wazo_range_body(draw, max_size: int = 100) -> dict[str, str]:
    """``POST /api/confd/1.1/phone-numbers/ranges``: a start and an end at most ``max_size`` apart."""
    start = draw(valid_numbers("US", "LOCAL"))
    size = draw(st.integers(min_value=1, max_value=max_size))
    last = int(start[1:]) + size - 1
    if len(str(last)) != len(start) - 1:
        last = int(start[1:])
    return {"start_number": start, "end_number": f"+{last}"}


# -- resources -------------------------------------------------------------------------------------------
def resources(provider: str, kind: str, region: str = "US", number_type: str = "LOCAL") -> st.SearchStrategy[dict[str, Any]]:
    """One of ``provider``'s records of ``kind`` (``available``, ``owned`` or a kind of
    ``numbers-emulator fixtures generate``) as the emulator renders it, for a drawn seed."""
    return st.integers(min_value=0, max_value=2**31 - 1).map(
        lambda seed: next(iter(generate(provider, kind, [region], number_type, 1, seed))))
