"""The Twilio 2010-04-01 numbering API (and Pricing v1) as one dialect; see :mod:`.dialect`.

Views translate to core calls and back; they hold no state. The tenant of an account is
``"<dialect name>/<account sid>"``.
"""
from __future__ import annotations

from functools import partial
from typing import Any, Callable, Iterable, Mapping

import phonenumbers
from flask import request
from werkzeug.routing import BaseConverter

from ...config import Config, Credential
from ...core import CONTAINS, START, InvalidArgument, NoneAvailable, NotFound, NumberQuery, OwnedNumber, World
from ...core.numbering import classify
from ...surface import Fragments, Reply, Surface
from ...urls import is_http_url
from ...validation import build_engine
from . import paging, pricing, shapes
from .auth import AccountAuth
from .dialect import Dialect, NumberKind
from .errors import AREA_CODE_NOT_SUPPORTED, INVALID_PHONE_NUMBER, ErrorRenderer, TwilioFailure
from .search import search

# Form field -> settings key (the IncomingPhoneNumber field it sets).
SETTING_FIELDS = {
    "VoiceUrl": "voice_url", "VoiceMethod": "voice_method", "VoiceFallbackUrl": "voice_fallback_url",
    "VoiceFallbackMethod": "voice_fallback_method", "VoiceCallerIdLookup": "voice_caller_id_lookup",
    "VoiceApplicationSid": "voice_application_sid", "VoiceReceiveMode": "voice_receive_mode",
    "SmsUrl": "sms_url", "SmsMethod": "sms_method", "SmsFallbackUrl": "sms_fallback_url",
    "SmsFallbackMethod": "sms_fallback_method", "SmsApplicationSid": "sms_application_sid",
    "StatusCallback": "status_callback", "StatusCallbackMethod": "status_callback_method",
    "TrunkSid": "trunk_sid", "IdentitySid": "identity_sid", "AddressSid": "address_sid",
    "EmergencyStatus": "emergency_status", "EmergencyAddressSid": "emergency_address_sid", "BundleSid": "bundle_sid",
}
URL_SETTINGS = {"VoiceUrl", "VoiceFallbackUrl", "SmsUrl", "SmsFallbackUrl", "StatusCallback"}
MAX_URL_LENGTH = 2048
LIST_FILTERS = ("PhoneNumber", "FriendlyName", "Beta", "Origin")
SEARCH_FILTERS = ("AreaCode", "Contains", "SmsEnabled", "MmsEnabled", "VoiceEnabled", "FaxEnabled",
                  "ExcludeAllAddressRequired", "ExcludeLocalAddressRequired", "ExcludeForeignAddressRequired",
                  "Beta", "NearNumber", "NearLatLong", "Distance", "InPostalCode", "InRegion", "InRateCenter",
                  "InLata", "InLocality")
INCOMING_KINDS = ("Local", "Mobile", "TollFree")
MAX_SEARCH_RESULTS = 1000


class NumberSidConverter(BaseConverter):
    """The ``{Sid}`` segment of one number: any segment but the sub-list names, so that
    ``/IncomingPhoneNumbers/Local.json`` is only the Local list (405 for DELETE, and an ``Allow``
    of GET, POST) and never also the number whose Sid would be "Local"."""

    regex = r"(?!(?:%s)(?:\.json)?$)[^/:]+" % "|".join(INCOMING_KINDS)


def check_url(field: str, value: str) -> None:
    """Handler URLs are checked when set (an empty value clears one)."""
    if not value:
        return
    if len(value) > MAX_URL_LENGTH:
        raise InvalidArgument(field, f"{field} is longer than {MAX_URL_LENGTH} characters")
    if not is_http_url(value):
        raise InvalidArgument(field, f"{field} must be an http or https URL with a host")


def apply_form(record: OwnedNumber, form: Mapping[str, Any], dialect: Dialect) -> OwnedNumber:
    """Settings and friendly name from a create / update form, onto a record copy."""
    if "FriendlyName" in form:
        name = form["FriendlyName"]
        if len(name) > dialect.friendly_name_max:
            raise InvalidArgument("FriendlyName", f"FriendlyName is longer than {dialect.friendly_name_max} characters")
        record.display_name = name
    changes = {}
    for field, key in SETTING_FIELDS.items():
        if field in form:
            value = form[field]
            if field in URL_SETTINGS:
                check_url(field, value)
            elif key.endswith("_sid") and value == "":
                value = None  # an empty SID clears it
            changes[key] = value
    if changes.get("voice_application_sid"):
        changes["trunk_sid"] = None  # Twilio: setting one clears the other
    elif changes.get("trunk_sid"):
        changes["voice_application_sid"] = None
    if changes:
        record.settings = {**(record.settings or {}), **changes}
    return record


def purchase_configure(world: World, dialect: Dialect, form: Mapping[str, Any]) -> Callable[[OwnedNumber, float], OwnedNumber]:
    """What buying a number does to its new record (the dialect's sid, the form's settings): the
    create view's, and the platform surface's when its purchases buy here."""
    def configure(record: OwnedNumber, now: float) -> OwnedNumber:
        record.id = dialect.new_sid(world.ids)
        return apply_form(record, form, dialect)

    return configure


def build_dialect_surface(world: World, credentials: tuple[Credential, ...], dialect: Dialect,
                          spec: Mapping[str, Any], config: Config, prefix: str | None = None) -> Surface:
    """The 2010 API (and Pricing v1 when the dialect serves it) for one configuration."""
    surface = Surface(dialect.name, build_engine(config.validation_engine, spec), config.validation,
                      ErrorRenderer(dialect), AccountAuth(credentials), prefix=prefix)
    bp = surface.blueprint
    # (recorded before any route: the blueprint's rules are added in order when it is registered)
    bp.record_once(lambda state: state.app.url_map.converters.setdefault("number_sid", NumberSidConverter))
    fragments = Fragments()
    catalogue = world.catalogue

    def tenant(account: str) -> str:
        return f"{dialect.name}/{account}"

    def route(paths: Iterable[str], methods: list[str], operation_id: str) -> Callable:
        """Register a view under every root of the dialect, with ``.json`` (and without, where the
        dialect answers both)."""
        def register(view: Callable) -> Callable:
            handler = surface.operation(operation_id)(view)
            pricing_domain = all(p.startswith("/v1/") for p in paths)  # no 2010 root, no suffix
            for root in ("",) if pricing_domain else dialect.api_roots:
                for path in paths:
                    suffixed = [path + ".json"] + ([] if dialect.json_suffix_required else [path])
                    variants = [path] if pricing_domain else suffixed
                    for variant in variants:
                        rule = root + variant
                        endpoint = f"{operation_id}:{rule}".replace(".", "_")
                        bp.add_url_rule(rule, endpoint=endpoint, view_func=handler, methods=methods)
            return handler
        return register

    def public_path(path: str) -> str:
        """The path a client of the real provider would have used (the canonical root, ``.json``)."""
        return dialect.uri_root + path + ".json"

    def region_of(country_code: str) -> str:
        region = country_code.upper()
        if dialect.regions is not None and region not in dialect.regions:
            raise NotFound("Country", region)
        if not world.plan.offered_types(region):
            raise NotFound("Country", region)
        return region

    # -- available numbers -----------------------------------------------------------------------
    @route(["/Accounts/<segment:AccountSid>/AvailablePhoneNumbers"], ["GET"], "ListAvailablePhoneNumberCountry")
    def list_countries(validated, credential: Credential) -> Reply:
        account = credential.account
        countries = [
            shapes.country(region, name, types, account, dialect)
            for region, name, types in sorted(world.regions())
            if dialect.regions is None or region in dialect.regions
        ]
        return Reply({"countries": countries, "uri": public_path(f"/Accounts/{account}/AvailablePhoneNumbers")})

    @route(["/Accounts/<segment:AccountSid>/AvailablePhoneNumbers/<segment:CountryCode>"], ["GET"],
           "FetchAvailablePhoneNumberCountry")
    def fetch_country(validated, credential: Credential) -> Reply:
        region = region_of(validated.params["CountryCode"])
        types = world.plan.offered_types(region)
        name = world.plan.region_name(region)
        return Reply(shapes.country(region, name, types, credential.account, dialect))

    def search_view(kind: NumberKind) -> Callable:
        def list_available(validated, credential: Credential) -> Reply:
            p = validated.params
            region = region_of(p["CountryCode"])
            if kind.core_type is None or kind.core_type not in world.plan.offered_types(region):
                raise NotFound(kind.path, region)
            offers = search(world, region, kind.core_type, p, min(p.get("PageSize", 50), MAX_SEARCH_RESULTS))
            render = partial(_render_offer, world=world, dialect=dialect)
            items = [fragments(o, render) for o in offers]
            path = public_path(f"/Accounts/{credential.account}/AvailablePhoneNumbers/{p['CountryCode']}/{kind.path}")
            query = request.environ.get("QUERY_STRING", "")
            return Reply.listing("available_phone_numbers", items, uri=path + (f"?{query}" if query else ""))
        list_available.__name__ = f"list_available_{kind.key}"
        return list_available

    for kind in dialect.kinds:
        route([f"/Accounts/<segment:AccountSid>/AvailablePhoneNumbers/<segment:CountryCode>/{kind.path}"], ["GET"],
              f"ListAvailablePhoneNumber{kind.path}")(search_view(kind))

    # -- incoming phone numbers ------------------------------------------------------------------
    def incoming_reply(record: OwnedNumber, account: str, status: int = 200) -> Reply:
        render = partial(shapes.incoming_number, account=account, catalogue=catalogue, dialect=dialect)
        return Reply.of(fragments(record, render), status)

    def list_incoming(kind: NumberKind | None) -> Callable:
        def view(validated, credential: Credential) -> Reply:
            p = validated.params
            account = credential.account
            page_request = paging.PageRequest.of(p)
            where = _incoming_filter(p, catalogue, dialect)
            page = world.list_owned(
                tenant(account),
                number_type=kind.core_type if kind else None,
                where=where,
                after=("+" + page_request.after) if page_request.after else None,
                before=("+" + page_request.before) if page_request.before else None,
                limit=page_request.size,
            )
            has_next = page_request.before is not None or page.next_key is not None
            if page_request.before is not None:  # a previous page: is there one after it? (there was)
                has_next = bool(page.items)
            render = partial(shapes.incoming_number, account=account, catalogue=catalogue, dialect=dialect)
            items = [fragments(r, render)[0] for r in page.items]
            keys = (page.items[0].number[1:], page.items[-1].number[1:]) if page.items else (None, None)
            path = public_path(f"/Accounts/{account}/IncomingPhoneNumbers" + (f"/{kind.path}" if kind else ""))
            filters = [(name, p[name]) for name in LIST_FILTERS if name in p]
            body = paging.envelope("incoming_phone_numbers", items, keys, path=path, filters=filters,
                                   request=page_request, has_next=has_next)
            return Reply(body)
        view.__name__ = f"list_incoming_{kind.key if kind else 'all'}"
        return view

    def create_incoming(kind: NumberKind | None) -> Callable:
        def view(validated, credential: Credential) -> Reply:
            form = validated.body or {}
            account = credential.account
            configure = purchase_configure(world, dialect, form)

            if form.get("PhoneNumber"):
                number = _normalise(form["PhoneNumber"])
                found = classify(number)
                if found is None:
                    raise TwilioFailure(400, INVALID_PHONE_NUMBER, f"PhoneNumber {form['PhoneNumber']} is not valid")
                if kind is not None and found[1] != kind.core_type:
                    raise TwilioFailure(400, INVALID_PHONE_NUMBER,
                                        f"PhoneNumber {number} is not a {kind.resource_type} number")
                record = world.acquire(tenant(account), number, configure)
            elif form.get("AreaCode"):
                if kind is not None:
                    raise TwilioFailure(400, AREA_CODE_NOT_SUPPORTED, "AreaCode Parameter not Supported")
                record = _acquire_in_area_code(world, tenant(account), form["AreaCode"], dialect, configure)
            else:
                raise TwilioFailure(400, INVALID_PHONE_NUMBER, "A PhoneNumber or an AreaCode is required")
            return incoming_reply(record, account, 201)
        view.__name__ = f"create_incoming_{kind.key if kind else 'all'}"
        return view

    route(["/Accounts/<segment:AccountSid>/IncomingPhoneNumbers"], ["GET"], "ListIncomingPhoneNumber")(list_incoming(None))
    route(["/Accounts/<segment:AccountSid>/IncomingPhoneNumbers"], ["POST"], "CreateIncomingPhoneNumber")(create_incoming(None))
    for kind in (k for k in dialect.kinds if k.path in INCOMING_KINDS):
        path = kind.path
        rule = f"/Accounts/<segment:AccountSid>/IncomingPhoneNumbers/{path}"
        route([rule], ["GET"], f"ListIncomingPhoneNumber{path}")(list_incoming(kind))
        route([rule], ["POST"], f"CreateIncomingPhoneNumber{path}")(create_incoming(kind))

    one = ["/Accounts/<segment:AccountSid>/IncomingPhoneNumbers/<number_sid:Sid>"]

    @route(one, ["GET"], "FetchIncomingPhoneNumber")
    def fetch_incoming(validated, credential: Credential) -> Reply:
        record = world.owned_by_id(tenant(credential.account), validated.params["Sid"])
        return incoming_reply(record, credential.account)

    @route(one, ["POST"], "UpdateIncomingPhoneNumber")
    def update_incoming(validated, credential: Credential) -> Reply:
        form = validated.body or {}
        account = credential.account
        target = form.get("AccountSid")
        if target and target != account:
            raise NotFound("Account", target)  # moving to another account needs a subaccount
        record = world.owned_by_id(tenant(account), validated.params["Sid"])
        updated = world.update(tenant(account), record.number, lambda copy, now: apply_form(copy, form, dialect))
        return incoming_reply(updated, account)

    @route(one, ["DELETE"], "DeleteIncomingPhoneNumber")
    def delete_incoming(validated, credential: Credential) -> Reply:
        record = world.owned_by_id(tenant(credential.account), validated.params["Sid"])
        world.release(tenant(credential.account), record.number)
        return Reply(None, 204)

    if dialect.pricing:
        pricing.register(surface, world, route)
    return surface


def _render_offer(offer: Any, world: World, dialect: Dialect) -> dict[str, Any]:
    return shapes.available_number(offer, world.place(offer.number, offer.region), world.catalogue, dialect)


def _normalise(text: str) -> str:
    """PhoneNumber as given: E.164, or anything phonenumbers can read with a leading +."""
    candidate = text.strip()
    if not candidate.startswith("+"):
        candidate = "+" + candidate
    try:
        parsed = phonenumbers.parse(candidate)
    except phonenumbers.NumberParseException:
        raise TwilioFailure(400, INVALID_PHONE_NUMBER, f"PhoneNumber {text} is not valid") from None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _acquire_in_area_code(world: World, tenant: str, area_code: str, dialect: Dialect, configure) -> OwnedNumber:
    """The first available local number of any North American region with that area code."""
    for region in ("US", "CA"):
        if dialect.regions is not None and region not in dialect.regions:
            continue
        if area_code in world.area_codes(region, "LOCAL"):
            return world.acquire_any(tenant, NumberQuery(region, "LOCAL", f"+1{area_code}", START), configure)
    raise NoneAvailable(f"area code {area_code}")


def _incoming_filter(params: Mapping[str, Any], catalogue: Any, dialect: Dialect) -> Callable[[OwnedNumber], bool] | None:
    # An empty filter is no filter (the spec allows empty values; the searches treat them so too).
    number = params.get("PhoneNumber") or None
    name = params.get("FriendlyName") or None
    beta = params.get("Beta")
    origin = params.get("Origin") or None
    if number is None and name is None and beta is None and origin is None:
        return None
    # The core's digit matching: "*" any digit, anywhere in the number, or from its start with "+".
    digits = NumberQuery("", "", str(number), CONTAINS) if number else None

    def accept(record: OwnedNumber) -> bool:
        if digits is not None and not digits.matches_number(record.number, 0):
            return False
        if name is not None and (record.display_name or shapes.friendly(record.number)) != name:
            return False
        if beta is False and catalogue.beta(record.region, record.number_type):
            return False
        return origin is None or origin == dialect.origin

    return accept

