"""Sinch Numbers API v1: one view per operationId of ``openapi/sinch.yaml``.

Views only translate: validated request -> core call -> Sinch JSON. Decisions live in the core.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from flask import request

from ... import page_tokens
from ...config import Config, SinchKey
from ...core import START, TOLL_FREE, InvalidArgument, NumberQuery, OwnedNumber, World
from ...core.codec import persisted_types
from ...core.numbering import classify, split_e164
from ...core.provisioning import ProvisioningPolicy
from ...core.tokens import TokenStore
from ...core.world import ORDER_BY_DISPLAY_NAME, ORDER_BY_NUMBER
from ...specs import load_spec
from ...surface import Fragments, Reply, Surface
from ...urls import is_http_url
from ...validation import build_engine
from . import shapes
from .auth import SinchAuth
from .errors import render_error

NAME = "sinch"
DEFAULT_SEARCH_SIZE = 10
DEFAULT_PAGE_SIZE = 100
ORDERS = {"phoneNumber": ORDER_BY_NUMBER, "PHONE_NUMBER": ORDER_BY_NUMBER,
          "displayName": ORDER_BY_DISPLAY_NAME, "DISPLAY_NAME": ORDER_BY_DISPLAY_NAME}


persisted_types(SinchKey)  # what a Sinch access token stands for, kept in snapshots


def tenant(project_id: str) -> str:
    return f"{NAME}/{project_id}"


def provisioning_failures(number: str, channel: str, requested: Mapping[str, str]) -> tuple[str, ...]:
    """Which scheduled provisioning fails, and with Sinch's codes: 10DLC campaigns exist only for
    US local numbers, so a campaign on a non-US number fails (CAMPAIGN_NOT_AVAILABLE), and on a US
    toll-free number too (TFN_NOT_ALLOWED), as on the live API."""
    if channel != shapes.SMS or not requested.get("campaignId"):
        return ()
    kind = classify(number)
    if kind is None or kind[0] != "US":
        return ("CAMPAIGN_NOT_AVAILABLE",)
    if kind[1] == TOLL_FREE:
        return ("TFN_NOT_ALLOWED",)
    return ()


def _query(values: Mapping[str, Any], region: str, number_type: str) -> NumberQuery:
    pattern = values.get("pattern") or ""
    match = values.get("searchPattern") or START
    capabilities = frozenset(values.get("capabilities") or ())
    return NumberQuery(region, number_type, pattern, match, capabilities)


_TOKEN_MESSAGE = "Invalid page token (it must come from a previous list with the same orderBy)"


def build_surface(world: World, config: Config) -> Surface:
    tokens: TokenStore[SinchKey] = world.tokens
    auth = SinchAuth(config.sinch_keys, tokens)
    surface = Surface(NAME, build_engine(config.validation_engine, load_spec(NAME)), config.validation, render_error, auth)
    policy = ProvisioningPolicy(
        config.provisioning_waiting_seconds, config.provisioning_in_progress_seconds, provisioning_failures
    )
    bp = surface.blueprint
    fragments = Fragments()

    def active_reply(record: OwnedNumber, key: SinchKey) -> Reply:
        return Reply.of(fragments(record, partial(shapes.active_number, project_id=key.project_id)))

    def configure(body: Mapping[str, Any] | None):
        """A core callback applying the SMS / voice / callback settings of a rent or update body."""
        body = body or {}

        def apply(record: OwnedNumber, now: float) -> OwnedNumber:
            if "displayName" in body:
                record.display_name = body["displayName"]
            if "callbackUrl" in body:
                if body["callbackUrl"] and not is_http_url(body["callbackUrl"]):
                    raise InvalidArgument("callbackUrl", "callbackUrl must be an http or https URL with a host")
                record.callback_url = body["callbackUrl"]
            if "smsConfiguration" in body:
                if "SMS" not in record.capabilities:
                    raise InvalidArgument("smsConfiguration", f"{record.number} does not support SMS")
                sms = body["smsConfiguration"]
                requested = {"servicePlanId": sms.get("servicePlanId", ""), "campaignId": sms.get("campaignId", "")}
                record = world.provision(record, shapes.SMS, requested, policy, now)
            if "voiceConfiguration" in body:
                if "VOICE" not in record.capabilities:
                    raise InvalidArgument("voiceConfiguration", f"{record.number} does not support voice")
                voice = body["voiceConfiguration"]
                kind = voice.get("type", "RTC")
                id_field = shapes.VOICE_ID_FIELDS[kind]
                requested = {"type": kind, id_field: voice.get(id_field, "")}
                record = world.provision(record, shapes.VOICE, requested, policy, now)
            return record

        return apply

    @bp.route("/oauth2/token", methods=["POST"])
    @surface.operation("Auth_CreateToken", authenticated=False)
    def create_token(validated, _principal) -> Reply:
        key = auth.key_for_basic(request.headers.get("Authorization"))
        token = tokens.issue(key, config.token_lifetime_seconds)
        return Reply({"access_token": token, "expires_in": config.token_lifetime_seconds, "scope": "", "token_type": "bearer"})

    @bp.route("/v1/projects/<segment:projectId>/availableNumbers", methods=["GET"])
    @surface.operation("NumberService_ListAvailableNumbers")
    def list_available_numbers(validated, _key) -> Reply:
        p = validated.params
        query = _query(
            {"pattern": p.get("numberPattern.pattern"), "searchPattern": p.get("numberPattern.searchPattern"),
             "capabilities": p.get("capabilities")},
            p["regionCode"], p["type"],
        )
        offers = world.search(query, p.get("size", DEFAULT_SEARCH_SIZE))
        return Reply.listing("availableNumbers", [fragments(o, shapes.available_number) for o in offers])

    @bp.route("/v1/projects/<segment:projectId>/availableNumbers/<segment:phoneNumber>", methods=["GET"])
    @surface.operation("NumberService_GetAvailableNumber")
    def get_available_number(validated, _key) -> Reply:
        return Reply.of(fragments(world.available(validated.params["phoneNumber"]), shapes.available_number))

    @bp.route("/v1/projects/<segment:projectId>/availableNumbers/<segment:phoneNumber>:rent", methods=["POST"])
    @surface.operation("NumberService_RentNumber")
    def rent_number(validated, key: SinchKey) -> Reply:
        record = world.acquire(tenant(key.project_id), validated.params["phoneNumber"], configure(validated.body))
        return active_reply(record, key)

    @bp.route("/v1/projects/<segment:projectId>/availableNumbers:rentAny", methods=["POST"])
    @surface.operation("NumberService_RentAnyNumber")
    def rent_any_number(validated, key: SinchKey) -> Reply:
        body = validated.body
        pattern = body.get("numberPattern") or {}
        query = _query({**pattern, "capabilities": body.get("capabilities")}, body["regionCode"], body["type"])
        record = world.acquire_any(tenant(key.project_id), query, configure(body))
        return active_reply(record, key)

    @bp.route("/v1/projects/<segment:projectId>/activeNumbers", methods=["GET"])
    @surface.operation("NumberService_ListActiveNumbers")
    def list_active_numbers(validated, key: SinchKey) -> Reply:
        p = validated.params
        capabilities = frozenset(p.get("capabilities") or request.args.getlist("capability"))
        pattern = p.get("numberPattern.pattern") or ""
        match = p.get("numberPattern.searchPattern") or START
        order = ORDERS[p.get("orderBy", "phoneNumber")]
        after = page_tokens.decode(p["pageToken"], order, _TOKEN_MESSAGE) if p.get("pageToken") else None

        def where(record: OwnedNumber) -> bool:
            if capabilities and not capabilities.issubset(record.capabilities):
                return False
            if pattern:
                split = split_e164(record.number)
                query = NumberQuery(record.region, record.number_type, pattern, match)
                return query.matches_number(record.number, split[0] if split else 0)
            return True

        page = world.list_owned(
            tenant(key.project_id),
            region=p.get("regionCode"),
            number_type=p.get("type"),
            where=where if (capabilities or pattern) else None,
            order=order,
            after=after,
            limit=p.get("pageSize", DEFAULT_PAGE_SIZE),
        )
        render = partial(shapes.active_number, project_id=key.project_id)
        return Reply.listing(
            "activeNumbers", [fragments(r, render) for r in page.items],
            nextPageToken=page_tokens.encode(order, page.next_key) if page.next_key else "",
            totalSize=page.total,
        )

    @bp.route("/v1/projects/<segment:projectId>/activeNumbers/<segment:phoneNumber>", methods=["GET"])
    @surface.operation("NumberService_GetActiveNumber")
    def get_active_number(validated, key: SinchKey) -> Reply:
        record = world.owned_number(tenant(key.project_id), validated.params["phoneNumber"])
        return active_reply(record, key)

    @bp.route("/v1/projects/<segment:projectId>/activeNumbers/<segment:phoneNumber>", methods=["PATCH"])
    @surface.operation("NumberService_UpdateActiveNumber")
    def update_active_number(validated, key: SinchKey) -> Reply:
        record = world.update(tenant(key.project_id), validated.params["phoneNumber"], configure(validated.body))
        return active_reply(record, key)

    @bp.route("/v1/projects/<segment:projectId>/activeNumbers/<segment:phoneNumber>:release", methods=["POST"])
    @surface.operation("NumberService_ReleaseNumber")
    def release_number(validated, key: SinchKey) -> Reply:
        record = world.release(tenant(key.project_id), validated.params["phoneNumber"])
        return active_reply(record, key)

    regions_rendered: dict[str, Any] = {}

    @bp.route("/v1/projects/<segment:projectId>/availableRegions", methods=["GET"])
    @surface.operation("NumberService_ListAvailableRegions")
    def list_available_regions(validated, _key) -> Reply:
        wanted = set(validated.params.get("types") or ())
        # The regions follow from the inventory alone: each is rendered once per inventory (a
        # reset may load another), so repeated calls reuse the records and their verdicts.
        inventory = world.inventory
        if regions_rendered.get("of") is not inventory:
            regions_rendered["of"] = inventory
            regions_rendered["regions"] = [(shapes.available_region(region, name, types), frozenset(types))
                                           for region, name, types in world.regions()]
        regions = [region for region, types in regions_rendered["regions"] if not wanted or wanted & types]
        return Reply({"availableRegions": regions})

    return surface
