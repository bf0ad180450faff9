"""Core records -> Sinch JSON, field for field as ``openapi/sinch.yaml`` defines them."""
from __future__ import annotations

from typing import Any

from ...core.catalogue import CAPABILITIES
from ...core.clock import rfc3339
from ...core.inventory import Offer
from ...core.provisioning import Channel
from ...core.world import OwnedNumber

SMS, VOICE = "sms", "voice"
VOICE_ID_FIELDS = {"RTC": "appId", "EST": "trunkId", "FAX": "serviceId"}


def money(currency: str, amount: str) -> dict[str, str]:
    return {"currencyCode": currency, "amount": amount}


def capability(values: tuple[str, ...]) -> list[str]:
    return [c for c in CAPABILITIES if c in values]


def available_number(offer: Offer) -> dict[str, Any]:
    p = offer.pricing
    return {
        "phoneNumber": offer.number,
        "regionCode": offer.region,
        "type": offer.number_type,
        "capability": capability(offer.capabilities),
        "setupPrice": money(p.currency, p.setup),
        "monthlyPrice": money(p.currency, p.monthly),
        "paymentIntervalMonths": p.interval_months,
        "supportingDocumentationRequired": offer.documentation_required,
    }


def sms_configuration(channel: Channel | None) -> dict[str, Any]:
    applied = (channel and channel.applied) or {}
    pending = channel.pending if channel else None
    return {
        "servicePlanId": applied.get("servicePlanId", ""),
        "campaignId": applied.get("campaignId", ""),
        "scheduledProvisioning": None
        if pending is None
        else {
            "servicePlanId": pending.requested.get("servicePlanId", ""),
            "campaignId": pending.requested.get("campaignId", ""),
            "status": pending.status,
            "lastUpdatedTime": rfc3339(pending.updated_at),
            "errorCodes": list(pending.error_codes),
        },
    }


def _voice_ids(setting: Any) -> dict[str, str]:
    return {name: (setting or {}).get(name, "") for name in VOICE_ID_FIELDS.values()}


def voice_configuration(channel: Channel | None) -> dict[str, Any]:
    applied = channel.applied if channel else None
    pending = channel.pending if channel else None
    kind = (applied or (pending.requested if pending else None) or {}).get("type", "RTC")
    return {
        "type": kind,
        **_voice_ids(applied),
        "lastUpdatedTime": rfc3339(channel.applied_at) if channel and channel.applied_at else None,
        "scheduledVoiceProvisioning": None
        if pending is None
        else {
            "type": pending.requested.get("type", "RTC"),
            "status": pending.status,
            "lastUpdatedTime": rfc3339(pending.updated_at),
            **_voice_ids(pending.requested),
        },
    }


def active_number(record: OwnedNumber, project_id: str) -> dict[str, Any]:
    p = record.pricing
    channels = record.channels or {}
    return {
        "phoneNumber": record.number,
        "projectId": project_id,
        "displayName": record.display_name,
        "regionCode": record.region,
        "type": record.number_type,
        "capability": capability(record.capabilities),
        "money": money(p.currency, p.monthly),
        "paymentIntervalMonths": p.interval_months,
        "nextChargeDate": rfc3339(record.next_charge_at),
        "expireAt": rfc3339(record.expire_at) if record.expire_at is not None else None,
        "smsConfiguration": sms_configuration(channels.get(SMS)),
        "voiceConfiguration": voice_configuration(channels.get(VOICE)),
        "callbackUrl": record.callback_url,
    }


def available_region(region: str, name: str, types: list[str]) -> dict[str, Any]:
    return {"regionCode": region, "regionName": name, "types": types}
