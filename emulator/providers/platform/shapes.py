"""Core records -> platform JSON, field for field as ``openapi/platform.yaml`` defines them."""
from __future__ import annotations

from typing import Any

from ...core.catalogue import MMS, SMS, VOICE, Catalogue, Pricing
from ...core.channels import DeploymentChannel
from ...core.configurations import PhoneConfiguration
from ...core.geography import Place
from ...core.inventory import Offer
from ...core.purchases import Purchase
from ..twilio.shapes import friendly

PRICE_UNIT = "per month"


def ms(epoch_seconds: float) -> int:
    return int(round(epoch_seconds * 1000))


def available_number(offer: Offer, place: Place, catalogue: Catalogue) -> dict[str, Any]:
    info: dict[str, Any] = {"friendlyName": friendly(offer.number), "phoneNumber": offer.number, "lata": place.lata}
    for key, value in (("rateCenter", place.rate_center), ("region", place.region), ("postalCode", place.postal_code)):
        if value is not None:
            info[key] = value
    info.update({
        "countryCode": offer.region,
        "capabilities": {"voice": VOICE in offer.capabilities, "SMS": SMS in offer.capabilities,
                         "MMS": MMS in offer.capabilities},
        "beta": catalogue.beta(offer.region, offer.number_type),
        "numberType": offer.number_type,
    })
    return info


def pricing(number_type: str, region: str, country: str, price: Pricing) -> dict[str, Any]:
    monthly = float(price.monthly)
    return {
        "number_type": number_type,
        "country": country,
        "countryCode": region,
        "phoneNumberPrices": [{"basePrice": monthly, "currentPrice": monthly}],
        "price": monthly,
        "priceUnit": PRICE_UNIT,
        "currency": price.currency,
    }


def purchase(record: Purchase) -> dict[str, Any]:
    return {
        "id": record.id,
        "friendlyName": record.friendly_name,
        "phoneNumber": record.phone_number,
        "countryCode": record.country_code,
        "chargedCredits": record.charged_credits,
        "status": record.status,
        "numberType": record.number_type,
        "statusDetails": record.status_details,
        "completedAt": ms(record.completed_at) if record.completed_at is not None else None,
        "metadata": dict(record.metadata) if record.metadata is not None else None,
        "createdAt": ms(record.created_at),
        "updatedAt": ms(record.updated_at),
    }


def channel(record: DeploymentChannel) -> dict[str, Any]:
    return {"id": record.id, "name": record.name, "type": record.channel_type, "createdAt": ms(record.created_at)}


def configuration(record: PhoneConfiguration, channels: dict[str, DeploymentChannel | None] | None = None) -> dict[str, Any]:
    """``channels`` (``voice`` / ``sms`` -> the linked channel) populates voiceChannel / smsChannel."""
    body: dict[str, Any] = {
        "id": record.id,
        "phoneNumber": record.phone_number,
        "providerPhoneNumberId": record.provider_phone_number_id,
        "phoneRequestId": record.phone_request_id,
        "friendlyName": record.friendly_name,
        "regionId": record.region_id,
        "monthlyPrice": record.monthly_price,
        "regionOrCountryName": record.region_or_country_name,
        "countryCode": record.country_code,
        "providerType": record.provider_type,
        "isImported": record.is_imported,
        "status": record.status,
        "isPorted": record.is_ported,
        "markedForRelease": record.marked_for_release,
        "metadata": dict(record.metadata or {}),
        "voiceChannelId": record.voice_channel_id,
        "smsChannelId": record.sms_channel_id,
    }
    if channels is not None:
        for kind in ("voice", "sms"):
            linked = channels.get(kind)
            body[f"{kind}Channel"] = channel(linked) if linked is not None else None
    body.update({
        "isUSSMSPermitted": record.is_us_sms_permitted,
        "createdAt": ms(record.created_at),
        "updatedAt": ms(record.updated_at),
    })
    return body
