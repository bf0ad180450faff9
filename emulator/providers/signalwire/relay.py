"""SignalWire's REST API for phone numbers (``/api/relay/rest/phone_numbers``, ``openapi/signalwire.yaml``).

Views only translate: validated request -> core call -> relay JSON. The tenant of a project is
``"signalwire/<project id>"``, shared with the compatibility (LaML) API.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from werkzeug.routing import BaseConverter

from ...config import Config, Credential
from ...core import NotAvailable, OwnedNumber, World
from ...core.numbering import classify
from ...specs import load_spec
from ...surface import Fragments, Reply, Surface
from ...urls import is_http_url
from ...validation import build_engine
from . import relay_paging as paging
from . import relay_shapes as shapes
from .relay_auth import ProjectAuth, tenant
from .relay_errors import RelayInvalid, render_error
from .relay_search import COUNTRY, search

SURFACE_NAME = "signalwire-relay"
PREFIX = "/signalwire/api/relay/rest"
SPEC_NAME = "signalwire"
LIST_PATH = "/api/relay/rest/phone_numbers"
SEARCH_PATH = LIST_PATH + "/search"
SEARCH_PARAMS = ("areacode", "number_type", "starts_with", "contains", "ends_with", "max_results", "region", "city")


class IdConverter(BaseConverter):
    """A path segment other than ``search``: ``PUT /phone_numbers/search`` is then 405 (its path
    has only GET) instead of an update of the number whose id is "search"."""

    NAME = "relay_id"
    regex = r"(?!search(?![^/:]))[^/:]+"


def check_url(field: str, value: Any) -> None:
    """Handler URLs are http(s) with a host; null or "" clears one. The spec's pattern says the same;
    this guards the settings the LaML API also shows."""
    if value is None or value == "":
        return
    if not is_http_url(value):
        raise RelayInvalid(field, f"{field} must be an http or https URL with a host")


def apply_update(record: OwnedNumber, body: Mapping[str, Any]) -> OwnedNumber:
    """An update body onto a record copy: the name, and every other field into the settings."""
    if "name" in body:
        record.display_name = body["name"] or ""
    changes = {
        shapes.setting_key(field): (value if value != "" else None)
        for field, value in body.items() if field != "name"
    }
    if changes:
        record.settings = {**(record.settings or {}), **changes}
    return record


def _number_filter(params: Mapping[str, Any]) -> Callable[[OwnedNumber], bool] | None:
    name = (params.get("filter_name") or "").lower()
    number = (params.get("filter_number") or "").strip()
    if not name and not number:
        return None
    return lambda r: (not name or name in (r.display_name or "").lower()) and (not number or number in r.number)


def buy_configure(world: World) -> Callable[[OwnedNumber, float], OwnedNumber]:
    """What buying a number does to its new record (a uuid, the default handlers): the buy view's,
    and the fixture generator's."""
    def configure(record: OwnedNumber, now: float) -> OwnedNumber:
        record.id = world.ids.uuid4()
        record.settings = {shapes.setting_key(k): v for k, v in shapes.DEFAULTS.items()}
        return record

    return configure


def build_relay_surface(world: World, config: Config) -> Surface:
    surface = Surface(SURFACE_NAME, build_engine(config.validation_engine, load_spec(SPEC_NAME)), config.validation,
                      render_error, ProjectAuth(config.signalwire_credentials), prefix=PREFIX)
    bp = surface.blueprint
    bp.record_once(lambda state: state.app.url_map.converters.setdefault(IdConverter.NAME, IdConverter))
    fragments = Fragments()

    def number_reply(record: OwnedNumber) -> Reply:
        return Reply.of(fragments(record, shapes.phone_number))

    def render_offer(offer: Any) -> dict[str, Any]:
        return shapes.available_number(offer, world.place(offer.number, offer.region))

    @bp.route("/phone_numbers", methods=["GET"])
    @surface.operation("ListPhoneNumbers")
    def list_phone_numbers(validated, credential: Credential) -> Reply:
        p = validated.params
        page_request = paging.PageRequest.of(p)
        owned = world.list_owned(tenant(credential.account), where=_number_filter(p), limit=sys.maxsize).items
        items, has_next = page_request.slice(paging.newest_first(owned))
        filters = [(name, p[name]) for name in ("filter_name", "filter_number") if p.get(name)]
        links = paging.links(LIST_PATH, filters, page_request, items, has_next)
        return Reply.listing("data", [fragments(r, shapes.phone_number) for r in items], links=links)

    @bp.route("/phone_numbers/search", methods=["GET"])
    @surface.operation("SearchAvailablePhoneNumbers")
    def search_available_phone_numbers(validated, _credential: Credential) -> Reply:
        p = validated.params
        offers = search(p, world)
        query = urlencode([(k, p[k]) for k in SEARCH_PARAMS if k in p])
        here = SEARCH_PATH + (f"?{query}" if query else "")
        return Reply.listing("data", [fragments(o, render_offer) for o in offers], links={"self": here, "first": here})

    @bp.route("/phone_numbers", methods=["POST"])
    @surface.operation("BuyPhoneNumber")
    def buy_phone_number(validated, credential: Credential) -> Reply:
        number = validated.body["number"]
        kind = classify(number)
        if kind is None or kind[0] != COUNTRY:
            raise NotAvailable(number)  # only US numbers are sold here

        return number_reply(world.acquire(tenant(credential.account), number, buy_configure(world)))

    @bp.route("/phone_numbers/<relay_id:id>", methods=["GET"])
    @surface.operation("RetrievePhoneNumber")
    def retrieve_phone_number(validated, credential: Credential) -> Reply:
        return number_reply(world.owned_by_id(tenant(credential.account), validated.params["id"].lower()))

    @bp.route("/phone_numbers/<relay_id:id>", methods=["PUT"])
    @surface.operation("UpdatePhoneNumber")
    def update_phone_number(validated, credential: Credential) -> Reply:
        body = validated.body or {}
        for field, value in body.items():
            if field.endswith("_url"):
                check_url(field, value)
        owner = tenant(credential.account)
        record = world.owned_by_id(owner, validated.params["id"].lower())
        if not body:
            return number_reply(record)  # nothing to change: not even updated_at
        return number_reply(world.update(owner, record.number, lambda copy, now: apply_update(copy, body)))

    @bp.route("/phone_numbers/<relay_id:id>", methods=["DELETE"])
    @surface.operation("ReleasePhoneNumber")
    def release_phone_number(validated, credential: Credential) -> Reply:
        owner = tenant(credential.account)
        record = world.owned_by_id(owner, validated.params["id"].lower())
        world.release(owner, record.number)
        return Reply(None, 204)

    return surface
