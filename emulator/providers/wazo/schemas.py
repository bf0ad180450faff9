"""Wazo's marshmallow schemas restated as checks, so that a refused request is worded as Wazo words it.

``openapi/wazo.yaml`` decides whether a request is valid (the fast engine checks it first). When it
is not, these checks go over the request again the way marshmallow would and give every message
it would give, field by field and in its words: "Missing data for required field.", "Not a valid
boolean.", "Length must be between 1 and 128." and "not a valid digit-only phone number" together
for "". Checks marshmallow runs after the fields (``@validates_schema``) are here too, for the views.

Two wordings: wazo-confd's phone-number schemas use plain marshmallow (messages are strings); its
list parameters and wazo-auth's token request use xivo.mallow, whose messages are dicts with a
constraint id.
"""
from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

BAD_REQUEST = "The browser (or proxy) sent a request that this server could not understand."
INVALID_INPUT = "Invalid input type."
MAX_RANGE_SIZE = 10_000
TEN_YEARS = 3600 * 24 * 365 * 10
DIGITS = re.compile(r"^\+?[0-9]+$")
NOT_DIGITS = "not a valid digit-only phone number"
QUERY_INTEGER = re.compile(r"^\s*[+-]?[0-9]+\s*$")  # what int() takes (ASCII digits only here)
UUID_TEXT = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
TYPE_NAMES = {"string": "string", "boolean": "boolean", "flag": "boolean", "integer": "integer", "count": "integer",
              "uuid": "UUID"}


@dataclass(frozen=True)
class Field:
    """One marshmallow field: its type, then its validators in the order they run.

    Types: ``string``; ``boolean`` (wazo-confd's StrictBoolean: a JSON boolean); ``flag`` (a query
    boolean, true or false); ``integer`` (a JSON integer); ``count`` (an integer in a query
    string); ``uuid`` (a UUID in its hyphenated form)."""

    type: str
    required: bool = False
    nullable: bool = False
    length: tuple[int, int] | None = None
    digits: bool = False  # the phone-number Regexp
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()
    dicts: bool = False  # xivo.mallow wording


NUMBER = Field("string", required=True, length=(1, 128), digits=True)
PHONE_NUMBER = {
    "number": NUMBER,
    "caller_id_name": Field("string", nullable=True, length=(1, 256)),
    "shared": Field("boolean"),
}
PHONE_NUMBER_RANGE = {"start_number": NUMBER, "end_number": NUMBER}
PHONE_NUMBER_MAIN = {"phone_number_uuid": Field("uuid", required=True)}
LIST_PARAMETERS = {  # wazo-confd's ListSchema (xivo.mallow fields)
    "limit": Field("count", minimum=0, dicts=True),
    "offset": Field("count", minimum=0, dicts=True),
    "search": Field("string", dicts=True),
    "recurse": Field("flag", dicts=True),
}
TOKEN_REQUEST = {  # wazo-auth's TokenRequestSchema
    "backend": Field("string", dicts=True),
    "expiration": Field("integer", minimum=1, maximum=TEN_YEARS, dicts=True),
    "access_type": Field("string", choices=("online", "offline"), dicts=True),
    "client_id": Field("string", length=(1, 1024), dicts=True),
    "saml_session_id": Field("string", length=(1, 1024), dicts=True),
    "refresh_token": Field("string", dicts=True),
    "tenant_id": Field("string", dicts=True),
    "domain_name": Field("string", dicts=True),
}
#: operationId -> (its body's fields, partial: required fields may be left out)
CONFD_BODIES: dict[str, tuple[Mapping[str, Field], bool]] = {
    "create_phone_number": (PHONE_NUMBER, False),
    "update_phone_numbers": (PHONE_NUMBER, True),
    "create_phone_numbers_range": (PHONE_NUMBER_RANGE, False),
    "set_phone_number_main": (PHONE_NUMBER_MAIN, False),
}
LIST_OPERATION = "list_phone_numbers"
SORT_COLUMNS = ("number", "caller_id_name", "shared", "main")
DIRECTIONS = ("asc", "desc")


def _message(field: Field, text: str, constraint_id: str, constraint: Any) -> Any:
    if not field.dicts:
        return text
    if constraint_id in ("type", "required", "not_null"):
        return {"message": text, "constraint_id": constraint_id, "constraint": constraint}
    return {"constraint_id": constraint_id, "constraint": constraint, "message": text}


def _type_ok(field: Field, value: Any) -> bool:
    kind = field.type
    if kind == "string":
        return isinstance(value, str)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "flag":
        return isinstance(value, str) and value.lower() in ("true", "false")
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool) or isinstance(value, float) and value.is_integer()
    if kind == "count":
        return isinstance(value, str) and QUERY_INTEGER.match(value) is not None
    if kind == "uuid":
        return isinstance(value, str) and UUID_TEXT.match(value) is not None
    raise ValueError(f"unknown field type {kind}")


def _validators(field: Field, value: Any) -> list[Any]:
    found = []
    if field.length is not None and not field.length[0] <= len(value) <= field.length[1]:
        low, high = field.length
        found.append(_message(field, f"Length must be between {low} and {high}.", "length", {"min": low, "max": high}))
    if field.digits and DIGITS.match(value) is None:
        found.append(NOT_DIGITS)
    number = int(value) if field.type in ("integer", "count") else None
    if number is not None and ((field.minimum is not None and number < field.minimum)
                               or (field.maximum is not None and number > field.maximum)):
        bounds = {k: v for k, v in (("min", field.minimum), ("max", field.maximum)) if v is not None}
        text = " and ".join(f"{'greater' if k == 'min' else 'less'} than or equal to {v}" for k, v in bounds.items())
        found.append(_message(field, f"Must be {text}.", "range", bounds))
    if field.choices and value not in field.choices:
        found.append(_message(field, f"Must be one of: {', '.join(field.choices)}.", "enum",
                              {"choices": list(field.choices)}))
    return found


def check(fields: Mapping[str, Field], data: Mapping[str, Any], *, partial: bool = False) -> dict[str, list[Any]]:
    """Every field marshmallow would refuse in ``data`` -> its messages, in the schema's order."""
    errors: dict[str, list[Any]] = {}
    for name, field in fields.items():
        if name not in data:
            if field.required and not partial:
                errors[name] = [_message(field, "Missing data for required field.", "required", "required")]
            continue
        value = data[name]
        if value is None:
            if not field.nullable:
                errors[name] = [_message(field, "Field may not be null.", "not_null", "not_null")]
            continue
        if not _type_ok(field, value):
            kind = TYPE_NAMES[field.type]
            errors[name] = [_message(field, f"Not a valid {kind}.", "type", kind.lower())]
            continue
        found = _validators(field, value)
        if found:
            errors[name] = found
    return errors


def _parse(raw: bytes) -> Any:
    """The body as Flask's get_json(force=True) reads it; ValueError when it can't."""
    if not raw.strip():
        raise ValueError("no body")
    return json.loads(raw.decode("utf-8"))


def explain_confd(operation_id: str | None, args: Mapping[str, str], raw: bytes) -> list[str] | None:
    """wazo-confd's messages for a request the spec refused; None when these checks find nothing."""
    if operation_id == LIST_OPERATION:
        return list_parameter_errors(args)
    if operation_id not in CONFD_BODIES:
        return None
    try:
        body = _parse(raw)
    except ValueError:
        return [BAD_REQUEST]
    if not isinstance(body, dict):
        return [f"Input Error - _schema: {[INVALID_INPUT]}"]
    fields, partial = CONFD_BODIES[operation_id]
    errors = check(fields, body, partial=partial)
    return [f"Input Error - {name}: {messages}" for name, messages in errors.items()] or None


def list_parameter_errors(args: Mapping[str, str]) -> list[str] | None:
    """The list's parameters as wazo-confd checks them: ListSchema's fields all at once, then
    xivo-dao's search rules one at a time (limit, direction, the exact filters, order)."""
    present = {name: args.get(name) for name in LIST_PARAMETERS if name in args}
    errors = check(LIST_PARAMETERS, present)
    if errors:
        return [f"Input Error - {name}: {messages}" for name, messages in errors.items()]
    if "limit" in args and int(args["limit"]) <= 0:
        return ["Input Error - field 'limit': wrong type. Should be a positive number"]
    if args.get("direction", "asc") not in DIRECTIONS:
        return ["Input Error - direction: must be 'asc' or 'desc'"]
    for name in ("shared", "main"):  # a database error on Wazo (decision 9)
        if name in args and args[name].lower() not in ("true", "false"):
            return [f"Input Error - {name}: {['Not a valid boolean.']}"]
    order = args.get("order") or "number"
    if order not in SORT_COLUMNS:
        return [f"Input Error - order: column '{order}' was not found"]
    return None


def explain_token_body(raw: bytes) -> str | None:
    """wazo-auth's reason for a token request the spec refused: the str() of marshmallow's messages."""
    try:
        body = _parse(raw)
    except ValueError:
        return BAD_REQUEST
    if not isinstance(body, dict):
        return str({"_schema": [INVALID_INPUT]})
    errors = check(TOKEN_REQUEST, body)
    return str(errors) if errors else None


def token_rules(body: Mapping[str, Any]) -> list[str]:
    """TokenRequestSchema's ``@validates_schema`` rules broken by a field-valid ``body``."""
    broken = []
    if body.get("access_type") == "offline":
        if body.get("refresh_token"):
            broken.append('cannot use the "access_type" "offline" with a refresh token')
        elif not body.get("client_id"):
            broken.append('"client_id" must be specified when using "access_type" is "offline"')
    if body.get("tenant_id") and body.get("domain_name"):
        broken.append('"tenant_id" and "domain_name" must be mutually exclusive')
    if body.get("refresh_token") and not body.get("client_id"):
        broken.append('"client_id" must be specified when using a "refresh_token"')
    if body.get("saml_session_id") and body.get("refresh_token"):
        broken.append('Cannot use a "saml_session_id" and a "refresh_token" at the same time')
    return broken


def range_rules(start: str, end: str) -> list[str]:
    """PhoneNumberRangeSpecSchema's rule (start precedes end as text, 1..10000 numbers), and the
    emulator's own: both numbers with a leading + or both without (decision 10)."""
    if not start <= end:
        return ["start phone number must precede end phone number"]
    size = int(end.replace("+", "")) - int(start.replace("+", "")) + 1
    if not 1 <= size <= MAX_RANGE_SIZE:
        return [f"range size must be between 1 and {MAX_RANGE_SIZE}"]
    if start.startswith("+") != end.startswith("+"):
        return ["start and end phone numbers must both have a leading + or both not"]
    return []


def canonical_uuid(text: str) -> str:
    """The lower-case hyphenated form (how Wazo's UUID fields and converters hand a uuid on)."""
    return str(uuid.UUID(text))
