"""Enfonica numbering v1beta1 (``openapi/enfonica.yaml``): phone number instances and search.

Views only translate: validated request -> core call -> Enfonica JSON. A project's numbers belong
to the core tenant ``"enfonica/<project>"``; an instance's id is its (first) number.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ... import page_tokens
from ...config import BearerGrant, Config
from ...core import AlreadyExists, FailedPrecondition, InvalidArgument, NotAvailable, NumberRange, OwnedNumber, World
from ...core.numbering import classify, split_e164
from ...core.world import ORDER_NEWEST_FIRST
from ...specs import load_spec
from ...surface import Fragments, Reply, Surface
from ...validation import build_engine
from . import fields, shapes
from .auth import ProjectTokens, require
from .errors import render_error
from .search import page_size, search

NAME = "enfonica"
INSTANCE = "/v1beta1/projects/<segment:project>/phoneNumberInstances/<segment:instance>"
INSTANCES = "/v1beta1/projects/<segment:project>/phoneNumberInstances"
PROJECT_NAME = "projects/"


def _requested_numbers(body: Mapping[str, Any]) -> NumberRange:
    """What a create asks for: ``phoneNumber.phoneNumber`` (E.164) or ``phoneNumber.name`` as search
    returned it (``phoneNumbers/+61255501100`` or a block ``phoneNumbers/+61255501100-99``)."""
    requested = body.get("phoneNumber") or {}
    number, name = requested.get("phoneNumber"), requested.get("name")
    if not number and not name:
        raise InvalidArgument("phoneNumber.phoneNumber", "phone_number.phone_number is required")
    span = None
    if name:
        try:
            if not name.startswith("phoneNumbers/"):
                raise ValueError(name)
            span = NumberRange.parse(name[len("phoneNumbers/"):])
        except ValueError:
            raise InvalidArgument("phoneNumber.name", f"{name} is not a phone number name (phoneNumbers/+E164)") from None
        if number and number != span.start:
            raise InvalidArgument("phoneNumber.phoneNumber", f"{number} is not the number named {name}")
    if span is None:
        if not number.startswith("+") or classify(number) is None:
            raise InvalidArgument("phoneNumber.phoneNumber", f"{number} is not a valid E.164 phone number")
        span = NumberRange(number, 1)
    if classify(span.start) is None:
        raise InvalidArgument("phoneNumber.phoneNumber", f"{span.start} is not a valid E.164 phone number")
    return span


def _where_prefix(prefix: str | None) -> Callable[[OwnedNumber], bool] | None:
    """E.164 (+61255) or national with its trunk 0 (0255) prefixes of the instance's number."""
    if not prefix:
        return None
    if prefix.startswith("+"):
        return lambda record: record.number.startswith(prefix)

    def national_match(record: OwnedNumber) -> bool:
        split = split_e164(record.number)
        return split is not None and ("0" + split[1]).startswith(prefix)

    return national_match


def create_configure(world: World, values: Mapping[str, Any], listing: str = "") -> Callable[[OwnedNumber, float], OwnedNumber]:
    """What creating an instance does to its new record (its id is its number; the body's checked
    ``values``; the regulatory listing and compliance): the create view's, and the fixture
    generator's."""
    def configure(record: OwnedNumber, now: float) -> OwnedNumber:
        record.id = record.number
        fields.apply(record, values)
        documents = world.catalogue.documentation_required(record.region, record.number_type)
        record.settings = {**(record.settings or {}), shapes.LISTING: listing,
                           shapes.COMPLIANT: bool(listing) or not documents}
        return record

    return configure


def build_surface(world: World, config: Config) -> Surface:
    surface = Surface(NAME, build_engine(config.validation_engine, load_spec(NAME)), config.validation,
                      render_error, ProjectTokens(config.enfonica_tokens))
    bp = surface.blueprint
    fragments = Fragments()

    def reply(record: OwnedNumber) -> Reply:
        return Reply.of(fragments(record, shapes.instance))

    def live(project: str, instance: str) -> OwnedNumber:
        """The project's instance, which must not be deleted."""
        record = world.owned_by_id(shapes.tenant(project), instance, released=True)
        if record.expire_at is not None:
            raise FailedPrecondition(f"{shapes.instance_name(project, instance)} is deleted")
        return record

    @bp.route("/v1beta1/phoneNumbers:search", methods=["GET"])
    @surface.operation("SearchPhoneNumbers")
    def search_phone_numbers(validated, _grant: BearerGrant) -> Reply:
        return Reply(search(validated.params, world))

    @bp.route(INSTANCES, methods=["POST"])
    @surface.operation("CreatePhoneNumberInstance")
    def create_phone_number_instance(validated, _grant: BearerGrant) -> Reply:
        project = validated.params["project"]
        body = validated.body
        span = _requested_numbers(body)
        values = fields.validated(body, fields.MUTABLE)
        listing = fields.check_listing(body[shapes.LISTING], project) if body.get(shapes.LISTING) else ""
        owner = shapes.tenant(project)
        configure = create_configure(world, values, listing)

        try:
            if span.size > 1:
                return reply(world.acquire_range(owner, span, configure))
            try:
                return reply(world.acquire(owner, span.start, configure))
            except NotAvailable:
                return reply(world.port_in(owner, span.start, config.port_in_seconds, configure))
        except NotAvailable:
            held = next((n for n in (span.start, span.end) if world.holder(n) is not None), None)
            if held is None and span.size > 1:
                held = next((n for n in span if world.holder(n) is not None), None)
            if held is not None:
                raise AlreadyExists("PhoneNumberInstance", {"phoneNumber": held}) from None
            raise

    @bp.route(INSTANCES, methods=["GET"])
    @surface.operation("ListPhoneNumberInstances")
    def list_phone_number_instances(validated, _grant: BearerGrant) -> Reply:
        p = validated.params
        project = p["project"]
        include_deleted = bool(p.get("includeDeleted"))
        kind = f"list|{project}|{p.get('prefix', '')}|{include_deleted}"
        after = page_tokens.decode(p["pageToken"], kind) if p.get("pageToken") else None
        page = world.list_owned(shapes.tenant(project), order=ORDER_NEWEST_FIRST, after=after, limit=page_size(p),
                                released=include_deleted, where=_where_prefix(p.get("prefix")))
        rest = {"nextPageToken": page_tokens.encode(kind, page.next_key)} if page.next_key else {}
        if not page.items:
            return Reply(rest)
        return Reply.listing("phoneNumberInstances", [fragments(r, shapes.instance) for r in page.items], **rest)

    @bp.route(INSTANCE, methods=["GET"])
    @surface.operation("GetPhoneNumberInstance")
    def get_phone_number_instance(validated, _grant: BearerGrant) -> Reply:
        p = validated.params
        return reply(world.owned_by_id(shapes.tenant(p["project"]), p["instance"], released=True))

    @bp.route(INSTANCE, methods=["PATCH"])
    @surface.operation("UpdatePhoneNumberInstance")
    def update_phone_number_instance(validated, _grant: BearerGrant) -> Reply:
        p = validated.params
        body = validated.body or {}
        record = live(p["project"], p["instance"])
        chosen = fields.mask_fields(body, p.get("updateMask"), record)
        values = fields.validated(body, chosen)
        if not values:
            return reply(record)  # nothing to change: not even the update time
        return reply(world.update(record.tenant, record.number, lambda copy, now: fields.apply(copy, values)))

    @bp.route(INSTANCE, methods=["DELETE"])
    @surface.operation("DeletePhoneNumberInstance")
    def delete_phone_number_instance(validated, _grant: BearerGrant) -> Reply:
        p = validated.params
        owner = shapes.tenant(p["project"])
        record = world.owned_by_id(owner, p["instance"])
        return reply(world.release(owner, record.number, keep=True))

    @bp.route(INSTANCE + ":move", methods=["POST"])
    @surface.operation("MovePhoneNumberInstance")
    def move_phone_number_instance(validated, grant: BearerGrant) -> Reply:
        p, body = validated.params, validated.body
        destination = body["destinationParent"]
        target = destination[len(PROJECT_NAME):] if destination.startswith(PROJECT_NAME) else ""
        if not target or "/" in target:
            raise InvalidArgument("destinationParent", "destinationParent must be of the form projects/{project}")
        require(grant, "MovePhoneNumberInstance", target)
        if target == p["project"]:
            raise InvalidArgument("destinationParent", "destinationParent is the project the instance is already in")
        listing = fields.check_listing(body[shapes.LISTING], target) if body.get(shapes.LISTING) else None
        record = live(p["project"], p["instance"])

        def relist(moved: OwnedNumber, now: float) -> OwnedNumber:
            if listing is not None:
                moved.settings = {**(moved.settings or {}), shapes.LISTING: listing, shapes.COMPLIANT: True}
            return moved

        return reply(world.move(record.tenant, record.number, shapes.tenant(target), relist))

    @bp.route(INSTANCE + ":splitRange", methods=["POST"])
    @surface.operation("SplitRangePhoneNumberInstance")
    def split_range_phone_number_instance(validated, _grant: BearerGrant) -> Reply:
        p = validated.params
        record = live(p["project"], p["instance"])

        def name_new(second: OwnedNumber, now: float) -> OwnedNumber:
            second.id = second.number
            return second

        first, second = world.split_range(record.tenant, record.number, validated.body["size"], name_new)
        return Reply({"first": shapes.instance(first), "second": shapes.instance(second)})

    return surface
