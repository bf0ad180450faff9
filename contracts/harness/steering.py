"""Hooks that aim schemathesis' generated cases where behaviour lives, without turning a negative
case into a positive one."""
from __future__ import annotations

import re
from typing import Any

import jsonschema
from schemathesis.core.failures import AcceptedNegativeData


def pin_account(schema: Any, spec: dict, parameter: str, account: str) -> None:
    """Act on the caller's own account: a generated account id that is valid for the spec becomes
    the caller's (a foreign one only ever answers 403 or 404 and hides every other behaviour); an
    invalid one stays, so a negative case stays negative. (schemathesis' fixed ``parameters`` would
    also overwrite the invalid ids of negative cases, which then look accepted.)"""
    validators = {}
    for path, item in spec["paths"].items():
        declared = item.get("parameters", []) + [p for o in item.values() if isinstance(o, dict)
                                                 for p in o.get("parameters", [])]
        for parameter_object in (resolve(spec, d) for d in declared):
            if parameter_object.get("name") == parameter and parameter_object.get("in") == "path":
                validators[path] = jsonschema.Draft202012Validator(resolve(spec, parameter_object.get("schema", {})))

    @schema.hook
    def map_case(context: Any, case: Any) -> Any:
        validator = validators.get(case.operation.path)
        path = case.path_parameters
        if validator is not None and isinstance(path, dict) and parameter in path and validator.is_valid(path[parameter]):
            path[parameter] = account
        return case


def resolve(spec: dict, value: Any) -> Any:
    """``value``, or what its local ``$ref`` (``#/components/...``) points at, followed to the end."""
    while isinstance(value, dict) and isinstance(value.get("$ref"), str) and value["$ref"].startswith("#/"):
        target: Any = spec
        for key in value["$ref"][2:].split("/"):
            target = target[key]
        value = target
    return value if isinstance(value, dict) else {}


_VISIBLE = re.compile(r"^[\t\x20-\x7e]*$")


def only_visible_header_values(schema: Any) -> None:
    """Leave out cases with a header value outside visible ASCII. HTTP servers disagree on those
    (RFC 9110 calls them opaque): granian, which serves the emulator, hands the application an empty
    value, so a negative case would test the server in front of the API, not the API."""

    @schema.hook
    def filter_case(context: Any, case: Any) -> bool:
        headers = case.headers or {}
        return all(_VISIBLE.match(value) for value in headers.values() if isinstance(value, str))


def drop_valid_requests_reported_as_negative(schema: Any, spec: dict, base_url: str) -> None:
    """Keep a "schema-violating request accepted" failure only if the request *as sent* violates the
    spec. schemathesis (4.32) builds some negative cases whose violation never reaches the wire:
    the configured credentials replace a removed or malformed Authorization header, a link's value
    replaces a broken body, a value violating one branch of an ``anyOf`` satisfies another. The
    request sent is then valid, and accepting it is right. openapi-core (the emulator's engine of
    record) judges the request as sent, against the spec served at ``base_url``."""
    from openapi_core import OpenAPI
    from openapi_core.contrib.requests import RequestsOpenAPIRequest

    served = dict(spec, servers=[{"url": base_url.rstrip("/")}])
    validator = OpenAPI.from_dict(served)

    @schema.hook
    def filter_failure(context: Any, failure: Any, case: Any, response: Any) -> bool:
        if not isinstance(failure, AcceptedNegativeData) or response is None:
            return True
        try:
            validator.validate_request(RequestsOpenAPIRequest(response.request))
        except Exception:  # noqa: BLE001 - any refusal means the request as sent is invalid: keep the failure
            return True
        return False
