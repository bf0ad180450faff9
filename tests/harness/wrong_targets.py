"""Deliberately wrong providers: a real emulator app behind WSGI middleware that breaks one thing
of the contract. Each is served live on a free port, so the harness meets it over HTTP exactly as it
would meet a real provider that broke its contract."""
from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.wrappers import Request, Response

from emulator.config import Config
from emulator.pytest_plugin import _Server

# (request, status, parsed JSON body) -> (status, body) to answer instead
Rewrite = Callable[[Request, int, Any], tuple[int, Any]]


class Corrupt:
    """Answers as the wrapped app does, but JSON answers pass through ``rewrite`` first; ``before``
    may rewrite the WSGI environ of the request."""

    def __init__(self, app: Any, rewrite: Rewrite | None = None, before: Callable[[dict], None] | None = None) -> None:
        self.app, self.rewrite, self.before = app, rewrite, before

    def __call__(self, environ: dict, start_response: Callable) -> Any:
        if self.before:
            self.before(environ)
        request = Request(environ)
        response = Response.from_app(self.app, environ)
        if self.rewrite and response.mimetype == "application/json" and response.get_data():
            status, body = self.rewrite(request, response.status_code, json.loads(response.get_data()))
            response.status_code = status
            response.set_data(json.dumps(body))
        return response(environ, start_response)


@contextmanager
def serve(wrap: Callable[[Any], Any] | None = None) -> Iterator[_Server]:
    """An emulator (strict validation, its own world) behind ``wrap``, in a thread; yields the
    server (``base_url``, and ``app.world`` to look behind the HTTP)."""
    server = _Server(Config(validation="strict"), wrap=wrap)
    try:
        yield server
    finally:
        server.stop()


# -- the wrong providers -------------------------------------------------------------------------
def wrong_field_type(app: Any) -> Corrupt:
    """Sinch's availableRegions answers each regionName as a number."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if request.path.endswith("/availableRegions") and status == 200:
            for region in body.get("availableRegions", []):
                region["regionName"] = 42
        return status, body
    return Corrupt(app, rewrite)


def accepts_bad_input(app: Any) -> Corrupt:
    """Sinch's availableRegions answers 200 (no regions) where it should refuse a bad ``types``."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if request.path.endswith("/availableRegions") and status == 400:
            return 200, {"availableRegions": []}
        return status, body
    return Corrupt(app, rewrite)


def missing_required_field(app: Any) -> Corrupt:
    """Wazo's list of phone numbers has no ``total``."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if request.method == "GET" and request.path.endswith("/confd/1.1/phone-numbers") and status == 200:
            body.pop("total", None)
        return status, body
    return Corrupt(app, rewrite)


def server_error_on_bad_input(app: Any) -> Corrupt:
    """Enfonica answers 500 to every request it refuses with a 400."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if status == 400:
            return 500, {"error": {"code": 500, "message": "Internal error encountered.", "status": "INTERNAL", "details": []}}
        return status, body
    return Corrupt(app, rewrite)


def bought_number_missing_from_list(app: Any) -> Corrupt:
    """Twilio's list of incoming numbers leaves out the newest one."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if request.method == "GET" and request.path.endswith("/IncomingPhoneNumbers.json") and status == 200:
            numbers = body.get("incoming_phone_numbers", [])
            newest = max(numbers, key=lambda n: n["date_created"], default=None)
            body["incoming_phone_numbers"] = [n for n in numbers if n is not newest]
        return status, body
    return Corrupt(app, rewrite)


def other_tenant_readable(app: Any) -> Corrupt:
    """Sinch reads a number of any project for any valid key: tenant 2's reads are served as
    tenant 1's (its key and project rewritten), as a provider that scopes lookups by nothing would."""
    tenant_1 = "Basic " + base64.b64encode(b"test-key:test").decode()
    tenant_2 = "Basic " + base64.b64encode(b"test-key-2:test").decode()

    def before(environ: dict) -> None:
        if environ.get("HTTP_AUTHORIZATION") == tenant_2 and "/activeNumbers/" in environ.get("PATH_INFO", ""):
            environ["HTTP_AUTHORIZATION"] = tenant_1
            environ["PATH_INFO"] = environ["PATH_INFO"].replace("/projects/test-project-2/", "/projects/test-project/")
    return Corrupt(app, before=before)


def error_in_wrong_shape(app: Any) -> Corrupt:
    """Twilio's errors come as ``{"error": message}`` instead of its code / message / more_info / status."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if status >= 400 and isinstance(body, dict) and "code" in body:
            return status, {"error": body.get("message", "")}
        return status, body
    return Corrupt(app, rewrite)


def extra_field_and_other_code(app: Any) -> Corrupt:
    """For the drift tests: Twilio numbers carry an extra field, and "not found" is code 20405."""
    def rewrite(request: Request, status: int, body: Any) -> tuple[int, Any]:
        if request.path.rstrip("/").split("/")[-1].startswith("PN") and status == 200:
            body["x_region_hint"] = "us-west"
        if status == 404 and body.get("code") == 20404:
            body["code"] = 20405
        return status, body
    return Corrupt(app, rewrite)
