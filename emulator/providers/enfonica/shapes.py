"""Enfonica's JSON for numbers and instances (proto3 JSON: fields at their default are left out)."""
from __future__ import annotations

from typing import Any

from ...core.clock import rfc3339
from ...core.inventory import Offer
from ...core.ranges import NumberRange
from ...core.world import OwnedNumber

TENANT_PREFIX = "enfonica/"
CAPABILITIES = ("SMS", "MMS", "VOICE")  # the core's FAX has no Enfonica counterpart
SERVICE = "services/numbering/skus/"

# settings keys (the request's camelCase field names) and their defaults
LABELS = "labels"
MESSAGE_URIS = "incomingMessageHandlerUris"
CALL_URIS = "incomingCallHandlerUris"
RECORDING = "callRecordingTrigger"
LISTING = "regulatoryListing"
COMPLIANT = "compliant"
DEFAULT_RECORDING = "DISABLED"


def tenant(project: str) -> str:
    return TENANT_PREFIX + project


def project_of(tenant_key: str) -> str:
    return tenant_key[len(TENANT_PREFIX):]


def instance_name(project: str, number: str) -> str:
    return f"projects/{project}/phoneNumberInstances/{number}"


def _skus(region: str, number_type: str, setup: str) -> dict[str, str]:
    stem = f"{region}-{number_type}".lower().replace("_", "-")
    skus = {"sku": f"{SERVICE}{stem}-monthly"}
    if setup not in ("0", "0.00"):
        skus["activationSku"] = f"{SERVICE}{stem}-activation"
    return skus


def phone_number(offer: Offer | OwnedNumber, span: NumberRange | None = None) -> dict[str, Any]:
    """A PhoneNumber: an available number, a block of them (``span``), or an instance's number."""
    number = offer.number
    shown: dict[str, Any] = {"name": f"phoneNumbers/{span.notation() if span else number}", "phoneNumber": number}
    capabilities = [c for c in CAPABILITIES if c in offer.capabilities]
    if capabilities:
        shown["capabilities"] = capabilities
    shown.update(_skus(offer.region, offer.number_type, offer.pricing.setup))
    shown["numberType"] = offer.number_type
    shown["countryCode"] = offer.region
    return shown


def lifecycle_state(record: OwnedNumber) -> str:
    if record.expire_at is not None:
        return "DELETED"
    if record.activated_at is None:
        return "PENDING"
    return "SUSPENDED" if record.suspended else "ACTIVE"


def instance(record: OwnedNumber) -> dict[str, Any]:
    """A PhoneNumberInstance from a core record (live, pending, or released and kept)."""
    settings = record.settings or {}
    name = instance_name(project_of(record.tenant), record.number)
    shown: dict[str, Any] = {"name": name, "phoneNumber": phone_number(record)}
    if record.display_name:
        shown["displayName"] = record.display_name
    for key in (LABELS, MESSAGE_URIS, CALL_URIS):
        if settings.get(key):
            shown[key] = settings[key]
    shown[RECORDING] = settings.get(RECORDING) or DEFAULT_RECORDING
    shown["createTime"] = rfc3339(record.acquired_at)
    if record.expire_at is not None:
        shown["deleteTime"] = rfc3339(record.expire_at)
    if record.activated_at is not None:
        shown["activateTime"] = rfc3339(record.activated_at)
    shown["lifecycleState"] = lifecycle_state(record)
    if record.span is not None:
        shown["range"] = {
            "primaryPhoneNumberInstance": name,
            "startPhoneNumber": record.span.start,
            "endPhoneNumber": record.span.end,
            "size": record.span.size,
        }
    if settings.get(LISTING):
        shown[LISTING] = settings[LISTING]
    if settings.get(COMPLIANT):
        shown[COMPLIANT] = True
    return shown
