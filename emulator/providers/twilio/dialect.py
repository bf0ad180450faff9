"""The Twilio 2010-04-01 dialect's variation points.

Twilio and SignalWire's Twilio-compatible ("LaML") API are one dialect with two configurations:
the same operations, parameters and envelopes, with different ids, account ids, URI prefixes,
error links and a few field conventions. Everything that differs lives in a :class:`Dialect`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ...core.ids import IdGenerator
from ...core.numbering import LOCAL, MOBILE, TOLL_FREE


@dataclass(frozen=True)
class NumberKind:
    """One of Twilio's number types, in each of the spellings the API uses."""

    path: str  # "TollFree": the URL segment
    key: str  # "toll_free": subresource_uris key
    core_type: str | None  # the numbering plan's type, None when the plan has none
    resource_type: str  # "toll-free": IncomingPhoneNumber.type
    price_name: str  # "toll free": Pricing v1 number_type


KINDS = (
    NumberKind("Local", "local", LOCAL, "local", "local"),
    NumberKind("TollFree", "toll_free", TOLL_FREE, "toll-free", "toll free"),
    NumberKind("Mobile", "mobile", MOBILE, "mobile", "mobile"),
    # Types Twilio lists that the numbering plan does not sell: their searches answer 404 20404,
    # as Twilio does for a type a country lacks.
    NumberKind("National", "national", None, "national", "national"),
    NumberKind("Voip", "voip", None, "voip", "voip"),
    NumberKind("SharedCost", "shared_cost", None, "shared-cost", "shared cost"),
    NumberKind("MachineToMachine", "machine_to_machine", None, "machine-to-machine", "machine to machine"),
)
KIND_BY_PATH = {kind.path: kind for kind in KINDS}
KIND_BY_CORE_TYPE = {kind.core_type: kind for kind in KINDS if kind.core_type}


def twilio_sid(prefix: str) -> Callable[[IdGenerator], str]:
    return lambda ids: prefix + ids.hex(32)


def uuid_sid(ids: IdGenerator) -> str:
    return ids.uuid4()


@dataclass(frozen=True)
class Dialect:
    name: str  # surface name, also the tenant namespace: "twilio" / "signalwire"
    api_roots: tuple[str, ...]  # where the 2010 API is mounted in the surface (first: canonical)
    uri_root: str  # the root that ``uri`` fields and paging URIs use
    json_suffix_required: bool  # Twilio needs ".json"; SignalWire answers with or without
    new_sid: Callable[[IdGenerator], str]
    sid_pattern: str  # a regex for the number resource's sid
    origin: str  # IncomingPhoneNumber.origin of numbers bought here
    error_docs: str  # more_info = error_docs + code
    realm: str  # WWW-Authenticate on 401
    kinds: tuple[NumberKind, ...] = KINDS  # the number types this provider lists
    available_capability_keys: tuple[tuple[str, str], ...] = (
        ("VOICE", "voice"), ("SMS", "sms"), ("MMS", "mms"), ("FAX", "fax"))
    friendly_name_max: int = 64
    regions: frozenset[str] | None = None  # countries it sells numbers in (None: every one)
    pricing: bool = False  # serves Pricing v1
    spec_name: str = "twilio"
    extra_fields: tuple[str, ...] = field(default=())  # e.g. SignalWire's account_id
    number_subresources: bool = True  # IncomingPhoneNumber.subresource_uris (Twilio sends it)
    # Inbound webhooks (emulator/providers/twilio/inbound.py)
    new_message_sid: Callable[[IdGenerator], str] = twilio_sid("SM")
    new_call_sid: Callable[[IdGenerator], str] = twilio_sid("CA")
    signature_headers: tuple[str, ...] = ("X-Twilio-Signature",)
    # settings keys naming what handles messages / calls, when another API can set them (SignalWire's
    # REST API): webhooks are sent only while they say "laml_webhooks" (or are unset)
    handler_kind_keys: tuple[str, str] | None = None


TWILIO = Dialect(
    name="twilio",
    api_roots=("/2010-04-01",),
    uri_root="/2010-04-01",
    json_suffix_required=True,
    new_sid=twilio_sid("PN"),
    sid_pattern=r"PN[0-9a-fA-F]{32}",
    origin="twilio",
    error_docs="https://www.twilio.com/docs/errors/",
    realm='Basic realm="Twilio API"',
    pricing=True,
)
