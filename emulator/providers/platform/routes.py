"""The platform API's views (``openapi/platform.yaml``). Views translate: validated request -> core
call (purchases, configurations, channels; the provider's purchase through :mod:`.gateways`) ->
platform JSON. A platform tenant is the core tenant ``"platform/<tenant>"``."""
from __future__ import annotations

from typing import Any, Callable, Mapping

from ... import page_tokens
from ...config import Config, PlatformKey
from ...core import LOCAL, NotAvailable, OwnedNumber, World
from ...core import configurations as lifecycle
from ...core.configurations import PhoneConfiguration
from ...core.numbering import classify
from ...core.purchases import Purchase
from ...specs import load_spec
from ...surface import Reply, Surface
from ...validation import build_engine
from . import shapes
from .auth import ApiKeys
from .errors import Unprocessable, render_error
from .gateways import Gateway, gateway

NAME = "platform"
DEFAULT_LIMIT = 20
CONFIGURATION = "/v1/phone-configurations/<segment:configurationId>"
PURCHASE = "/v1/phone-number-purchases/<segment:purchaseId>"
PURCHASE_COMPLETION = "platform.purchase"  # the named completion of a platform purchase


def tenant(key: PlatformKey) -> str:
    return f"platform/{key.tenant}"


def build_surface(world: World, config: Config) -> Surface:
    surface = Surface(NAME, build_engine(config.validation_engine, load_spec(NAME)), config.validation,
                      render_error, ApiKeys(config.platform_keys))
    bp = surface.blueprint

    def page(kind: str, params: dict[str, Any]) -> tuple[int, int]:
        """(after, limit) from ``cursor`` / ``limit``; a cursor of another list is 400."""
        after = page_tokens.decode_position(params["cursor"], kind, "Invalid cursor", "cursor") if params.get("cursor") else 0
        return after, params.get("limit", DEFAULT_LIMIT)

    def listing(kind: str, items: list[dict[str, Any]], next_key: int | None) -> Reply:
        return Reply({"data": items, "nextCursor": page_tokens.encode(kind, str(next_key)) if next_key else None})

    def configuration_reply(record: PhoneConfiguration, populate: bool = False, status: int = 200) -> Reply:
        channels = None
        if populate:
            channels = {"voice": world.channels.find(record.tenant, record.voice_channel_id),
                        "sms": world.channels.find(record.tenant, record.sms_channel_id)}
        return Reply(shapes.configuration(record, channels), status)

    def new_configuration(key: PlatformKey, gw: Gateway, owned: OwnedNumber, request_id: str, status: str,
                          friendly_name: str | None, **flags: bool) -> PhoneConfiguration:
        """A configuration of a number the provider account holds (``owned``: the provider's record)."""
        config_id = "phone_" + world.ids.hex(24)
        place = world.place(owned.number, owned.region)
        country = world.plan.region_name(owned.region)
        now = world.now()
        return PhoneConfiguration(
            id=config_id, tenant=tenant(key), phone_number=owned.number, provider_phone_number_id=owned.id,
            phone_request_id=request_id.replace("{id}", config_id), friendly_name=friendly_name,
            provider_type=gw.provider_type, provider_tenant=owned.tenant, country_code=owned.region,
            created_at=now, updated_at=now,
            region_id=f"{owned.region}-{place.region}".lower() if place.region else owned.region.lower(),
            monthly_price=float(owned.pricing.monthly),
            region_or_country_name=f"{place.locality}, {country}" if place.locality else country,
            status=status, metadata={"providerAccountId": gw.account(key)}, **flags,
        )

    def complete_purchase(purchase: Purchase, now: float, args: Mapping[str, Any]) -> dict[str, str]:
        """The provider's purchase, once the platform's is processed: buys the number through the
        gateway the purchase names, for the API key that asked."""
        key = keys_by_name[args["key"]]
        gw = gateway(purchase.provider)
        owned = gw.buy(world, key, purchase.phone_number, purchase.friendly_name)
        made = world.configurations.add(new_configuration(key, gw, owned, purchase.id, lifecycle.ACTIVE,
                                                          purchase.friendly_name))
        return {"phoneConfigurationId": made.id, "providerPhoneNumberId": owned.id}

    keys_by_name = {key.key: key for key in config.platform_keys}
    world.purchases.complete_with(PURCHASE_COMPLETION, complete_purchase)

    # -- inventory and prices ----------------------------------------------------------------------
    @bp.route("/v1/phone-numbers/available", methods=["GET"])
    @surface.operation("SearchAvailablePhoneNumbers")
    def search_available_phone_numbers(validated, key: PlatformKey) -> Reply:
        p = validated.params
        gw = gateway(p.get("providerType"))
        offers = gw.search(world, p["countryCode"], p.get("numberType", LOCAL), p, p.get("limit", DEFAULT_LIMIT))
        data = [shapes.available_number(o, world.place(o.number, o.region), world.catalogue) for o in offers]
        return Reply({"data": data})

    @bp.route("/v1/phone-numbers/pricing", methods=["GET"])
    @surface.operation("ListPhoneNumberPricing")
    def list_phone_number_pricing(validated, key: PlatformKey) -> Reply:
        p = validated.params
        gw = gateway(p.get("providerType"))
        region = p["countryCode"]
        prices = gw.prices(world, region)
        if not prices:
            raise Unprocessable("countryCode", f"{gw.provider_type} does not sell numbers in {region}")
        if p.get("numberType"):
            gw.check_sells(world, region, p["numberType"], "numberType")
            prices = [(t, price) for t, price in prices if t == p["numberType"]]
        country = world.plan.region_name(region)
        return Reply({"data": [shapes.pricing(t, region, country, price) for t, price in prices]})

    # -- purchases ---------------------------------------------------------------------------------
    @bp.route("/v1/phone-number-purchases", methods=["POST"])
    @surface.operation("CreatePhoneNumberPurchase")
    def create_phone_number_purchase(validated, key: PlatformKey) -> Reply:
        body = validated.body
        gw = gateway(body.get("providerType"))
        number, region, number_type = body["phoneNumber"], body["countryCode"], body.get("numberType", LOCAL)
        gw.check_sells(world, region, number_type, "numberType" if gw.number_types(world, region) else "countryCode")
        found = classify(number)
        if found is None or found[0] != region:
            raise Unprocessable("phoneNumber", f"{number} is not a valid {region} phone number")
        if found[1] != number_type:
            raise Unprocessable("numberType", f"{number} is a {found[1]} number, not {number_type}")
        try:
            world.available(number)
        except NotAvailable:
            raise Unprocessable("phoneNumber", f"Phone number {number} is not available") from None
        name = body["friendlyName"]
        purchase = world.purchases.create(
            tenant(key), lambda: "purchase_" + world.ids.hex(24), PURCHASE_COMPLETION, {"key": key.key},
            phone_number=number, country_code=region,
            number_type=number_type, friendly_name=name,
            charged_credits=float(world.catalogue.pricing(region, number_type).monthly), provider=gw.provider_type,
            pending_seconds=config.platform_pending_seconds, processing_seconds=config.platform_processing_seconds,
            metadata={"providerType": gw.provider_type},
        )
        return Reply(shapes.purchase(purchase), 201)

    @bp.route("/v1/phone-number-purchases", methods=["GET"])
    @surface.operation("ListPhoneNumberPurchases")
    def list_phone_number_purchases(validated, key: PlatformKey) -> Reply:
        p = validated.params
        status = p.get("status")
        kind = f"purchases|{status or ''}"
        after, limit = page(kind, p)
        where = (lambda r: r.status == status) if status else None
        items, next_key = world.purchases.list(tenant(key), where=where, after=after, limit=limit)
        return listing(kind, [shapes.purchase(r) for r in items], next_key)

    @bp.route(PURCHASE, methods=["GET"])
    @surface.operation("GetPhoneNumberPurchase")
    def get_phone_number_purchase(validated, key: PlatformKey) -> Reply:
        return Reply(shapes.purchase(world.purchases.get(tenant(key), validated.params["purchaseId"])))

    @bp.route(PURCHASE + ":cancel", methods=["POST"])
    @surface.operation("CancelPhoneNumberPurchase")
    def cancel_phone_number_purchase(validated, key: PlatformKey) -> Reply:
        return Reply(shapes.purchase(world.purchases.cancel(tenant(key), validated.params["purchaseId"])))

    # -- phone configurations ----------------------------------------------------------------------
    @bp.route("/v1/phone-configurations", methods=["GET"])
    @surface.operation("ListPhoneConfigurations")
    def list_phone_configurations(validated, key: PlatformKey) -> Reply:
        p = validated.params
        wanted = {field: p.get(param) for param, field in (("status", "status"), ("providerType", "provider_type"),
                                                           ("countryCode", "country_code")) if p.get(param)}
        kind = "configurations|" + "|".join(f"{k}={v}" for k, v in sorted(wanted.items()))
        after, limit = page(kind, p)

        def where(record: PhoneConfiguration) -> bool:
            return all(getattr(record, field) == value for field, value in wanted.items())

        items, next_key = world.configurations.list(tenant(key), where=where, after=after, limit=limit)
        populate = bool(p.get("populateChannels"))
        return listing(kind, [configuration_reply(r, populate).payload for r in items], next_key)

    @bp.route("/v1/phone-configurations:import", methods=["POST"])
    @surface.operation("ImportPhoneConfiguration")
    def import_phone_configuration(validated, key: PlatformKey) -> Reply:
        body = validated.body
        gw = gateway(body.get("providerType"))
        number = body["phoneNumber"]
        owned = world.holder(number)
        if owned is None or owned.tenant != gw.tenant(key) or owned.span is not None:
            raise Unprocessable("phoneNumber", f"{number} is not held by the {gw.provider_type} account {gw.account(key)}")
        name = body.get("friendlyName") or owned.display_name or None
        made = world.configurations.add(new_configuration(key, gw, owned, "import_{id}", lifecycle.INACTIVE, name,
                                                          is_imported=True))
        return configuration_reply(made, status=201)

    @bp.route("/v1/phone-configurations:port-in", methods=["POST"])
    @surface.operation("PortInPhoneConfiguration")
    def port_in_phone_configuration(validated, key: PlatformKey) -> Reply:
        body = validated.body
        gw = gateway(body.get("providerType"))
        number = body["phoneNumber"]
        found = classify(number)
        if found is None:
            raise Unprocessable("phoneNumber", f"{number} is not a valid phone number")
        gw.check_sells(world, found[0], found[1], "phoneNumber")
        if world.configurations.live_for(tenant(key), number) is not None:
            raise Unprocessable("phoneNumber", f"{number} already has a phone configuration")
        name = body.get("friendlyName") or None
        try:
            owned = gw.port_in(world, key, number, name, config.port_in_seconds)
        except NotAvailable:
            raise Unprocessable("phoneNumber", f"{number} cannot be ported in: the provider sells it or someone "
                                               "holds it (buy or import it instead)") from None
        made = world.configurations.add(new_configuration(key, gw, owned, "port_{id}", lifecycle.PENDING, name,
                                                          is_ported=True))
        world.scheduler.at(owned.acquired_at + config.port_in_seconds, "configuration.activate", made.id)
        return configuration_reply(made, status=201)

    @bp.route(CONFIGURATION, methods=["GET"])
    @surface.operation("GetPhoneConfiguration")
    def get_phone_configuration(validated, key: PlatformKey) -> Reply:
        p = validated.params
        return configuration_reply(world.configurations.get(tenant(key), p["configurationId"]), bool(p.get("populateChannels")))

    @bp.route(CONFIGURATION, methods=["PATCH"])
    @surface.operation("UpdatePhoneConfiguration")
    def update_phone_configuration(validated, key: PlatformKey) -> Reply:
        name = validated.body["friendlyName"]
        return configuration_reply(world.configurations.rename(tenant(key), validated.params["configurationId"], name))

    def transition_view(operation_id: str, verb: str, act: Callable[[str, str], PhoneConfiguration]) -> None:
        def view(validated, key: PlatformKey) -> Reply:
            return configuration_reply(act(tenant(key), validated.params["configurationId"]))

        view.__name__ = operation_id
        bp.add_url_rule(f"{CONFIGURATION}:{verb}", endpoint=operation_id, methods=["POST"],
                        view_func=surface.operation(operation_id)(view))

    def release_at_provider(record: PhoneConfiguration, now: float) -> None:
        """The number leaves the provider account too, unless it already left (released there)."""
        held = world.holder(record.phone_number)
        if held is not None and held.tenant == record.provider_tenant and held.id == record.provider_phone_number_id:
            world.release(record.provider_tenant, record.phone_number)

    configurations = world.configurations
    transition_view("MarkPhoneConfigurationForRelease", "mark-for-release", configurations.mark_for_release)
    transition_view("ReleasePhoneConfiguration", "release",
                    lambda owner, cid: configurations.transition(owner, cid, lifecycle.RELEASED, release_at_provider))
    transition_view("SuspendPhoneConfiguration", "suspend",
                    lambda owner, cid: configurations.transition(owner, cid, lifecycle.SUSPENDED,
                                                                 from_statuses=lifecycle.SUSPEND_FROM))
    transition_view("ReactivatePhoneConfiguration", "reactivate",
                    lambda owner, cid: configurations.transition(owner, cid, lifecycle.ACTIVE,
                                                                 from_statuses=lifecycle.REACTIVATE_FROM))

    @bp.route(CONFIGURATION + "/us-sms-permission", methods=["PUT"])
    @surface.operation("SetUSSMSPermission")
    def set_us_sms_permission(validated, key: PlatformKey) -> Reply:
        permitted = validated.body["isUSSMSPermitted"]
        return configuration_reply(configurations.set_us_sms_permission(tenant(key), validated.params["configurationId"], permitted))

    @bp.route(CONFIGURATION + "/channels", methods=["PUT"])
    @surface.operation("LinkPhoneConfigurationChannels")
    def link_phone_configuration_channels(validated, key: PlatformKey) -> Reply:
        body = validated.body
        links = {kind: body[f"{kind}ChannelId"] for kind in ("voice", "sms") if f"{kind}ChannelId" in body}
        record = configurations.link_channels(tenant(key), validated.params["configurationId"], links, world.channels)
        return configuration_reply(record, populate=True)

    # -- deployment channels -----------------------------------------------------------------------
    @bp.route("/v1/deployment-channels", methods=["POST"])
    @surface.operation("CreateDeploymentChannel")
    def create_deployment_channel(validated, key: PlatformKey) -> Reply:
        body = validated.body
        made = world.channels.create(tenant(key), body["name"], body["type"], lambda: "channel_" + world.ids.hex(24))
        return Reply(shapes.channel(made), 201)

    @bp.route("/v1/deployment-channels", methods=["GET"])
    @surface.operation("ListDeploymentChannels")
    def list_deployment_channels(validated, key: PlatformKey) -> Reply:
        after, limit = page("channels", validated.params)
        items, next_key = world.channels.list(tenant(key), after, limit)
        return listing("channels", [shapes.channel(c) for c in items], next_key)

    @bp.route("/v1/deployment-channels/<segment:channelId>", methods=["GET"])
    @surface.operation("GetDeploymentChannel")
    def get_deployment_channel(validated, key: PlatformKey) -> Reply:
        return Reply(shapes.channel(world.channels.get(tenant(key), validated.params["channelId"])))

    @bp.route("/v1/deployment-channels/<segment:channelId>", methods=["DELETE"])
    @surface.operation("DeleteDeploymentChannel")
    def delete_deployment_channel(validated, key: PlatformKey) -> Reply:
        world.channels.delete(tenant(key), validated.params["channelId"], configurations.linked_to)
        return Reply(None, 204)

    return surface
