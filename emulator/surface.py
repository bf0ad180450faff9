"""The mechanism every provider surface shares: one Flask blueprint whose views are wrapped so that

1. the provider's auth hook authenticates the caller,
2. the request is validated against the surface's bundled spec (``emulator.validation``),
3. the view (named after the operationId) translates to core calls and returns a payload,
4. the response, errors included, is validated against the spec before it leaves,
5. every failure (core error, validation failure, auth, HTTP error) is rendered in the provider's
   own error shape by the provider's ``render_error`` hook.

Providers supply only the hooks and the views; nothing here knows a provider's name.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import wraps
from typing import Any, Callable, Mapping, Protocol

from flask import Blueprint, Response, g, request
from werkzeug.exceptions import HTTPException

from .core.errors import CoreError
from .validation import Engine, ResponseContractError, ValidatedRequest, ValidationFailure, check_response

log = logging.getLogger("numbers_emulator")


class ProviderError(Exception):
    """A failure a provider module raises with its own code (rendered by its error renderer)."""


class AuthError(Exception):
    """Authentication failed (401) or the caller may not act on this tenant (403)."""

    def __init__(self, status: int, message: str, challenge: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.challenge = challenge


class DropConnection(Exception):
    """Raised by an interceptor: the client gets headers and then a connection that ends before
    the body promised (what a network drop or a crashed upstream looks like from the client)."""


def _dropped_response() -> Response:
    def body():
        raise ConnectionAbortedError("numbers-emulator: connection dropped by an injected fault")
        yield b""  # pragma: no cover (makes this a generator)

    response = Response(body(), 200, mimetype="application/json")
    response.headers["Content-Length"] = "1024"
    return response


class ErrorRenderer(Protocol):
    def __call__(self, error: Exception) -> tuple[Any, int, Mapping[str, str]]: ...


@dataclass
class Reply:
    """A view's answer: a JSON payload and a status (200 by default); ``raw``, when set, is the
    payload already encoded (see :class:`Fragments`)."""

    payload: Any
    status: int = 200
    headers: Mapping[str, str] | None = None
    raw: bytes | None = None

    @classmethod
    def of(cls, fragment: tuple[Any, bytes], status: int = 200) -> "Reply":
        """A reply from a pre-encoded ``(payload, raw)`` fragment."""
        return cls(fragment[0], status, raw=fragment[1])

    @classmethod
    def listing(cls, list_key: str, items: list[tuple[Any, bytes]], **rest: Any) -> "Reply":
        """``{list_key: [items...], **rest}`` from pre-encoded items, without re-encoding them."""
        payload = {list_key: [item for item, _ in items], **rest}
        head = b'{"' + list_key.encode() + b'":[' + b",".join(raw for _, raw in items) + b"]"
        tail = b"," + _dumps(rest)[1:] if rest else b"}"
        return cls(payload, raw=head + tail)


class Fragments:
    """The JSON of immutable core records (offers, owned-number records), rendered once per record.

    The core never mutates a record (a change replaces it), so a record object always renders the
    same: the rendering and its encoding are kept by the record's identity (the entry holds the
    record, so its id can't be reused while cached). Encoding is the largest share of a list
    request's cost; a page of 100 records reuses 100 fragments instead of encoding 100 dicts."""

    def __init__(self, size: int = 65536) -> None:
        self.size = size
        self._entries: dict[int, tuple[Any, Any, bytes]] = {}

    def __call__(self, record: Any, render: Callable[[Any], Any]) -> tuple[Any, bytes]:
        entry = self._entries.get(id(record))
        if entry is None or entry[0] is not record:
            payload = render(record)
            entry = (record, payload, _dumps(payload))
            if len(self._entries) >= self.size:
                self._entries.clear()
            self._entries[id(record)] = entry
        return entry[1], entry[2]


def request_body() -> bytes:
    """The raw body, refusing one over the app's limit even when it arrives chunked: Werkzeug stops
    reading a chunked body at MAX_CONTENT_LENGTH without saying so, which would truncate it."""
    environ = request.environ
    if not environ.get("CONTENT_LENGTH") and "chunked" not in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return b""  # no body announced (a plain GET): nothing to read
    raw = request.get_data(cache=True)
    limit = request.max_content_length  # the app's limit, unless a route raised its own
    if limit and request.content_length is None and len(raw) >= limit:
        if request.environ["wsgi.input"].read(1):
            raise ValidationFailure(413, "body", f"The request body is larger than {limit} bytes")
    return raw


def _dumps(payload: Any) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


class Surface:
    """One provider dialect: a blueprint plus its spec engine, validation mode and hooks."""

    def __init__(
        self,
        name: str,
        engine: Engine,
        mode: str,
        render_error: ErrorRenderer,
        authenticate: Callable[[str, Mapping[str, str]], Any] | None = None,
        prefix: str | None = None,
    ) -> None:
        self.name = name
        self.prefix = prefix  # where the app mounts it; None: "/" + the provider's NAME
        self.engine = engine
        self.mode = mode
        self.render_error = render_error
        self.authenticate = authenticate
        self.blueprint = Blueprint(name, __name__)
        self._validated: dict[tuple, ValidatedRequest] = {}
        # Set by the app: called once the caller is known, before validation; it may delay the
        # request or raise an HTTPException (the control API's injected faults).
        self.interceptor: Callable[[Surface, str, Mapping[str, str], Any], None] | None = None

    def operation(self, operation_id: str, *, authenticated: bool = True) -> Callable:
        """Wrap a view as the implementation of ``operation_id``."""
        if operation_id not in self.engine.operations:  # type: ignore[attr-defined]
            raise KeyError(f"{operation_id} is not in the {self.name} spec")

        def decorate(view: Callable[..., Reply]) -> Callable[..., Response]:
            @wraps(view)
            def handle(**path_params: str) -> Response:
                g.operation_id = operation_id
                try:
                    principal = self.authenticate(operation_id, path_params) if authenticated and self.authenticate else None
                    if self.interceptor is not None:
                        try:
                            self.interceptor(self, operation_id, path_params, principal)
                        except DropConnection:
                            return _dropped_response()
                    validated = self.validate_request(operation_id, path_params)
                    reply = view(validated, principal)
                except ValidationFailure as error:
                    g.request_problem = f"{error.field}: {error.message}"
                    return self.error_response(error, operation_id)
                except (CoreError, AuthError, ProviderError) as error:
                    return self.error_response(error, operation_id)
                return self.respond(operation_id, reply)

            return handle

        return decorate

    VALIDATED_CACHE_SIZE = 4096

    def validate_request(self, operation_id: str, path_params: dict[str, str]) -> ValidatedRequest:
        """Validate (and coerce) the current request against the spec.

        Validation is a pure function of the request, so the verdict on a body-less request (the
        GETs that clients repeat: searches, polling) is remembered, keyed by operation, path
        parameters and raw query string. Views treat ``validated`` as read-only."""
        body = request_body()
        if body:
            return self.engine.validate_request(operation_id, path_params, request.args, request.content_type, body)
        key = (operation_id, tuple(path_params.items()), request.environ.get("QUERY_STRING", ""))
        validated = self._validated.get(key)
        if validated is None:
            validated = self.engine.validate_request(operation_id, path_params, request.args, request.content_type, body)
            if len(self._validated) >= self.VALIDATED_CACHE_SIZE:
                self._validated.clear()
            self._validated[key] = validated
        return validated

    def respond(self, operation_id: str | None, reply: Reply) -> Response:
        if reply.status == 204:  # No Content: no body at all, not "null"
            raw, mimetype = b"", None
        else:
            raw, mimetype = (reply.raw if reply.raw is not None else _dumps(reply.payload)), "application/json"
        problems: list[str] = []
        if operation_id is not None:
            problems = check_response(self.engine, self.mode, operation_id, reply.status, reply.payload, raw, reply.headers)
        response = Response(raw, reply.status, mimetype=mimetype)
        for key, value in (reply.headers or {}).items():
            response.headers[key] = value
        if problems:
            g.contract_problems = problems
            log.warning("%s response breaks the spec: %s", self.name, "; ".join(problems))
            response.headers["X-Emulator-Contract-Warning"] = problems[0][:500]
        return response

    def error_response(self, error: Exception, operation_id: str | None = None) -> Response:
        payload, status, headers = self.render_error(error)
        return self.respond(operation_id, Reply(payload, status, headers))

    def http_error_response(self, error: HTTPException) -> Response:
        """Routing and protocol errors (404 route, 405, 413) in the provider's shape."""
        response = self.error_response(error, None)
        if error.code == 405 and error.valid_methods:  # type: ignore[attr-defined]
            response.headers["Allow"] = ", ".join(error.valid_methods)  # type: ignore[attr-defined]
        return response

    def contract_error_response(self, error: ResponseContractError) -> Response:
        """The emulator broke its own contract (strict mode): say so loudly, never silently."""
        log.error("%s broke its contract: %s", self.name, error)
        body = {"error": "emulator response broke the bundled spec", "detail": str(error)}
        return Response(_dumps(body), 500, mimetype="application/json")
