"""Request and response validation against a bundled OpenAPI spec.

Two engines behind one interface:

- ``FastEngine`` (default). At start-up it compiles, per operation, one jsonschema-rs validator for
  the parameters (a pseudo-object of the path and query parameters, coerced from strings the way
  OpenAPI's form style defines) and one for the body, and one per documented response status; the
  idea is stripe-mock's. Validation then costs microseconds instead of openapi-core's milliseconds
  (see bench/).
- ``OpenAPICoreEngine``: openapi-core, the engine of record. The test-suite holds the fast engine to
  it (same verdict on generated requests and responses); ``--validation-engine openapi-core`` serves
  with it, for anyone who wants the reference behaviour at its price.

Failures carry the HTTP status a provider would use (400, 413, 415) and the name of the bad field,
so each provider can render them in its own error shape.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Mapping, Protocol
from urllib.parse import parse_qsl, urlsplit

import jsonschema_rs

STRICT, WARN, OFF = "strict", "warn", "off"
MODES = (STRICT, WARN, OFF)
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


class ValidationFailure(Exception):
    """A request broke the contract. ``field`` names the offending parameter or body member."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.field = field
        self.message = message


class ResponseContractError(Exception):
    """The emulator itself answered outside its spec: a bug, surfaced loudly in strict mode."""


@dataclass
class ValidatedRequest:
    params: dict[str, Any] = field(default_factory=dict)  # path and query parameters, coerced
    body: Any = None


class Engine(Protocol):
    def validate_request(
        self, operation_id: str, path_params: Mapping[str, str], query: Any, content_type: str | None, body: bytes
    ) -> ValidatedRequest: ...

    def validate_response(
        self, operation_id: str, status: int, payload: Any, raw: bytes, headers: Mapping[str, str] | None = None
    ) -> list[str]: ...


# -- spec helpers ------------------------------------------------------------------------------------
def resolve_refs(node: Any, root: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """``node`` with every local ``$ref`` inlined (our specs have no recursive schemas)."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                raise ValueError(f"recursive $ref {ref}")
            target: Any = root
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            return resolve_refs(merged, root, seen + (ref,))
        return {k: resolve_refs(v, root, seen) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve_refs(v, root, seen) for v in node]
    return node


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str  # the spec's template, e.g. /v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent
    spec: Mapping[str, Any]  # the operation object, refs resolved
    parameters: tuple[Mapping[str, Any], ...]


class Operations(Mapping[str, Operation]):
    """The operations of a spec by operationId. Each is resolved (refs inlined) on first use: a
    server answers its first request without resolving the specs of every surface first."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self._spec = spec
        self._where: dict[str, tuple[str, str]] = {}  # operationId -> (path, method)
        for path, item in spec.get("paths", {}).items():
            for method, op in item.items():
                if method in ("get", "put", "post", "patch", "delete"):
                    self._where[op["operationId"]] = (path, method)
        self._resolved: dict[str, Operation] = {}

    def __getitem__(self, operation_id: str) -> Operation:
        found = self._resolved.get(operation_id)
        if found is None:
            path, method = self._where[operation_id]
            item = self._spec["paths"][path]
            resolved = resolve_refs(item[method], self._spec)
            params = {(p["name"], p["in"]): p for p in resolve_refs(item.get("parameters", []), self._spec)}
            params.update({(p["name"], p["in"]): p for p in resolved.get("parameters", [])})
            found = Operation(operation_id, method.upper(), path, resolved, tuple(params.values()))
            self._resolved[operation_id] = found
        return found

    def __contains__(self, operation_id: object) -> bool:
        return operation_id in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def operations(spec: Mapping[str, Any]) -> Operations:
    return Operations(spec)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


# -- the fast engine -------------------------------------------------------------------------------
_INTEGER = re.compile(r"^-?[0-9]+$")
_NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


def _coerce(value: str, schema: Mapping[str, Any]) -> Any:
    """A query string value as the type its schema declares; left as text when it is not one,
    so that the schema check reports it."""
    kind = schema.get("type")
    if kind == "integer" and _INTEGER.match(value):
        return int(value)
    if kind == "number" and _NUMBER.match(value):
        return float(value)
    if kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"  # "True" too: form-encoding clients send it
    return value


def _field_of(error: Any, prefix: str = "") -> str:
    parts = [str(p) for p in error.instance_path]
    kind = error.kind
    for attribute in ("property",):
        extra = getattr(kind, attribute, None)
        if isinstance(extra, str):
            parts.append(extra)
    unexpected = getattr(kind, "unexpected", None)
    if unexpected:
        parts.append(str(list(unexpected)[0]))
    name = ".".join(parts)
    return f"{prefix}.{name}" if prefix and name else (prefix or name)


def _first_error(validator: Any, instance: Any) -> Any | None:
    if validator.is_valid(instance):  # a few times faster than collecting errors: the usual case
        return None
    for error in validator.iter_errors(instance):
        return error
    return None


@dataclass
class _Compiled:
    empty_allowed: frozenset[str]
    param_schemas: dict[str, Mapping[str, Any]]
    array_params: frozenset[str]
    params: Any  # jsonschema-rs validator of the parameter object
    body_media: str | None
    body_required: bool
    body: Any | None
    body_properties: dict[str, Any]  # form bodies: field -> schema, to type the text values
    responses: dict[str, Any | None]  # "200" / "default" -> validator (None: no body)
    listings: dict[str, "_Listing"]  # responses that are a list of records (see _Listing)


@dataclass
class _Listing:
    """A response whose body holds one array of records: validated as an envelope (the array's
    items left open) plus each record, so a record object already found valid is not checked
    again. Checking costs about 1 us per record, mostly converting it for the Rust validator; a
    page of 100 cached records would otherwise pay that on every request."""

    key: str
    envelope: Any
    item: Any
    valid: dict[int, Any] = field(default_factory=dict)  # id -> record found valid (kept alive)


def _listing(validator_for: Callable[[Mapping[str, Any]], Any], schema: Mapping[str, Any]) -> _Listing | None:
    properties = schema.get("properties") or {}
    arrays = [k for k, v in properties.items() if isinstance(v, Mapping) and v.get("type") == "array" and v.get("items")]
    if schema.get("type") != "object" or len(arrays) != 1:
        return None
    key = arrays[0]
    envelope = {**schema, "properties": {**properties, key: {**properties[key], "items": {}}}}
    return _Listing(key, validator_for(envelope), validator_for(properties[key]["items"]))


class _CompiledOperations(dict):
    def __init__(self, engine: "FastEngine") -> None:
        super().__init__()
        self._engine = engine

    def __missing__(self, operation_id: str) -> "_Compiled":
        compiled = self[operation_id] = self._engine._compile(self._engine.operations[operation_id])
        return compiled


class FastEngine:
    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.operations = operations(spec)
        self._compiled = _CompiledOperations(self)  # compiled on first use, like the operations

    @staticmethod
    def _validator(schema: Mapping[str, Any]) -> Any:
        return jsonschema_rs.validator_for(dict(schema), validate_formats=True)

    def _compile(self, op: Operation) -> _Compiled:
        properties: dict[str, Any] = {}
        required: list[str] = []
        arrays = set()
        empty_allowed = set()
        for p in op.parameters:
            if p["in"] not in ("path", "query"):
                continue
            if p.get("allowEmptyValue"):
                empty_allowed.add(p["name"])
            schema = p.get("schema", {})
            properties[p["name"]] = schema
            if schema.get("type") == "array":
                arrays.add(p["name"])
            if p.get("required"):
                required.append(p["name"])
        params = self._validator({"type": "object", "properties": properties, "required": required})
        body_media = body = None
        body_required = False
        body_properties: dict[str, Any] = {}
        request_body = op.spec.get("requestBody")
        if request_body:
            body_media, media = next(iter(request_body["content"].items()))
            body = self._validator(media.get("schema", {}))
            body_properties = media.get("schema", {}).get("properties", {}) if body_media == FORM else {}
            body_required = bool(request_body.get("required"))
        responses = {}
        listings: dict[str, _Listing] = {}
        for status, response in op.spec.get("responses", {}).items():
            content = (response.get("content") or {}).get(JSON)
            responses[str(status)] = self._validator(content["schema"]) if content and "schema" in content else None
            listing = _listing(self._validator, content["schema"]) if content and "schema" in content else None
            if listing is not None:
                listings[str(status)] = listing
        return _Compiled(
            frozenset(empty_allowed), properties, frozenset(arrays), params, body_media, body_required, body,
            body_properties, responses, listings
        )

    def validate_request(
        self, operation_id: str, path_params: Mapping[str, str], query: Any, content_type: str | None, body: bytes
    ) -> ValidatedRequest:
        c = self._compiled[operation_id]
        values: dict[str, Any] = {}
        for name, schema in c.param_schemas.items():
            if name in path_params:
                values[name] = _coerce(path_params[name], schema)
            elif name in query:
                if query.get(name) == "" and name not in c.empty_allowed:
                    raise ValidationFailure(400, name, f"Invalid value for {name}: an empty value is not allowed")
                if name in c.array_params:
                    item_schema = schema.get("items", {})
                    values[name] = [_coerce(v, item_schema) for v in query.getlist(name)]
                else:
                    values[name] = _coerce(query.get(name), schema)
        error = _first_error(c.params, values)
        if error is not None:
            raise ValidationFailure(400, _field_of(error), f"Invalid value for {_field_of(error)}: {error.message}")
        return ValidatedRequest(values, self._body(c, content_type, body))

    VALID_RECORDS_SIZE = 65536

    def _listing_is_valid(self, listing: _Listing, payload: Any) -> bool:
        """True when the envelope and every record are valid; records already found valid (the
        same dict object, kept alive here so its id is not reused) are not checked again."""
        records = payload.get(listing.key) if isinstance(payload, dict) else None
        if not isinstance(records, list) or not listing.envelope.is_valid(payload):
            return False
        known = listing.valid
        for record in records:
            if known.get(id(record)) is record:
                continue
            if not listing.item.is_valid(record):
                return False
            if len(known) >= self.VALID_RECORDS_SIZE:
                known.clear()
            known[id(record)] = record
        return True

    @staticmethod
    def _body(c: _Compiled, content_type: str | None, raw: bytes) -> Any:
        if c.body_media is None:
            return None
        if not raw:
            if c.body_required:
                raise ValidationFailure(400, "body", "A request body is required")
            return None
        if media_type(content_type) != c.body_media:
            raise ValidationFailure(415, "Content-Type", f"Content-Type must be {c.body_media}, not {content_type or 'missing'}")
        parsed = parse_body(c.body_media, raw)
        if c.body_properties:
            parsed = {k: _coerce(v, c.body_properties.get(k, {})) for k, v in parsed.items()}
        error = _first_error(c.body, parsed)
        if error is not None:
            name = _field_of(error)
            raise ValidationFailure(400, name or "body", f"Invalid value for {name or 'body'}: {error.message}")
        return parsed

    def validate_response(
        self, operation_id: str, status: int, payload: Any, raw: bytes, headers: Mapping[str, str] | None = None
    ) -> list[str]:
        responses = self._compiled[operation_id].responses
        key = str(status) if str(status) in responses else "default"
        if key not in responses:
            return [f"{operation_id}: status {status} is not documented"]
        validator = responses[key]
        if validator is None:
            return []
        listing = self._compiled[operation_id].listings.get(key)
        if listing is not None and self._listing_is_valid(listing, payload):
            return []
        if validator.is_valid(payload):
            return []
        return [f"{operation_id} {status} {_field_of(e) or 'body'}: {e.message}" for e in validator.iter_errors(payload)]


def parse_body(media: str, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationFailure(400, "body", "The request body is not valid UTF-8") from None
    if media == FORM:
        form: dict[str, str] = {}
        for key, value in parse_qsl(text, keep_blank_values=True):
            form.setdefault(key, value)  # a repeated key: the first value counts, as servlet APIs read it
        return form
    try:
        parsed = json.loads(text)
    except ValueError as exc:
        raise ValidationFailure(400, "body", f"Invalid JSON payload: {exc}") from None
    except RecursionError:
        raise ValidationFailure(400, "body", "Invalid JSON payload: nested too deeply") from None
    bad = _unencodable_string(parsed) if "\\u" in text else None
    if bad is not None:
        # "\ud800" is valid JSON syntax but no Unicode text: it could be stored, never sent back.
        raise ValidationFailure(400, bad or "body", f"Invalid value for {bad or 'body'}: an unpaired surrogate escape")
    return parsed


def _unencodable_string(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (or key) that is not valid Unicode text, else None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return path
        return None
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        child_path = f"{path}.{key}" if path else str(key)
        if isinstance(key, str) and _unencodable_string(key) is not None:
            return child_path
        found = _unencodable_string(child, child_path)
        if found is not None:
            return found
    return None


# -- the reference engine ---------------------------------------------------------------------------
class OpenAPICoreEngine:
    """openapi-core validating raw requests and responses: slow, and the reference."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        from openapi_core import OpenAPI

        self.spec = _without_security(copy.deepcopy(dict(spec)))
        server = urlsplit(self.spec["servers"][0]["url"])
        self._origin = f"{server.scheme}://{server.netloc}"
        self._base = server.path.rstrip("/")
        self.openapi = OpenAPI.from_dict(self.spec)
        self.operations = operations(spec)
        self._fast = FastEngine(spec)  # reused only to name the field of a failure

    def _request(self, operation_id: str, path_params: Mapping[str, str], query: Any, content_type: str | None, body: bytes):
        from openapi_core.datatypes import RequestParameters
        from werkzeug.datastructures import Headers, ImmutableMultiDict

        op = self.operations[operation_id]
        path = op.path
        for name, value in path_params.items():
            path = path.replace("{" + name + "}", value)
        items = [(k, v) for k in query for v in query.getlist(k)] if hasattr(query, "getlist") else list(query.items())
        headers = Headers()
        if content_type:
            headers["Content-Type"] = content_type
        return _CoreRequest(
            host_url=self._origin,
            path=self._base + path,
            method=op.method.lower(),
            parameters=RequestParameters(query=ImmutableMultiDict(items), header=headers, cookie=ImmutableMultiDict(), path={}),
            content_type=content_type or "",
            body=body or None,
        )

    def validate_request(
        self, operation_id: str, path_params: Mapping[str, str], query: Any, content_type: str | None, body: bytes
    ) -> ValidatedRequest:
        request = self._request(operation_id, path_params, query, content_type, body)
        result = self.openapi.unmarshal_request(request)
        if result.errors:
            try:  # name the field the way the fast engine does
                self._fast.validate_request(operation_id, path_params, query, content_type, body)
            except ValidationFailure as failure:
                raise failure from None
            raise ValidationFailure(400, "request", _describe(result.errors[0]))
        return self._fast.validate_request(operation_id, path_params, query, content_type, body)

    def validate_response(
        self, operation_id: str, status: int, payload: Any, raw: bytes, headers: Mapping[str, str] | None = None
    ) -> list[str]:
        request = self._request(operation_id, {}, {}, None, b"")
        op = self.operations[operation_id]
        request.path = self._base + re.sub(r"\{[^}]+\}", "x", op.path)
        from werkzeug.datastructures import Headers

        response = _CoreResponse(status, JSON, Headers({"Content-Type": JSON, **(headers or {})}), raw)
        try:
            self.openapi.validate_response(request, response)
        except Exception as exc:  # openapi-core raises several error classes
            return [f"{operation_id} {status}: {_describe(exc)}"]
        return []


def _without_security(spec: dict[str, Any]) -> dict[str, Any]:
    """``spec`` without security requirements. Credentials are the provider auth hook's business
    (openapi-core cannot check oauth2, an API key in a header or a bearer token it never issued):
    verdicts are on a request's shape alone, whatever scheme a spec declares."""
    spec.pop("security", None)
    for item in spec.get("paths", {}).values():
        for op in item.values():
            if isinstance(op, dict):
                op.pop("security", None)
    return spec


def _describe(error: BaseException) -> str:
    causes = [error]
    while causes[-1].__cause__ is not None:
        causes.append(causes[-1].__cause__)
    extra = getattr(error, "schema_errors", None) or []
    try:
        return "; ".join([str(c) for c in causes] + [str(e.message) for e in extra])
    except UnicodeDecodeError:  # openapi-core's MediaTypeDeserializeError on a non-UTF-8 body
        return type(error).__name__


@dataclass
class _CoreRequest:
    host_url: str
    path: str
    method: str
    parameters: Any
    content_type: str
    body: bytes | None

    @property
    def full_url_pattern(self) -> str:
        return self.host_url + self.path


@dataclass
class _CoreResponse:
    status_code: int
    content_type: str
    headers: Any
    data: bytes


ENGINES = {"fast": FastEngine, "openapi-core": OpenAPICoreEngine}


def build_engine(name: str, spec: Mapping[str, Any]) -> Engine:
    try:
        return ENGINES[name](spec)
    except KeyError:
        raise ValueError(f"unknown validation engine {name!r}; choose from {sorted(ENGINES)}") from None


def check_response(
    engine: Engine, mode: str, operation_id: str, status: int, payload: Any, raw: bytes,
    headers: Mapping[str, str] | None = None,
) -> list[str]:
    """Validate a response in ``mode``: strict raises, warn returns the problems, off skips."""
    if mode == OFF:
        return []
    problems = engine.validate_response(operation_id, status, payload, raw, headers)
    if problems and mode == STRICT:
        raise ResponseContractError("; ".join(problems))
    return problems
