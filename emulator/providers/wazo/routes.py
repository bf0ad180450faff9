"""Wazo's surface (``openapi/wazo.yaml``): wazo-auth's token endpoints and wazo-confd's phone numbers,
under one prefix as on a Wazo stack (``/api/auth/0.1``, ``/api/confd/1.1``).

Views only translate: validated request -> core call (the world's directory and token store) ->
Wazo JSON. Refusals are raised and rendered by :mod:`.errors`.
"""
from __future__ import annotations

from flask import request
from werkzeug.routing import BaseConverter

from ...config import Config
from ...core import World
from ...core.ranges import NumberRange
from ...specs import load_spec
from ...surface import Reply, Surface
from ...urls import public_base
from ...validation import build_engine
from . import schemas, shapes
from .auth import (
    ACL,
    Access,
    ConfdAuth,
    Sessions,
    TenantTree,
    grants,
    tenant_key,
    tenant_of,
)
from .errors import AuthApiError, ConfdError, ErrorRenderer, input_error
from .listing import Query

NAME = "wazo"
PREFIX = "/wazo"
SPEC_NAME = "wazo"
TOKEN = "/api/auth/0.1/token"
PHONE_NUMBERS = shapes.ITEMS_PATH
DEFAULT_EXPIRATION = 7200


class UuidConverter(BaseConverter):
    """A UUID path segment, any case, as Wazo's ``<uuid:...>`` routes take: any other segment
    (``main``, ``ranges``, a typo) matches no item route."""

    NAME = "wazo_uuid"
    regex = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def read_bodies_as_json() -> None:
    """Wazo reads every body as JSON whatever its Content-Type (``get_json(force=True)``)."""
    request.environ["CONTENT_TYPE"] = "application/json"


def build_surface(world: World, config: Config) -> Surface:
    sessions = Sessions(world, config.wazo_users, TenantTree(config.wazo_tenant_parents))
    surface = Surface(NAME, build_engine(config.validation_engine, load_spec(SPEC_NAME)), config.validation,
                      ErrorRenderer(world.now, tenant_of), ConfdAuth(sessions), prefix=PREFIX)
    bp = surface.blueprint
    bp.record_once(lambda state: state.app.url_map.converters.setdefault(UuidConverter.NAME, UuidConverter))
    bp.before_request(read_bodies_as_json)
    rendered = shapes.PhoneNumbers()

    def items_url() -> str:
        return public_base(surface) + PHONE_NUMBERS

    def located(listing_id: str) -> dict[str, str]:
        return {"Location": f"{items_url()}/{listing_id}"}

    # -- wazo-auth ---------------------------------------------------------------------------------
    @bp.route(TOKEN, methods=["POST"])
    @surface.operation("createToken", authenticated=False)
    def create_token(validated, _principal) -> Reply:
        body = validated.body
        broken = schemas.token_rules(body)
        if broken:
            raise AuthApiError(400, str({"_schema": broken}))
        user = sessions.authenticate(body)
        if user is None:
            raise AuthApiError(401, "Authentication Failed")
        offline = body.get("access_type") == "offline"
        token, session = sessions.open(user, body.get("expiration", DEFAULT_EXPIRATION),
                                       body["client_id"] if offline else None)
        return Reply(shapes.token(token, session, ACL), headers={"Wazo-Sessions-Revoked": "0"})

    @bp.route(f"{TOKEN}/<wazo_uuid:token>", methods=["GET"])  # HEAD too (decision 2)
    @surface.operation("getToken", authenticated=False)
    def get_token(validated, _principal) -> Reply:
        p = validated.params
        token = p["token"].lower()
        session = sessions.find(token)
        if session is None:
            raise AuthApiError(404, "No such token")
        scope = p.get("scope")
        if scope is not None and not grants(ACL, scope, session.user_uuid, session.session_uuid):
            raise AuthApiError(403, f"Unauthorized for {scope}")
        tenant = p.get("tenant")
        if tenant and not sessions.may_act_on(session, tenant):
            raise AuthApiError(403, f"Unauthorized for tenant {tenant}")
        if request.method == "HEAD":
            return Reply(None, 204)
        return Reply(shapes.token(token, session, ACL))

    @bp.route(f"{TOKEN}/<wazo_uuid:token>", methods=["DELETE"])
    @surface.operation("revokeToken", authenticated=False)
    def revoke_token(validated, _principal) -> Reply:
        sessions.revoke(validated.params["token"].lower())
        return Reply({"data": {"message": "success"}})

    # -- wazo-confd --------------------------------------------------------------------------------
    @bp.route(PHONE_NUMBERS, methods=["GET"])
    @surface.operation("list_phone_numbers")
    def list_phone_numbers(validated, access: Access) -> Reply:
        p = validated.params
        tenants = access.family if p.get("recurse") else (access.tenant,)
        total, page = Query.of(p).run(world.directory.listings([tenant_key(t) for t in tenants]))
        url = items_url()
        return shapes.item_list(total, [rendered(listing, url) for listing in page])

    @bp.route(PHONE_NUMBERS, methods=["POST"])
    @surface.operation("create_phone_number")
    def create_phone_number(validated, access: Access) -> Reply:
        body = validated.body
        listing = world.directory.add(access.key, body["number"], world.ids.uuid4,
                                      name=body.get("caller_id_name"), shared=body.get("shared", False))
        payload, raw = rendered(listing, items_url())
        return Reply(payload, 201, located(listing.id), raw)

    @bp.route(f"{PHONE_NUMBERS}/ranges", methods=["POST"])
    @surface.operation("create_phone_numbers_range")
    def create_phone_numbers_range(validated, access: Access) -> Reply:
        start, end = validated.body["start_number"], validated.body["end_number"]
        broken = schemas.range_rules(start, end)
        if broken:
            raise ConfdError(400, input_error("_schema", broken))
        created, existing = world.directory.add_range(access.key, NumberRange.between(start, end), world.ids.uuid4)
        return shapes.range_result(created, existing, items_url())

    @bp.route(f"{PHONE_NUMBERS}/main", methods=["GET"])
    @surface.operation("get_phone_number_main")
    def get_phone_number_main(validated, access: Access) -> Reply:
        return Reply.of(rendered(world.directory.main(access.key), items_url()))

    @bp.route(f"{PHONE_NUMBERS}/main", methods=["PUT"])
    @surface.operation("set_phone_number_main")
    def set_phone_number_main(validated, access: Access) -> Reply:
        listing_id = schemas.canonical_uuid(validated.body["phone_number_uuid"])
        world.directory.set_main(access.key, listing_id)
        return Reply(None, 204, located(listing_id))

    @bp.route(f"{PHONE_NUMBERS}/<wazo_uuid:phone_number_uuid>", methods=["GET"])
    @surface.operation("get_phone_number")
    def get_phone_number(validated, access: Access) -> Reply:
        listing_id = schemas.canonical_uuid(validated.params["phone_number_uuid"])
        return Reply.of(rendered(world.directory.get(access.family_keys, listing_id), items_url()))

    @bp.route(f"{PHONE_NUMBERS}/<wazo_uuid:phone_number_uuid>", methods=["PUT"])
    @surface.operation("update_phone_numbers")
    def update_phone_numbers(validated, access: Access) -> Reply:
        body = validated.body
        changes = {field: body[name] for name, field in (("number", "number"), ("caller_id_name", "name"),
                                                         ("shared", "shared")) if name in body}
        world.directory.update(access.family_keys, schemas.canonical_uuid(validated.params["phone_number_uuid"]), changes)
        return Reply(None, 204)

    @bp.route(f"{PHONE_NUMBERS}/<wazo_uuid:phone_number_uuid>", methods=["DELETE"])
    @surface.operation("delete_phone_number")
    def delete_phone_number(validated, access: Access) -> Reply:
        world.directory.remove(access.family_keys, schemas.canonical_uuid(validated.params["phone_number_uuid"]))
        return Reply(None, 204)

    return surface
